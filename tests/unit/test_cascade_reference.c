/* test_cascade_reference.c - cascades, trees, shapes, adopters, learned
 * probabilities and retweet metrics on generated data (120 posts, 778 log rows with mixed time
 * formats, repeats, own posts, author conflicts and ties) against an
 * independent Python implementation of the same definitions
 * (scripts/reference_cascades.py, structural virality by networkx;
 * scripts/reference_retweets.py, weighted PageRank by networkx). The data
 * goes through the real importers. */
#include <math.h>
#include <string.h>

#include "smm/cascade.h"
#include "smm/core.h"
#include "smm/influence.h"
#include "smm/metrics.h"
#include "testutil.h"

typedef struct {
    SmmGraph *g;
    SmmReshareLog log;
    SmmCascades *cs;
} Data;

static void load(Data *d)
{
    g_autofree gchar *followers = test_data_path("tests/data/cascade_followers.csv");
    g_autofree gchar *log_path = test_data_path("tests/data/cascade_log.csv");
    g_autoptr(GError) error = NULL;
    SmmNames *names = smm_names_new();
    SmmReshareImportOptions ro = {
        .author = SMM_ROLE_USED, .item = SMM_ROLE_USED, .time = SMM_ROLE_USED};
    ro.csv.n_threads = 2;
    g_assert_true(smm_import_reshares(log_path, &ro, names, &d->log, &error));
    g_assert_no_error(error);
    SmmFollowerImportOptions fo = {0};
    fo.csv.n_threads = 2;
    SmmEdgeList edges;
    g_assert_true(smm_import_followers(followers, &fo, names, &edges, &error));
    SmmGraphStats stats;
    d->g = smm_graph_build(&edges, 2, NULL, &stats, &error);
    g_assert_nonnull(d->g);
    smm_edge_list_clear(&edges);
    d->cs = smm_cascades_build(&d->log, SMM_CASCADE_BY_ITEM, &error);
    g_assert_no_error(error);
}

static void unload(Data *d)
{
    smm_cascades_free(d->cs);
    smm_reshare_log_clear(&d->log);
    smm_graph_free(d->g);
}

static const char *account_or_empty(const Data *d, guint32 id)
{
    return id == SMM_NO_ACCOUNT ? "" : smm_names_get(d->g->names, id, NULL);
}

/* The counts the reference printed (tests/data/README.md). */
static void test_counts(void)
{
    Data d;
    load(&d);
    g_assert_cmpuint(smm_reshare_log_size(&d.log), ==, 778);
    g_assert_cmpuint(d.cs->n, ==, 120);
    g_assert_cmpuint(d.cs->off[d.cs->n], ==, 694);
    g_assert_cmpuint(d.cs->repeats, ==, 20);
    g_assert_cmpuint(d.cs->own_posts, ==, 64);
    g_assert_cmpuint(d.cs->author_conflicts, ==, 3);
    g_assert_cmpuint(d.g->m, ==, 1618);
    unload(&d);
}

