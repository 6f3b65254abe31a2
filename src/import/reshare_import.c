/* reshare_import.c - a reshare log to arrays of interned ids and times.
 *
 * Shares the CSV reader with the follower importer: resharers and authors
 * are interned (hashed on the parser thread) into the caller's account
 * table, post ids into their own table, times parsed per row with
 * smm_time_parse(). Rows outside --since/--until, or left out by --only,
 * are dropped and counted, never silently. An optional via column (the
 * account through whose reshare the resharer saw the post) may be empty:
 * its names are checked and interned here, not on the parser thread.
 */
#include "smm/reshare.h"

#include <string.h>

#include "csv_presets.h"
#include "import_budget.h"
#include "input_format_private.h"
#include "json_formats.h"

#include "smm/core.h"
#include "smm/timestamp.h"

enum { COL_ACCOUNT, COL_AUTHOR, COL_ITEM, COL_TIME, COL_VIA, COL_ONLY, N_COLS };

static const char *const column_what[N_COLS] = {"retweeter column", "author column",
                                                "item column",      "time column",
                                                "via column",       "--only column"};

/* Usual header names (lower case, no punctuation) for each role. */
static const char *const account_aliases[] = {
    "retweeter",  "retweeterid", "retweeteruser", "retweeterscreenname",
    "resharer",   "sharer",      "reposter",      "adopter",
    "actor",      "user",        "userid",        "username",
    "screenname", "account",     "handle",        "srcuser",
    "source",     NULL};
static const char *const author_aliases[] = {"author",
                                             "authorid",
                                             "authorscreenname",
                                             "retweeteduser",
                                             "retweeteduserid",
                                             "originalauthor",
                                             "originaluser",
                                             "poster",
                                             "owner",
                                             "creator",
                                             "dstuser",
                                             "target",
                                             NULL};
static const char *const item_aliases[] = {"tweetid",
                                           "tweet",
                                           "originaltweetid",
                                           "retweetedstatusid",
                                           "statusid",
                                           "postid",
                                           "post",
                                           "item",
                                           "itemid",
                                           "url",
                                           "link",
                                           "hashtag",
                                           "topic",
                                           "cascade",
                                           "cascadeid",
                                           "mediaid",
                                           "videoid",
                                           "contentid",
                                           NULL};
static const char *const time_aliases[] = {
    "timestamp", "time",    "ts",          "unixts",   "unixtime",  "date",     "datetime",
    "createdat", "created", "retweetedat", "sharedat", "adoptedat", "postedat", NULL};
static const char *const via_aliases[] = {"via",    "viaaccount", "viauser", "viaid",
                                          "viadid", "seenvia",    NULL};

/* Names to intern for one table: pointers into the batch, lengths and the
 * hashes the reader computed. */
typedef struct {
    GPtrArray *strs;
    GArray *lens, *hashes, *ids;
} Pending;

typedef struct {
    const char *path;
    const SmmReshareImportOptions *options;
    SmmReshareLog *log;
    char **only_values;
    Pending accounts; /* resharers and authors, row by row */
    Pending items;
    Pending vias;      /* the via accounts named, row by row */
    gboolean want_via; /* the command reads a via column */
    SmmImportBudget budget;
} Import;

static void pending_init(Pending *p)
{
    p->strs = g_ptr_array_new();
    p->lens = g_array_new(FALSE, FALSE, sizeof(guint32));
    p->hashes = g_array_new(FALSE, FALSE, sizeof(guint64));
    p->ids = g_array_new(FALSE, FALSE, sizeof(guint32));
}

static void pending_clear(Pending *p)
{
    g_ptr_array_unref(p->strs);
    g_array_unref(p->lens);
    g_array_unref(p->hashes);
    g_array_unref(p->ids);
}

static void pending_add(Pending *p, const SmmRowBatch *b, guint r, guint c)
{
    guint32 len;
    const char *s = smm_batch_field(b, r, c, &len);
    g_ptr_array_add(p->strs, (gpointer)s);
    g_array_append_val(p->lens, len);
    g_array_append_val(p->hashes, b->hash[r * b->n_cols + c]);
}

