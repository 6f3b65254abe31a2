/* html_report.c - one self-contained HTML page of result tables and plots
 * (report.h: SmmHtmlSection), for reading offline and for print. Knows
 * tables and plots, not what the numbers mean: the CLI gives each
 * section's title, its one-sentence reading and its note.
 *
 * Self-contained: the style and the script are inline and the page names
 * no URL; a Content-Security-Policy meta element (default-src 'none')
 * makes the browser refuse any request a name might smuggle in. Readable
 * without JavaScript: the script only sorts a table by the header clicked
 * (numbers descending first, text ascending). With "test-sort" in the
 * URL's fragment or query it clicks the first numeric header once and
 * writes the first row's cells into <body data-test-first-row>, for the
 * browser test.
 *
 * Names are text from anywhere: each is escaped (smm_html_append_text),
 * held in <bdi> so a right-to-left override cannot reorder what follows,
 * and cut at SMM_HTML_NAME_MAX characters. Numbers carry the column's
 * digits, as the CSV writer writes them (number_format.c).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/number_format.h"
#include "smm/report.h"

static const char style[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "color:#1a1a1a;background:#fff;max-width:1280px;margin:0 auto;padding:0 16px 48px}"
    "h1{font-size:1.6em;margin:24px 0 4px}h2{font-size:1.25em;margin:32px 0 4px;"
    "border-bottom:1px solid #ccc}"
    ".subtitle{color:#555;margin:0 0 8px}.reading{font-style:italic;margin:4px 0 12px}"
    ".note{color:#444;font-size:.92em}"
    "nav ol{margin:4px 0;padding-left:20px}nav a{color:#0072B2}"
    ".scroll{overflow-x:auto}"
    "table{border-collapse:collapse;font-size:.8em;font-variant-numeric:tabular-nums}"
    "th,td{padding:2px 5px;border-bottom:1px solid #e4e4e4;text-align:left;vertical-align:top}"
    "table.facts{font-size:.88em}"
    "th{background:#f2f2f2;white-space:nowrap}td.num,th.num{text-align:right}"
    "td.heat{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "td.name{max-width:24em;overflow-wrap:anywhere}"
    "table.sortable th:not(.nosort){cursor:pointer}"
    "th[aria-sort=descending]::after{content:' \\25BC'}"
    "th[aria-sort=ascending]::after{content:' \\25B2'}"
    "svg.plot{max-width:100%;height:auto;display:block;margin:8px 0}"
    "svg text{font:11px system-ui,'DejaVu Sans',sans-serif;fill:#1a1a1a}"
    "svg text.axis{font-size:13px}svg text.label{font-size:10px}"
    "svg .grid{stroke:#e8e8e8}svg .tick,svg .minor{stroke:#555}"
    "svg .frame{fill:none;stroke:#555}svg .series{fill:none;stroke-width:1.5}"
    "svg .marks circle{fill-opacity:.7}svg line.diagonal{stroke:#777;stroke-dasharray:5 4}"
    "svg text.diagonal{fill:#555}"
    "svg.bar .fill{fill:#56B4E9}svg.bar line{stroke:#000}"
    "svg .hbar rect{fill:#56B4E9}svg .hbar line{stroke:#000;stroke-width:1.5}"
    "@page{margin:12mm}"
    "@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}"
    "h2{break-after:avoid}section{break-before:auto}"
    ".scroll{overflow:visible}table{font-size:6pt;width:100%}th,td{padding:1px 2px}"
    "th{white-space:normal}table.facts{font-size:8pt}svg.bar{width:16mm;height:auto}"
    "thead{display:table-header-group}tr,svg{break-inside:avoid}"
    "svg.plot{width:100%;max-width:180mm}td.name{max-width:40mm}}";

static const char script[] =
    "(function(){'use strict';"
    "function val(r,i,num){var t=r.cells[i].textContent;if(!num)return t;"
    "var v=parseFloat(t);return isNaN(v)?-Infinity:v;}"
    "function sortBy(th){var t=th.closest('table'),b=t.tBodies[0],i=th.cellIndex,"
    "num=th.classList.contains('num'),s=th.getAttribute('aria-sort'),"
    "desc=s?s!=='descending':num,rows=Array.prototype.slice.call(b.rows);"
    "rows.sort(function(x,y){var p=val(x,i,num),q=val(y,i,num),c=p<q?-1:p>q?1:0;"
    "return desc?-c:c;});rows.forEach(function(r){b.appendChild(r);});"
    "Array.prototype.forEach.call(th.parentNode.cells,function(h){"
    "h.removeAttribute('aria-sort');});"
    "th.setAttribute('aria-sort',desc?'descending':'ascending');}"
    "document.querySelectorAll('table.sortable th:not(.nosort)').forEach(function(th){"
    "th.tabIndex=0;th.addEventListener('click',function(){sortBy(th);});"
    "th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){"
    "e.preventDefault();sortBy(th);}});});"
    "if(/test-sort/.test(location.hash+location.search)){"
    "var th=document.querySelector('table.sortable th.num:not(.nosort)');"
    "if(th){th.click();var r=th.closest('table').tBodies[0].rows[0];"
    "document.body.setAttribute('data-test-first-row',Array.prototype.map.call(r.cells,"
    "function(c){return c.textContent;}).join('\\t'));}}})();";

static gboolean is_bidi_control(gunichar c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

void smm_html_append_text(GString *out, const char *s, gsize len, gsize max_chars)
{
    gsize chars = 0;
    const char *p = s, *end = s + len;
    while (p < end) {
        if (max_chars > 0 && chars == max_chars) {
            g_string_append(out, "\xe2\x80\xa6"); /* U+2026 ellipsis */
            return;
        }
        chars++;
        unsigned char b = (unsigned char)*p;
        if (b < 0x80) {
            switch (b) {
            case '&': g_string_append(out, "&amp;"); break;
            case '<': g_string_append(out, "&lt;"); break;
            case '>': g_string_append(out, "&gt;"); break;
            case '"': g_string_append(out, "&quot;"); break;
            case '\'': g_string_append(out, "&#39;"); break;
            default:
                if (b < 0x20 || b == 0x7F)
                    g_string_append(out, "\xef\xbf\xbd"); /* U+FFFD */
                else
                    g_string_append_c(out, (char)b);
            }
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append(out, "\xef\xbf\xbd");
            p++;
            continue;
        }
        const char *next = g_utf8_next_char(p);
        if (c >= 0x80 && c <= 0x9F)
            g_string_append(out, "\xef\xbf\xbd");
        else if (is_bidi_control(c))
            g_string_append_printf(out, "&#x%X;", c);
        else
            g_string_append_len(out, p, next - p);
        p = next;
    }
}

