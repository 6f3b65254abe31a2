/* fuzz_reshares.c - a reshare log through the importer into cascades,
 * trees, adopters, credits and learned probabilities, over a follower
 * graph that is empty or comes with the input.
 *
 * Input: two bytes of options, then either a log, or a follower CSV, a NUL
 * byte and a log (a NUL is never valid in either file, so nothing is lost).
 * Beyond not crashing, the target checks what cascade.h promises: every
 * parent adopted before its child, shapes within the tree's size, no
 * negative duration, report orders that are permutations, probabilities
 * within [0, 1].
 */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "smm/cascade.h"
#include "smm/influence.h"
#include "smm/metrics.h"

enum {
    OPT_BY = 3 << 0,           /* as the CLI picks it, item, author, topic */
    OPT_AUTHOR_NAMED = 1 << 2, /* found by header name only, as adopters has it */
    OPT_ITEM_NAMED = 1 << 3,
    OPT_TIME_NAMED = 1 << 4,
    OPT_HEADER = 3 << 5,
    OPT_FIRST = 1 << 7, /* attribution to the earliest followee */
};
enum {
    OPT2_THREADS = 1 << 0,
    OPT2_PIECES = 1 << 1, /* a few bytes at a time, and small field and row limits */
    OPT2_LIBCSV = 1 << 2,
    OPT2_ONLY = 1 << 3,   /* --only 5=RT,QT */
    OPT2_WINDOW = 1 << 4, /* --since and --until */
    OPT2_UNDIRECTED = 1 << 5,
    OPT2_LEARN = 1 << 6,
    OPT2_WC_PRIOR = 1 << 7, /* the learned model's prior: weighted cascade, else 0.01 */
};

static const SmmHeaderMode header_modes[4] = {SMM_HEADER_AUTO, SMM_HEADER_YES, SMM_HEADER_NO,
                                              SMM_HEADER_AUTO};

static SmmGraph *empty_graph(void)
{
    SmmGraph *g = smm_graph_from_csr(0, g_new0(guint64, 1), g_new(guint32, 1));
    g->names = smm_names_new();
    return g;
}

static SmmGraph *follower_graph(const char *data, gsize len, gboolean undirected)
{
    SmmFollowerImportOptions o = {.undirected = undirected};
    o.csv.n_threads = 1;
    o.csv.data = data;
    o.csv.data_len = len;
    SmmEdgeList edges;
    GError *error = NULL;
    if (!smm_import_followers("followers.csv", &o, NULL, &edges, &error)) {
        g_error_free(error);
        return empty_graph();
    }
    SmmGraphStats stats;
    SmmGraph *g = smm_graph_build(&edges, 1, NULL, &stats, &error);
    FUZZ_CHECK(g != NULL);
    smm_edge_list_clear(&edges);
    return g;
}

static void check_permutation(const guint32 *order, guint32 count, guint32 n)
{
    g_autofree guint8 *seen = g_new0(guint8, MAX(n, 1));
    for (guint32 i = 0; i < count; i++) {
        FUZZ_CHECK(order[i] < n && !seen[order[i]]);
        seen[order[i]] = 1;
    }
}

static void check_trees(const SmmCascades *cs, const SmmCascadeTrees *t, guint32 n_accounts)
{
    for (guint32 c = 0; c < cs->n; c++) {
        guint32 size = smm_cascade_size(cs, c);
        FUZZ_CHECK(t->node_off[c + 1] - t->node_off[c] == size);
        FUZZ_CHECK(cs->root[c] < n_accounts);
        const guint32 *parent = t->parent + t->node_off[c];
        const guint32 *who = smm_cascade_resharers(cs, c);
        const double *when = smm_cascade_reshare_times(cs, c);
        for (guint32 j = 1; j < size; j++) {
            FUZZ_CHECK(parent[j] < j);
            FUZZ_CHECK(who[j - 1] < n_accounts);
            FUZZ_CHECK(j == 1 || when[j - 2] <= when[j - 1]);
        }
        const SmmCascadeShape *s = &t->shapes[c];
        FUZZ_CHECK(s->size == size);
        FUZZ_CHECK(s->depth < size && s->max_breadth >= 1 && s->max_breadth <= size);
        FUZZ_CHECK(isfinite(s->virality) && s->virality >= 0);
        FUZZ_CHECK(s->t50 >= 0 && s->t50 <= s->t90 && s->t90 <= s->duration);
        FUZZ_CHECK(s->top_amplifier == SMM_NO_ACCOUNT || s->top_amplifier < n_accounts);
    }
}

