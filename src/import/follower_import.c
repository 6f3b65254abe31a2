/* follower_import.c - a follower CSV to (follower, followee) id pairs.
 *
 * The reader hands over batches of rows whose account columns it already
 * checked and hashed; probabilities are checked row by row (so the first bad
 * row is the one reported), then all the batch's account names are interned
 * in one smm_names_intern_fields() call, straight from the batch, which is
 * where the import's main thread spends its time on large files.
 * Jetstream's follow deletes take rows back: they are applied once the
 * input is read, in one pass over the arrays.
 */
#include "smm/import.h"

#include <string.h>

#include "csv_presets.h"
#include "import_budget.h"
#include "input_format_private.h"
#include "json_jetstream.h"
#include "json_formats.h"

#include "smm/core.h"

enum { COL_SOURCE, COL_TARGET, COL_P, N_COLS };

typedef struct {
    const char *path;
    const SmmFollowerImportOptions *options;
    SmmEdgeList *edges;
    GArray *ids;   /* guint32, two per row of the batch */
    GArray *probs; /* double per row of the batch */
    SmmImportBudget budget;
    guint64 extra_bytes; /* per follow, the reader's own (Jetstream's delete map) */
    /* Deletes (Jetstream): rows are numbered from 0 across the input, the
     * self-loops dropped included. */
    gboolean deletes;
    guint64 rows_seen;
    GArray *loops;   /* guint64 ordinals of the self-loops dropped, ascending */
    GArray *dropped; /* guint64 ordinals the input took back */
} Import;

static const char *column_what[N_COLS] = {"source column", "target column", "probability column"};

static gboolean parse_probability(Import *im, guint64 line, const char *s, guint32 len, double *p,
                                  GError **error)
{
    double v;
    if (!smm_parse_decimal(s, len, &v) || v < 0.0 || v > 1.0) {
        g_autofree gchar *q = smm_quote_value(s, len);
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                    "%s:%" G_GUINT64_FORMAT ": the probability column (column %u) holds %s; "
                    "expected a number from 0 to 1",
                    smm_display_name(im->path), line, im->edges->csv.column_index[COL_P], q);
        return FALSE;
    }
    *p = v;
    return TRUE;
}

static gboolean on_batch(const SmmRowBatch *batch, gpointer ctx, GError **error)
{
    Import *im = ctx;
    SmmEdgeList *edges = im->edges;
    gboolean has_p = edges->p != NULL;
    guint rows = batch->n_rows;
    if (batch->n_drops > 0)
        g_array_append_vals(im->dropped, batch->drops, batch->n_drops);

    g_array_set_size(im->ids, rows * 2);
    g_array_set_size(im->probs, rows);
    guint32 *ids = (guint32 *)(void *)im->ids->data;
    double *probs = (double *)(void *)im->probs->data;

    for (guint r = 0; has_p && r < rows; r++) {
        guint32 len;
        const char *s = smm_batch_field(batch, r, COL_P, &len);
        if (!parse_probability(im, batch->line[r], s, len, &probs[r], error))
            return FALSE;
    }
    /* the source and target columns come first in every row of the batch */
    G_STATIC_ASSERT(COL_SOURCE == 0 && COL_TARGET == 1);
    if (!smm_names_intern_fields(edges->names, rows, 2, batch->n_cols, batch->bytes, batch->start,
                                 batch->len, batch->hash, ids, error))
        return FALSE;

    /* Append in place: room for every row (up to the limit), then trim to
     * what was kept. */
    guint64 at = edges->src->len;
    const guint64 end = at + smm_rows_room(at, rows, im->options->csv.max_kept_rows);
    g_array_set_size(edges->src, (guint)end);
    g_array_set_size(edges->dst, (guint)end);
    if (has_p)
        g_array_set_size(edges->p, (guint)end);
    guint32 *src = (guint32 *)(void *)edges->src->data;
    guint32 *dst = (guint32 *)(void *)edges->dst->data;
    float *p = has_p ? (float *)(void *)edges->p->data : NULL;
    guint from = im->options->reverse ? 1 : 0;
    for (guint r = 0; r < rows; r++) {
        guint32 follower = ids[2 * r + from];
        guint32 followee = ids[2 * r + (1 - from)];
        if (follower == followee) {
            edges->self_loops++;
            if (im->deletes) {
                guint64 ordinal = im->rows_seen + r;
                g_array_append_val(im->loops, ordinal);
            }
            continue;
        }
        if (G_UNLIKELY(at == end))
            return smm_import_too_many(im->path, batch->line[r], im->options->csv.max_kept_rows,
                                       "follows; a graph holds", error);
        src[at] = follower;
        dst[at] = followee;
        if (has_p)
            p[at] = (float)probs[r];
        at++;
    }
    g_array_set_size(edges->src, at);
    g_array_set_size(edges->dst, at);
    if (has_p)
        g_array_set_size(edges->p, at);
    im->rows_seen += rows;
    guint64 own = sizeof(guint32) * 2 + (has_p ? sizeof(float) : 0) + im->extra_bytes;
    return smm_import_budget_check(&im->budget, "building the graph of the follows", im->path,
                                   batch, at, own, im->options->later_bytes_per_follow, error);
}

