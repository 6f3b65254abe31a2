/* cascade_report.c - cascades, their tree edges, and early adopters as CSV,
 * in the same number formats as the ranking report. */
#include <stdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/report.h"

const char *smm_cascade_name(const SmmCascades *cs, guint32 c, const SmmNames *names,
                             const SmmNames *items, guint32 *len)
{
    switch (cs->by) {
    case SMM_CASCADE_BY_ITEM: return smm_names_get(items, cs->key[c], len);
    case SMM_CASCADE_BY_AUTHOR: return smm_names_get(names, cs->key[c], len);
    default: *len = 5; return "topic";
    }
}

static void append_account(GString *out, const SmmNames *names, guint32 id)
{
    g_string_append_c(out, ',');
    if (id == SMM_NO_ACCOUNT)
        return; /* an empty field: nobody */
    guint32 len;
    const char *s = smm_names_get(names, id, &len);
    smm_csv_append_field(out, s, len);
}

static gboolean finish(FILE *fp, GString *out, GError **error)
{
    fwrite(out->str, 1, out->len, fp);
    g_string_truncate(out, 0);
    if (ferror(fp)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "write error while writing the report");
        return FALSE;
    }
    return TRUE;
}

gboolean smm_report_cascades(FILE *fp, const SmmCascades *cs, const SmmNames *names,
                             const SmmNames *items, const SmmCascadeShape *shapes,
                             const guint32 *order, guint32 count, GError **error)
{
    g_autoptr(GString) out = g_string_new(
        "tweet_id,author,size,depth,max_breadth,structural_virality,duration_s,t50_s,t90_s,"
        "peak_rate_per_h,top_amplifier\n");
    for (guint32 r = 0; r < count; r++) {
        guint32 c = order[r];
        const SmmCascadeShape *s = &shapes[c];
        guint32 len;
        const char *key = smm_cascade_name(cs, c, names, items, &len);
        smm_csv_append_field(out, key, len);
        /* no author column, or the topic's first adopter: no author to name */
        append_account(out, names, cs->root_adopts ? SMM_NO_ACCOUNT : cs->root[c]);
        g_string_append_printf(out, ",%u,%u,%u", s->size, s->depth, s->max_breadth);
        smm_csv_append_real(out, s->virality);
        smm_csv_append_real(out, s->duration);
        smm_csv_append_real(out, s->t50);
        smm_csv_append_real(out, s->t90);
        g_string_append_printf(out, ",%u", s->peak_per_hour);
        append_account(out, names, s->top_amplifier);
        g_string_append_c(out, '\n');
        if (out->len > (1u << 20) && !finish(fp, out, error))
            return FALSE;
    }
    return finish(fp, out, error);
}

void smm_report_tree_edges(GString *out, const SmmCascades *cs, guint32 c, const guint32 *parent,
                           const SmmNames *names, const SmmNames *items)
{
    guint32 size = smm_cascade_size(cs, c);
    const guint32 *resharer = smm_cascade_resharers(cs, c);
    const double *t = smm_cascade_reshare_times(cs, c);
    double origin = smm_cascade_origin(cs, c);
    guint32 key_len;
    const char *key = smm_cascade_name(cs, c, names, items, &key_len);
    for (guint32 j = 1; j < size; j++) {
        guint32 p = parent[j];
        guint32 parent_account = p == 0 ? cs->root[c] : resharer[p - 1];
        double parent_time = p == 0 ? origin : t[p - 1];
        smm_csv_append_field(out, key, key_len);
        append_account(out, names, parent_account);
        append_account(out, names, resharer[j - 1]);
        smm_csv_append_real(out, t[j - 1] - parent_time);
        g_string_append_c(out, '\n');
    }
}

gboolean smm_report_adopters(FILE *fp, const SmmAdopters *ad, const SmmNames *names,
                             const guint32 *order, guint32 count, GError **error)
{
    g_autoptr(GString) out = g_string_new(
        ad->led != NULL ? "rank,account,cascades,median_percentile,category,early_score,led\n"
                        : "rank,account,cascades,median_percentile,category,early_score\n");
    for (guint32 r = 0; r < count; r++) {
        guint32 a = order[r];
        guint32 len;
        const char *name = smm_names_get(names, a, &len);
        g_string_append_printf(out, "%u,", r + 1);
        smm_csv_append_field(out, name, len);
        g_string_append_printf(out, ",%u", ad->cascades[a]);
        smm_csv_append_real(out, ad->median_percentile[a]);
        g_string_append_printf(out, ",%s", smm_rogers_name(ad->category[a]));
        smm_csv_append_real(out, ad->early_score[a]);
        if (ad->led != NULL)
            g_string_append_printf(out, ",%" G_GUINT64_FORMAT, ad->led[a]);
        g_string_append_c(out, '\n');
        if (out->len > (1u << 20) && !finish(fp, out, error))
            return FALSE;
    }
    return finish(fp, out, error);
}