/* A field of a column the reader neither checked nor hashed. */
static void pending_add_unhashed(Pending *p, const char *s, guint32 len)
{
    guint64 hash = smm_names_hash(s, len);
    g_ptr_array_add(p->strs, (gpointer)s);
    g_array_append_val(p->lens, len);
    g_array_append_val(p->hashes, hash);
}

static gboolean pending_intern(Pending *p, SmmNames *table, GError **error)
{
    guint k = p->strs->len;
    g_array_set_size(p->ids, k);
    return smm_names_intern_batch(
        table, k, (const char *const *)p->strs->pdata, (const guint32 *)(void *)p->lens->data,
        (const guint64 *)(void *)p->hashes->data, (guint32 *)(void *)p->ids->data, error);
}

static void pending_reset(Pending *p)
{
    g_ptr_array_set_size(p->strs, 0);
    g_array_set_size(p->lens, 0);
    g_array_set_size(p->hashes, 0);
}

static gboolean keep_row(Import *im, const SmmRowBatch *b, guint r)
{
    if (im->only_values == NULL)
        return TRUE;
    guint32 len;
    const char *v = smm_batch_field(b, r, COL_ONLY, &len);
    for (char **want = im->only_values; *want != NULL; want++)
        if (strlen(*want) == len && memcmp(*want, v, len) == 0)
            return TRUE;
    return FALSE;
}

/* A via field: empty (none), or an account name as the reader checks them. */
static gboolean check_via(Import *im, const SmmRowBatch *b, guint r, const char *s, guint32 len,
                          GError **error)
{
    const char *end = NULL;
    const char *why = memchr(s, '\0', len) != NULL                ? "a NUL byte"
                      : !g_utf8_validate_len(s, len, &end)        ? "bytes that are not UTF-8"
                      : memmem(s, len, "\xEF\xBB\xBF", 3) != NULL ? "a byte-order mark (U+FEFF)"
                                                                  : NULL;
    if (why == NULL && len > SMM_CSV_MAX_FIELD)
        why = "more bytes than a name may have"; /* JSON's fields have no other limit */
    if (why == NULL)
        return TRUE;
    g_autofree gchar *q = smm_quote_value(s, len);
    g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                "%s:%" G_GUINT64_FORMAT ": the via column (column %u) holds %s, with %s; "
                "expected an account name or nothing",
                smm_display_name(im->path), b->line[r], im->log->csv.column_index[COL_VIA], q, why);
    return FALSE;
}

