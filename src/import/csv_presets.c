/* csv_presets.c - twarc-csv, NodeXL and Gephi sheets to follows or
 * reshares, by the columns each tool writes.
 *
 * The CSV reader reads the sheet (streaming, gzip, stdin, threads as for
 * any CSV) with the preset's columns chosen by header name; each batch it
 * hands over is turned here, on the consumer's thread and in file order,
 * into a batch of the role's rows: rows of other kinds left out and
 * counted, Gephi's undirected rows made two, a NodeXL tweet id's leading
 * quote dropped. The rows' fields are spans of the reader's batch (no
 * copy); the names among them are checked and hashed here, since a
 * preset's columns may be empty on the rows it leaves out. The semantics
 * are those of scripts/json_baseline.py (tests/data/README.md, formats/).
 */
#include "csv_presets.h"

#include <string.h>

#include "input_format_private.h"
#include "json_reader.h"
#include "handle_book.h"
#include "seen_set.h"
#include "smm/core.h"
#include "smm/timestamp.h"

/* twarc-csv's columns: the first five must be there. */
enum {
    T_ID,
    T_AUTHOR,
    T_TIME,
    T_RT,
    T_RT_USER,
    T_AUTHOR_NAME,
    T_RT_NAME,
    T_QT,
    T_QT_USER,
    T_QT_NAME,
    T_RP,
    T_RP_USER,
    T_RP_NAME,
    T_N
};
/* NodeXL's: the first three must be there. */
enum { N_V1, N_V2, N_REL, N_DATE, N_TWEET_DATE, N_RT_ID, N_IMPORTED_ID, N_N };
/* Gephi's: Source and Target must be there. */
enum { G_SOURCE, G_TARGET, G_TYPE, G_N };

#define REQUIRED(name, what)                                                                       \
    {                                                                                              \
        name, 0, what, FALSE, NULL, FALSE                                                          \
    }
#define OPTIONAL(alias, what)                                                                      \
    {                                                                                              \
        NULL, 0, what, FALSE, (const char *const[]){alias, NULL}, TRUE                             \
    }

static const SmmColumnSpec twarc_cols[T_N] = {
    REQUIRED("id", "twarc-csv tweet id column"),
    REQUIRED("author_id", "twarc-csv author_id column"),
    REQUIRED("created_at", "twarc-csv created_at column"),
    REQUIRED("referenced_tweets.retweeted.id", "twarc-csv retweeted tweet column"),
    REQUIRED("retweeted_user_id", "twarc-csv retweeted_user_id column"),
    OPTIONAL("authorusername", "twarc-csv author.username column"),
    OPTIONAL("retweetedusername", "twarc-csv retweeted_username column"),
    OPTIONAL("referencedtweetsquotedid", "twarc-csv quoted tweet column"),
    OPTIONAL("quoteduserid", "twarc-csv quoted_user_id column"),
    OPTIONAL("quotedusername", "twarc-csv quoted_username column"),
    OPTIONAL("referencedtweetsrepliedtoid", "twarc-csv replied-to tweet column"),
    OPTIONAL("inreplytouserid", "twarc-csv in_reply_to_user_id column"),
    OPTIONAL("inreplytousername", "twarc-csv in_reply_to_username column"),
};
static const SmmColumnSpec nodexl_cols[N_N] = {
    REQUIRED("Vertex 1", "NodeXL Vertex 1 column"),
    REQUIRED("Vertex 2", "NodeXL Vertex 2 column"),
    REQUIRED("Relationship", "NodeXL Relationship column"),
    OPTIONAL("relationshipdateutc", "NodeXL Relationship Date (UTC) column"),
    OPTIONAL("tweetdateutc", "NodeXL Tweet Date (UTC) column"),
    OPTIONAL("retweetid", "NodeXL Retweet ID column"),
    OPTIONAL("importedid", "NodeXL Imported ID column"),
};
static const SmmColumnSpec gephi_cols[G_N] = {
    REQUIRED("Source", "Gephi Source column"),
    REQUIRED("Target", "Gephi Target column"),
    OPTIONAL("type", "Gephi Type column"),
};

/* An output field: a span of the reader's batch, and the sheet's column
 * it came from (for messages). */
typedef struct {
    guint32 start, len;
    guint col;
} Span;