static void check_cascades(SmmAttribution how, const char *expected)
{
    Data d;
    load(&d);
    TestExpected e;
    test_expected_load(&e, expected);
    g_assert_cmpuint(g_hash_table_size(e.rows), ==, d.cs->n);
    guint col_author = test_expected_column(&e, "author");
    guint col_amp = test_expected_column(&e, "top_amplifier");
    static const char *const numeric[] = {
        "size",       "depth", "max_breadth", "structural_virality",
        "duration_s", "t50_s", "t90_s",       "peak_rate_per_h"};
    /* all trees on 1 and on 3 threads: the same parents and shapes */
    SmmCascadeTrees one, three;
    smm_cascade_trees(d.cs, d.g, how, 1, &one);
    smm_cascade_trees(d.cs, d.g, how, 3, &three);
    g_assert_cmpmem(one.node_off, (d.cs->n + 1) * sizeof(guint64), three.node_off,
                    (d.cs->n + 1) * sizeof(guint64));
    g_assert_cmpmem(one.parent, one.node_off[d.cs->n] * sizeof(guint32), three.parent,
                    three.node_off[d.cs->n] * sizeof(guint32));
    for (guint32 c = 0; c < d.cs->n; c++) {
        const char *post = smm_names_get(d.log.items, d.cs->key[c], NULL);
        SmmCascadeShape s = three.shapes[c], s1 = one.shapes[c];
        g_assert_true(s.size == s1.size && s.depth == s1.depth && s.max_breadth == s1.max_breadth &&
                      s.virality == s1.virality && s.duration == s1.duration && s.t50 == s1.t50 &&
                      s.t90 == s1.t90 && s.peak_per_hour == s1.peak_per_hour &&
                      s.top_amplifier == s1.top_amplifier);
        GStrv row = g_hash_table_lookup(e.rows, post);
        g_assert_nonnull(row);
        g_assert_cmpstr(smm_names_get(d.g->names, d.cs->root[c], NULL), ==, row[col_author]);
        g_assert_cmpstr(account_or_empty(&d, s.top_amplifier), ==,
                        row[col_amp] != NULL ? row[col_amp] : "");
        double got[] = {s.size,     s.depth, s.max_breadth, s.virality,
                        s.duration, s.t50,   s.t90,         s.peak_per_hour};
        for (guint i = 0; i < G_N_ELEMENTS(numeric); i++)
            test_assert_close(numeric[i], post, got[i],
                              test_expected_value(&e, post, test_expected_column(&e, numeric[i])),
                              1e-9, 1e-12);
    }
    smm_cascade_trees_clear(&one);
    smm_cascade_trees_clear(&three);
    test_expected_clear(&e);
    unload(&d);
}

static void test_cascades_last(void)
{
    check_cascades(SMM_ATTRIBUTION_LAST, "tests/data/expected/cascades_last.csv");
}

static void test_cascades_first(void)
{
    check_cascades(SMM_ATTRIBUTION_FIRST, "tests/data/expected/cascades_first.csv");
}

static void test_adopters(void)
{
    Data d;
    load(&d);
    g_autoptr(SmmAdopters) ad = smm_adopters_compute(d.cs, d.g, d.g->n);
    TestExpected e;
    test_expected_load(&e, "tests/data/expected/adopters.csv");
    guint with_cascades = 0;
    for (guint32 a = 0; a < ad->n; a++) {
        if (ad->cascades[a] == 0)
            continue;
        with_cascades++;
        const char *name = smm_names_get(d.g->names, a, NULL);
        GStrv row = g_hash_table_lookup(e.rows, name);
        g_assert_nonnull(row);
        g_assert_cmpfloat(ad->cascades[a], ==,
                          test_expected_value(&e, name, test_expected_column(&e, "cascades")));
        test_assert_close(
            "median_percentile", name, ad->median_percentile[a],
            test_expected_value(&e, name, test_expected_column(&e, "median_percentile")), 1e-12,
            1e-12);
        g_assert_cmpstr(smm_rogers_name(ad->category[a]), ==,
                        row[test_expected_column(&e, "category")]);
        g_assert_cmpfloat(ad->early_score[a], ==,
                          test_expected_value(&e, name, test_expected_column(&e, "early_score")));
        g_assert_cmpfloat(ad->led[a], ==,
                          test_expected_value(&e, name, test_expected_column(&e, "led")));
    }
    g_assert_cmpuint(with_cascades, ==, g_hash_table_size(e.rows));
    test_expected_clear(&e);
    unload(&d);
}

/* learned_p.csv has one row per follow; keys are "follower,followee". */
static GHashTable *load_learned(void)
{
    g_autofree gchar *path = test_data_path("tests/data/expected/learned_p.csv");
    g_autofree gchar *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    GHashTable *p = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (guint i = 1; lines[i] != NULL; i++) {
        if (lines[i][0] == '\0')
            continue;
        g_auto(GStrv) f = g_strsplit(lines[i], ",", 3);
        g_assert_cmpuint(g_strv_length(f), ==, 3);
        g_hash_table_insert(p, g_strdup_printf("%s,%s", f[0], f[1]), g_strdup(f[2]));
    }
    return p;
}

