/* report_page.c - what `smmgraph report` puts on its page: the sections'
 * tables, plot points and the sentences that read them, from the ranked
 * table rank computes and the run's notes. The page itself is written by
 * report/html_report.c, which knows nothing of what the numbers mean.
 *
 * Sizes are bounded whatever the graph: the shortlist has --top rows, the
 * scatter at most SMM_CLI_PAGE_POINTS points (the first by the ranking),
 * the CCDF at most SMM_PLOT_CCDF_MAX binned points.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "smm/core.h"
#include "smm/report.h"

#define LABELLED 10 /* scatter points named beside their mark */

static const SmmResultNote *find_note(const SmmResult *notes, const char *key)
{
    for (guint i = 0; i < notes->notes->len; i++) {
        const SmmResultNote *n = &g_array_index(notes->notes, SmmResultNote, i);
        if (strcmp(n->key, key) == 0)
            return n;
    }
    return NULL;
}

static void copy_count(SmmResult *to, const char *label, const SmmResult *from, const char *key,
                       gboolean if_zero)
{
    const SmmResultNote *n = find_note(from, key);
    if (n != NULL && n->kind == SMM_NOTE_COUNT && (if_zero || n->count > 0))
        smm_result_note_count(to, label, n->count);
}

/* The diffusion model in words. */
static gchar *model_text(const SmmCliModel *m, const SmmModel *model)
{
    if (model->linear_threshold)
        return g_strdup("Linear Threshold (Kempe, Kleinberg, Tardos 2003); a follower's weight "
                        "on each account it follows is 1 / its following count");
    if (smm_cli_model_learned(m))
        return g_strdup("Independent Cascade; each follow's probability learned from the "
                        "reshare log (Goyal, Bonchi, Lakshmanan 2010)");
    switch (model->kind) {
    case SMM_P_UNIFORM:
        return g_strdup_printf("Independent Cascade; every follow passes a post on with "
                               "probability %g",
                               model->p);
    case SMM_P_EDGE:
        return g_strdup_printf("Independent Cascade; each follow's probability from the "
                               "column %s of the follower file",
                               m->p_column != NULL ? m->p_column : "given");
    case SMM_P_WEIGHTED_CASCADE:
    default:
        return g_strdup("Independent Cascade, weighted cascade: an account's post reaches each "
                        "follower with probability 1 / that follower's following count");
    }
}

static void data_notes(const SmmCliPage *page, SmmResult *data, const char *model)
{
    const SmmResult *run = smm_cli_notes();
    smm_result_init(data, "data", 0, NULL);
    smm_result_note_text(data, "input", smm_display_name(page->input));
    const SmmResultNote *from = find_note(run, "imported_from");
    if (from != NULL)
        smm_result_note_text(data, "imported from (graph file)", from->text);
    copy_count(data, "rows read", run, "rows_read", TRUE);
    copy_count(data, page->graph->undirected ? "ties kept" : "follows kept", run,
               page->graph->undirected ? "ties" : "follows", TRUE);
    copy_count(data, "accounts", run, "accounts", TRUE);
    copy_count(data, "dropped: self-loops (an account following itself)", run, "dropped_self_loops",
               TRUE);
    copy_count(data, "dropped: duplicate rows (the same follow again)", run, "dropped_duplicates",
               TRUE);
    copy_count(data, "dropped: follows deleted later in the input", run, "dropped_deleted_follows",
               FALSE);
    copy_count(data, "blank lines skipped", run, "blank_lines", FALSE);
    smm_result_note_text(data, "model", model);
    copy_count(data, "reach: RR sets drawn", run, "reach_rr_sets", FALSE);
    const SmmResultNote *precision = find_note(run, "reach_worst_precision");
    const SmmResultNote *top = find_note(run, "reach_top");
    if (precision != NULL && top != NULL) {
        g_autofree gchar *label = g_strdup_printf(
            "reach: precision of the top %" G_GUINT64_FORMAT " (95%% interval)", top->count);
        g_autofree gchar *value = g_strdup_printf("within %.1f%%", 100.0 * precision->real);
        smm_result_note_text(data, label, value);
    }
}