static void text(GString *out, const char *s)
{
    smm_html_append_text(out, s, strlen(s), 0);
}

static const SmmResultColumn *find_column(const SmmResult *r, const char *name, guint *index)
{
    if (name == NULL)
        return NULL;
    for (guint c = 0; c < r->columns->len; c++) {
        const SmmResultColumn *col = &g_array_index(r->columns, SmmResultColumn, c);
        if (strcmp(col->name, name) == 0 && col->values != NULL) {
            *index = c;
            return col;
        }
    }
    return NULL;
}

static void append_value(GString *out, double v, SmmNumberFormat how)
{
    char buf[SMM_NUMBER_MAX];
    int len = smm_format_number(buf, v == 0.0 ? 0.0 : v, how);
    g_string_append_len(out, buf, len);
}

static gboolean numeric(SmmResultKind kind)
{
    return kind == SMM_RESULT_ROW || kind == SMM_RESULT_COUNT || kind == SMM_RESULT_REAL;
}

/* The bar of one row: the value from 0, whiskers at plus and minus the
 * half-width, on a scale whose end is `scale`. */
static void append_bar(GString *out, const SmmResultColumn *bar, const SmmResultColumn *hw,
                       guint32 key, double scale)
{
    double v = bar->values[key], h = hw->values[key];
    const double w = 120.0;
    g_string_append(out, "<td class=\"bar\">");
    if (!(isfinite(v) && isfinite(h) && scale > 0)) {
        g_string_append(out, "</td>");
        return;
    }
    double x = w * v / scale, lo = w * MAX(v - h, 0.0) / scale, hi = w * (v + h) / scale;
    g_string_append_printf(out,
                           "<svg class=\"bar\" width=\"%.0f\" height=\"14\" viewBox=\"0 0 %.0f "
                           "14\"><title>",
                           w + 2, w + 2);
    append_value(out, v, bar->format);
    g_string_append(out, " \xc2\xb1 "); /* U+00B1 */
    append_value(out, h, hw->format);
    g_string_append_printf(out,
                           "</title><rect class=\"fill\" x=\"0\" y=\"3\" width=\"%.2f\" "
                           "height=\"8\"/><line x1=\"%.2f\" x2=\"%.2f\" y1=\"7\" y2=\"7\"/>"
                           "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"3\" y2=\"11\"/>"
                           "<line x1=\"%.2f\" x2=\"%.2f\" y1=\"3\" y2=\"11\"/></svg></td>",
                           x, lo, hi, lo, lo, hi, hi);
}

