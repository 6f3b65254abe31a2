/* svg_plot.c - plots as inline SVG for the HTML page: axes with ticks a
 * reader can check (a log axis has them at powers of ten, minor ones at
 * 2..9 times those), one <circle> per point with a <title> for its
 * tooltip, labels beside the points asked for, a legend, and the binned
 * CCDF those plots are given. Knows coordinates, not what they measure.
 *
 * Colours are Okabe and Ito's palette ("Color Universal Design", 2002),
 * told apart with every common colour vision deficiency. Coordinates are
 * written with 2 decimals: the page's size grows with the number of
 * points only (the CLI caps them).
 */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/number_format.h"
#include "smm/report.h"

#define WIDTH 640.0
#define HEIGHT 400.0
#define LEFT 70.0
#define RIGHT 20.0
#define TOP 16.0
#define BOTTOM 50.0
#define PLOT_LABEL_MAX 30 /* characters of a name written beside its mark */

static const char *const palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                      "#E69F00", "#56B4E9", "#000000"};

typedef struct {
    gboolean log;
    double lo, hi; /* in axis units: log10 of the value on a log axis */
    double pixel_lo, pixel_hi;
} Axis;

static gboolean drawable(const Axis *a, double v)
{
    return isfinite(v) && (!a->log || v > 0);
}

static double axis_pos(const Axis *a, double v)
{
    double u = a->log ? log10(v) : v;
    return a->pixel_lo + (u - a->lo) / (a->hi - a->lo) * (a->pixel_hi - a->pixel_lo);
}

/* A round step of about range / 5 for a linear axis: 1, 2 or 5 times a power of ten. */
static double nice_step(double range)
{
    double raw = range / 5.0;
    double p = pow(10.0, floor(log10(raw)));
    double f = raw / p;
    return (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0) * p;
}

static void axis_range(Axis *a, double min, double max)
{
    if (!(min <= max)) { /* nothing drawable: a unit range */
        min = a->log ? 1.0 : 0.0;
        max = a->log ? 10.0 : 1.0;
    }
    if (a->log) {
        a->lo = floor(log10(min));
        a->hi = ceil(log10(max));
        if (a->hi <= a->lo)
            a->hi = a->lo + 1;
        return;
    }
    if (max == min) {
        min -= 1;
        max += 1;
    }
    double step = nice_step(max - min);
    a->lo = floor(min / step) * step;
    a->hi = ceil(max / step) * step;
}

static void append_number(GString *out, double v, int digits)
{
    char buf[SMM_NUMBER_MAX];
    int len = smm_format_g(buf, v == 0.0 ? 0.0 : v, digits);
    g_string_append_len(out, buf, len);
}

/* 10^k as a tick label: plain up to 1000, else with a superscript. */
static void append_power(GString *out, int k)
{
    if (k >= 0 && k <= 3) {
        g_string_append_printf(out, "%.0f", pow(10.0, k));
        return;
    }
    g_string_append(out, "10<tspan dy=\"-6\" font-size=\"75%\">");
    if (k < 0)
        g_string_append(out, "\xe2\x88\x92"); /* U+2212 minus */
    g_string_append_printf(out, "%d</tspan>", abs(k));
}

