/* test_cascades.c - planted cascades whose trees, shapes, adopter positions,
 * "led" counts and learned probabilities were worked out by hand (in the
 * comments), including the case where --attribution first and last differ.
 *
 * Follows (v -> u: v follows u):
 *   B -> A;  C -> A, C -> B;  D -> C;  E -> B, E -> C;  G -> D;  F none.
 * Post p1 by A: A's own row at t=0, then reshares B@10, C@20, D@30, E@40,
 * F@50, G@4000.
 * Post p2 by B, no own row: A@100, C@200, C@300 (a repeat), E@250, and one
 * row naming X as the author (a conflict; still a reshare of p2, by H@260).
 */
#include <math.h>
#include <string.h>

#include "smm/cascade.h"
#include "smm/core.h"
#include "smm/influence.h"

enum { A, B, C, D, E, F, G, H, X, N_ACCOUNTS };
static const char *const account_name[N_ACCOUNTS] = {"A", "B", "C", "D", "E", "F", "G", "H", "X"};

typedef struct {
    SmmGraph *g;
    SmmReshareLog log;
} Fixture;

static void fixture_setup(Fixture *fx, gconstpointer data)
{
    SmmNames *names = smm_names_new();
    for (guint i = 0; i < N_ACCOUNTS; i++) {
        guint32 id;
        g_assert_true(smm_names_intern(names, account_name[i], 1, &id, NULL));
        g_assert_cmpuint(id, ==, i);
    }
    static const guint32 follows[][2] = {{B, A}, {C, A}, {C, B}, {D, C}, {E, B}, {E, C}, {G, D}};
    SmmEdgeList edges = {0};
    edges.names = names;
    edges.src = g_array_new(FALSE, FALSE, sizeof(guint32));
    edges.dst = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint i = 0; i < G_N_ELEMENTS(follows); i++) {
        g_array_append_val(edges.src, follows[i][0]);
        g_array_append_val(edges.dst, follows[i][1]);
    }
    SmmGraphStats stats;
    fx->g = smm_graph_build(&edges, 2, NULL, &stats, NULL);
    smm_edge_list_clear(&edges);

    /* the log, in file order: p2's rows first, out of time order */
    static const struct {
        guint32 who, author, item;
        double t;
    } rows[] = {
        {A, B, 1, 100}, {C, B, 1, 300}, {C, B, 1, 200}, {E, B, 1, 250},
        {H, X, 1, 260}, {B, A, 0, 10},  {C, A, 0, 20},  {D, A, 0, 30},
        {A, A, 0, 0},   {E, A, 0, 40},  {F, A, 0, 50},  {G, A, 0, 4000},
    };
    SmmReshareLog *log = &fx->log;
    memset(log, 0, sizeof *log);
    log->names = fx->g->names;
    log->items = smm_names_new();
    guint32 id;
    smm_names_intern(log->items, "p1", 2, &id, NULL);
    smm_names_intern(log->items, "p2", 2, &id, NULL);
    log->account = g_array_new(FALSE, FALSE, sizeof(guint32));
    log->author = g_array_new(FALSE, FALSE, sizeof(guint32));
    log->item = g_array_new(FALSE, FALSE, sizeof(guint32));
    log->time = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < G_N_ELEMENTS(rows); i++) {
        g_array_append_val(log->account, rows[i].who);
        g_array_append_val(log->author, rows[i].author);
        g_array_append_val(log->item, rows[i].item);
        g_array_append_val(log->time, rows[i].t);
    }
}

static void fixture_teardown(Fixture *fx, gconstpointer data)
{
    smm_reshare_log_clear(&fx->log);
    smm_graph_free(fx->g);
}