/* A heat table's cell: the value's colour between white at 0 and
 * Okabe-Ito blue (#0072B2) at 1 or orange (#E69F00) at -1. The text is
 * white only where the blue is dark enough to give white the better
 * contrast (beyond 0.93, where both give 4.6:1): at least 4.5:1
 * everywhere on the scale. */
static void append_heat_cell(GString *out, double v, SmmNumberFormat how)
{
    if (!isfinite(v)) {
        g_string_append(out, "<td class=\"num\">\xe2\x80\x93</td>"); /* U+2013 */
        return;
    }
    double t = CLAMP(v, -1.0, 1.0);
    const double blue[3] = {0x00, 0x72, 0xB2}, orange[3] = {0xE6, 0x9F, 0x00};
    const double *end = t >= 0 ? blue : orange;
    double f = fabs(t);
    int rgb[3];
    for (int i = 0; i < 3; i++)
        rgb[i] = (int)lround(255.0 + f * (end[i] - 255.0));
    g_string_append_printf(out, "<td class=\"num heat\" style=\"background:#%02x%02x%02x%s\">",
                           rgb[0], rgb[1], rgb[2], t > 0.93 ? ";color:#fff" : "");
    append_value(out, v, how);
    g_string_append(out, "</td>");
}

static void append_table(GString *out, const SmmHtmlSection *s, const SmmReportOptions *options)
{
    const SmmResult *r = s->table;
    guint n_cols = r->columns->len;
    const SmmResultColumn *cols = (const SmmResultColumn *)(void *)r->columns->data;
    guint bar_at = 0, hw_at = 0;
    const SmmResultColumn *bar = find_column(r, s->bar_column, &bar_at);
    const SmmResultColumn *hw = find_column(r, s->bar_half_width, &hw_at);
    if (bar == NULL || hw == NULL)
        bar = hw = NULL;
    double scale = 0;
    for (guint64 i = 0; bar != NULL && i < r->n_rows; i++) {
        guint32 k = smm_result_key(r, i);
        double e = bar->values[k] + hw->values[k];
        if (isfinite(e))
            scale = MAX(scale, e);
    }
    guint after = bar != NULL ? MAX(bar_at, hw_at) : G_MAXUINT;

    g_string_append_printf(out, "<div class=\"scroll\"><table class=\"%s\"><thead><tr>",
                           s->heat ? "heat" : "sortable");
    for (guint c = 0; c < n_cols; c++) {
        g_string_append_printf(out, "<th%s>", numeric(cols[c].kind) ? " class=\"num\"" : "");
        text(out, cols[c].name);
        g_string_append(out, "</th>");
        if (c == after) {
            g_string_append(out, "<th class=\"nosort\">");
            text(out, bar->name);
            g_string_append(out, " \xc2\xb1 ");
            text(out, hw->name);
            g_string_append(out, "</th>");
        }
    }
    g_string_append(out, "</tr></thead><tbody>\n");
    for (guint64 i = 0; i < r->n_rows; i++) {
        guint32 key = smm_result_key(r, i);
        g_string_append(out, "<tr>");
        for (guint c = 0; c < n_cols; c++) {
            const SmmResultColumn *col = &cols[c];
            switch (col->kind) {
            case SMM_RESULT_ROW:
                g_string_append_printf(out, "<td class=\"num\">%" G_GUINT64_FORMAT "</td>", i + 1);
                break;
            case SMM_RESULT_COUNT:
            case SMM_RESULT_REAL:
                if (s->heat) {
                    append_heat_cell(out, col->values[key], col->format);
                    break;
                }
                g_string_append(out, "<td class=\"num\">");
                append_value(out, col->values[key], col->format);
                g_string_append(out, "</td>");
                break;
            case SMM_RESULT_TEXT:
                g_string_append(out, "<td>");
                text(out, col->text[key]);
                g_string_append(out, "</td>");
                break;
            case SMM_RESULT_ACCOUNT: {
                g_string_append(out, "<td class=\"name\">");
                guint32 id = col->ids != NULL ? col->ids[key] : key;
                if (id != SMM_RESULT_NOBODY) {
                    char buf[SMM_PSEUDONYM_LEN + 1];
                    guint32 len;
                    const char *name = smm_report_account(col, id, options, buf, &len);
                    if (len > 0) {
                        g_string_append(out, "<bdi>");
                        smm_html_append_text(out, name, len, SMM_HTML_NAME_MAX);
                        g_string_append(out, "</bdi>");
                    }
                }
                g_string_append(out, "</td>");
                break;
            }
            }
            if (c == after)
                append_bar(out, bar, hw, key, scale);
        }
        g_string_append(out, "</tr>\n");
    }
    g_string_append(out, "</tbody></table></div>");
}