static gboolean on_batch(const SmmRowBatch *b, gpointer ctx, GError **error)
{
    Import *im = ctx;
    SmmReshareLog *log = im->log;
    const SmmReshareImportOptions *o = im->options;
    const guint *col = log->csv.column_index; /* 0: the file lacks it */
    gboolean has_author = col[COL_AUTHOR] != 0, has_item = col[COL_ITEM] != 0;
    gboolean has_time = col[COL_TIME] != 0;
    gboolean has_via = im->want_via && col[COL_VIA] != 0;
    pending_reset(&im->accounts);
    pending_reset(&im->items);
    pending_reset(&im->vias);

    /* Filter and check rows in file order, so the first bad row is the one
     * reported; collect the names to intern. */
    g_autofree double *times = g_new(double, MAX(b->n_rows, 1));
    /* per row kept, with a via column: its via's index in im->vias, or -1 */
    g_autofree gint *via_of = has_via ? g_new(gint, MAX(b->n_rows, 1)) : NULL;
    guint n_kept = 0;
    for (guint r = 0; r < b->n_rows; r++) {
        if (!keep_row(im, b, r)) {
            log->left_out++;
            continue;
        }
        double t = 0;
        if (has_time) {
            guint32 len;
            const char *s = smm_batch_field(b, r, COL_TIME, &len);
            if (!smm_time_parse(s, len, &t)) {
                g_autofree gchar *q = smm_quote_value(s, len);
                g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                            "%s:%" G_GUINT64_FORMAT ": the time column (column %u) holds %s; "
                            "expected " SMM_TIME_FORMATS,
                            smm_display_name(im->path), b->line[r], col[COL_TIME], q);
                return FALSE;
            }
            if ((o->has_since && t < o->since) || (o->has_until && t > o->until)) {
                log->outside_window++;
                continue;
            }
        }
        if (G_UNLIKELY(
                smm_rows_room((guint64)log->account->len + n_kept, 1, o->csv.max_kept_rows) == 0))
            return smm_import_too_many(im->path, b->line[r], o->csv.max_kept_rows,
                                       "reshares kept; a log holds", error);
        if (has_via) {
            guint32 len;
            const char *s = smm_batch_field(b, r, COL_VIA, &len);
            via_of[n_kept] = len > 0 ? (gint)im->vias.strs->len : -1;
            if (len > 0) {
                if (!check_via(im, b, r, s, len, error))
                    return FALSE;
                pending_add_unhashed(&im->vias, s, len);
            } else {
                guint32 la, lb = 0;
                const char *a = smm_batch_field(b, r, COL_ACCOUNT, &la);
                const char *au = has_author ? smm_batch_field(b, r, COL_AUTHOR, &lb) : NULL;
                if (au == NULL || la != lb || memcmp(a, au, la) != 0)
                    log->without_via++; /* a reshare, not the author's own row */
            }
        }
        times[n_kept++] = t;
        pending_add(&im->accounts, b, r, COL_ACCOUNT);
        if (has_author)
            pending_add(&im->accounts, b, r, COL_AUTHOR);
        if (has_item)
            pending_add(&im->items, b, r, COL_ITEM);
    }
    if (!pending_intern(&im->accounts, log->names, error) ||
        (has_item && !pending_intern(&im->items, log->items, error)) ||
        (has_via && !pending_intern(&im->vias, log->names, error)))
        return FALSE;
    const guint32 *account_ids = (const guint32 *)(void *)im->accounts.ids->data;
    const guint32 *item_ids = (const guint32 *)(void *)im->items.ids->data;
    const guint32 *via_ids = (const guint32 *)(void *)im->vias.ids->data;
    guint stride = has_author ? 2 : 1;
    for (guint j = 0; j < n_kept; j++) {
        g_array_append_val(log->account, account_ids[j * stride]);
        if (has_author)
            g_array_append_val(log->author, account_ids[j * stride + 1]);
        if (has_item)
            g_array_append_val(log->item, item_ids[j]);
        if (has_time)
            g_array_append_val(log->time, times[j]);
        if (has_via) {
            guint32 v = via_of[j] >= 0 ? via_ids[via_of[j]] : SMM_NO_ACCOUNT;
            g_array_append_val(log->via, v);
        }
    }
    guint64 own =
        sizeof(guint32) * (1 + has_author + has_item + has_via) + (has_time ? sizeof(double) : 0);
    return smm_import_budget_check(&im->budget, "reading the reshares", im->path, b,
                                   log->account->len, own, 0, error);
}

static const SmmJsonColumns json_reshares = {
    .n_cols = COL_TIME + 1,
    .what = {"retweeter", "retweeted author", "retweeted post id", "time"},
    .interned = {TRUE, TRUE, TRUE, FALSE}};
/* Jetstream's reposts also name the account they came through (record.via),
 * or nothing: checked by on_batch(). */
static const SmmJsonColumns jetstream_reshares = {
    .n_cols = COL_VIA + 1,
    .what = {"retweeter", "retweeted author", "retweeted post id", "time", "via account"},
    .interned = {TRUE, TRUE, TRUE, FALSE, FALSE}};

/* --only type=... on JSON: the kinds of tweet kept (retweets and originals
 * by default). On Jetstream a retweet is a repost. */
