/* reshare_options.c - the options of every command that reads a reshare
 * log, and the summary lines about what it kept. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/timestamp.h"

void smm_cli_add_reshare_options(GOptionContext *context, SmmCliReshare *r)
{
    GOptionEntry entries[] = {
        {"retweeter", 0, 0, G_OPTION_ARG_STRING, &r->retweeter,
         "Reshare log: the resharer's column (default: found by header name, else 1)", "COL"},
        {"author", 0, 0, G_OPTION_ARG_STRING, &r->author,
         "Reshare log: the original author's column, or none", "COL"},
        {"item", 0, 0, G_OPTION_ARG_STRING, &r->item,
         "Reshare log: the post's id column (tweet id, URL, hashtag), or none", "COL"},
        {"time", 0, 0, G_OPTION_ARG_STRING, &r->time,
         "Reshare log: the timestamp column (Unix seconds or ISO 8601), or none", "COL"},
        {"via", 0, 0, G_OPTION_ARG_STRING, &r->via,
         "Reshare log: the account through whose reshare the resharer saw the post (empty: "
         "unknown; default: a column named via, Jetstream's record.via), or none; cascades "
         "checks its parents against it",
         "COL"},
        {"cascade-by", 0, 0, G_OPTION_ARG_STRING, &r->cascade_by,
         "What makes a cascade: item (one post), author (all reshares of an author) or topic "
         "(the whole log); default: item if the log has a post id, else author, else topic",
         "WHAT"},
        {"only", 0, 0, G_OPTION_ARG_STRING, &r->only,
         "Reshare log: keep only rows whose COL is one of the values, e.g. type=RT", "COL=V[,V]"},
        {"since", 0, 0, G_OPTION_ARG_STRING, &r->since,
         "Reshare log: drop rows before this time (Unix seconds or ISO 8601)", "TIME"},
        {"until", 0, 0, G_OPTION_ARG_STRING, &r->until, "Reshare log: drop rows after this time",
         "TIME"},
        {NULL}};
    GOptionGroup *group = g_option_group_new(
        "reshare", "Reshare log options:", "Show the reshare log options", NULL, NULL);
    g_option_group_add_entries(group, entries);
    g_option_context_add_group(context, group);
}

static gboolean parse_time_option(const char *name, const char *value, double *out, GError **error)
{
    if (smm_time_parse(value, strlen(value), out))
        return TRUE;
    g_autofree gchar *q = smm_quote_value(value, -1);
    g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "--%s %s: expected " SMM_TIME_FORMATS, name, q);
    return FALSE;
}

gboolean smm_cli_reshare_finish(SmmCliReshare *r, const SmmCliInput *in, const SmmCliCommon *common,
                                SmmReshareImportOptions *o, GError **error)
{
    memset(o, 0, sizeof *o);
    smm_cli_csv_options(in, common, smm_cli_header_mode(in), &o->csv);
    if (!smm_cli_input_format(in, &o->format, error))
        return FALSE;
    o->account_column = r->retweeter;
    o->author_column = r->author;
    o->item_column = r->item;
    o->time_column = r->time;
    o->via_column = r->via;
    o->only = r->only;
    if (r->only != NULL) {
        const char *eq = strchr(r->only, '=');
        if (eq == NULL || eq == r->only || eq[1] == '\0') {
            g_autofree gchar *q = smm_quote_value(r->only, -1);
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "--only takes COLUMN=VALUE[,VALUE...], e.g. --only type=RT (got %s)", q);
            return FALSE;
        }
    }
    if (r->since != NULL) {
        o->has_since = TRUE;
        if (!parse_time_option("since", r->since, &o->since, error))
            return FALSE;
    }
    if (r->until != NULL) {
        o->has_until = TRUE;
        if (!parse_time_option("until", r->until, &o->until, error))
            return FALSE;
    }
    r->by_auto = r->cascade_by == NULL;
    if (r->cascade_by == NULL || strcmp(r->cascade_by, "item") == 0)
        r->by = SMM_CASCADE_BY_ITEM;
    else if (strcmp(r->cascade_by, "author") == 0)
        r->by = SMM_CASCADE_BY_AUTHOR;
    else if (strcmp(r->cascade_by, "topic") == 0)
        r->by = SMM_CASCADE_BY_TOPIC;
    else {
        g_autofree gchar *q = smm_quote_value(r->cascade_by, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--cascade-by must be item, author or topic (got %s)", q);
        return FALSE;
    }
    return TRUE;
}

SmmCascadeBy smm_cli_cascade_by(const SmmCliReshare *r, const SmmReshareLog *log)
{
    if (!r->by_auto)
        return r->by;
    return log->item != NULL     ? SMM_CASCADE_BY_ITEM
           : log->author != NULL ? SMM_CASCADE_BY_AUTHOR
                                 : SMM_CASCADE_BY_TOPIC;
}

void smm_cli_reshare_clear(SmmCliReshare *r)
{
    g_free(r->retweeter);
    g_free(r->author);
    g_free(r->item);
    g_free(r->time);
    g_free(r->via);
    g_free(r->cascade_by);
    g_free(r->only);
    g_free(r->since);
    g_free(r->until);
}

void smm_cli_reshare_summary(const char *path, const SmmReshareLog *log, gboolean quiet)
{
    const SmmCsvStats *cs = &log->csv;
    SmmResult *notes = smm_cli_notes();
    smm_result_note_text(notes, "log_input", smm_display_name(path));
    smm_result_note_count(notes, "log_rows_read", cs->data_rows);
    smm_result_note_count(notes, "log_rows_kept", smm_reshare_log_size(log));
    smm_result_note_count(notes, "log_left_out_by_only", log->left_out);
    smm_result_note_count(notes, "log_outside_window", log->outside_window);
    smm_result_note_count(notes, "log_blank_lines", cs->blank_lines);
    if (log->via != NULL)
        smm_result_note_count(notes, "log_reshares_without_via", log->without_via);
    if (cs->format != NULL) {
        smm_result_note_text(notes, "log_format", cs->format);
        smm_result_note_count(notes, "log_records", cs->records);
        for (guint i = 0; i < cs->n_left_out; i++) {
            g_autofree gchar *key = g_strdup_printf("log_left_out_%s", cs->left_out[i].why);
            g_strdelimit(key, " ()", '_');
            smm_result_note_count(notes, key, cs->left_out[i].n);
        }
    }
    if (quiet)
        return;
    g_autoptr(GString) s = g_string_new(NULL);
    g_string_append_printf(s, SMM_NOTE_PREFIX "%s: %" G_GUINT64_FORMAT " rows read, %u kept",
                           smm_display_name(path), cs->data_rows, (guint)smm_reshare_log_size(log));
    if (log->left_out > 0)
        g_string_append_printf(s, "; %" G_GUINT64_FORMAT " left out by --only", log->left_out);
    if (log->outside_window > 0)
        g_string_append_printf(s, "; %" G_GUINT64_FORMAT " outside --since/--until",
                               log->outside_window);
    if (cs->blank_lines > 0)
        g_string_append_printf(s, "; %" G_GUINT64_FORMAT " blank lines skipped", cs->blank_lines);
    if (log->via != NULL && log->without_via > 0)
        g_string_append_printf(s, "; %" G_GUINT64_FORMAT " reshares without via", log->without_via);
    if (cs->format != NULL) {
        g_autofree gchar *left_out = smm_csv_stats_left_out_text(cs);
        gboolean json = smm_input_format_label_is_json(cs->format);
        g_string_append_printf(s, " (%s%s, %" G_GUINT64_FORMAT " %s", cs->format,
                               json ? " JSON lines" : "", cs->records,
                               json ? "records" : "CSV rows");
        if (left_out != NULL)
            g_string_append_printf(s, "; left out %s", left_out);
        g_string_append(s, ")\n");
        fputs(s->str, stderr);
        return;
    }
    static const char *const role[] = {"retweeter", "author", "item", "time", "via"};
    g_string_append(s, " (columns:");
    for (guint c = 0; c < G_N_ELEMENTS(role); c++)
        if (cs->column_index[c] != 0)
            g_string_append_printf(s, " %s %u", role[c], cs->column_index[c]);
    if (cs->header)
        g_string_append(s, "; row 1 is a header");
    g_string_append(s, ")\n");
    fputs(s->str, stderr);
}

void smm_cli_cascades_summary(const SmmCascades *cs, gboolean by_auto, gboolean quiet)
{
    static const char *const by[] = {"post (--cascade-by item)", "author (--cascade-by author)",
                                     "topic: the whole log (--cascade-by topic)"};
    static const char *const by_name[] = {"item", "author", "topic"};
    SmmResult *notes = smm_cli_notes();
    smm_result_note_count(notes, "cascades", cs->n);
    smm_result_note_text(notes, "cascade_by", by_name[cs->by]);
    smm_result_note_count(notes, "adoptions", cs->off[cs->n]);
    smm_result_note_count(notes, "dropped_repeated_adoptions", cs->repeats);
    smm_result_note_count(notes, "own_post_rows", cs->own_posts);
    smm_result_note_count(notes, "author_conflicts", cs->author_conflicts);
    smm_result_note_count(notes, "reshares_before_post", cs->before_post);
    if (quiet)
        return;
    fprintf(stderr, SMM_NOTE_PREFIX "%u cascades, one per %s, %" G_GUINT64_FORMAT " adoptions%s",
            cs->n, by[cs->by], cs->off[cs->n],
            by_auto && cs->by != SMM_CASCADE_BY_ITEM ? " (the log has no post id)" : "");
    if (cs->repeats > 0)
        fprintf(stderr, "; dropped %" G_GUINT64_FORMAT " repeated adoptions (the first counts)",
                cs->repeats);
    if (cs->own_posts > 0)
        fprintf(stderr, "; %" G_GUINT64_FORMAT " rows of authors resharing their own post %s",
                cs->own_posts,
                cs->by == SMM_CASCADE_BY_ITEM ? "(taken as the post's time)" : "(left out)");
    if (cs->author_conflicts > 0)
        fprintf(stderr,
                "; %" G_GUINT64_FORMAT " rows name another author for their post (the first "
                "row's author is kept)",
                cs->author_conflicts);
    if (cs->before_post > 0)
        fprintf(stderr,
                "; %" G_GUINT64_FORMAT " reshares came before their post's own row (its "
                "cascade starts at the first of them)",
                cs->before_post);
    fputs("\n", stderr);
}