/* Ticks and their labels along one axis; `vertical`: the y axis. */
static void draw_ticks(GString *out, const Axis *a, gboolean vertical, double other_lo,
                       double other_hi)
{
    double ticks[64];
    guint n = 0;
    if (a->log) {
        int decades = (int)(a->hi - a->lo);
        for (int k = (int)a->lo; k <= (int)a->hi && n < G_N_ELEMENTS(ticks); k++) {
            ticks[n++] = pow(10.0, k);
            if (decades <= 6 && k < (int)a->hi)
                for (int m = 2; m <= 9; m++) {
                    double v = m * pow(10.0, k);
                    double p = axis_pos(a, v);
                    if (vertical)
                        g_string_append_printf(out,
                                               "<line class=\"minor\" x1=\"%.2f\" x2=\"%.2f\" "
                                               "y1=\"%.2f\" y2=\"%.2f\"/>",
                                               other_lo, other_lo - 3, p, p);
                    else
                        g_string_append_printf(out,
                                               "<line class=\"minor\" x1=\"%.2f\" x2=\"%.2f\" "
                                               "y1=\"%.2f\" y2=\"%.2f\"/>",
                                               p, p, other_lo, other_lo + 3);
                }
        }
    } else {
        double step = nice_step(a->hi - a->lo);
        for (double v = a->lo; v <= a->hi + step / 2 && n < G_N_ELEMENTS(ticks); v += step)
            ticks[n++] = fabs(v) < step / 1e6 ? 0.0 : v;
    }
    for (guint i = 0; i < n; i++) {
        double p = axis_pos(a, ticks[i]);
        if (vertical)
            g_string_append_printf(out,
                                   "<line class=\"grid\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" "
                                   "y2=\"%.2f\"/><line class=\"tick\" x1=\"%.2f\" x2=\"%.2f\" "
                                   "y1=\"%.2f\" y2=\"%.2f\"/><text class=\"tick\" x=\"%.2f\" "
                                   "y=\"%.2f\" text-anchor=\"end\" dominant-baseline=\"middle\">",
                                   other_lo, other_hi, p, p, other_lo, other_lo - 6, p, p,
                                   other_lo - 9, p);
        else
            g_string_append_printf(out,
                                   "<line class=\"grid\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" "
                                   "y2=\"%.2f\"/><line class=\"tick\" x1=\"%.2f\" x2=\"%.2f\" "
                                   "y1=\"%.2f\" y2=\"%.2f\"/><text class=\"tick\" x=\"%.2f\" "
                                   "y=\"%.2f\" text-anchor=\"middle\">",
                                   p, p, other_lo, other_hi, p, p, other_lo, other_lo + 6, p,
                                   other_lo + 20);
        if (a->log)
            append_power(out, (int)lround(log10(ticks[i])));
        else
            append_number(out, ticks[i], 6);
        g_string_append(out, "</text>");
    }
}

/* The name of a point's row, pseudonymized as asked, escaped and cut. */
static void append_point_name(GString *out, const SmmPlot *plot, const SmmPlotPoint *pt,
                              const SmmReportOptions *options, gsize max_chars)
{
    const SmmResult *r = plot->names;
    if (r == NULL || pt->row == SMM_PLOT_NO_ROW || pt->row >= r->n_rows)
        return;
    for (guint c = 0; c < r->columns->len; c++) {
        const SmmResultColumn *col = &g_array_index(r->columns, SmmResultColumn, c);
        if (col->kind != SMM_RESULT_ACCOUNT || col->label)
            continue;
        guint32 key = smm_result_key(r, pt->row);
        guint32 id = col->ids != NULL ? col->ids[key] : key;
        if (id == SMM_RESULT_NOBODY)
            return;
        char buf[SMM_PSEUDONYM_LEN + 1];
        guint32 len;
        const char *s = smm_report_account(col, id, options, buf, &len);
        smm_html_append_text(out, s, len, max_chars);
        return;
    }
}