/* Reach against followers for the first rows of the ranking; the LABELLED
 * of highest reach named. Returns the number of points; *no_followers
 * counts the rows left out for having none. */
static guint scatter_points(const SmmTable *t, guint32 rows, SmmPlotPoint *points,
                            guint32 *no_followers)
{
    const double *followers = t->col[SMM_COL_FOLLOWERS], *reach = t->col[SMM_COL_REACH];
    guint k = 0;
    *no_followers = 0;
    for (guint32 i = 0; i < rows; i++) {
        guint32 id = t->order[i];
        if (!(followers[id] > 0) || !(reach[id] > 0)) {
            (*no_followers)++;
            continue;
        }
        points[k++] = (SmmPlotPoint){.x = followers[id], .y = reach[id], .row = i};
    }
    for (guint l = 0; l < LABELLED && l < k; l++) {
        guint best = G_MAXUINT;
        for (guint i = 0; i < k; i++)
            if (!points[i].labelled && (best == G_MAXUINT || points[i].y > points[best].y))
                best = i;
        points[best].labelled = TRUE;
    }
    return k;
}

/* The campaign's table: one row per set, its accounts (pseudonyms under
 * --pseudonymize, each name cut as the page cuts names), spread and ci95,
 * the audience (distinct direct followers of its accounts) and the
 * Jaccard similarity of that audience with the chosen seeds'. */
static void campaign_table(const SmmCliCampaign *c, const SmmGraph *g,
                           const SmmReportOptions *options, SmmResult *out)
{
    guint n = c->n_sets;
    smm_result_init(out, "campaign", n, NULL);
    const char **names = smm_result_own(out, g_new0(const char *, n));
    const char **members = smm_result_own(out, g_new0(const char *, n));
    double *spread = smm_result_own(out, g_new0(double, n));
    double *ci95 = smm_result_own(out, g_new0(double, n));
    double *size = smm_result_own(out, g_new0(double, n));
    double *audience = smm_result_own(out, g_new0(double, n));
    double *jaccard = smm_result_own(out, g_new0(double, n));
    g_autofree guint8 *mark = g_new0(guint8, MAX(g->n, 1)); /* bit s: follows a member of set s */
    SmmResultColumn account = {.kind = SMM_RESULT_ACCOUNT, .names = g->names};
    for (guint s = 0; s < n; s++) {
        GString *text = g_string_new(NULL);
        for (guint32 i = 0; i < c->size[s]; i++) {
            guint32 v = c->members[s][i], len;
            char buf[SMM_PSEUDONYM_LEN + 1];
            const char *name = smm_report_account(&account, v, options, buf, &len);
            if (i > 0)
                g_string_append(text, ", ");
            glong chars = g_utf8_strlen(name, len);
            if (chars > SMM_HTML_NAME_MAX) {
                const char *cut = g_utf8_offset_to_pointer(name, SMM_HTML_NAME_MAX);
                g_string_append_len(text, name, cut - name);
                g_string_append(text, "\xe2\x80\xa6"); /* U+2026 ellipsis */
            } else {
                g_string_append_len(text, name, len);
            }
            for (guint64 e = g->in_off[v]; e < g->in_off[v + 1]; e++)
                mark[g->in_adj[e]] |= (guint8)(1u << s);
        }
        names[s] = c->name[s];
        members[s] = smm_result_own(out, g_string_free(text, FALSE));
        spread[s] = c->spread[s];
        ci95[s] = c->ci95[s];
        size[s] = c->size[s];
    }
    for (guint s = 0; s < n; s++) {
        guint64 in_s = 0, both = 0, either = 0;
        for (guint32 v = 0; v < g->n; v++) {
            gboolean a = (mark[v] >> s) & 1, b = mark[v] & 1;
            in_s += a;
            both += a && b;
            either += a || b;
        }
        audience[s] = (double)in_s;
        jaccard[s] = either > 0 ? (double)both / (double)either : NAN;
    }
    smm_result_add_text(out, "set", names);
    smm_result_add_count(out, "size", size);
    smm_result_add_text(out, "accounts", members);
    smm_result_add_real(out, "spread", spread, (SmmNumberFormat){'g', 10});
    smm_result_add_real(out, "ci95", ci95, (SmmNumberFormat){'g', 10});
    smm_result_add_count(out, "audience", audience);
    smm_result_add_real(out, "audience_jaccard", jaccard, (SmmNumberFormat){'f', 3});
}

