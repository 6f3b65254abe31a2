/* model_options.c - the diffusion model options that rank, seeds and
 * simulate share (--model, --p, --p-column, --prior), and loading what they
 * read: a follower file and, with --retweets, a reshare log sharing its
 * account names. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"

/* --p: a plain decimal probability. GOption's own doubles take "nan" (which
 * would read as no --p at all), "inf" and hex floats. */
static gboolean parse_p(const gchar *name, const gchar *value, gpointer data, GError **error)
{
    (void)name;
    SmmCliModel *m = data;
    double v;
    if (!smm_parse_decimal(value, strlen(value), &v) || !(v >= 0.0 && v <= 1.0)) {
        g_autofree gchar *q = smm_quote_value(value, -1);
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--p must be a number from 0 to 1 (got %s)", q);
        return FALSE;
    }
    m->p = v;
    return TRUE;
}

void smm_cli_add_model_options(GOptionContext *context, SmmCliModel *m)
{
    GOptionEntry entries[] = {
        {"model", 0, 0, G_OPTION_ARG_STRING, &m->model,
         "Diffusion model: ic (Independent Cascade, default), lt (Linear Threshold, weights "
         "1 / accounts the follower follows) or learned (IC with each follow's probability "
         "learned from --retweets; Goyal et al. 2010)",
         "ic|lt|learned"},
        {"p", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)parse_p,
         "IC: the same probability on every edge (default: weighted cascade, 1 / number of "
         "accounts the follower follows)",
         "P"},
        {"p-column", 0, 0, G_OPTION_ARG_STRING, &m->p_column,
         "IC: per-edge probabilities from this column of the follower file (number or name)",
         "COL"},
        {"prior", 0, 0, G_OPTION_ARG_STRING, &m->prior,
         "--model learned: probability of follows with no evidence in the log (default wc: "
         "weighted cascade)",
         "P|wc"},
        {"retweets", 'r', 0, G_OPTION_ARG_FILENAME, &m->log,
         "Reshare log (see the reshare log options)", "FILE"},
        {NULL}};
    GOptionGroup *group =
        g_option_group_new("model", "Model options:", "Show the model options", m, NULL);
    g_option_group_add_entries(group, entries);
    g_option_context_add_group(context, group);
}

gboolean smm_cli_model_learned(const SmmCliModel *m)
{
    return g_strcmp0(m->model, "learned") == 0;
}

gboolean smm_cli_model_check(const SmmCliModel *m, GError **error)
{
#define USAGE(...) (g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, __VA_ARGS__), FALSE)
    gboolean lt = g_strcmp0(m->model, "lt") == 0, learned = smm_cli_model_learned(m);
    if (m->model != NULL && !lt && !learned && strcmp(m->model, "ic") != 0) {
        g_autofree gchar *q = smm_quote_value(m->model, -1);
        return USAGE("--model must be ic, lt or learned (got %s)", q);
    }
    if (!isnan(m->p) && !(m->p >= 0.0 && m->p <= 1.0))
        return USAGE("--p must be between 0 and 1");
    if (!isnan(m->p) && m->p_column != NULL)
        return USAGE("--p and --p-column exclude each other");
    if ((lt || learned) && (!isnan(m->p) || m->p_column != NULL))
        return USAGE("--model %s sets the edge weights itself; drop --p and --p-column", m->model);
    if (learned && m->log == NULL)
        return USAGE("--model learned learns from a reshare log: give it with --retweets FILE");
    if (m->prior != NULL && !learned)
        return USAGE("--prior only applies to --model learned");
    if (m->prior != NULL && strcmp(m->prior, "wc") != 0) {
        double v;
        if (!smm_parse_decimal(m->prior, strlen(m->prior), &v) || !(v >= 0.0 && v <= 1.0)) {
            g_autofree gchar *q = smm_quote_value(m->prior, -1);
            return USAGE("--prior must be a probability or wc (got %s)", q);
        }
    }
    return TRUE;
#undef USAGE
}

void smm_cli_model_clear(SmmCliModel *m)
{
    g_free(m->model);
    g_free(m->p_column);
    g_free(m->prior);
    g_free(m->log);
}

gboolean smm_cli_model_finish(SmmCliModel *m, SmmCliData *data, SmmCliReshare *rs,
                              const SmmCliCommon *common, SmmModel *model, GError **error)
{
    memset(model, 0, sizeof *model);
    model->kind = SMM_P_WEIGHTED_CASCADE;
    if (g_strcmp0(m->model, "lt") == 0)
        model->linear_threshold = TRUE;
    else if (m->p_column != NULL)
        model->kind = SMM_P_EDGE;
    else if (!isnan(m->p))
        *model = (SmmModel){.kind = SMM_P_UNIFORM, .p = m->p};
    if (!smm_cli_model_learned(m))
        return TRUE;

    double t = smm_now();
    g_autoptr(SmmCascades) cascades =
        smm_cascades_build(&data->log, smm_cli_cascade_by(rs, &data->log), error);
    if (cascades == NULL)
        return FALSE;
    smm_cli_cascades_summary(cascades, rs->by_auto, common->quiet);
    gboolean wc = m->prior == NULL || strcmp(m->prior, "wc") == 0;
    double prior = wc ? -1.0 : g_ascii_strtod(m->prior, NULL);
    SmmLearnStats ls;
    smm_learn_probabilities(data->graph, cascades, prior, &ls);
    if (!common->quiet)
        fprintf(stderr,
                SMM_NOTE_PREFIX "learned probabilities: %" G_GUINT64_FORMAT
                                " follows with evidence in the log (%" G_GUINT64_FORMAT
                                " above 0), %" G_GUINT64_FORMAT " from the prior (%s)\n",
                ls.with_evidence, ls.positive, ls.from_prior, wc ? "weighted cascade" : m->prior);
    smm_cli_timing(common, "learning", smm_now() - t);
    model->kind = SMM_P_EDGE;
    return TRUE;
}