static void cascades(const SmmReshareLog *log, SmmGraph *g, guint8 opt, guint8 opt2,
                     guint n_threads, SmmCascadeSort key)
{
    static const SmmCascadeBy bys[4] = {SMM_CASCADE_BY_ITEM, SMM_CASCADE_BY_ITEM,
                                        SMM_CASCADE_BY_AUTHOR, SMM_CASCADE_BY_TOPIC};
    SmmCascadeBy by = bys[opt & OPT_BY];
    if ((opt & OPT_BY) == 0) /* as smm_cli_cascade_by() picks */
        by = log->item != NULL     ? SMM_CASCADE_BY_ITEM
             : log->author != NULL ? SMM_CASCADE_BY_AUTHOR
                                   : SMM_CASCADE_BY_TOPIC;
    GError *error = NULL;
    gboolean fit = smm_cascades_check_log(log, by, &error);
    g_clear_error(&error);
    SmmCascades *cs = smm_cascades_build(log, by, &error);
    FUZZ_CHECK((cs != NULL) == fit);
    if (cs == NULL) {
        g_error_free(error);
        return;
    }
    SmmCascadeTrees trees = {0};
    SmmAttribution how = (opt & OPT_FIRST) ? SMM_ATTRIBUTION_FIRST : SMM_ATTRIBUTION_LAST;
    smm_cascade_trees(cs, g, how, n_threads, &trees);
    check_trees(cs, &trees, g->n);
    SmmViaCheck via;
    smm_cascade_via_check(cs, g, &trees, &via);
    FUZZ_CHECK(via.with_via == via.agree + via.not_before + via.not_followed + via.passed_over);
    FUZZ_CHECK(cs->via != NULL || via.with_via == 0);

    guint32 *order = smm_cascade_order(cs, trees.shapes, g->names, log->items, key, n_threads);
    check_permutation(order, cs->n, cs->n);
    SmmResult table;
    smm_cascade_result_table(cs, g->names, log->items, trees.shapes, order, cs->n, &table);
    smm_result_clear(&table);
    smm_cascade_edges_table(cs, trees.parent, trees.node_off, order, cs->n, g->names, log->items,
                            &table);
    smm_result_clear(&table);
    g_free(order);

    SmmAdopters *ad = smm_adopters_compute(cs, g, g->n);
    guint32 count = 0;
    guint32 *adopters = smm_adopters_order(ad, g->names, 1, n_threads, &count);
    check_permutation(adopters, count, g->n);
    for (guint32 i = 0; i < count; i++) {
        guint32 a = adopters[i];
        FUZZ_CHECK(ad->cascades[a] >= 1);
        FUZZ_CHECK(ad->median_percentile[a] > 0 && ad->median_percentile[a] <= 100);
        FUZZ_CHECK(ad->early_score[a] >= 0 && ad->early_score[a] <= 1);
    }
    smm_adopters_result_table(ad, g->n, g->names, adopters, count, &table);
    smm_result_clear(&table);
    g_free(adopters);
    smm_adopters_free(ad);

    if (opt2 & OPT2_LEARN) {
        SmmLearnStats ls;
        smm_learn_probabilities(g, cs, (opt2 & OPT2_WC_PRIOR) ? -1 : 0.01, &ls);
        FUZZ_CHECK(ls.with_evidence + ls.from_prior == g->m && ls.positive <= ls.with_evidence);
        for (guint64 e = 0; e < g->m; e++)
            FUZZ_CHECK(g->out_p[e] >= 0.0f && g->out_p[e] <= 1.0f);
    }
    smm_cascade_trees_clear(&trees);
    smm_cascades_free(cs);
}