typedef struct {
    const char *path;
    SmmInputFormat format;
    SmmTwitterRole role;
    guint want;
    const SmmColumnSpec *cols;
    guint n_out;        /* columns of a row handed over: 2 or 4 */
    SmmCsvStats *stats; /* the caller's */
    SmmCsvStats inner;  /* the CSV reader's */
    SmmBatchFunc fn;
    gpointer ctx;

    /* the batch handed over: spans of `in`'s bytes */
    const SmmRowBatch *in;
    guint n_rows, rows_cap;
    guint64 *line;
    guint32 *start, *len;
    guint64 *hash;

    SmmSeenSet seen;        /* twarc-csv: tweet ids met, by hash */
    SmmHandleBook *handles; /* twarc-csv: the username first seen with each user id */
} Preset;

const char *smm_csv_preset_label(SmmInputFormat format)
{
    switch (format) {
    case SMM_INPUT_TWARC_CSV: return "twarc-csv";
    case SMM_INPUT_NODEXL: return "NodeXL edges";
    case SMM_INPUT_GEPHI: return "Gephi edges";
    default: return "?";
    }
}

static Span field(const Preset *p, guint r, guint c)
{
    guint i = r * p->in->n_cols + c;
    return (Span){p->in->start[i], p->in->len[i], c};
}

static const char *text(const Preset *p, Span s)
{
    return p->in->bytes + s.start;
}

static gboolean span_is(const Preset *p, Span s, const char *lit)
{
    return s.len == strlen(lit) && memcmp(text(p, s), lit, s.len) == 0;
}

static gboolean span_is_digits(const Preset *p, Span s)
{
    const char *t = text(p, s);
    for (guint32 i = 0; i < s.len; i++)
        if (!g_ascii_isdigit(t[i]))
            return FALSE;
    return s.len > 0;
}

G_GNUC_PRINTF(4, 5)
static gboolean fail(const Preset *p, GError **error, guint64 line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree gchar *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s", p->path, line,
                msg);
    return FALSE;
}

/* A name handed over is what the CSV reader accepts in an account column. */
static gboolean check_name(const Preset *p, guint64 line, Span s, GError **error)
{
    g_autofree gchar *problem = smm_csv_account_problem(
        p->cols[s.col].what, p->inner.column_index[s.col], text(p, s), s.len);
    return problem == NULL || fail(p, error, line, "%s", problem);
}

static gboolean check_time(const Preset *p, guint64 line, Span s, GError **error)
{
    double t;
    if (smm_time_parse(text(p, s), s.len, &t))
        return TRUE;
    g_autofree gchar *q = smm_quote_value(text(p, s), s.len);
    return fail(p, error, line, "the %s (column %u) holds %s; expected " SMM_TIME_FORMATS,
                p->cols[s.col].what, p->inner.column_index[s.col], q);
}

/* Hands over the rows built so far. */
static gboolean flush(Preset *p, GError **error)
{
    if (p->n_rows == 0)
        return TRUE;
    SmmRowBatch out = {.n_rows = p->n_rows,
                       .n_cols = p->n_out,
                       .line = p->line,
                       .start = p->start,
                       .len = p->len,
                       .hash = p->hash,
                       .bytes = p->in->bytes,
                       .input_at = p->in->input_at,
                       .input_size = p->in->input_size};
    p->n_rows = 0;
    return p->fn(&out, p->ctx, error);
}

/* One row of n_out fields (the last of four, the time, not a name). */
static gboolean emit(Preset *p, guint r, const Span *f, GError **error)
{
    guint64 line = p->in->line[r];
    guint names = p->n_out == 4 ? 3 : p->n_out;
    for (guint c = 0; c < names; c++)
        if (!check_name(p, line, f[c], error))
            return FALSE;
    if (p->n_out == 4 && !check_time(p, line, f[3], error))
        return FALSE;
    if (p->n_rows == p->rows_cap) {
        p->rows_cap = MAX(256, 2 * p->rows_cap);
        p->line = g_renew(guint64, p->line, p->rows_cap);
        p->start = g_renew(guint32, p->start, (gsize)p->rows_cap * p->n_out);
        p->len = g_renew(guint32, p->len, (gsize)p->rows_cap * p->n_out);
        p->hash = g_renew(guint64, p->hash, (gsize)p->rows_cap * p->n_out);
    }
    guint base = p->n_rows * p->n_out;
    for (guint c = 0; c < p->n_out; c++) {
        p->start[base + c] = f[c].start;
        p->len[base + c] = f[c].len;
        p->hash[base + c] = c < names ? smm_names_hash(text(p, f[c]), f[c].len) : 0;
    }
    p->line[p->n_rows++] = line;
    p->stats->data_rows++;
    return TRUE;
}