static gint compare_u64(gconstpointer a, gconstpointer b)
{
    guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
    return x < y ? -1 : x > y;
}

/* Takes out the follows the input deleted, keeping the order of the rest:
 * a row's edge is its ordinal less the self-loops dropped before it. A
 * deleted self-loop was never an edge: it counts as deleted, not as a
 * self-loop. */
static void apply_deletes(Import *im)
{
    SmmEdgeList *edges = im->edges;
    GArray *d = im->dropped;
    if (d->len == 0)
        return;
    g_array_sort(d, compare_u64);
    guint64 *ordinal = (guint64 *)(void *)d->data;
    const guint64 *loops = (const guint64 *)(void *)im->loops->data;
    guint n_loops = im->loops->len, l = 0, n = 0;
    guint64 prev = 0;
    for (guint i = 0; i < d->len; i++) {
        guint64 o = ordinal[i];
        if ((i > 0 && o == prev) || o >= im->rows_seen) /* taken back once */
            continue;
        prev = o;
        while (l < n_loops && loops[l] < o)
            l++;
        if (l < n_loops && loops[l] == o) {
            edges->self_loops--;
            edges->deleted++;
            continue;
        }
        ordinal[n++] = o - l; /* now an edge index, ascending: n <= i */
    }
    if (n == 0)
        return;
    guint32 *src = (guint32 *)(void *)edges->src->data;
    guint32 *dst = (guint32 *)(void *)edges->dst->data;
    float *p = edges->p != NULL ? (float *)(void *)edges->p->data : NULL;
    guint64 len = edges->src->len, at = ordinal[0];
    guint k = 0;
    for (guint64 e = ordinal[0]; e < len; e++) {
        if (k < n && ordinal[k] == e) {
            k++;
            continue;
        }
        src[at] = src[e];
        dst[at] = dst[e];
        if (p != NULL)
            p[at] = p[e];
        at++;
    }
    edges->deleted += k;
    g_array_set_size(edges->src, (guint)at);
    g_array_set_size(edges->dst, (guint)at);
    if (p != NULL)
        g_array_set_size(edges->p, (guint)at);
}

static const SmmJsonColumns json_follows = {
    .n_cols = 2, .what = {"follower", "followee"}, .interned = {TRUE, TRUE}};

