/* fuzz_followers.c - a follower CSV through the importer and the graph
 * build, then through the graph file and back.
 *
 * Input: one byte of options, then the file. Beyond not crashing, the
 * target holds the import to what tests/unit/test_csv_reader.c proves on
 * chosen cases: the fast path, threads and chunk boundaries give what
 * libcsv alone gives (ids, names, stats, errors); the graph holds every
 * kept row once, sorted, in both directions; a graph file reads back as
 * the graph that was written.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "smm/graph.h"
#include "smm/graph_file.h"
#include "smm/import.h"

enum {
    OPT_REVERSE = 1 << 0,
    OPT_UNDIRECTED = 1 << 1,
    OPT_P = 1 << 2,       /* probabilities in column 3 */
    OPT_HEADER = 3 << 3,  /* auto, yes, no, auto */
    OPT_LATIN = 1 << 5,   /* windows-1252 */
    OPT_THREADS = 1 << 6, /* parse on a second thread */
    OPT_PIECES = 1 << 7,  /* a few bytes at a time, and small field and row limits */
};

static const SmmHeaderMode header_modes[4] = {SMM_HEADER_AUTO, SMM_HEADER_YES, SMM_HEADER_NO,
                                              SMM_HEADER_AUTO};

static void same_arrays(const GArray *a, const GArray *b)
{
    FUZZ_CHECK((a == NULL) == (b == NULL));
    if (a == NULL)
        return;
    FUZZ_CHECK(a->len == b->len);
    FUZZ_CHECK(memcmp(a->data, b->data, (gsize)a->len * g_array_get_element_size((GArray *)a)) ==
               0);
}

/* Two imports of the same bytes, by different tokenizers and threads. */
static void same_import(gboolean ok_a, const SmmEdgeList *a, const GError *ea, gboolean ok_b,
                        const SmmEdgeList *b, const GError *eb)
{
    FUZZ_CHECK(ok_a == ok_b);
    if (!ok_a) {
        FUZZ_CHECK(ea->code == eb->code);
        if (strcmp(ea->message, eb->message) != 0) {
            fprintf(stderr, "fast path: %s\nlibcsv:    %s\n", ea->message, eb->message);
            FUZZ_CHECK(!"the same error");
        }
        return;
    }
    guint32 n = smm_names_count(a->names);
    FUZZ_CHECK(n == smm_names_count(b->names));
    for (guint32 id = 0; id < n; id++) {
        guint32 la, lb;
        const char *na = smm_names_get(a->names, id, &la);
        const char *nb = smm_names_get(b->names, id, &lb);
        FUZZ_CHECK(la == lb && memcmp(na, nb, la) == 0);
    }
    same_arrays(a->src, b->src);
    same_arrays(a->dst, b->dst);
    same_arrays(a->p, b->p);
    FUZZ_CHECK(a->self_loops == b->self_loops);
    const SmmCsvStats *sa = &a->csv, *sb = &b->csv;
    FUZZ_CHECK(sa->lines == sb->lines && sa->data_rows == sb->data_rows &&
               sa->blank_lines == sb->blank_lines && sa->header == sb->header &&
               sa->delimiter == sb->delimiter && sa->delimiter_detected == sb->delimiter_detected &&
               sa->header_detected == sb->header_detected);
    FUZZ_CHECK(g_strcmp0(sa->encoding, sb->encoding) == 0);
    FUZZ_CHECK(memcmp(sa->column_index, sb->column_index, sizeof sa->column_index) == 0);
    FUZZ_CHECK(sa->data_rows == a->src->len + a->self_loops);
}