static void test_grouping(Fixture *fx, gconstpointer data)
{
    g_autoptr(SmmCascades) cs = smm_cascades_build(&fx->log, SMM_CASCADE_BY_ITEM, NULL);
    g_assert_nonnull(cs);
    g_assert_cmpuint(cs->n, ==, 2);
    g_assert_cmpuint(cs->repeats, ==, 1);          /* C@300 */
    g_assert_cmpuint(cs->own_posts, ==, 1);        /* A's own p1 */
    g_assert_cmpuint(cs->author_conflicts, ==, 1); /* H's row naming X */
    /* p1 (item id 0) comes first; adopters in time order, the author apart */
    g_assert_cmpuint(cs->root[0], ==, A);
    g_assert_cmpfloat(cs->post_time[0], ==, 0.0);
    guint32 want_p1[] = {B, C, D, E, F, G};
    g_assert_cmpuint(cs->off[1] - cs->off[0], ==, 6);
    g_assert_cmpmem(cs->adopter + cs->off[0], sizeof want_p1, want_p1, sizeof want_p1);
    /* p2: sorted by time despite the file order; no own row */
    guint32 want_p2[] = {A, C, E, H};
    g_assert_cmpuint(cs->root[1], ==, B);
    g_assert_true(isnan(cs->post_time[1]));
    g_assert_cmpmem(cs->adopter + cs->off[1], sizeof want_p2, want_p2, sizeof want_p2);
    g_assert_cmpfloat(smm_cascade_origin(cs, 1), ==, 100.0);
}

/* p1's trees. last: A->B, B->C (C follows A and B; B is later), C->D,
 * C->E (E follows B@10 and C@20), A->F, D->G. first: C and E pick the
 * earliest instead: A->C, B->E. Node numbers: 0 A, 1 B, 2 C, 3 D, 4 E,
 * 5 F, 6 G. */
static void test_trees(Fixture *fx, gconstpointer data)
{
    g_autoptr(SmmCascades) cs = smm_cascades_build(&fx->log, SMM_CASCADE_BY_ITEM, NULL);
    SmmCascadeWorkspace *ws = smm_cascade_workspace_new(fx->g->n);
    guint32 parent[7];
    SmmCascadeShape s;

    smm_cascade_tree(cs, 0, fx->g, SMM_ATTRIBUTION_LAST, ws, parent);
    guint32 last[] = {0, 0, 1, 2, 2, 0, 3};
    g_assert_cmpmem(parent, sizeof last, last, sizeof last);
    smm_cascade_shape(cs, 0, parent, ws, &s);
    g_assert_cmpuint(s.size, ==, 7);
    g_assert_cmpuint(s.depth, ==, 4);       /* A-B-C-D-G */
    g_assert_cmpuint(s.max_breadth, ==, 2); /* {B, F} and {D, E} */
    /* subtree sizes below the edges: B 5, C 4, D 2, E 1, F 1, G 1; sum of
     * s(7 - s) = 10 + 12 + 10 + 6 + 6 + 6 = 50 over 21 pairs */
    g_assert_cmpfloat_with_epsilon(s.virality, 50.0 / 21.0, 1e-12);
    g_assert_cmpuint(s.top_amplifier, ==, C); /* two children */
    /* reshares at 10, 20, 30, 40, 50, 4000 after the post at 0 */
    g_assert_cmpfloat(s.duration, ==, 4000.0);
    g_assert_cmpfloat(s.t50, ==, 30.0);   /* the 3rd of 6 */
    g_assert_cmpfloat(s.t90, ==, 4000.0); /* the 6th: ceil(5.4) */
    g_assert_cmpuint(s.peak_per_hour, ==, 5);

    smm_cascade_tree(cs, 0, fx->g, SMM_ATTRIBUTION_FIRST, ws, parent);
    guint32 first[] = {0, 0, 0, 2, 1, 0, 3};
    g_assert_cmpmem(parent, sizeof first, first, sizeof first);
    smm_cascade_shape(cs, 0, parent, ws, &s);
    g_assert_cmpuint(s.depth, ==, 3);       /* A-C-D-G */
    g_assert_cmpuint(s.max_breadth, ==, 3); /* B, C, F */
    /* subtrees: B 2, C 3, D 2, E 1, F 1, G 1: 10 + 12 + 10 + 6 + 6 + 6 = 50 */
    g_assert_cmpfloat_with_epsilon(s.virality, 50.0 / 21.0, 1e-12);
    g_assert_cmpuint(s.top_amplifier, ==, B); /* B, C, D have one child each: the earliest */

    /* p2 (root B): A follows nobody -> B; C follows A@100 and B -> last A,
     * first B; E follows B and C@200 -> last C, first B; H -> B. */
    guint32 p2[5];
    smm_cascade_tree(cs, 1, fx->g, SMM_ATTRIBUTION_LAST, ws, p2);
    guint32 p2_last[] = {0, 0, 1, 2, 0};
    g_assert_cmpmem(p2, sizeof p2_last, p2_last, sizeof p2_last);
    smm_cascade_shape(cs, 1, p2, ws, &s);
    g_assert_cmpuint(s.depth, ==, 3);
    g_assert_cmpfloat(s.duration, ==, 160.0); /* 260 - 100: no own row, from the first reshare */
    g_assert_cmpfloat(s.t50, ==, 100.0);      /* the 2nd of 4, at 200 */
    g_assert_cmpfloat(s.t90, ==, 160.0);
    g_assert_cmpuint(s.peak_per_hour, ==, 4);
    smm_cascade_tree(cs, 1, fx->g, SMM_ATTRIBUTION_FIRST, ws, p2);
    guint32 p2_first[] = {0, 0, 0, 0, 0};
    g_assert_cmpmem(p2, sizeof p2_first, p2_first, sizeof p2_first);
    smm_cascade_shape(cs, 1, p2, ws, &s);
    g_assert_cmpuint(s.depth, ==, 1);
    g_assert_cmpuint(s.max_breadth, ==, 4);
    g_assert_cmpfloat_with_epsilon(s.virality, 1.6, 1e-12); /* star of 5: (4*1 + 6*2) / 10 */
    g_assert_cmpuint(s.top_amplifier, ==, SMM_NO_ACCOUNT);

    /* without a follower graph every reshare hangs off the author */
    smm_cascade_tree(cs, 0, NULL, SMM_ATTRIBUTION_LAST, ws, parent);
    for (guint j = 0; j < 7; j++)
        g_assert_cmpuint(parent[j], ==, 0);
    smm_cascade_workspace_free(ws);
}