static void retweets(const SmmReshareLog *log, guint32 n, guint n_threads)
{
    SmmIterOptions iter;
    smm_iter_options_init(&iter);
    iter.max_iterations = 50;
    g_autofree double *counts = g_new(double, MAX(n, 1));
    g_autofree double *who = g_new(double, MAX(n, 1));
    g_autofree double *pr = g_new(double, MAX(n, 1));
    SmmIterResult result;
    guint64 self = 0;
    GError *error = NULL;
    if (!smm_metrics_retweets(log, n, 0.85, &iter, n_threads, counts, who, pr, &result, &self,
                              &error)) {
        g_error_free(error);
        return;
    }
    double sum = 0;
    for (guint32 v = 0; v < n; v++) {
        FUZZ_CHECK(counts[v] >= who[v] && who[v] >= 0);
        FUZZ_CHECK(pr[v] >= 0);
        sum += pr[v];
    }
    FUZZ_CHECK(n == 0 || fabs(sum - 1) < 1e-6);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    guint8 opt = data[0], opt2 = data[1];
    const char *body = (const char *)data + 2;
    gsize len = size - 2;
    const char *nul = memchr(body, '\0', len);
    SmmGraph *g = nul != NULL ? follower_graph(body, (gsize)(nul - body), opt2 & OPT2_UNDIRECTED)
                              : empty_graph();
    if (nul != NULL) {
        len -= (gsize)(nul + 1 - body);
        body = nul + 1;
    }
    guint n_threads = (opt2 & OPT2_THREADS) ? 2 : 1;

    SmmReshareImportOptions o = {0};
    o.csv.data = body;
    o.csv.data_len = len;
    o.csv.header = header_modes[(opt & OPT_HEADER) >> 5];
    o.csv.n_threads = n_threads;
    o.csv.piece_bytes = (opt2 & OPT2_PIECES) ? 1 + (guint)(size % 5) : 0;
    o.csv.max_field = (opt2 & OPT2_PIECES) ? 8 + (guint)(size % 57) : 0;
    o.csv.max_kept_rows = (opt2 & OPT2_PIECES) ? 16 + size % 16 : 0;
    o.csv.parser = (opt2 & OPT2_LIBCSV) ? SMM_CSV_PARSER_LIBCSV : SMM_CSV_PARSER_AUTO;
    o.author = (opt & OPT_AUTHOR_NAMED) ? SMM_ROLE_NAMED : SMM_ROLE_USED;
    o.item = (opt & OPT_ITEM_NAMED) ? SMM_ROLE_NAMED : SMM_ROLE_USED;
    o.time = (opt & OPT_TIME_NAMED) ? SMM_ROLE_NAMED : SMM_ROLE_USED;
    o.via = SMM_ROLE_NAMED; /* as cascades has it: read when given a header named via */
    o.only = (opt2 & OPT2_ONLY) ? "5=RT,QT" : NULL;
    o.has_since = o.has_until = (opt2 & OPT2_WINDOW) != 0;
    o.since = 1e9;
    o.until = 2e9;

    SmmReshareLog log;
    GError *error = NULL;
    if (!smm_import_reshares("log.csv", &o, g->names, &log, &error)) {
        g_error_free(error);
        smm_graph_free(g);
        return 0;
    }
    guint64 rows = smm_reshare_log_size(&log);
    FUZZ_CHECK(log.csv.data_rows == rows + log.outside_window + log.left_out);
    for (guint64 r = 0; log.time != NULL && r < rows; r++)
        FUZZ_CHECK(isfinite(g_array_index(log.time, double, r)));
    for (guint64 r = 0; log.via != NULL && r < rows; r++) {
        guint32 v = g_array_index(log.via, guint32, r);
        FUZZ_CHECK(v == SMM_NO_ACCOUNT || v < smm_names_count(g->names));
    }
    FUZZ_CHECK(log.via == NULL || log.via->len == rows);
    smm_graph_add_accounts(g, smm_names_count(g->names));
    retweets(&log, g->n, n_threads);
    cascades(&log, g, opt, opt2, n_threads, (SmmCascadeSort)(size % SMM_CASCADE_N_SORTS));
    smm_reshare_log_clear(&log);
    smm_graph_free(g);
    return 0;
}