void smm_svg_plot(GString *out, const SmmPlot *plot, const SmmReportOptions *options)
{
    Axis x = {.log = plot->log_x, .pixel_lo = LEFT, .pixel_hi = WIDTH - RIGHT};
    Axis y = {.log = plot->log_y, .pixel_lo = HEIGHT - BOTTOM, .pixel_hi = TOP};
    double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;
    for (guint s = 0; s < plot->n_series; s++)
        for (guint i = 0; i < plot->series[s].n_points; i++) {
            const SmmPlotPoint *p = &plot->series[s].points[i];
            if (!drawable(&x, p->x) || !drawable(&y, p->y))
                continue;
            x_min = MIN(x_min, p->x);
            x_max = MAX(x_max, p->x);
            y_min = MIN(y_min, p->y);
            y_max = MAX(y_max, p->y);
        }
    axis_range(&x, x_min, x_max);
    axis_range(&y, y_min, y_max);

    g_string_append_printf(out,
                           "<svg class=\"plot\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                           "height=\"%.0f\" role=\"img\">",
                           WIDTH, HEIGHT, WIDTH, HEIGHT);
    g_string_append(out, "<title>");
    smm_html_append_text(out, plot->title, strlen(plot->title), 0);
    g_string_append(out, "</title>");
    draw_ticks(out, &x, FALSE, y.pixel_lo, y.pixel_hi);
    draw_ticks(out, &y, TRUE, x.pixel_lo, x.pixel_hi);
    g_string_append_printf(out,
                           "<rect class=\"frame\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                           "height=\"%.2f\"/>",
                           x.pixel_lo, y.pixel_hi, x.pixel_hi - x.pixel_lo,
                           y.pixel_lo - y.pixel_hi);
    g_string_append_printf(out,
                           "<text class=\"axis\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">",
                           (x.pixel_lo + x.pixel_hi) / 2, HEIGHT - 8);
    smm_html_append_text(out, plot->x_label, strlen(plot->x_label), 0);
    g_string_append_printf(out,
                           "</text><text class=\"axis\" transform=\"translate(16 %.2f) "
                           "rotate(-90)\" text-anchor=\"middle\">",
                           (y.pixel_lo + y.pixel_hi) / 2);
    smm_html_append_text(out, plot->y_label, strlen(plot->y_label), 0);
    g_string_append(out, "</text>");

    if (plot->diagonal_label != NULL && x.log == y.log) {
        double lo = MAX(x.lo, y.lo), hi = MIN(x.hi, y.hi);
        if (lo < hi) {
            double a = x.log ? pow(10.0, lo) : lo, b = x.log ? pow(10.0, hi) : hi;
            g_string_append_printf(out,
                                   "<line class=\"diagonal\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
                                   "y2=\"%.2f\"/><text class=\"diagonal\" x=\"%.2f\" y=\"%.2f\" "
                                   "text-anchor=\"end\">",
                                   axis_pos(&x, a), axis_pos(&y, a), axis_pos(&x, b),
                                   axis_pos(&y, b), axis_pos(&x, b) - 4, axis_pos(&y, b) + 14);
            smm_html_append_text(out, plot->diagonal_label, strlen(plot->diagonal_label), 0);
            g_string_append(out, "</text>");
        }
    }

    for (guint s = 0; s < plot->n_series; s++) {
        const SmmPlotSeries *series = &plot->series[s];
        const char *colour = palette[s % G_N_ELEMENTS(palette)];
        if (series->joined) {
            g_string_append_printf(out, "<polyline class=\"series\" stroke=\"%s\" points=\"",
                                   colour);
            for (guint i = 0; i < series->n_points; i++) {
                const SmmPlotPoint *p = &series->points[i];
                if (drawable(&x, p->x) && drawable(&y, p->y))
                    g_string_append_printf(out, "%.2f,%.2f ", axis_pos(&x, p->x),
                                           axis_pos(&y, p->y));
            }
            g_string_append(out, "\"/>");
        }
        g_string_append_printf(out, "<g class=\"marks\" fill=\"%s\">", colour);
        for (guint i = 0; i < series->n_points; i++) {
            const SmmPlotPoint *p = &series->points[i];
            if (!drawable(&x, p->x) || !drawable(&y, p->y))
                continue;
            double px = axis_pos(&x, p->x), py = axis_pos(&y, p->y);
            g_string_append_printf(out, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\"><title>", px, py);
            gsize before = out->len;
            append_point_name(out, plot, p, options, SMM_HTML_NAME_MAX);
            if (out->len > before)
                g_string_append(out, ": ");
            smm_html_append_text(out, plot->x_label, strlen(plot->x_label), 0);
            g_string_append(out, " ");
            append_number(out, p->x, 6);
            g_string_append(out, ", ");
            smm_html_append_text(out, plot->y_label, strlen(plot->y_label), 0);
            g_string_append(out, " ");
            append_number(out, p->y, 6);
            g_string_append(out, "</title></circle>");
        }
        g_string_append(out, "</g>");
        for (guint i = 0; i < series->n_points; i++) {
            const SmmPlotPoint *p = &series->points[i];
            if (!p->labelled || !drawable(&x, p->x) || !drawable(&y, p->y))
                continue;
            double px = axis_pos(&x, p->x), py = axis_pos(&y, p->y);
            gboolean left = px > (x.pixel_lo + x.pixel_hi) / 2;
            g_string_append_printf(out, "<text class=\"label\" x=\"%.2f\" y=\"%.2f\"%s>",
                                   left ? px - 5 : px + 5, py - 5,
                                   left ? " text-anchor=\"end\"" : "");
            append_point_name(out, plot, p, options, PLOT_LABEL_MAX);
            g_string_append(out, "</text>");
        }
    }

    guint legend = 0;
    for (guint s = 0; s < plot->n_series; s++) {
        if (plot->series[s].name == NULL)
            continue;
        double ly = y.pixel_hi + 8 + 16 * legend++;
        g_string_append_printf(out,
                               "<rect x=\"%.2f\" y=\"%.2f\" width=\"10\" height=\"10\" "
                               "fill=\"%s\"/><text class=\"legend\" x=\"%.2f\" y=\"%.2f\">",
                               x.pixel_hi - 180, ly, palette[s % G_N_ELEMENTS(palette)],
                               x.pixel_hi - 165, ly + 9);
        smm_html_append_text(out, plot->series[s].name, strlen(plot->series[s].name), 0);
        g_string_append(out, "</text>");
    }
    g_string_append(out, "</svg>");
}