/* Positions: p1 adopters B..G are 1/6 .. 6/6; p2 adopters A, C, E, H are
 * 1/4 .. 4/4. C: 33.3% and 50% -> median 41.7, early_majority. B: 16.7%,
 * just past the early adopters. led: B <- C, E in p1 (2); C <- D, E in p1
 * and E in p2 (3); D <- G (1); A <- C in p2 (1); B's followers resharing
 * B's own p2 do not count. */
static void test_adopters(Fixture *fx, gconstpointer data)
{
    g_autoptr(SmmCascades) cs = smm_cascades_build(&fx->log, SMM_CASCADE_BY_ITEM, NULL);
    g_autoptr(SmmAdopters) ad = smm_adopters_compute(cs, fx->g, fx->g->n);
    guint32 want_cascades[N_ACCOUNTS] = {
        [A] = 1, [B] = 1, [C] = 2, [D] = 1, [E] = 2, [F] = 1, [G] = 1, [H] = 1, [X] = 0};
    for (guint a = 0; a < N_ACCOUNTS; a++)
        g_assert_cmpuint(ad->cascades[a], ==, want_cascades[a]);
    g_assert_cmpfloat_with_epsilon(ad->median_percentile[B], 100.0 / 6, 1e-12);
    g_assert_cmpuint(ad->category[B], ==, SMM_EARLY_MAJORITY);
    g_assert_cmpfloat_with_epsilon(ad->median_percentile[C], (100.0 / 3 + 50.0) / 2, 1e-12);
    g_assert_cmpfloat_with_epsilon(ad->median_percentile[A], 25.0, 1e-12);
    g_assert_cmpfloat_with_epsilon(ad->median_percentile[E], (200.0 / 3 + 75.0) / 2, 1e-12);
    g_assert_cmpuint(ad->category[E], ==, SMM_LATE_MAJORITY);
    g_assert_cmpuint(ad->category[G], ==, SMM_LAGGARD);
    g_assert_cmpuint(ad->category[A], ==, SMM_EARLY_MAJORITY);
    g_assert_cmpfloat(ad->early_score[B], ==, 0.0);
    guint64 want_led[N_ACCOUNTS] = {[A] = 1, [B] = 2, [C] = 3, [D] = 1};
    for (guint a = 0; a < N_ACCOUNTS; a++)
        g_assert_cmpuint(ad->led[a], ==, want_led[a]);

    g_assert_cmpstr(smm_rogers_name(SMM_EARLY_ADOPTER), ==, "early_adopter");
}

static double p_of(const SmmGraph *g, guint32 follower, guint32 followee)
{
    for (guint64 e = g->out_off[follower]; e < g->out_off[follower + 1]; e++)
        if (g->out_adj[e] == followee)
            return g->out_p[e];
    g_assert_not_reached();
}

