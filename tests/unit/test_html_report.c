/* test_html_report.c - the HTML page writer: hostile names escaped and cut
 * everywhere, no URL, one <circle> per point given, one table row per row,
 * pseudonyms on every name, the CCDF's points exact, heat tables' colours. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"
#include "smm/report.h"

#define BIG_NAME (1u << 20)

static guint count_of(const char *text, const char *what)
{
    guint n = 0;
    for (const char *p = strstr(text, what); p != NULL; p = strstr(p + 1, what))
        n++;
    return n;
}

static gchar *escaped(const char *s, gsize max_chars)
{
    GString *out = g_string_new(NULL);
    smm_html_append_text(out, s, strlen(s), max_chars);
    return g_string_free(out, FALSE);
}

static void test_escape(void)
{
    g_autofree gchar *script = escaped("<script>alert(1)</script>", 0);
    g_assert_cmpstr(script, ==, "&lt;script&gt;alert(1)&lt;/script&gt;");
    g_autofree gchar *quotes = escaped("a\"b'c&d", 0);
    g_assert_cmpstr(quotes, ==, "a&quot;b&#39;c&amp;d");
    g_autofree gchar *rtl = escaped("abc\xe2\x80\xae"
                                    "def",
                                    0); /* U+202E */
    g_assert_cmpstr(rtl, ==, "abc&#x202E;def");
    g_autofree gchar *controls = escaped("a\x01\tb\xc2\x85", 0);
    g_assert_cmpstr(controls, ==,
                    "a\xef\xbf\xbd\xef\xbf\xbd"
                    "b\xef\xbf\xbd");
    /* cut by characters, not bytes: 3 two-byte characters, then the ellipsis */
    g_autofree gchar *cut = escaped("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3);
    g_assert_cmpstr(cut, ==, "\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6");
    g_autofree gchar *exact = escaped("abc", 3);
    g_assert_cmpstr(exact, ==, "abc");
    g_autofree gchar *amp_cut = escaped("&&&&", 2);
    g_assert_cmpstr(amp_cut, ==, "&amp;&amp;\xe2\x80\xa6");
}

typedef struct {
    SmmNames *names;
    double followers[6], reach[6], ci[6];
    guint32 order[6];
    SmmResult table;
    SmmPlotPoint points[7];
    SmmPlotSeries series;
    SmmPlot plot;
    SmmHtmlSection sections[2];
    gchar *big;
} Page;

static const char *const hostile[] = {"<script>alert(1)</script>",
                                      "q\"uo'te",
                                      "a&b",
                                      "\xe2\x80\xae"
                                      "evil",
                                      "plain",
                                      NULL};

static void page_init(Page *p)
{
    p->names = smm_names_new();
    p->big = g_malloc(BIG_NAME + 1);
    memset(p->big, 'x', BIG_NAME);
    p->big[BIG_NAME] = 0;
    guint32 id;
    for (guint i = 0; hostile[i] != NULL; i++)
        g_assert_true(
            smm_names_intern(p->names, hostile[i], (guint32)strlen(hostile[i]), &id, NULL));
    g_assert_true(smm_names_intern(p->names, p->big, BIG_NAME, &id, NULL));
    g_assert_cmpuint(id, ==, 5);
    for (guint i = 0; i < 6; i++) {
        p->followers[i] = i + 1;
        p->reach[i] = 10.0 - i;
        p->ci[i] = 0.5;
        p->order[i] = (i + 5) % 6; /* the big name first, then the others; "plain" not written */
    }
    /* 5 of the 6 rows written */
    smm_result_init(&p->table, "rank", 5, p->order);
    smm_result_add_row_number(&p->table, "rank");
    smm_result_add_account(&p->table, "account", p->names, NULL);
    smm_result_add_count(&p->table, "followers", p->followers);
    smm_result_add_real(&p->table, "reach", p->reach, (SmmNumberFormat){'f', 3});
    smm_result_add_real(&p->table, "reach_ci95", p->ci, (SmmNumberFormat){'f', 3});
    /* every account a point, named by its row; one more without a row */
    for (guint i = 0; i < 6; i++)
        p->points[i] = (SmmPlotPoint){.x = i + 1, .y = 1.5 * (i + 1), .row = i, .labelled = TRUE};
    p->points[6] = (SmmPlotPoint){.x = 100, .y = 0.01, .row = SMM_PLOT_NO_ROW};
    p->series = (SmmPlotSeries){.name = "<b>series</b>", .points = p->points, .n_points = 7};
    p->plot = (SmmPlot){.title = "t<",
                        .x_label = "x&",
                        .y_label = "y\"",
                        .log_x = TRUE,
                        .log_y = TRUE,
                        .series = &p->series,
                        .n_series = 1,
                        .names = &p->table,
                        .diagonal_label = "y = x"};
    p->sections[0] = (SmmHtmlSection){.id = "list",
                                      .title = "The <list>",
                                      .reading = "R & r.",
                                      .table = &p->table,
                                      .bar_column = "reach",
                                      .bar_half_width = "reach_ci95"};
    p->sections[1] = (SmmHtmlSection){.id = "plot",
                                      .title = "Plot",
                                      .reading = "Reading.",
                                      .plot = &p->plot,
                                      .note = "Note <i>."};
}

