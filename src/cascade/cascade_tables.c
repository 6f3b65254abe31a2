/* cascade_tables.c - cascades, their tree edges and early adopters as
 * result tables for report/ (result.h). */
#include "smm/cascade.h"

const char *smm_cascade_name(const SmmCascades *cs, guint32 c, const SmmNames *names,
                             const SmmNames *items, guint32 *len)
{
    switch (cs->by) {
    case SMM_CASCADE_BY_ITEM: return smm_names_get(items, cs->key[c], len);
    case SMM_CASCADE_BY_AUTHOR: return smm_names_get(names, cs->key[c], len);
    default: *len = 5; return "topic";
    }
}

/* The column naming each cascade (a post id, an author, or "topic"), over
 * `keys` (cascade per key; NULL: the key is the cascade). */
static void add_cascade_column(SmmResult *out, const SmmCascades *cs, const SmmNames *names,
                               const SmmNames *items, const guint32 *cascade_of, guint64 n_keys)
{
    static const char topic[] = "topic";
    if (cs->by == SMM_CASCADE_BY_TOPIC) {
        const char **text = smm_result_own(out, g_new(const char *, MAX(n_keys, 1)));
        for (guint64 i = 0; i < n_keys; i++)
            text[i] = topic;
        smm_result_add_text(out, "tweet_id", text);
        return;
    }
    const guint32 *ids = cs->key;
    if (cascade_of != NULL) {
        guint32 *per_key = smm_result_own(out, g_new(guint32, MAX(n_keys, 1)));
        for (guint64 i = 0; i < n_keys; i++)
            per_key[i] = cs->key[cascade_of[i]];
        ids = per_key;
    }
    smm_result_add_account(out, "tweet_id", cs->by == SMM_CASCADE_BY_ITEM ? items : names, ids);
}

static double *counts_of(SmmResult *out, guint32 n, const SmmCascadeShape *shapes, gsize offset)
{
    double *v = smm_result_own(out, g_new(double, MAX(n, 1)));
    for (guint32 c = 0; c < n; c++)
        v[c] = *(const guint32 *)(const void *)((const char *)&shapes[c] + offset);
    return v;
}

static double *reals_of(SmmResult *out, guint32 n, const SmmCascadeShape *shapes, gsize offset)
{
    double *v = smm_result_own(out, g_new(double, MAX(n, 1)));
    for (guint32 c = 0; c < n; c++)
        v[c] = *(const double *)(const void *)((const char *)&shapes[c] + offset);
    return v;
}

void smm_cascade_result_table(const SmmCascades *cs, const SmmNames *names, const SmmNames *items,
                              const SmmCascadeShape *shapes, const guint32 *order, guint32 count,
                              SmmResult *out)
{
    guint32 n = cs->n;
    SmmNumberFormat real = {'g', 10};
    smm_result_init(out, "cascades", count, order);
    add_cascade_column(out, cs, names, items, NULL, n);
    /* no author column, or the topic's first adopter: no author to name */
    const guint32 *author = cs->root;
    if (cs->root_adopts) {
        guint32 *nobody = smm_result_own(out, g_new(guint32, MAX(n, 1)));
        for (guint32 c = 0; c < n; c++)
            nobody[c] = SMM_RESULT_NOBODY;
        author = nobody;
    }
    smm_result_add_account(out, "author", names, author);
    smm_result_add_count(out, "size",
                         counts_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, size)));
    smm_result_add_count(out, "depth",
                         counts_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, depth)));
    smm_result_add_count(out, "max_breadth",
                         counts_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, max_breadth)));
    smm_result_add_real(out, "structural_virality",
                        reals_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, virality)), real);
    smm_result_add_real(out, "duration_s",
                        reals_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, duration)), real);
    smm_result_add_real(out, "t50_s",
                        reals_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, t50)), real);
    smm_result_add_real(out, "t90_s",
                        reals_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, t90)), real);
    smm_result_add_count(
        out, "peak_rate_per_h",
        counts_of(out, n, shapes, G_STRUCT_OFFSET(SmmCascadeShape, peak_per_hour)));
    guint32 *amplifier = smm_result_own(out, g_new(guint32, MAX(n, 1)));
    for (guint32 c = 0; c < n; c++)
        amplifier[c] = shapes[c].top_amplifier;
    smm_result_add_account(out, "top_amplifier", names, amplifier);
}