/* Acted: A 2 (root of p1, adopter of p2), B 2, C 2, D 1. Credits: C->A in
 * p1 and p2 (2), C->B (2), B->A (1), D->C (1), E->B (2), E->C (2), G->D (1).
 * p(followee -> follower) = credit / acted(followee). */
static void test_learned(Fixture *fx, gconstpointer data)
{
    g_autoptr(SmmCascades) cs = smm_cascades_build(&fx->log, SMM_CASCADE_BY_ITEM, NULL);
    SmmLearnStats stats;
    smm_learn_probabilities(fx->g, cs, 0.05, &stats);
    g_assert_cmpfloat(p_of(fx->g, B, A), ==, 0.5);
    g_assert_cmpfloat(p_of(fx->g, C, A), ==, 1.0);
    g_assert_cmpfloat(p_of(fx->g, C, B), ==, 1.0);
    g_assert_cmpfloat(p_of(fx->g, D, C), ==, 0.5);
    g_assert_cmpfloat(p_of(fx->g, E, B), ==, 1.0);
    g_assert_cmpfloat(p_of(fx->g, E, C), ==, 1.0);
    g_assert_cmpfloat(p_of(fx->g, G, D), ==, 1.0);
    g_assert_cmpuint(stats.with_evidence, ==, 7);
    g_assert_cmpuint(stats.from_prior, ==, 0);
    /* the in-order copy agrees: A's followers are B and C */
    const float *in_p = smm_graph_in_probabilities(fx->g);
    g_assert_cmpfloat(in_p[fx->g->in_off[A]], ==, 0.5);
    g_assert_cmpfloat(in_p[fx->g->in_off[A] + 1], ==, 1.0);
}

/* By author, the two posts stay apart (two authors); by topic, the whole
 * log is one cascade whose root is its first adopter (B@10: A's own row is
 * an adoption too, at 0, and comes first). */
static void test_other_groupings(Fixture *fx, gconstpointer data)
{
    g_autoptr(SmmCascades) by_author = smm_cascades_build(&fx->log, SMM_CASCADE_BY_AUTHOR, NULL);
    g_assert_cmpuint(by_author->n, ==, 3); /* A, B, and X (H's conflicting row) */
    g_autoptr(SmmCascades) topic = smm_cascades_build(&fx->log, SMM_CASCADE_BY_TOPIC, NULL);
    g_assert_cmpuint(topic->n, ==, 1);
    g_assert_true(topic->root_adopts);
    g_assert_cmpuint(topic->root[0], ==, A); /* A@0 */
    /* every account once: A B C D E F A(rep) C(rep) E(rep) H G */
    g_assert_cmpuint(topic->off[1], ==, 8);
    g_assert_cmpuint(smm_cascade_size(topic, 0), ==, 8);
    g_autoptr(GError) error = NULL;
    SmmReshareLog no_time = fx->log;
    no_time.time = NULL;
    g_assert_null(smm_cascades_build(&no_time, SMM_CASCADE_BY_ITEM, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_DATA);
}

/* Via (the parent each row observed) against the trees above. By row:
 *   p2: A none; C@300 (the repeat) H, ignored; C@200 A; E@250 A; H@260 E.
 *   p1: B A; C B; D E; A's own row none; E B; F none; G X.
 * Trees: p1 last B<-A C<-B D<-C E<-C F<-A G<-D (first: C<-A, E<-B);
 *        p2 (root B) last A<-B C<-A E<-C H<-B (first: C<-B, E<-B).
 * last:  C@200 agree; E@250 not followed (E does not follow A); H not
 *        followed (E had it); B agree (via the root); C agree; D not before
 *        (E adopts at 40); E passed over (C chosen); G not before (X never
 *        adopts p1): 8 with via, 3 agree, 2 not before, 2 not followed, 1
 *        passed over.
 * first: C@200 passed over (B chosen); C of p1 passed over (A chosen); E of
 *        p1 agree: 2, 2, 2, 2.
 * topic (one cascade, A@0 its root; adopters B C D E F H G, each at its
 *        first row): B agree, C agree, D not before, E passed over, H not
 *        followed, G not before: 6, 2, 2, 1, 1. */
static void test_via(Fixture *fx, gconstpointer data)
{
    const guint32 none = SMM_NO_ACCOUNT;
    const guint32 via[] = {none, H, A, A, E, A, B, E, none, B, none, X};
    fx->log.via = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_array_append_vals(fx->log.via, via, G_N_ELEMENTS(via));
    static const struct {
        SmmCascadeBy by;
        SmmAttribution how;
        guint64 with, agree, not_before, not_followed, passed_over;
    } want[] = {
        {SMM_CASCADE_BY_ITEM, SMM_ATTRIBUTION_LAST, 8, 3, 2, 2, 1},
        {SMM_CASCADE_BY_ITEM, SMM_ATTRIBUTION_FIRST, 8, 2, 2, 2, 2},
        {SMM_CASCADE_BY_TOPIC, SMM_ATTRIBUTION_LAST, 6, 2, 2, 1, 1},
    };
    for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
        g_autoptr(SmmCascades) cs = smm_cascades_build(&fx->log, want[i].by, NULL);
        SmmCascadeTrees trees = {0};
        smm_cascade_trees(cs, fx->g, want[i].how, 2, &trees);
        SmmViaCheck v;
        smm_cascade_via_check(cs, fx->g, &trees, &v);
        g_assert_cmpuint(v.with_via, ==, want[i].with);
        g_assert_cmpuint(v.agree, ==, want[i].agree);
        g_assert_cmpuint(v.not_before, ==, want[i].not_before);
        g_assert_cmpuint(v.not_followed, ==, want[i].not_followed);
        g_assert_cmpuint(v.passed_over, ==, want[i].passed_over);
        smm_cascade_trees_clear(&trees);
    }
    /* without via: nothing */
    g_clear_pointer(&fx->log.via, g_array_unref);
    g_autoptr(SmmCascades) cs = smm_cascades_build(&fx->log, SMM_CASCADE_BY_ITEM, NULL);
    g_assert_null(cs->via);
    SmmCascadeTrees trees = {0};
    smm_cascade_trees(cs, fx->g, SMM_ATTRIBUTION_LAST, 1, &trees);
    SmmViaCheck v;
    smm_cascade_via_check(cs, fx->g, &trees, &v);
    g_assert_cmpuint(v.with_via, ==, 0);
    smm_cascade_trees_clear(&trees);
}

