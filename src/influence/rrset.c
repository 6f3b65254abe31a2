/* rrset.c - one reverse-reachable set of the Independent Cascade or the
 * Linear Threshold model.
 *
 * Influence runs u -> v when v follows u, so the accounts that can reach a
 * root r are found by walking from r along follow edges (r's followees, then
 * theirs), keeping each edge v -> u with probability p(u, v). Under weighted
 * cascade and uniform p all of v's followees share one probability q, and
 * instead of one coin per followee we jump straight to the next live one with
 * a geometric skip (the idea of SUBSIM, Guo et al., SIGMOD 2020): the cost of
 * visiting v is O(1 + live edges) instead of O(following(v)). Under weighted
 * cascade q = 1/following(v), so a visit costs O(1) on average however many
 * accounts v follows.
 *
 * All coins of set number `index` come from the stream (seed, index).
 */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/influence.h"
#include "smm/marks.h"
#include "smm/rng.h"

struct SmmRrWorkspace {
    SmmMarks in_set;
    guint32 *set;
};

SmmRrWorkspace *smm_rr_workspace_new(guint32 n)
{
    SmmRrWorkspace *ws = g_new(SmmRrWorkspace, 1);
    smm_marks_init(&ws->in_set, n);
    ws->set = g_new(guint32, MAX(n, 1));
    return ws;
}

void smm_rr_workspace_free(SmmRrWorkspace *ws)
{
    if (ws == NULL)
        return;
    smm_marks_clear(&ws->in_set);
    g_free(ws->set);
    g_free(ws);
}

gboolean smm_model_check(const SmmModel *model, const SmmGraph *graph, GError **error)
{
    if (model->kind == SMM_P_EDGE && graph->out_p == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "the model reads per-edge probabilities, and the graph has none");
        return FALSE;
    }
    if (model->kind == SMM_P_UNIFORM && !(model->p >= 0.0 && model->p <= 1.0)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "a uniform probability must be between 0 and 1, not %g", model->p);
        return FALSE;
    }
    return TRUE;
}

double smm_model_follow_weight(const SmmModel *model, const SmmGraph *g, guint32 u, guint64 e)
{
    if (model->linear_threshold || model->kind == SMM_P_WEIGHTED_CASCADE)
        return 1.0 / (double)smm_graph_out_degree(g, u);
    if (model->kind == SMM_P_UNIFORM)
        return model->p;
    return g->out_p[e];
}

static inline void add(SmmRrWorkspace *ws, guint32 *size, guint32 u)
{
    if (!smm_marks_has(&ws->in_set, u)) {
        smm_marks_set(&ws->in_set, u);
        ws->set[(*size)++] = u;
    }
}

/* Visits each of the d followees adj[0..d) independently with probability q. */
static inline void visit_uniform(SmmRrWorkspace *ws, guint32 *size, const guint32 *adj, guint64 d,
                                 double q, SmmRng *rng)
{
    if (q >= 1.0) {
        for (guint64 i = 0; i < d; i++)
            add(ws, size, adj[i]);
        return;
    }
    if (q <= 0.0)
        return;
    /* Gaps between live edges are geometric: floor(log U / log(1 - q)). */
    double inv_log = 1.0 / log1p(-q);
    double i = floor(log(smm_rng_uniform_pos(rng)) * inv_log);
    while (i < (double)d) {
        add(ws, size, adj[(guint64)i]);
        i += 1.0 + floor(log(smm_rng_uniform_pos(rng)) * inv_log);
    }
}

/* Linear Threshold: v's live in-edge is one followee u, chosen with weight
 * 1 / following(v) (the weights sum to 1, so one is always chosen), so the
 * RR set is a reverse random walk that ends at an account following nobody
 * or at one already in the set (Borgs et al.; Tang et al. 2014). */
static guint32 sample_lt(const SmmGraph *g, SmmRrWorkspace *ws, guint32 root, SmmRng *rng)
{
    guint32 size = 0;
    add(ws, &size, root);
    guint32 v = root;
    for (;;) {
        guint64 d = smm_graph_out_degree(g, v);
        if (d == 0)
            return size;
        guint32 u = g->out_adj[g->out_off[v] + smm_rng_below(rng, d)];
        if (smm_marks_has(&ws->in_set, u))
            return size;
        add(ws, &size, u);
        v = u;
    }
}

guint32 smm_rr_sample(const SmmGraph *g, const SmmModel *model, guint64 seed, guint64 index,
                      SmmRrWorkspace *ws, const guint32 **members)
{
    SmmRng rng;
    smm_rng_init(&rng, seed, index);
    smm_marks_next(&ws->in_set);
    guint32 root = (guint32)smm_rng_below(&rng, g->n);
    *members = ws->set;
    if (model->linear_threshold)
        return sample_lt(g, ws, root, &rng);
    guint32 size = 0;
    add(ws, &size, root);
    for (guint32 head = 0; head < size; head++) {
        guint32 v = ws->set[head];
        guint64 begin = g->out_off[v];
        guint64 d = g->out_off[v + 1] - begin;
        if (d == 0)
            continue;
        switch (model->kind) {
        case SMM_P_WEIGHTED_CASCADE:
            visit_uniform(ws, &size, g->out_adj + begin, d, 1.0 / (double)d, &rng);
            break;
        case SMM_P_UNIFORM: visit_uniform(ws, &size, g->out_adj + begin, d, model->p, &rng); break;
        case SMM_P_EDGE:
            for (guint64 e = begin; e < begin + d; e++)
                if (smm_rng_uniform(&rng) < g->out_p[e])
                    add(ws, &size, g->out_adj[e]);
            break;
        }
    }
    return size;
}