#define BAR_LABEL_WIDTH 170.0
#define BAR_HEIGHT 22.0
#define BAR_GAP 12.0
#define BAR_LABEL_MAX 40

void smm_svg_bar_chart(GString *out, const SmmBarChart *chart)
{
    double height = TOP + chart->n * (BAR_HEIGHT + BAR_GAP) + BOTTOM;
    Axis x = {.pixel_lo = BAR_LABEL_WIDTH, .pixel_hi = WIDTH - RIGHT};
    double x_max = -INFINITY;
    for (guint i = 0; i < chart->n; i++)
        if (isfinite(chart->values[i]) && isfinite(chart->half_widths[i]))
            x_max = MAX(x_max, chart->values[i] + chart->half_widths[i]);
    axis_range(&x, 0.0, x_max > 0 ? x_max : -INFINITY);
    double y_lo = height - BOTTOM, y_hi = TOP;
    g_string_append_printf(out,
                           "<svg class=\"plot\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
                           "height=\"%.0f\" role=\"img\"><title>",
                           WIDTH, height, WIDTH, height);
    smm_html_append_text(out, chart->title, strlen(chart->title), 0);
    g_string_append(out, "</title>");
    draw_ticks(out, &x, FALSE, y_lo, y_hi);
    g_string_append_printf(out,
                           "<rect class=\"frame\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                           "height=\"%.2f\"/><text class=\"axis\" x=\"%.2f\" y=\"%.2f\" "
                           "text-anchor=\"middle\">",
                           x.pixel_lo, y_hi, x.pixel_hi - x.pixel_lo, y_lo - y_hi,
                           (x.pixel_lo + x.pixel_hi) / 2, height - 8);
    smm_html_append_text(out, chart->x_label, strlen(chart->x_label), 0);
    g_string_append(out, "</text>");
    for (guint i = 0; i < chart->n; i++) {
        double top = TOP + BAR_GAP / 2 + i * (BAR_HEIGHT + BAR_GAP), mid = top + BAR_HEIGHT / 2;
        double v = chart->values[i], h = chart->half_widths[i];
        const char *label = chart->labels[i];
        g_string_append_printf(out,
                               "<text class=\"tick\" x=\"%.2f\" y=\"%.2f\" "
                               "text-anchor=\"end\" dominant-baseline=\"middle\">",
                               BAR_LABEL_WIDTH - 8, mid);
        smm_html_append_text(out, label, strlen(label), BAR_LABEL_MAX);
        g_string_append(out, "</text>");
        if (!(isfinite(v) && isfinite(h)))
            continue;
        double x0 = axis_pos(&x, 0.0), xv = axis_pos(&x, MAX(v, 0.0));
        double lo = axis_pos(&x, MAX(v - h, 0.0)), hi = axis_pos(&x, v + h);
        g_string_append(out, "<g class=\"hbar\"><title>");
        smm_html_append_text(out, label, strlen(label), BAR_LABEL_MAX);
        g_string_append(out, ": ");
        append_number(out, v, 10);
        g_string_append(out, " \xc2\xb1 "); /* U+00B1 */
        append_number(out, h, 10);
        g_string_append_printf(out,
                               "</title><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                               "height=\"%.2f\"/><line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" "
                               "y2=\"%.2f\"/><line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" "
                               "y2=\"%.2f\"/><line x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" "
                               "y2=\"%.2f\"/></g>",
                               x0, top, xv - x0, BAR_HEIGHT, lo, hi, mid, mid, lo, lo, mid - 6,
                               mid + 6, hi, hi, mid - 6, mid + 6);
    }
    g_string_append(out, "</svg>");
}