/* The follower file's rows, from CSV or from JSON lines. */
static gboolean read_rows(const char *path, const SmmFollowerImportOptions *options,
                          const SmmColumnSpec *cols, Import *im, GError **error)
{
    SmmInputFormat format;
    SmmByteSource *src = smm_input_open(path, &options->csv, options->format, &format, error);
    if (src == NULL)
        return FALSE;
    SmmCsvStats *stats = &im->edges->csv;
    if (!smm_input_format_is_json(format) && !smm_input_format_is_preset(format))
        return smm_csv_read_from(src, path, &options->csv, cols, options->p_column != NULL ? 3 : 2,
                                 on_batch, im, stats, error);
    smm_csv_stats_clear(stats);
    stats->format = smm_input_format_is_preset(format) ? smm_csv_preset_label(format)
                                                       : smm_input_format_name(format);
    const char *column = options->source_column   ? "--source"
                         : options->target_column ? "--target"
                         : options->p_column      ? "--p-column"
                                                  : NULL;
    if (column != NULL) {
        if (smm_input_format_is_preset(format))
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "%s is read as %s, whose columns are known: %s chooses a column of plain "
                        "CSV (--input-format csv)",
                        smm_display_name(path), stats->format, column);
        else
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "%s is %s JSON, not CSV: %s chooses a CSV column", smm_display_name(path),
                        stats->format, column);
        smm_byte_source_close(src);
        return FALSE;
    }
    if (smm_input_format_is_preset(format))
        return smm_csv_preset_read(src, path, &options->csv, format, SMM_TWITTER_FOLLOWS, 0,
                                   on_batch, im, stats, im->edges->names, error);
    if (format == SMM_INPUT_JETSTREAM) {
        im->deletes = TRUE;
        im->extra_bytes = SMM_JETSTREAM_BYTES_PER_FOLLOW;
    }
    gboolean ok = smm_json_read_format(src, path, &options->csv, format, SMM_TWITTER_FOLLOWS, 0,
                                       &json_follows, on_batch, im, stats, im->edges->names, error);
    if (ok && im->deletes)
        apply_deletes(im);
    if (ok && stats->data_rows == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "%s: no follows in its %" G_GUINT64_FORMAT " records: %s",
                    smm_display_name(path), stats->records,
                    format == SMM_INPUT_JETSTREAM
                        ? "Jetstream's follows are app.bsky.graph.follow creates"
                        : "twarc's follows are followers or following pages "
                          "(twarc2 followers/following)");
        return FALSE;
    }
    return ok;
}

void smm_edge_list_clear(SmmEdgeList *edges)
{
    smm_names_free(edges->names);
    if (edges->src != NULL)
        g_array_unref(edges->src);
    if (edges->dst != NULL)
        g_array_unref(edges->dst);
    if (edges->p != NULL)
        g_array_unref(edges->p);
    smm_csv_stats_clear(&edges->csv);
    memset(edges, 0, sizeof *edges);
}

gboolean smm_import_followers(const char *path, const SmmFollowerImportOptions *options,
                              SmmNames *names, SmmEdgeList *edges, GError **error)
{
    SmmColumnSpec cols[N_COLS] = {
        {options->source_column, 1, column_what[COL_SOURCE], TRUE, NULL, FALSE},
        {options->target_column, 2, column_what[COL_TARGET], TRUE, NULL, FALSE},
        {options->p_column, 0, column_what[COL_P], FALSE, NULL, FALSE},
    };
    memset(edges, 0, sizeof *edges);
    edges->names = names != NULL ? names : smm_names_new();
    if (g_strcmp0(options->source_column, "none") == 0 ||
        g_strcmp0(options->target_column, "none") == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "a follower file needs both a source and a target column");
        smm_edge_list_clear(edges);
        return FALSE;
    }
    edges->src = g_array_new(FALSE, FALSE, sizeof(guint32));
    edges->dst = g_array_new(FALSE, FALSE, sizeof(guint32));
    edges->p = options->p_column != NULL ? g_array_new(FALSE, FALSE, sizeof(float)) : NULL;
    edges->undirected = options->undirected;

    Import im = {
        .path = path,
        .options = options,
        .edges = edges,
        .ids = g_array_new(FALSE, FALSE, sizeof(guint32)),
        .probs = g_array_new(FALSE, FALSE, sizeof(double)),
        .loops = g_array_new(FALSE, FALSE, sizeof(guint64)),
        .dropped = g_array_new(FALSE, FALSE, sizeof(guint64)),
    };
    smm_import_budget_init(&im.budget);
    gboolean ok = read_rows(path, options, cols, &im, error);
    g_array_unref(im.ids);
    g_array_unref(im.probs);
    g_array_unref(im.loops);
    g_array_unref(im.dropped);
    if (!ok)
        smm_edge_list_clear(edges);
    return ok;
}