static void test_learned(void)
{
    Data d;
    load(&d);
    const double prior = 0.123; /* recognisable: the reference leaves these empty */
    SmmLearnStats stats;
    smm_learn_probabilities(d.g, d.cs, prior, &stats);
    g_autoptr(GHashTable) want = load_learned();
    g_assert_cmpuint(g_hash_table_size(want), ==, d.g->m);
    guint empty = 0;
    for (guint32 v = 0; v < d.g->n; v++)
        for (guint64 e = d.g->out_off[v]; e < d.g->out_off[v + 1]; e++) {
            g_autofree char *key =
                g_strdup_printf("%s,%s", smm_names_get(d.g->names, v, NULL),
                                smm_names_get(d.g->names, d.g->out_adj[e], NULL));
            const char *p = g_hash_table_lookup(want, key);
            g_assert_nonnull(p);
            if (*p == '\0') {
                empty++;
                g_assert_cmpfloat(d.g->out_p[e], ==, (float)prior);
            } else {
                /* stored as float: the reference rounded to float, exactly */
                test_assert_close("p", key, d.g->out_p[e], (float)g_ascii_strtod(p, NULL), 0, 0);
            }
        }
    g_assert_cmpuint(stats.from_prior, ==, empty);
    g_assert_cmpuint(stats.with_evidence, ==, d.g->m - empty);
    unload(&d);
}

/* rank --retweets: counts and weighted PageRank over the log's accounts,
 * against networkx (scripts/reference_retweets.py). */
static void test_retweets(void)
{
    g_autofree gchar *log_path = test_data_path("tests/data/cascade_log.csv");
    g_autoptr(SmmNames) names = smm_names_new();
    SmmReshareImportOptions ro = {.author = SMM_ROLE_USED};
    SmmReshareLog log;
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_import_reshares(log_path, &ro, names, &log, &error));
    guint32 n = smm_names_count(names);
    g_autofree double *retweets = g_new(double, n), *retweeters = g_new(double, n);
    g_autofree double *pagerank = g_new(double, n);
    guint64 self = 0;
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult pr;
    g_assert_true(smm_metrics_retweets(&log, n, 0.85, &io, 2, retweets, retweeters, pagerank, &pr,
                                       &self, &error));
    g_assert_no_error(error);
    g_assert_true(pr.converged);
    g_assert_cmpuint(self, ==, 64); /* the authors' own rows */
    TestExpected e;
    test_expected_load(&e, "tests/data/expected/retweets.csv");
    g_assert_cmpuint(g_hash_table_size(e.rows), ==, n);
    guint c_rt = test_expected_column(&e, "retweets"),
          c_rters = test_expected_column(&e, "retweeters");
    guint c_pr = test_expected_column(&e, "retweet_pagerank");
    for (guint32 a = 0; a < n; a++) {
        const char *name = smm_names_get(names, a, NULL);
        g_assert_cmpfloat(retweets[a], ==, test_expected_value(&e, name, c_rt));
        g_assert_cmpfloat(retweeters[a], ==, test_expected_value(&e, name, c_rters));
        test_assert_close("retweet_pagerank", name, pagerank[a],
                          test_expected_value(&e, name, c_pr), 1e-12, 1e-9);
    }
    test_expected_clear(&e);
    smm_reshare_log_clear(&log);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    g_test_add_func("/cascade-reference/counts", test_counts);
    g_test_add_func("/cascade-reference/cascades-last", test_cascades_last);
    g_test_add_func("/cascade-reference/cascades-first", test_cascades_first);
    g_test_add_func("/cascade-reference/adopters", test_adopters);
    g_test_add_func("/cascade-reference/learned", test_learned);
    g_test_add_func("/cascade-reference/retweets", test_retweets);
    return g_test_run();
}