static void page_clear(Page *p)
{
    smm_result_clear(&p->table);
    smm_names_free(p->names);
    g_free(p->big);
}

static gchar *page_text(Page *p, const SmmReportOptions *options)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_report_html("Title <t>", "sub & title", p->sections, 2, options, fp, &error));
    g_assert_no_error(error);
    fclose(fp);
    gchar *copy = g_strndup(buf, len);
    free(buf);
    return copy;
}

/* The rows of the first table body. */
static guint body_rows(const char *html)
{
    const char *body = strstr(html, "<tbody>");
    g_assert_nonnull(body);
    g_autofree gchar *inside = g_strndup(body, (gsize)(strstr(body, "</tbody>") - body));
    return count_of(inside, "<tr>");
}

static void test_page(void)
{
    Page p;
    page_init(&p);
    g_autofree gchar *html = page_text(&p, NULL);
    g_assert_true(g_str_has_prefix(html, "<!DOCTYPE html>"));
    g_assert_true(g_str_has_suffix(html, "</html>\n"));
    g_assert_true(g_utf8_validate(html, -1, NULL));
    g_assert_null(strstr(html, "http://"));
    g_assert_null(strstr(html, "https://"));
    g_assert_null(strstr(html, "src="));
    /* the page's own script only; every hostile text escaped */
    g_assert_cmpuint(count_of(html, "<script>"), ==, 1);
    g_assert_null(strstr(html, "alert(1)</script>"));
    g_assert_nonnull(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    g_assert_null(strstr(html, "q\"uo'te"));
    g_assert_nonnull(strstr(html, "q&quot;uo&#39;te"));
    g_assert_null(strstr(html, "a&b"));
    g_assert_null(strstr(html, "\xe2\x80\xae"));
    g_assert_nonnull(strstr(html, "<bdi>&#x202E;evil</bdi>"));
    g_assert_null(strstr(html, "<b>series"));
    g_assert_null(strstr(html, "<list>"));
    g_assert_null(strstr(html, "<i>"));
    g_assert_null(strstr(html, "plain")); /* its row is not written, nor named in the plot */
    /* the 1 MB name: cut at SMM_HTML_NAME_MAX characters (table and
     * tooltip) and at fewer beside its mark */
    g_autofree gchar *kept = g_strnfill(SMM_HTML_NAME_MAX, 'x');
    g_autofree gchar *more = g_strnfill(SMM_HTML_NAME_MAX + 1, 'x');
    g_autofree gchar *cut = g_strconcat(kept, "\xe2\x80\xa6", NULL);
    g_assert_null(strstr(html, more));
    g_assert_cmpuint(count_of(html, cut), ==, 2); /* its table cell and its tooltip */
    g_assert_cmpuint(strlen(html), <, 64 * 1024);
    /* marks and rows as given */
    g_assert_cmpuint(count_of(html, "<circle"), ==, 7);
    g_assert_cmpuint(count_of(html, "<title>"), ==, 1 + 7 + 5 + 1); /* page, marks, bars, plot */
    g_assert_cmpuint(body_rows(html), ==, 5);
    g_assert_cmpuint(count_of(html, "<svg class=\"bar\""), ==, 5);
    /* the numbers in the column's digits */
    g_assert_nonnull(strstr(html, "<td class=\"num\">10.000</td>"));
    page_clear(&p);
}

static void test_log_axis_skips(void)
{
    Page p;
    page_init(&p);
    /* points that a log axis cannot show are not drawn */
    p.points[0].x = 0;
    p.points[1].y = -1;
    p.points[2].x = NAN;
    g_autofree gchar *html = page_text(&p, NULL);
    g_assert_cmpuint(count_of(html, "<circle"), ==, 4);
    /* ticks at powers of ten: 1 .. 100 on x */
    g_assert_nonnull(strstr(html, ">100</text>"));
    page_clear(&p);
}

static void test_pseudonyms(void)
{
    Page p;
    page_init(&p);
    g_autoptr(SmmPseudonym) key = smm_pseudonym_new((const guint8 *)"key", 3);
    SmmReportOptions o = {.pseudonym = key};
    g_autofree gchar *html = page_text(&p, &o);
    for (guint i = 0; hostile[i] != NULL; i++) {
        g_autofree gchar *e = escaped(hostile[i], 0);
        g_assert_null(strstr(html, e));
    }
    g_assert_null(strstr(html, "xxxxxxxxxx"));
    char pseudonym[SMM_PSEUDONYM_LEN + 1];
    smm_pseudonym_of(key, "a&b", 3, pseudonym);
    /* its table cell, its tooltip, its label */
    g_assert_cmpuint(count_of(html, pseudonym), ==, 3);
    page_clear(&p);
}

static void test_ccdf(void)
{
    double values[] = {0, 1, 1, 2, 3, 10, 10, 11, 1000, 0};
    SmmPlotPoint out[SMM_PLOT_CCDF_MAX];
    guint64 zero;
    guint k = smm_plot_ccdf(values, G_N_ELEMENTS(values), out, &zero);
    g_assert_cmpuint(zero, ==, 2);
    /* tenths of a decade: 1 in [1, 1.26), 2 in [1.995, 2.51), 3 in [2.51, 3.16), 10 and 11
     * in [10, 12.6), 1000; shares of all 10 values */
    double x[] = {1, 2, 3, 10, 1000};
    double y[] = {8, 6, 5, 4, 1};
    g_assert_cmpuint(k, ==, G_N_ELEMENTS(x));
    for (guint i = 0; i < k; i++) {
        g_assert_cmpfloat(out[i].x, ==, x[i]);
        g_assert_cmpfloat_with_epsilon(out[i].y, y[i] / 10.0, 1e-15);
        g_assert_cmpuint(out[i].row, ==, SMM_PLOT_NO_ROW);
    }
    /* the largest value gets its own point when its bin has a smaller one */
    double tail[] = {10, 11};
    k = smm_plot_ccdf(tail, 2, out, &zero);
    g_assert_cmpuint(k, ==, 2);
    g_assert_cmpfloat(out[1].x, ==, 11);
    g_assert_cmpfloat(out[1].y, ==, 0.5);
}

/* A heat table: each number on its colour (white at 0, Okabe-Ito blue at
 * 1, orange at -1, clamped beyond), the number still printed; NaN an
 * uncoloured dash; not sortable. */
static void test_heat(void)
{
    static const double v[] = {1, -1, 0, NAN, 2.5, 0.9};
    static const char *const label[] = {"a", "b", "c", "d", "e", "f"};
    SmmResult r;
    smm_result_init(&r, "heat", 6, NULL);
    smm_result_add_text(&r, "metric", label);
    smm_result_add_real(&r, "x", v, (SmmNumberFormat){'f', 3});
    SmmHtmlSection s = {.id = "h", .title = "H", .reading = "R.", .table = &r, .heat = TRUE};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_report_html("T", NULL, &s, 1, NULL, fp, &error));
    fclose(fp);
    g_assert_nonnull(strstr(buf, "<table class=\"heat\">"));
    g_assert_null(strstr(buf, "<table class=\"sortable\">"));
    g_assert_nonnull(strstr(buf, "style=\"background:#0072b2;color:#fff\">1.000</td>"));
    g_assert_nonnull(strstr(buf, "style=\"background:#e69f00\">-1.000</td>"));
    g_assert_nonnull(strstr(buf, "style=\"background:#ffffff\">0.000</td>"));
    g_assert_nonnull(strstr(buf, "style=\"background:#0072b2;color:#fff\">2.500</td>"));
    g_assert_nonnull(strstr(buf, "<td class=\"num\">\xe2\x80\x93</td>"));
    /* white text only on the darkest blues (contrast): not at 0.9 */
    g_assert_nonnull(strstr(buf, "style=\"background:#1a80ba\">0.900</td>"));
    g_assert_cmpuint(count_of(buf, "class=\"num heat\""), ==, 5);
    free(buf);
    smm_result_clear(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/html/escape", test_escape);
    g_test_add_func("/html/page", test_page);
    g_test_add_func("/html/log-axis", test_log_axis_skips);
    g_test_add_func("/html/pseudonyms", test_pseudonyms);
    g_test_add_func("/html/ccdf", test_ccdf);
    g_test_add_func("/html/heat", test_heat);
    return g_test_run();
}
