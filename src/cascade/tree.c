/* tree.c - a cascade's propagation tree and its shape.
 *
 * Reconstruction follows ALGORITHMS.md: the parent of a reshare by v is,
 * among the accounts v follows that adopted the post before v (the author
 * first of all), the latest (or earliest) one; with none, the author. Each
 * adopter looks at its own followees once, against per-account marks that
 * say who has adopted so far: O(adopters + their followees).
 *
 * Parents are earlier nodes, so node order is a topological order: depths
 * come in one forward pass and subtree sizes in one backward pass, and
 * structural virality (the mean distance over all pairs) is
 *     sum over non-root nodes of s (n - s) / (n (n - 1) / 2),
 * s the node's subtree size: each tree edge lies on the path of exactly
 * s (n - s) pairs. O(size).
 */
#include <math.h>
#include <string.h>

#include "smm/cascade.h"
#include "smm/parallel.h"
#include "smm/marks.h"

struct SmmCascadeWorkspace {
    SmmMarks adopted; /* accounts that adopted the current cascade so far */
    guint32 *pos;     /* ... as node pos[a] */
    guint32 *depth, *subtree, *children, *level; /* per node */
    guint32 cap;
};

SmmCascadeWorkspace *smm_cascade_workspace_new(guint32 n_accounts)
{
    SmmCascadeWorkspace *ws = g_new0(SmmCascadeWorkspace, 1);
    smm_marks_init(&ws->adopted, n_accounts);
    ws->pos = g_new(guint32, MAX(n_accounts, 1));
    return ws;
}

void smm_cascade_workspace_free(SmmCascadeWorkspace *ws)
{
    if (ws == NULL)
        return;
    smm_marks_clear(&ws->adopted);
    g_free(ws->pos);
    g_free(ws->depth);
    g_free(ws->subtree);
    g_free(ws->children);
    g_free(ws->level);
    g_free(ws);
}

static void reserve(SmmCascadeWorkspace *ws, guint32 size)
{
    if (size <= ws->cap)
        return;
    ws->cap = MAX(size, ws->cap * 2);
    ws->depth = g_renew(guint32, ws->depth, ws->cap);
    ws->subtree = g_renew(guint32, ws->subtree, ws->cap);
    ws->children = g_renew(guint32, ws->children, ws->cap);
    ws->level = g_renew(guint32, ws->level, ws->cap);
}

void smm_cascade_tree(const SmmCascades *cs, guint32 c, const SmmGraph *followers,
                      SmmAttribution how, SmmCascadeWorkspace *ws, guint32 *parent)
{
    guint32 size = smm_cascade_size(cs, c);
    const guint32 *resharer = smm_cascade_resharers(cs, c);
    smm_marks_next(&ws->adopted);
    smm_marks_set(&ws->adopted, cs->root[c]);
    ws->pos[cs->root[c]] = 0;
    parent[0] = 0;
    for (guint32 j = 1; j < size; j++) {
        guint32 v = resharer[j - 1];
        guint32 best = G_MAXUINT32;
        if (followers != NULL && v < followers->n) {
            for (guint64 e = followers->out_off[v]; e < followers->out_off[v + 1]; e++) {
                guint32 u = followers->out_adj[e];
                if (!smm_marks_has(&ws->adopted, u))
                    continue;
                guint32 p = ws->pos[u];
                if (best == G_MAXUINT32 || (how == SMM_ATTRIBUTION_LAST ? p > best : p < best))
                    best = p;
            }
        }
        parent[j] = best == G_MAXUINT32 ? 0 : best;
        smm_marks_set(&ws->adopted, v);
        ws->pos[v] = j;
    }
}

double smm_cascade_origin(const SmmCascades *cs, guint32 c)
{
    double first = cs->off[c + 1] > cs->off[c] ? cs->time[cs->off[c]] : NAN;
    if (isnan(cs->post_time[c]))
        return isnan(first) ? 0.0 : first;
    return isnan(first) ? cs->post_time[c] : MIN(cs->post_time[c], first);
}