/* ------------------------------------------------------------ twarc-csv */

static gboolean learn_handle(Preset *p, guint r, guint id_col, guint name_col, GError **error)
{
    Span id = field(p, r, id_col), name = field(p, r, name_col);
    if (id.len == 0 || name.len == 0)
        return TRUE;
    return smm_handle_book_add(p->handles, smm_names_hash(text(p, id), id.len), text(p, id), id.len,
                               text(p, name), name.len, FALSE, error);
}

/* As the twarc JSON import takes a tweet (json_twitter.c): a tweet met
 * twice is one, a retweet is (retweeter, original author, original, time),
 * an original is its author's own row, quotes and replies only when asked. */
static gboolean twarc_row(Preset *p, guint r, GError **error)
{
    guint64 line = p->in->line[r];
    Span id = field(p, r, T_ID), author = field(p, r, T_AUTHOR);
    if (!check_name(p, line, id, error) || !check_name(p, line, author, error))
        return FALSE;
    int added = smm_seen_set_add(&p->seen, smm_names_hash(text(p, id), id.len), error);
    if (added <= 0) {
        if (added == 0)
            smm_csv_stats_left_out(p->stats, "tweets met twice");
        return added == 0;
    }
    if (!learn_handle(p, r, T_AUTHOR, T_AUTHOR_NAME, error) ||
        !learn_handle(p, r, T_RT_USER, T_RT_NAME, error) ||
        !learn_handle(p, r, T_QT_USER, T_QT_NAME, error) ||
        !learn_handle(p, r, T_RP_USER, T_RP_NAME, error))
        return FALSE;
    /* a quote that replies is a quote */
    static const guint ref_col[] = {0, T_RT, T_QT, T_RP},
                       user_col[] = {0, T_RT_USER, T_QT_USER, T_RP_USER};
    int type = field(p, r, T_RT).len > 0   ? 1
               : field(p, r, T_QT).len > 0 ? 2
               : field(p, r, T_RP).len > 0 ? 3
                                           : 0;
    static const guint bit[] = {SMM_TWEET_POST, SMM_TWEET_RETWEET, SMM_TWEET_QUOTE,
                                SMM_TWEET_REPLY};
    if ((p->want & bit[type]) == 0) {
        static const char *const skipped[] = {"original posts", "retweets", "quotes", "replies"};
        smm_csv_stats_left_out(p->stats, skipped[type]);
        return TRUE;
    }
    Span time = field(p, r, T_TIME);
    if (!check_time(p, line, time, error))
        return FALSE;
    if (type == 0)
        return emit(p, r, (Span[]){author, author, id, time}, error);
    Span original = field(p, r, user_col[type]);
    if (original.len == 0) {
        static const char *const missing[] = {NULL, "retweets whose original is missing",
                                              "quotes whose original is missing",
                                              "replies whose original is missing"};
        smm_csv_stats_left_out(p->stats, missing[type]);
        return TRUE;
    }
    return emit(p, r, (Span[]){author, original, field(p, r, ref_col[type]), time}, error);
}

/* --------------------------------------------------------------- NodeXL */

/* The summary's names of the relationships NodeXL writes, for the rows
 * left out (left-out reasons are static strings). */
static const char *const relationships[][2] = {
    {"Tweet", "Tweet edges"},
    {"Retweet", "Retweet edges"},
    {"MentionsInRetweet", "MentionsInRetweet edges"},
    {"Mentions", "Mentions edges"},
    {"Replies to", "Replies to edges"},
    {"Follows", "Follows edges"},
    {"Followed", "Followed edges"},
    {"Follower", "Follower edges"},
    {"Quote", "Quote edges"},
    {"MentionsInQuote", "MentionsInQuote edges"},
    {"MentionsInReply", "MentionsInReply edges"},
};

static void nodexl_left_out(Preset *p, Span rel)
{
    if (rel.len == 0) {
        smm_csv_stats_left_out(p->stats, "edges without a Relationship");
        return;
    }
    for (guint i = 0; i < G_N_ELEMENTS(relationships); i++)
        if (span_is(p, rel, relationships[i][0])) {
            smm_csv_stats_left_out(p->stats, relationships[i][1]);
            return;
        }
    smm_csv_stats_left_out(p->stats, "edges of other relationships");
}