static gboolean json_types(const char *path, const char *format, const char *column, char **values,
                           guint *want, GError **error)
{
    *want = SMM_TWEET_POST | SMM_TWEET_RETWEET;
    if (column == NULL)
        return TRUE;
    if (strcmp(column, "type") != 0) {
        g_autofree gchar *q = smm_quote_value(column, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s is %s: --only filters on type (type=retweet,quote,reply,post), not %s",
                    smm_display_name(path), format, q);
        return FALSE;
    }
    /* by bit of `want`; repost is Bluesky's word for a retweet */
    static const char *const names[] = {"post", "retweet", "quote", "reply", "repost"};
    static const guint bit[] = {SMM_TWEET_POST, SMM_TWEET_RETWEET, SMM_TWEET_QUOTE, SMM_TWEET_REPLY,
                                SMM_TWEET_RETWEET};
    *want = 0;
    for (char **v = values; *v != NULL; v++) {
        guint i = 0;
        while (i < G_N_ELEMENTS(names) && strcmp(*v, names[i]) != 0)
            i++;
        if (i == G_N_ELEMENTS(names)) {
            g_autofree gchar *q = smm_quote_value(*v, -1);
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "--only type= takes retweet (or repost), quote, reply or post, not %s", q);
            return FALSE;
        }
        *want |= bit[i];
    }
    return TRUE;
}

/* The log's rows from a preset's sheet (csv_presets.c): its columns are
 * known, and --only chooses kinds of rows as on JSON. */
static gboolean read_preset(SmmByteSource *src, const char *path, const SmmReshareImportOptions *o,
                            SmmInputFormat format, const char *only_column, char **only_values,
                            Import *im, GError **error)
{
    const char *label = smm_csv_preset_label(format);
    const char *column = o->account_column  ? "--retweeter"
                         : o->author_column ? "--author"
                         : o->item_column   ? "--item"
                         : o->time_column   ? "--time"
                                            : NULL;
    guint want;
    if (column != NULL)
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s is read as %s, whose columns are known: %s chooses a column of plain CSV "
                    "(--input-format csv)",
                    smm_display_name(path), label, column);
    if (column != NULL || !json_types(path, label, only_column, only_values, &want, error)) {
        smm_byte_source_close(src);
        return FALSE;
    }
    im->only_values = NULL; /* the preset keeps only the kinds asked for */
    return smm_csv_preset_read(src, path, &o->csv, format, SMM_TWITTER_RESHARES, want, on_batch, im,
                               &im->log->csv, im->log->names, error);
}

/* The log's rows, from CSV or from JSON lines. */
static gboolean read_rows(const char *path, const SmmReshareImportOptions *o,
                          const SmmColumnSpec *cols, const char *only_column, char **only_values,
                          Import *im, GError **error)
{
    SmmInputFormat format;
    SmmByteSource *src = smm_input_open(path, &o->csv, o->format, &format, error);
    if (src == NULL)
        return FALSE;
    SmmCsvStats *stats = &im->log->csv;
    if (smm_input_format_is_preset(format))
        return read_preset(src, path, o, format, only_column, only_values, im, error);
    if (!smm_input_format_is_json(format))
        return smm_csv_read_from(src, path, &o->csv, cols, o->only != NULL ? N_COLS : COL_VIA + 1,
                                 on_batch, im, stats, error);
    smm_csv_stats_clear(stats);
    stats->format = smm_input_format_name(format);
    guint want;
    if (!json_types(path, "JSON", only_column, only_values, &want, error)) {
        smm_byte_source_close(src);
        return FALSE;
    }
    im->only_values = NULL; /* the extractor keeps only the types asked for */
    const SmmJsonColumns *jcols =
        format == SMM_INPUT_JETSTREAM ? &jetstream_reshares : &json_reshares;
    gboolean ok = smm_json_read_format(src, path, &o->csv, format, SMM_TWITTER_RESHARES, want,
                                       jcols, on_batch, im, stats, im->log->names, error);
    if (ok && stats->data_rows == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "%s: no reshares in its %" G_GUINT64_FORMAT " records", smm_display_name(path),
                    stats->records);
        return FALSE;
    }
    return ok;
}

void smm_reshare_log_clear(SmmReshareLog *log)
{
    smm_names_free(log->items);
    if (log->account != NULL)
        g_array_unref(log->account);
    if (log->author != NULL)
        g_array_unref(log->author);
    if (log->item != NULL)
        g_array_unref(log->item);
    if (log->time != NULL)
        g_array_unref(log->time);
    if (log->via != NULL)
        g_array_unref(log->via);
    smm_csv_stats_clear(&log->csv);
    memset(log, 0, sizeof *log);
}