void smm_cascade_shape(const SmmCascades *cs, guint32 c, const guint32 *parent,
                       SmmCascadeWorkspace *ws, SmmCascadeShape *shape)
{
    guint32 n = smm_cascade_size(cs, c);
    reserve(ws, n + 1);
    memset(shape, 0, sizeof *shape);
    shape->size = n;
    shape->top_amplifier = SMM_NO_ACCOUNT;

    guint32 *depth = ws->depth, *subtree = ws->subtree, *children = ws->children;
    guint32 *level = ws->level;
    memset(children, 0, sizeof(guint32) * n);
    memset(level, 0, sizeof(guint32) * (n + 1));
    depth[0] = 0;
    level[0] = 1;
    for (guint32 j = 1; j < n; j++) {
        depth[j] = depth[parent[j]] + 1;
        level[depth[j]]++;
        children[parent[j]]++;
        shape->depth = MAX(shape->depth, depth[j]);
    }
    for (guint32 d = 0; d <= shape->depth; d++)
        shape->max_breadth = MAX(shape->max_breadth, level[d]);
    for (guint32 j = 0; j < n; j++)
        subtree[j] = 1;
    double pair_paths = 0.0;
    for (guint32 j = n; j-- > 1;) {
        subtree[parent[j]] += subtree[j];
        pair_paths += (double)subtree[j] * (double)(n - subtree[j]);
    }
    shape->virality = n >= 2 ? pair_paths / ((double)n * (n - 1) / 2.0) : 0.0;

    guint32 best = 0; /* none: node 0 is the root, not a resharer */
    for (guint32 j = 1; j < n; j++)
        if (children[j] > 0 && (best == 0 || children[j] > children[best]))
            best = j;
    if (best != 0)
        shape->top_amplifier = smm_cascade_resharers(cs, c)[best - 1];

    /* Pace, over the reshares (nodes 1..n-1), from the post's time. */
    guint32 k = n - 1;
    const double *t = smm_cascade_reshare_times(cs, c);
    double origin = smm_cascade_origin(cs, c);
    if (k == 0)
        return;
    shape->duration = t[k - 1] - origin;
    shape->t50 = t[(k + 1) / 2 - 1] - origin;               /* the ceil(k/2)-th reshare */
    shape->t90 = t[(9 * (guint64)k + 9) / 10 - 1] - origin; /* the ceil(9k/10)-th */
    for (guint32 i = 0, j = 0; i < k; i++) {
        while (j < k && t[j] < t[i] + 3600.0)
            j++;
        shape->peak_per_hour = MAX(shape->peak_per_hour, j - i);
    }
}

/* Every cascade's tree and shape: blocks of TREE_BLOCK cascades on all
 * threads, each writing only its cascades' parents and shapes, so the
 * result does not depend on the thread count. */
#define TREE_BLOCK 256

typedef struct {
    const SmmCascades *cs;
    const SmmGraph *g;
    SmmAttribution how;
    SmmCascadeTrees *out;
    SmmCascadeWorkspace **ws;
} TreeJob;

static void trees_block(guint64 block, guint thread, gpointer ctx)
{
    TreeJob *job = ctx;
    guint32 lo = (guint32)(block * TREE_BLOCK);
    guint32 hi = MIN(job->cs->n, lo + TREE_BLOCK);
    for (guint32 c = lo; c < hi; c++) {
        guint32 *parent = job->out->parent + job->out->node_off[c];
        smm_cascade_tree(job->cs, c, job->g, job->how, job->ws[thread], parent);
        smm_cascade_shape(job->cs, c, parent, job->ws[thread], &job->out->shapes[c]);
    }
}

void smm_cascade_trees(const SmmCascades *cs, const SmmGraph *followers, SmmAttribution how,
                       guint n_threads, SmmCascadeTrees *out)
{
    n_threads = MAX(n_threads, 1);
    out->node_off = g_new(guint64, (gsize)cs->n + 1);
    out->node_off[0] = 0;
    for (guint32 c = 0; c < cs->n; c++)
        out->node_off[c + 1] = out->node_off[c] + smm_cascade_size(cs, c);
    out->parent = g_new(guint32, MAX(out->node_off[cs->n], 1));
    out->shapes = g_new0(SmmCascadeShape, MAX(cs->n, 1));
    TreeJob job = {.cs = cs,
                   .g = followers,
                   .how = how,
                   .out = out,
                   .ws = g_new(SmmCascadeWorkspace *, n_threads)};
    for (guint i = 0; i < n_threads; i++)
        job.ws[i] = smm_cascade_workspace_new(followers->n);
    smm_parallel_blocks(((guint64)cs->n + TREE_BLOCK - 1) / TREE_BLOCK, n_threads, trees_block,
                        &job);
    for (guint i = 0; i < n_threads; i++)
        smm_cascade_workspace_free(job.ws[i]);
    g_free(job.ws);
}

void smm_cascade_trees_clear(SmmCascadeTrees *t)
{
    g_clear_pointer(&t->node_off, g_free);
    g_clear_pointer(&t->parent, g_free);
    g_clear_pointer(&t->shapes, g_free);
}