guint smm_plot_ccdf(const double *values, gsize n, SmmPlotPoint out[SMM_PLOT_CCDF_MAX],
                    guint64 *not_positive)
{
    /* Bins of a tenth of a decade over every double above 0: each keeps
     * its smallest value and its count; a value's CCDF is the count of the
     * bins from its own on, since binning keeps the order. */
    enum { PER_DECADE = 10, LOWEST = -325 * PER_DECADE, BINS = 635 * PER_DECADE };
    g_autofree double *min = g_new(double, BINS);
    g_autofree guint64 *count = g_new0(guint64, BINS);
    double max = -INFINITY;
    guint64 at_max = 0, skipped = 0;
    for (gsize i = 0; i < n; i++) {
        double v = values[i];
        if (!(v > 0) || !isfinite(v)) {
            skipped++;
            continue;
        }
        int b = (int)floor(log10(v) * PER_DECADE) - LOWEST;
        b = CLAMP(b, 0, BINS - 1);
        if (count[b]++ == 0 || v < min[b])
            min[b] = v;
        if (v > max) {
            max = v;
            at_max = 0;
        }
        at_max += v == max;
    }
    *not_positive = skipped;
    guint k = 0;
    guint64 above = 0; /* values in the bins after b */
    for (int b = BINS - 1; b >= 0; b--) {
        if (count[b] == 0)
            continue;
        above += count[b];
        if (k < SMM_PLOT_CCDF_MAX)
            out[k++] =
                (SmmPlotPoint){.x = min[b], .y = (double)above / (double)n, .row = SMM_PLOT_NO_ROW};
    }
    /* ascending x, then the largest value's own point */
    for (guint i = 0; i < k / 2; i++) {
        SmmPlotPoint t = out[i];
        out[i] = out[k - 1 - i];
        out[k - 1 - i] = t;
    }
    if (k > 0 && out[k - 1].x < max && k < SMM_PLOT_CCDF_MAX)
        out[k++] =
            (SmmPlotPoint){.x = max, .y = (double)at_max / (double)n, .row = SMM_PLOT_NO_ROW};
    return k;
}