/* The time of a Retweet or Tweet row: its Relationship Date (UTC), else
 * its Tweet Date (UTC). */
static gboolean nodexl_time(Preset *p, guint r, Span *time, GError **error)
{
    *time = field(p, r, N_DATE);
    if (time->len == 0 && p->inner.column_index[N_TWEET_DATE] != 0)
        *time = field(p, r, N_TWEET_DATE);
    if (p->inner.column_index[time->col] == 0)
        return fail(p, error, p->in->line[r],
                    "a reshare needs its time, and the sheet has no Relationship Date (UTC) or "
                    "Tweet Date (UTC) column");
    return TRUE;
}

/* Vertex 1 is the tweeter (retweeter, replier, follower): Follows,
 * Followed and Follower rows are follows; Retweet rows (with the
 * original's id as a number) reshares, Tweet self-loops own posts. */
static gboolean nodexl_row(Preset *p, guint r, GError **error)
{
    Span v1 = field(p, r, N_V1), v2 = field(p, r, N_V2), rel = field(p, r, N_REL);
    gboolean follow =
        span_is(p, rel, "Follows") || span_is(p, rel, "Followed") || span_is(p, rel, "Follower");
    if (p->role == SMM_TWITTER_FOLLOWS) {
        if (!follow) {
            nodexl_left_out(p, rel);
            return TRUE;
        }
        return emit(p, r, (Span[]){v1, v2}, error);
    }
    gboolean retweet = span_is(p, rel, "Retweet");
    gboolean tweet = span_is(p, rel, "Tweet") && v1.len == v2.len &&
                     memcmp(text(p, v1), text(p, v2), v1.len) == 0;
    if (!retweet && !tweet) {
        if (span_is(p, rel, "Tweet"))
            smm_csv_stats_left_out(p->stats, "Tweet edges that are not self-loops");
        else
            nodexl_left_out(p, rel);
        return TRUE;
    }
    if ((p->want & (retweet ? SMM_TWEET_RETWEET : SMM_TWEET_POST)) == 0) {
        nodexl_left_out(p, rel);
        return TRUE;
    }
    Span post = field(p, r, retweet ? N_RT_ID : N_IMPORTED_ID);
    while (!retweet && post.len > 0 && text(p, post)[0] == '\'') { /* Excel's text mark */
        post.start++;
        post.len--;
    }
    if (!span_is_digits(p, post)) {
        smm_csv_stats_left_out(p->stats, retweet ? "Retweet edges without a usable Retweet ID"
                                                 : "Tweet edges without a usable Imported ID");
        return TRUE;
    }
    Span time;
    if (!nodexl_time(p, r, &time, error))
        return FALSE;
    return emit(p, r, (Span[]){v1, retweet ? v2 : v1, post, time}, error);
}

/* ---------------------------------------------------------------- Gephi */

/* Directed (or no type): Source follows Target; Undirected: both ways. */
static gboolean gephi_row(Preset *p, guint r, GError **error)
{
    Span a = field(p, r, G_SOURCE), b = field(p, r, G_TARGET), type = field(p, r, G_TYPE);
    if (a.len == 0 || b.len == 0) {
        smm_csv_stats_left_out(p->stats, "rows without a Source or Target");
        return TRUE;
    }
    const char *t = text(p, type);
    if (type.len == 0 || g_ascii_strcasecmp(t, "Directed") == 0)
        return emit(p, r, (Span[]){a, b}, error);
    if (g_ascii_strcasecmp(t, "Undirected") == 0)
        return emit(p, r, (Span[]){a, b}, error) && emit(p, r, (Span[]){b, a}, error);
    smm_csv_stats_left_out(p->stats, g_ascii_strcasecmp(t, "Mixed") == 0
                                         ? "rows of type Mixed"
                                         : "rows of a type other than Directed or Undirected");
    return TRUE;
}

/* ------------------------------------------------------------- reading */