static void append_notes(GString *out, const SmmResult *r)
{
    g_string_append(out, "<table class=\"facts\"><tbody>\n");
    for (guint i = 0; i < r->notes->len; i++) {
        const SmmResultNote *n = &g_array_index(r->notes, SmmResultNote, i);
        g_string_append(out, "<tr><th scope=\"row\">");
        text(out, n->key);
        g_string_append(out, "</th><td>");
        switch (n->kind) {
        case SMM_NOTE_COUNT: g_string_append_printf(out, "%" G_GUINT64_FORMAT, n->count); break;
        case SMM_NOTE_REAL: append_value(out, n->real, (SmmNumberFormat){'g', 6}); break;
        case SMM_NOTE_TEXT: smm_html_append_text(out, n->text, strlen(n->text), 0); break;
        case SMM_NOTE_BOOL: g_string_append(out, n->flag ? "yes" : "no"); break;
        }
        g_string_append(out, "</td></tr>\n");
    }
    g_string_append(out, "</tbody></table>");
}

gboolean smm_report_html(const char *title, const char *subtitle, const SmmHtmlSection *sections,
                         guint n_sections, const SmmReportOptions *options, FILE *fp,
                         GError **error)
{
    static const SmmReportOptions defaults = {0};
    if (options == NULL)
        options = &defaults;
    g_autoptr(GString) out = g_string_sized_new(1 << 16);
    g_string_append(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                         "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
                         "<title>");
    text(out, title);
    g_string_append_printf(out, "</title><style>%s</style></head>\n<body>\n<h1>", style);
    text(out, title);
    g_string_append(out, "</h1>");
    if (subtitle != NULL) {
        g_string_append(out, "<p class=\"subtitle\">");
        text(out, subtitle);
        g_string_append(out, "</p>");
    }
    g_string_append(out, "\n<nav><ol>");
    for (guint i = 0; i < n_sections; i++) {
        g_string_append(out, "<li><a href=\"#");
        text(out, sections[i].id);
        g_string_append(out, "\">");
        text(out, sections[i].title);
        g_string_append(out, "</a></li>");
    }
    g_string_append(out, "</ol></nav>\n");
    for (guint i = 0; i < n_sections; i++) {
        const SmmHtmlSection *s = &sections[i];
        g_string_append(out, "<section id=\"");
        text(out, s->id);
        g_string_append(out, "\"><h2>");
        text(out, s->title);
        g_string_append(out, "</h2>\n<p class=\"reading\">");
        text(out, s->reading);
        g_string_append(out, "</p>\n");
        if (s->table != NULL) {
            if (s->notes_only)
                append_notes(out, s->table);
            else
                append_table(out, s, options);
        }
        if (s->plot != NULL)
            smm_svg_plot(out, s->plot, options);
        if (s->bars != NULL)
            smm_svg_bar_chart(out, s->bars);
        if (s->note != NULL) {
            g_string_append(out, "\n<p class=\"note\">");
            text(out, s->note);
            g_string_append(out, "</p>");
        }
        g_string_append(out, "</section>\n");
        if (out->len > (1 << 20)) {
            fwrite(out->str, 1, out->len, fp);
            g_string_truncate(out, 0);
        }
    }
    g_string_append_printf(out, "<script>%s</script>\n</body></html>\n", script);
    fwrite(out->str, 1, out->len, fp);
    if (ferror(fp)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "write error while writing the report");
        return FALSE;
    }
    return TRUE;
}