void smm_cascade_edges_table(const SmmCascades *cs, const guint32 *parent, const guint64 *node_off,
                             const guint32 *order, guint32 count, const SmmNames *names,
                             const SmmNames *items, SmmResult *out)
{
    guint64 n_edges = 0;
    for (guint32 r = 0; r < count; r++)
        n_edges += smm_cascade_size(cs, order[r]) - 1;
    smm_result_init(out, "edges", n_edges, NULL);
    guint32 *cascade = g_new(guint32, MAX(n_edges, 1));
    guint32 *from = smm_result_own(out, g_new(guint32, MAX(n_edges, 1)));
    guint32 *to = smm_result_own(out, g_new(guint32, MAX(n_edges, 1)));
    double *delay = smm_result_own(out, g_new(double, MAX(n_edges, 1)));
    guint32 *via = cs->via != NULL ? smm_result_own(out, g_new(guint32, MAX(n_edges, 1))) : NULL;
    guint64 e = 0;
    for (guint32 r = 0; r < count; r++) {
        guint32 c = order[r];
        const guint32 *par = parent + node_off[c];
        guint32 size = smm_cascade_size(cs, c);
        const guint32 *resharer = smm_cascade_resharers(cs, c);
        const double *t = smm_cascade_reshare_times(cs, c);
        double origin = smm_cascade_origin(cs, c);
        /* the root adopts at the post's time */
        for (guint32 j = 1; j < size; j++, e++) {
            guint32 p = par[j];
            cascade[e] = c;
            from[e] = p == 0 ? cs->root[c] : resharer[p - 1];
            to[e] = resharer[j - 1];
            delay[e] = t[j - 1] - (p == 0 ? origin : t[p - 1]);
            if (via != NULL)
                via[e] = cs->via[cs->off[c] + (cs->root_adopts ? 1 : 0) + j - 1];
        }
    }
    add_cascade_column(out, cs, names, items, cascade, n_edges);
    g_free(cascade);
    smm_result_add_account(out, "parent", names, from);
    smm_result_add_account(out, "child", names, to);
    smm_result_add_real(out, "delay_s", delay, (SmmNumberFormat){'g', 10});
    if (via != NULL)
        smm_result_add_account(out, "via", names, via);
}

void smm_adopters_result_table(const SmmAdopters *ad, guint32 n, const SmmNames *names,
                               const guint32 *order, guint32 count, SmmResult *out)
{
    SmmNumberFormat real = {'g', 10};
    smm_result_init(out, "adopters", count, order);
    double *cascades = smm_result_own(out, g_new(double, MAX(n, 1)));
    const char **category = smm_result_own(out, g_new(const char *, MAX(n, 1)));
    for (guint32 a = 0; a < n; a++) {
        cascades[a] = ad->cascades[a];
        category[a] = smm_rogers_name(ad->category[a]);
    }
    smm_result_add_row_number(out, "rank");
    smm_result_add_account(out, "account", names, NULL);
    smm_result_add_count(out, "cascades", cascades);
    smm_result_add_real(out, "median_percentile", ad->median_percentile, real);
    smm_result_add_text(out, "category", category);
    smm_result_add_real(out, "early_score", ad->early_score, real);
    if (ad->led != NULL) {
        double *led = smm_result_own(out, g_new(double, MAX(n, 1)));
        for (guint32 a = 0; a < n; a++)
            led[a] = (double)ad->led[a];
        smm_result_add_count(out, "led", led);
    }
}