/* Splits "COL=V1,V2" into its column and values. */
static gboolean parse_only(const char *only, char **column, char ***values, GError **error)
{
    const char *eq = strchr(only, '=');
    if (eq == NULL || eq == only || eq[1] == '\0') {
        g_autofree gchar *q = smm_quote_value(only, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "a row filter is COLUMN=VALUE[,VALUE...], e.g. type=RT (got %s)", q);
        return FALSE;
    }
    *column = g_strndup(only, (gsize)(eq - only));
    *values = g_strsplit(eq + 1, ",", -1);
    return TRUE;
}

gboolean smm_import_reshares(const char *path, const SmmReshareImportOptions *o, SmmNames *names,
                             SmmReshareLog *log, GError **error)
{
    memset(log, 0, sizeof *log);
    g_autofree char *only_column = NULL;
    g_auto(GStrv) only_values = NULL;
    if (o->only != NULL && !parse_only(o->only, &only_column, &only_values, error))
        return FALSE;
    if (g_strcmp0(o->account_column, "none") == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID, "a reshare log needs a retweeter column");
        return FALSE;
    }

    /* Without a header, the roles a command uses take the columns in order:
     * retweeter, then author, item and time as far as they are used. With a
     * header, all but the retweeter must be given or found by name. */
    const SmmLogRole role[N_COLS] = {
        SMM_ROLE_USED, o->author, o->item,
        o->time,       o->via,    o->only != NULL ? SMM_ROLE_NAMED : SMM_ROLE_UNUSED};
    const char *spec[N_COLS] = {o->account_column, o->author_column, o->item_column,
                                o->time_column,    o->via_column,    only_column};
    const char *const *aliases[N_COLS] = {account_aliases, author_aliases, item_aliases,
                                          time_aliases,    via_aliases,    NULL};
    SmmColumnSpec cols[N_COLS];
    guint next = 1;
    for (guint c = 0; c < N_COLS; c++) {
        gboolean used = role[c] != SMM_ROLE_UNUSED && g_strcmp0(spec[c], "none") != 0;
        guint position = used && role[c] == SMM_ROLE_USED ? next++ : 0;
        cols[c] = (SmmColumnSpec){used ? spec[c] : "none", position,   column_what[c],
                                  c <= COL_ITEM && used,   aliases[c], c != COL_ACCOUNT};
    }

    log->names = names;
    log->account = g_array_new(FALSE, FALSE, sizeof(guint32));
    log->author = g_array_new(FALSE, FALSE, sizeof(guint32));
    log->item = g_array_new(FALSE, FALSE, sizeof(guint32));
    log->time = g_array_new(FALSE, FALSE, sizeof(double));
    log->via = g_array_new(FALSE, FALSE, sizeof(guint32));
    log->items = smm_names_new();
    Import im = {.path = path,
                 .options = o,
                 .log = log,
                 .only_values = only_values,
                 .want_via = o->via != SMM_ROLE_UNUSED && g_strcmp0(o->via_column, "none") != 0};
    smm_import_budget_init(&im.budget);
    pending_init(&im.accounts);
    pending_init(&im.items);
    pending_init(&im.vias);
    gboolean ok = read_rows(path, o, cols, only_column, only_values, &im, error);
    pending_clear(&im.accounts);
    pending_clear(&im.items);
    pending_clear(&im.vias);
    if (!ok) {
        smm_reshare_log_clear(log);
        return FALSE;
    }
    /* Roles the file turned out not to have are NULL, not empty. */
    if (log->csv.column_index[COL_AUTHOR] == 0)
        g_clear_pointer(&log->author, g_array_unref);
    if (log->csv.column_index[COL_ITEM] == 0) {
        g_clear_pointer(&log->item, g_array_unref);
        g_clear_pointer(&log->items, smm_names_free);
    }
    if (log->csv.column_index[COL_TIME] == 0)
        g_clear_pointer(&log->time, g_array_unref);
    if (!im.want_via || log->csv.column_index[COL_VIA] == 0)
        g_clear_pointer(&log->via, g_array_unref);
    return TRUE;
}
