/* load.c - the follower graph from a CSV or a graph file, a reshare log
 * in the same account names, and the summary line of what was read.
 *
 * The follower file is read first and a log after it, so account ids are
 * those of the follower file alone (accounts only a log names come after):
 * the same ids whether the graph comes from the CSV or from the graph file
 * `smmgraph import` made of it, hence the same report.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/graph_file.h"

/* Options that shape the graph were settled when the graph file was made. */
static gboolean check_file_options(const char *path, const SmmFollowerImportOptions *fo,
                                   const SmmImportSummary *s, GError **error)
{
    const char *shaping = fo->reverse         ? "--reverse"
                          : fo->undirected    ? "--undirected"
                          : fo->source_column ? "--source"
                          : fo->target_column ? "--target"
                                              : NULL;
    if (shaping != NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s is a graph file, imported from %s; %s applies when importing "
                    "(smmgraph import), not to a graph file",
                    smm_display_name(path), s->source, shaping);
        return FALSE;
    }
    if (fo->p_column == NULL)
        return TRUE;
    if (s->p_column == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s holds no probabilities: import %s with --p-column to keep them",
                    smm_display_name(path), s->source);
        return FALSE;
    }
    g_autofree gchar *index = g_strdup_printf("%u", s->p_column_index);
    if (strcmp(fo->p_column, s->p_column) == 0 || strcmp(fo->p_column, index) == 0)
        return TRUE;
    g_autofree gchar *held = smm_quote_value(s->p_column, -1);
    g_autofree gchar *asked = smm_quote_value(fo->p_column, -1);
    g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                "%s holds the probabilities of column %s (column %u) of %s, not %s",
                smm_display_name(path), held, s->p_column_index, s->source, asked);
    return FALSE;
}

SmmGraph *smm_cli_read_graph(const char *path, const SmmFollowerImportOptions *fo,
                             const SmmCliCommon *common, SmmImportSummary *summary, GError **error)
{
    memset(summary, 0, sizeof *summary);
    double t = smm_now();
    if (smm_graph_file_sniff(path)) {
        SmmGraph *g = smm_graph_file_open(path, (guint)common->threads, summary, error);
        if (g == NULL)
            return NULL;
        if (!check_file_options(path, fo, summary, error)) {
            smm_graph_free(g);
            smm_import_summary_clear(summary);
            return NULL;
        }
        smm_cli_timing(common, "graph file", smm_now() - t);
        return g;
    }
    SmmEdgeList edges;
    SmmFollowerImportOptions import = *fo;
    import.later_bytes_per_follow = smm_graph_build_bytes_per_follow(fo->p_column != NULL);
    if (!smm_import_followers(path, &import, NULL, &edges, error)) {
        smm_cli_setting_error(error);
        return NULL;
    }
    /* No lookups until the graph is built: its peak is the import's peak. */
    smm_names_drop_index(edges.names);
    smm_cli_timing(common, "import", smm_now() - t);
    if (common->timings)
        fprintf(stderr,
                SMM_NOTE_PREFIX "timing: import tokenized %" G_GUINT64_FORMAT
                                " of %" G_GUINT64_FORMAT
                                " rows on the fast path, the rest with libcsv\n",
                edges.csv.fast_rows, edges.csv.data_rows + (edges.csv.header ? 1 : 0));
    t = smm_now();
    SmmGraphStats stats;
    SmmGraph *g =
        smm_graph_build(&edges, (guint)common->threads, smm_cli_progress(), &stats, error);
    if (g != NULL) {
        smm_cli_timing(common, "graph", smm_now() - t);
        smm_import_summary_from_csv(summary, path, fo, &edges, &stats);
    }
    smm_edge_list_clear(&edges);
    return g;
}

gboolean smm_cli_read_log(const char *path, const SmmReshareImportOptions *ro,
                          const SmmCliCommon *common, SmmGraph *graph, SmmReshareLog *log,
                          GError **error)
{
    double t = smm_now();
    if (!smm_import_reshares(path, ro, graph->names, log, error))
        return smm_cli_setting_error(error);
    smm_graph_add_accounts(graph, smm_names_count(graph->names));
    smm_cli_timing(common, "log import", smm_now() - t);
    return TRUE;
}