/* A's own row of p1 moved to t=25, after B@10 and C@20: both are kept and
 * counted, the cascade starts at B's reshare, and no time is negative
 * (reshares: B@10 C@20 D@30 E@40 F@50 G@4000; t50 is the 3rd, D@30). */
static void test_reshares_before_post(Fixture *fx, gconstpointer data)
{
    g_array_index(fx->log.time, double, 8) = 25;
    g_autoptr(SmmCascades) cs = smm_cascades_build(&fx->log, SMM_CASCADE_BY_ITEM, NULL);
    g_assert_cmpuint(cs->before_post, ==, 2);
    g_assert_cmpuint(cs->off[1] - cs->off[0], ==, 6);
    g_assert_cmpfloat(cs->post_time[0], ==, 25.0);
    g_assert_cmpfloat(smm_cascade_origin(cs, 0), ==, 10.0);
    SmmCascadeWorkspace *ws = smm_cascade_workspace_new(fx->g->n);
    guint32 parent[7];
    SmmCascadeShape s;
    smm_cascade_tree(cs, 0, fx->g, SMM_ATTRIBUTION_LAST, ws, parent);
    smm_cascade_shape(cs, 0, parent, ws, &s);
    g_assert_cmpfloat(s.duration, ==, 3990.0);
    g_assert_cmpfloat(s.t50, ==, 20.0);
    g_assert_cmpfloat(s.t90, ==, 3990.0);
    smm_cascade_workspace_free(ws);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add("/cascades/grouping", Fixture, NULL, fixture_setup, test_grouping, fixture_teardown);
    g_test_add("/cascades/reshares-before-post", Fixture, NULL, fixture_setup,
               test_reshares_before_post, fixture_teardown);
    g_test_add("/cascades/trees", Fixture, NULL, fixture_setup, test_trees, fixture_teardown);
    g_test_add("/cascades/via", Fixture, NULL, fixture_setup, test_via, fixture_teardown);
    g_test_add("/cascades/adopters", Fixture, NULL, fixture_setup, test_adopters, fixture_teardown);
    g_test_add("/cascades/learned", Fixture, NULL, fixture_setup, test_learned, fixture_teardown);
    g_test_add("/cascades/other-groupings", Fixture, NULL, fixture_setup, test_other_groupings,
               fixture_teardown);
    return g_test_run();
}