gboolean smm_cli_report_page(const SmmCliPage *page, SmmCliCommon *common, FILE *fp, GError **error)
{
    const SmmTable *t = page->table;
    const SmmGraph *g = page->graph;
    const char *by = smm_column_name(page->by);
    const char *follows = g->undirected ? "ties" : "follows";
    g_autofree gchar *model = model_text(page->options, page->model);
    SmmHtmlSection sections[6];
    guint n = 0;

    SmmResult data;
    data_notes(page, &data, model);
    sections[n++] = (SmmHtmlSection){
        .id = "data",
        .title = "The data",
        .reading = "What was read, what was left out and why, and the model under which reach "
                   "was computed.",
        .table = &data,
        .notes_only = TRUE,
        .note = "The whole-graph statistics (components, reciprocity, degree percentiles, "
                "transitivity, assortativity) are not on this page: they need igraph's copy of "
                "the graph, 32 bytes a follow; smmgraph stats computes them."};

    SmmResult shortlist;
    smm_table_result(t, &shortlist);
    smm_result_add_labels(&shortlist);
    shortlist.n_rows = MIN(shortlist.n_rows, page->top);
    g_autofree gchar *short_reading = g_strdup_printf(
        "The %" G_GUINT64_FORMAT " accounts with the highest %s, with every metric computed: "
        "click a header to sort%s.",
        shortlist.n_rows, by,
        t->col[SMM_COL_REACH] != NULL ? ", and read each account's reach with its 95% interval "
                                        "in the bar"
                                      : "");
    g_autofree gchar *short_note = g_strdup_printf(
        "%" G_GUINT64_FORMAT " of %u accounts shown (--top). Ties in %s go to more followers, "
        "then to the name.%s",
        shortlist.n_rows, g->n, by,
        t->col[SMM_COL_REACH] != NULL
            ? " reach: the expected number of accounts a post by the account reaches, itself "
              "included; reach_ci95: the half-width of its 95% interval."
            : "");
    sections[n++] = (SmmHtmlSection){.id = "shortlist",
                                     .title = "The shortlist",
                                     .reading = short_reading,
                                     .table = &shortlist,
                                     .bar_column = "reach",
                                     .bar_half_width = "reach_ci95",
                                     .note = short_note};

    /* who reaches more than their size */
    SmmResult ranked;
    smm_table_result(t, &ranked);
    g_autofree SmmPlotPoint *points = g_new0(SmmPlotPoint, MAX(t->n_rows, 1));
    g_autofree gchar *scatter_note = NULL;
    SmmPlotSeries scatter_series = {.points = points};
    SmmPlot scatter = {.title = "Reach against followers, log-log",
                       .x_label = "followers",
                       .y_label = "reach",
                       .log_x = TRUE,
                       .log_y = TRUE,
                       .series = &scatter_series,
                       .n_series = 1,
                       .names = &ranked,
                       .diagonal_label = "reach = followers"};
    gboolean can_scatter = t->col[SMM_COL_FOLLOWERS] != NULL && t->col[SMM_COL_REACH] != NULL;
    if (can_scatter) {
        guint32 shown = MIN(t->n_rows, SMM_CLI_PAGE_POINTS), none;
        scatter_series.n_points = scatter_points(t, shown, points, &none);
        scatter_note = g_strdup_printf(
            "One mark per account for the first %u of %u accounts by %s%s; %u of them have no "
            "followers and cannot be drawn on a log axis. The %u with the highest reach are "
            "named; point at a mark for its numbers.",
            shown, g->n, by, shown < g->n ? " (the page holds at most that many)" : "", none,
            MIN(scatter_series.n_points, LABELLED));
    }
    sections[n++] = (SmmHtmlSection){
        .id = "reach-vs-followers",
        .title = "Who reaches more than their size",
        .reading = "Each account's reach against its follower count: those above the dashed line "
                   "reach more accounts than they have followers, through their followers' "
                   "followers.",
        .plot = can_scatter ? &scatter : NULL,
        .note = can_scatter ? scatter_note
                            : "Not drawn: it needs the followers and reach metrics (--metrics)."};

    /* the campaign */
    SmmResult camp_table = {0};
    SmmBarChart camp_bars = {0};
    g_autofree gchar *camp_reading = NULL, *camp_note = NULL;
    const SmmCliCampaign *camp = page->campaign;
    if (camp != NULL) {
        campaign_table(camp, g, smm_cli_report_options(common, g->names), &camp_table);
        g_autoptr(GString) counted = g_string_new(NULL);
        for (guint i = 0; i < camp->n_sets; i++)
            g_string_append_printf(counted, "%s%" G_GUINT64_FORMAT, i > 0 ? ", " : "",
                                   camp->rr_sets[i]);
        camp_bars = (SmmBarChart){.title = "Spread of each set, with its 95% interval",
                                  .x_label = "expected accounts reached",
                                  .labels = camp->name,
                                  .values = camp->spread,
                                  .half_widths = camp->ci95,
                                  .n = camp->n_sets};
        camp_reading = g_strdup_printf(
            "How many accounts a post by each set together reaches: the best %u seed%s "
            "(smmgraph seeds) against the %u accounts with the most followers%s.",
            camp->size[0], camp->size[0] == 1 ? "" : "s", camp->k,
            camp->n_sets > 2 ? " and the top by PageRank" : "");
        camp_note = g_strdup_printf(
            "spread: the expected number of accounts reached under the model, the set's "
            "accounts included, on RR sets independent of the choice: the same sets for every "
            "row, from the first, as many as its 1%% precision needs within seeds' cap (%s); ci95: "
            "the half-width of "
            "its 95%% "
            "interval (Wilson). The seeds as smmgraph seeds -k %u chooses them with the same "
            "--seed (IMM, epsilon 0.1). The biggest: by followers, ties to the name; the top by "
            "PageRank: ties to more followers, then the name. audience: the accounts that "
            "directly follow at least one account of the set; audience_jaccard: that audience's "
            "Jaccard similarity with the seeds' (shared / either; 1 for the seeds).%s%s",
            counted->str, camp->k, camp->missing != NULL ? " " : "",
            camp->missing != NULL ? camp->missing : "");
        sections[n++] = (SmmHtmlSection){.id = "campaign",
                                         .title = "The campaign",
                                         .reading = camp_reading,
                                         .table = &camp_table,
                                         .bars = &camp_bars,
                                         .note = camp_note};
    }

    /* follower counts, whether or not a column: the agreement's tie-break, the CCDF */
    g_autofree double *in_degree = NULL;
    const double *followers = t->col[SMM_COL_FOLLOWERS];
    if (followers == NULL) {
        in_degree = g_new(double, MAX(g->n, 1));
        for (guint32 v = 0; v < g->n; v++)
            in_degree[v] = smm_graph_in_degree(g, v);
        followers = in_degree;
    }
    /* how far the rankings agree, over every account */
    static const SmmColumn agree_columns[] = {SMM_COL_FOLLOWERS, SMM_COL_PAGERANK,
                                              SMM_COL_LEADERRANK, SMM_COL_REACH, SMM_COL_RETWEETS};
    const double *agree_metrics[G_N_ELEMENTS(agree_columns)];
    const char *agree_labels[G_N_ELEMENTS(agree_columns)];
    SmmNumberFormat agree_formats[G_N_ELEMENTS(agree_columns)];
    guint n_agree = 0;
    for (guint c = 0; c < G_N_ELEMENTS(agree_columns); c++)
        if (t->col[agree_columns[c]] != NULL) {
            agree_metrics[n_agree] = t->col[agree_columns[c]];
            agree_formats[n_agree] = smm_column_format(agree_columns[c]);
            agree_labels[n_agree++] = smm_column_name(agree_columns[c]);
        }
    SmmAgreement agreement;
    smm_agreement(agree_metrics, agree_formats, n_agree, g->n, followers, smm_order_account_name,
                  g->names, (guint)common->threads, &agreement);
    SmmResult agree_table;
    smm_agreement_result(&agreement, agree_labels, &agree_table);
    g_autofree gchar *agree_note = g_strdup_printf(
        "Below the diagonal and on it: Spearman's rank correlation over all %u accounts (ties, "
        "values the CSV report writes alike, take their average rank; \xe2\x80\x93 where a metric "
        "is the same for every account). "
        "Above it: the share of the top %u by the row's metric that is also in the top %u by "
        "the column's%s (ties in a metric go to more followers, then to the name).%s",
        g->n, agreement.top, agreement.top,
        agreement.top < SMM_AGREEMENT_TOP ? ", here every account, as there are fewer than 100, "
                                            "so every share is 1"
                                          : "",
        n_agree < 2 ? " Fewer than two of these metrics were computed (--metrics)." : "");
    sections[n++] = (SmmHtmlSection){
        .id = "agreement",
        .title = "Rank agreement",
        .reading = "How far the metrics agree on who matters: 1 is the same order, 0 no "
                   "relation; Cha et al. (ICWSM 2010) found that followers and retweets rank "
                   "accounts differently.",
        .table = &agree_table,
        .heat = TRUE,
        .note = agree_note};

    /* the follower-count distribution */
    SmmPlotPoint ccdf[SMM_PLOT_CCDF_MAX];
    guint64 zero;
    SmmPlotSeries ccdf_series = {
        .points = ccdf, .n_points = smm_plot_ccdf(followers, g->n, ccdf, &zero), .joined = TRUE};
    SmmPlot ccdf_plot = {.title = "Follower-count CCDF, log-log",
                         .x_label = "followers x",
                         .y_label = "share of accounts with at least x followers",
                         .log_x = TRUE,
                         .log_y = TRUE,
                         .series = &ccdf_series,
                         .n_series = 1};
    g_autofree gchar *ccdf_note = g_strdup_printf(
        "%u points, each exact: the smallest count in each tenth of a decade, and the largest. "
        "%" G_GUINT64_FORMAT " accounts with no followers count in the shares but cannot be "
        "drawn on a log axis.",
        ccdf_series.n_points, zero);
    sections[n++] = (SmmHtmlSection){
        .id = "distributions",
        .title = "Distributions",
        .reading = "The share of accounts with at least x followers, for every x: a few accounts "
                   "have most of the followers when the curve falls slowly and straight.",
        .plot = &ccdf_plot,
        .note = ccdf_note};

    g_autofree gchar *title = g_strdup_printf("smmgraph report: %s", smm_display_name(page->input));
    /* the import's count: an undirected graph holds each tie both ways */
    const SmmResultNote *kept = find_note(smm_cli_notes(), follows);
    g_autofree gchar *subtitle = g_strdup_printf(
        "%u accounts, %" G_GUINT64_FORMAT " %s; ranked by %s; seed %" G_GINT64_FORMAT
        "; made by %s.",
        g->n, kept != NULL ? kept->count : g->m, follows, by, common->seed, PACKAGE_STRING);
    gboolean ok = smm_report_html(title, subtitle, sections, n,
                                  smm_cli_report_options(common, g->names), fp, error);
    smm_result_clear(&agree_table);
    if (camp != NULL)
        smm_result_clear(&camp_table);
    smm_result_clear(&ranked);
    smm_result_clear(&shortlist);
    smm_result_clear(&data);
    return ok;
}