static gboolean on_batch(const SmmRowBatch *batch, gpointer ctx, GError **error)
{
    Preset *p = ctx;
    p->in = batch;
    p->n_rows = 0;
    for (guint r = 0; r < batch->n_rows; r++) {
        gboolean ok = p->format == SMM_INPUT_TWARC_CSV ? twarc_row(p, r, error)
                      : p->format == SMM_INPUT_NODEXL  ? nodexl_row(p, r, error)
                                                       : gephi_row(p, r, error);
        if (!ok)
            return FALSE;
    }
    return flush(p, error);
}

/* Why a sheet of this format gave no rows for the role. */
static const char *no_rows_hint(SmmInputFormat format, SmmTwitterRole role)
{
    if (format == SMM_INPUT_NODEXL)
        return role == SMM_TWITTER_FOLLOWS
                   ? "NodeXL's follows are Follows, Followed and Follower edges"
                   : "NodeXL's reshares are Retweet edges with a Retweet ID, and Tweet "
                     "self-loops its own posts";
    if (format == SMM_INPUT_TWARC_CSV)
        return "twarc-csv's reshares are retweets whose original is in the data, and original "
               "posts";
    return "Gephi's edges are Directed or Undirected rows";
}

gboolean smm_csv_preset_read(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                             SmmInputFormat format, SmmTwitterRole role, guint want,
                             SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats, SmmNames *names,
                             GError **error)
{
    smm_csv_stats_clear(stats);
    stats->format = smm_csv_preset_label(format);
    const char *shown = smm_display_name(path);
    if ((format == SMM_INPUT_TWARC_CSV && role == SMM_TWITTER_FOLLOWS) ||
        (format == SMM_INPUT_GEPHI && role == SMM_TWITTER_RESHARES)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    format == SMM_INPUT_GEPHI
                        ? "%s: Gephi edges hold follows, not reshares: give it as the follower file"
                        : "%s: twarc-csv holds tweets, not follows: give it as the reshare log",
                    shown);
        smm_byte_source_close(src);
        return FALSE;
    }
    if (options->header == SMM_HEADER_NO) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s is read as %s, whose header row is always there: --no-header is for "
                    "plain CSV (--input-format csv)",
                    shown, stats->format);
        smm_byte_source_close(src);
        return FALSE;
    }
    Preset p = {
        .path = shown,
        .format = format,
        .role = role,
        .want = want,
        .n_out = role == SMM_TWITTER_FOLLOWS ? 2 : 4,
        .stats = stats,
        .fn = fn,
        .ctx = ctx,
    };
    guint n_cols;
    SmmHandleBook handles;
    if (format == SMM_INPUT_TWARC_CSV) {
        p.cols = twarc_cols;
        n_cols = T_N;
        smm_seen_set_init(&p.seen);
        smm_handle_book_init(&handles);
        p.handles = &handles;
    } else if (format == SMM_INPUT_NODEXL) {
        p.cols = nodexl_cols;
        n_cols = N_N;
    } else {
        p.cols = gephi_cols;
        n_cols = G_N;
    }
    for (guint c = 0; c < p.n_out; c++)
        stats->column_index[c] = c + 1;
    SmmCsvOptions o = *options;
    o.header = SMM_HEADER_YES;
    o.group_row = format == SMM_INPUT_NODEXL ? "Visual Properties" : NULL;
    gboolean ok = smm_csv_read_from(src, path, &o, p.cols, n_cols, on_batch, &p, &p.inner, error);
    stats->records = p.inner.data_rows;
    stats->lines = p.inner.lines;
    stats->blank_lines = p.inner.blank_lines;
    stats->header = p.inner.header;
    stats->delimiter = p.inner.delimiter;
    stats->delimiter_detected = p.inner.delimiter_detected;
    stats->fast_rows = p.inner.fast_rows;
    stats->encoding = g_steal_pointer(&p.inner.encoding);
    smm_csv_stats_clear(&p.inner);
    if (ok && stats->data_rows == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "%s: no %s in its %" G_GUINT64_FORMAT " rows (%s): %s", shown,
                    role == SMM_TWITTER_FOLLOWS ? "follows" : "reshares", stats->records,
                    stats->format, no_rows_hint(format, role));
        ok = FALSE;
    }
    if (ok && p.handles != NULL)
        smm_handle_book_label(p.handles, names);
    if (p.handles != NULL) {
        smm_handle_book_clear(p.handles);
        smm_seen_set_clear(&p.seen);
    }
    g_free(p.line);
    g_free(p.start);
    g_free(p.len);
    g_free(p.hash);
    return ok;
}