gboolean smm_cli_load(const char *followers, SmmFollowerImportOptions *fo, SmmCliModel *m,
                      SmmCliReshare *rs, const SmmCliInput *in, const SmmCliCommon *common,
                      SmmLogRole author, SmmCliData *data, GError **error)
{
    memset(data, 0, sizeof *data);
    fo->p_column = m->p_column;
    SmmReshareImportOptions ro;
    if (m->log != NULL && !smm_cli_reshare_finish(rs, in, common, &ro, error))
        return FALSE;
    SmmImportSummary summary;
    data->graph = smm_cli_read_graph(followers, fo, common, &summary, error);
    if (data->graph == NULL)
        return FALSE;
    gboolean ok = TRUE;
    if (m->log != NULL) {
        gboolean learned = smm_cli_model_learned(m);
        ro.author = author;
        ro.item = learned ? SMM_ROLE_NAMED : SMM_ROLE_UNUSED;
        ro.time = learned ? SMM_ROLE_USED : SMM_ROLE_UNUSED;
        ok = smm_cli_read_log(m->log, &ro, common, data->graph, &data->log, error);
        data->have_log = ok;
        if (ok)
            smm_cli_reshare_summary(m->log, &data->log, common->quiet);
    }
    if (ok)
        smm_cli_import_summary(followers, &summary, data->graph, data->have_log, common->quiet);
    if (ok && data->graph->m == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA, "%s: no follows left (every row was %s)",
                    smm_display_name(followers),
                    summary.deleted > 0 ? "a self-loop or deleted later in the input"
                                        : "a self-loop");
        ok = FALSE;
    }
    smm_import_summary_clear(&summary);
    if (!ok)
        smm_cli_data_clear(data);
    return ok;
}

void smm_cli_data_clear(SmmCliData *data)
{
    smm_reshare_log_clear(&data->log);
    smm_graph_free(data->graph);
    memset(data, 0, sizeof *data);
}

static const char *delimiter_label(char d)
{
    switch (d) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    case ' ': return "space";
    default: return "?";
    }
}

void smm_cli_import_summary(const char *path, const SmmImportSummary *sm, const SmmGraph *graph,
                            gboolean with_log, gboolean quiet)
{
    smm_cli_note_import(path, sm, graph);
    if (quiet)
        return;
    smm_cli_progress_end();
    g_autoptr(GString) s = g_string_new(SMM_NOTE_PREFIX);
    if (sm->created != NULL)
        g_string_append_printf(s, "%s: graph file of %s (imported %s): ", smm_display_name(path),
                               sm->source, sm->created);
    else
        g_string_append_printf(s, "%s: ", smm_display_name(path));
    g_string_append_printf(s, "%" G_GUINT64_FORMAT " rows read, %" G_GUINT64_FORMAT " %s kept, ",
                           sm->rows_read, sm->edges, graph->undirected ? "ties" : "follows");
    if (with_log) {
        /* The graph also holds the log's accounts: count this file's. */
        guint32 linked = 0;
        for (guint32 v = 0; v < graph->n; v++)
            linked += smm_graph_in_degree(graph, v) + smm_graph_out_degree(graph, v) > 0;
        g_string_append_printf(s, "%u accounts with follows (%u with the log's)", linked, graph->n);
    } else {
        g_string_append_printf(s, "%u accounts", graph->n);
    }
    guint64 dropped = sm->self_loops + sm->duplicates + sm->deleted;
    if (dropped > 0 || sm->blank_lines > 0) {
        g_string_append(s, "; dropped");
        const char *sep = " ";
        if (sm->self_loops > 0) {
            g_string_append_printf(s, "%s%" G_GUINT64_FORMAT " self-loops", sep, sm->self_loops);
            sep = ", ";
        }
        if (sm->duplicates > 0) {
            g_string_append_printf(s, "%s%" G_GUINT64_FORMAT " duplicate rows", sep,
                                   sm->duplicates);
            if (sm->duplicates_p_differ > 0)
                g_string_append_printf(s,
                                       " (%" G_GUINT64_FORMAT " with a different probability; "
                                       "the first row's was kept)",
                                       sm->duplicates_p_differ);
            sep = ", ";
        }
        if (sm->deleted > 0) {
            g_string_append_printf(s, "%s%" G_GUINT64_FORMAT " follows deleted later in the input",
                                   sep, sm->deleted);
            sep = ", ";
        }
        if (sm->blank_lines > 0)
            g_string_append_printf(s, "%s%" G_GUINT64_FORMAT " blank lines", sep, sm->blank_lines);
    }
    if (sm->format != NULL) {
        gboolean json = smm_input_format_label_is_json(sm->format);
        g_string_append_printf(s, " (%s%s, %" G_GUINT64_FORMAT " %s", sm->format,
                               json ? " JSON lines" : "", sm->records,
                               json ? "records" : "CSV rows");
        if (sm->left_out != NULL)
            g_string_append_printf(s, "; left out %s", sm->left_out);
        g_string_append(s, ")\n");
        fputs(s->str, stderr);
        return;
    }
    g_string_append_printf(s, " (%s%s-delimited", sm->delimiter_detected ? "detected " : "",
                           delimiter_label(sm->delimiter));
    if (sm->header)
        g_string_append_printf(
            s, ", row 1 is a header%s",
            sm->header_detected && sm->created == NULL ? " (--no-header if it is data)" : "");
    if (sm->encoding != NULL)
        g_string_append_printf(s, ", converted from %s", sm->encoding);
    g_string_append(s, ")\n");
    fputs(s->str, stderr);
}