static gboolean has_edge(const guint64 *off, const guint32 *adj, guint32 v, guint32 u)
{
    guint64 lo = off[v], hi = off[v + 1];
    while (lo < hi) {
        guint64 mid = lo + (hi - lo) / 2;
        if (adj[mid] == u)
            return TRUE;
        if (adj[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return FALSE;
}

static void check_rows(guint32 n, guint64 m, const guint64 *off, const guint32 *adj)
{
    FUZZ_CHECK(off[0] == 0 && off[n] == m);
    for (guint32 v = 0; v < n; v++) {
        FUZZ_CHECK(off[v] <= off[v + 1]);
        for (guint64 e = off[v]; e < off[v + 1]; e++) {
            FUZZ_CHECK(adj[e] < n && adj[e] != v);
            FUZZ_CHECK(e == off[v] || adj[e - 1] < adj[e]);
        }
    }
}

/* The graph holds the rows read (src, dst: copies), each once. */
static void check_graph(const SmmGraph *g, const guint32 *src, const guint32 *dst, guint64 rows,
                        const SmmGraphStats *stats)
{
    check_rows(g->n, g->m, g->out_off, g->out_adj);
    check_rows(g->n, g->m, g->in_off, g->in_adj);
    FUZZ_CHECK(g->m == (g->undirected ? 2 : 1) * stats->edges);
    FUZZ_CHECK(rows == stats->edges + stats->duplicates);
    for (guint64 e = 0; e < rows; e++) {
        FUZZ_CHECK(has_edge(g->out_off, g->out_adj, src[e], dst[e]));
        FUZZ_CHECK(has_edge(g->in_off, g->in_adj, dst[e], src[e]));
        if (g->undirected)
            FUZZ_CHECK(has_edge(g->out_off, g->out_adj, dst[e], src[e]));
    }
    for (guint32 v = 0; v < g->n; v++)
        for (guint64 e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
            FUZZ_CHECK(has_edge(g->in_off, g->in_adj, g->out_adj[e], v));
            if (g->out_p != NULL)
                FUZZ_CHECK(g->out_p[e] >= 0.0f && g->out_p[e] <= 1.0f);
        }
}

/* Through a graph file in memory and back: the same graph. */
static void round_trip(const SmmGraph *g, const SmmFollowerImportOptions *o,
                       const SmmEdgeList *edges, const SmmGraphStats *stats)
{
    SmmImportSummary summary;
    smm_import_summary_from_csv(&summary, "followers.csv", o, edges, stats);
    FuzzMemFile mf;
    fuzz_memfile_open(&mf, NULL, 0);
    FILE *fp = fdopen(dup(mf.fd), "wb");
    FUZZ_CHECK(fp != NULL);
    GError *error = NULL;
    gboolean ok = smm_graph_file_write(g, &summary, fp, "graph.smmg", 1, &error);
    FUZZ_CHECK(fclose(fp) == 0);
    smm_import_summary_clear(&summary);
    if (!ok) {
        fprintf(stderr, "%s\n", error->message);
        FUZZ_CHECK(!"a graph file is written");
    }
    SmmImportSummary back;
    SmmGraph *h = smm_graph_file_open(mf.path, 1, &back, &error);
    if (h == NULL) {
        fprintf(stderr, "%s\n", error->message);
        FUZZ_CHECK(!"the graph file reads back");
    }
    FUZZ_CHECK(h->n == g->n && h->m == g->m && h->undirected == g->undirected);
    FUZZ_CHECK(memcmp(h->out_off, g->out_off, 8 * ((gsize)g->n + 1)) == 0);
    FUZZ_CHECK(memcmp(h->in_off, g->in_off, 8 * ((gsize)g->n + 1)) == 0);
    FUZZ_CHECK(memcmp(h->out_adj, g->out_adj, 4 * g->m) == 0);
    FUZZ_CHECK(memcmp(h->in_adj, g->in_adj, 4 * g->m) == 0);
    FUZZ_CHECK((h->out_p == NULL) == (g->out_p == NULL));
    FUZZ_CHECK(g->out_p == NULL || memcmp(h->out_p, g->out_p, 4 * g->m) == 0);
    for (guint32 id = 0; id < g->n; id++) {
        guint32 la, lb;
        const char *na = smm_names_get(g->names, id, &la);
        const char *nb = smm_names_get(h->names, id, &lb);
        FUZZ_CHECK(la == lb && memcmp(na, nb, la) == 0);
    }
    FUZZ_CHECK(back.rows_read == edges->csv.data_rows && back.edges == stats->edges);
    smm_import_summary_clear(&back);
    smm_graph_free(h);
    fuzz_memfile_close(&mf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    guint8 opt = data[0];
    SmmFollowerImportOptions o = {0};
    o.csv.data = data + 1;
    o.csv.data_len = size - 1;
    o.csv.header = header_modes[(opt & OPT_HEADER) >> 3];
    o.csv.encoding = (opt & OPT_LATIN) ? "windows-1252" : NULL;
    o.csv.n_threads = (opt & OPT_THREADS) ? 2 : 1;
    o.csv.piece_bytes = (opt & OPT_PIECES) ? 1 + (guint)(size % 7) : 0;
    /* limits a few kB of input can reach (the reference run keeps them) */
    o.csv.max_field = (opt & OPT_PIECES) ? 8 + (guint)(size % 57) : 0;
    o.csv.max_kept_rows = (opt & OPT_PIECES) ? 16 + size % 16 : 0;
    o.reverse = (opt & OPT_REVERSE) != 0;
    o.undirected = (opt & OPT_UNDIRECTED) != 0;
    o.p_column = (opt & OPT_P) ? "3" : NULL;

    SmmFollowerImportOptions ref = o;
    ref.csv.parser = SMM_CSV_PARSER_LIBCSV;
    ref.csv.n_threads = 1;
    ref.csv.piece_bytes = 0;

    SmmEdgeList edges, ref_edges;
    GError *error = NULL, *ref_error = NULL;
    gboolean ok = smm_import_followers("followers.csv", &o, NULL, &edges, &error);
    gboolean ref_ok = smm_import_followers("followers.csv", &ref, NULL, &ref_edges, &ref_error);
    same_import(ok, &edges, error, ref_ok, &ref_edges, ref_error);
    g_clear_error(&error);
    g_clear_error(&ref_error);
    if (ref_ok)
        smm_edge_list_clear(&ref_edges);
    if (!ok)
        return 0;

    guint64 rows = edges.src->len;
    guint32 *src = g_memdup2(edges.src->data, 4 * rows);
    guint32 *dst = g_memdup2(edges.dst->data, 4 * rows);
    SmmGraphStats stats;
    SmmGraph *g = smm_graph_build(&edges, o.csv.n_threads, NULL, &stats, &error);
    FUZZ_CHECK(g != NULL);
    check_graph(g, src, dst, rows, &stats);
    round_trip(g, &o, &edges, &stats);
    g_free(src);
    g_free(dst);
    smm_graph_free(g);
    smm_edge_list_clear(&edges);
    return 0;
}
