/* graph_report.c - a node table and its edges as GraphML or GEXF 1.3, for
 * Gephi and Cytoscape.
 *
 * The node table is any result table: its first account column gives each
 * node's label, every other column becomes a node attribute (counts as
 * long, reals as double, text as string) written with the table's digits.
 * Names (or their pseudonyms: smm_report_account) are XML-escaped, and the
 * characters XML 1.0 forbids (controls other than tab and line breaks,
 * U+FFFE, U+FFFF) are left out and counted: they make Gephi's parser
 * reject the whole file. Node ids are row numbers, never names.
 * Written by the project: igraph 0.10's GraphML writer drops every
 * attribute without an attribute handler.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/number_format.h"
#include "smm/report.h"

gboolean smm_graph_format_from_path(const char *path, SmmGraphFormat *format)
{
    if (path == NULL)
        return FALSE;
    gsize len = strlen(path);
    if (len > 8 && g_ascii_strcasecmp(path + len - 8, ".graphml") == 0) {
        *format = SMM_GRAPH_GRAPHML;
        return TRUE;
    }
    if (len > 5 && g_ascii_strcasecmp(path + len - 5, ".gexf") == 0) {
        *format = SMM_GRAPH_GEXF;
        return TRUE;
    }
    return FALSE;
}

/* s as XML character data or attribute text; returns the characters left
 * out. */
static guint64 append_xml(GString *out, const char *s, gsize len)
{
    guint64 removed = 0;
    for (gsize i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': g_string_append(out, "&amp;"); continue;
        case '<': g_string_append(out, "&lt;"); continue;
        case '>': g_string_append(out, "&gt;"); continue;
        case '"': g_string_append(out, "&quot;"); continue;
        case '\'': g_string_append(out, "&apos;"); continue;
        default: break;
        }
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            removed++;
            continue;
        }
        /* U+FFFE and U+FFFF: EF BF BE, EF BF BF */
        if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
            removed++;
            i += 2;
            continue;
        }
        g_string_append_c(out, (char)c);
    }
    return removed;
}

/* A double as xs:double writes it (NaN, INF, -INF). */
static void append_value(GString *out, double v, SmmNumberFormat how)
{
    if (isnan(v)) {
        g_string_append(out, "NaN");
        return;
    }
    if (isinf(v)) {
        g_string_append(out, v > 0 ? "INF" : "-INF");
        return;
    }
    char buf[SMM_NUMBER_MAX];
    int len = smm_format_number(buf, v == 0.0 ? 0.0 : v, how);
    g_string_append_len(out, buf, len);
}

static const char *attribute_type(const SmmResultColumn *c)
{
    switch (c->kind) {
    case SMM_RESULT_ROW:
    case SMM_RESULT_COUNT: return "long";
    case SMM_RESULT_REAL: return "double";
    default: return "string";
    }
}

/* Column c's value for row r, as text. */
static guint64 append_cell(GString *out, const SmmResult *r, const SmmResultColumn *c, guint64 row,
                           const SmmReportOptions *options)
{
    guint32 key = smm_result_key(r, row);
    switch (c->kind) {
    case SMM_RESULT_ROW: {
        char buf[24];
        g_string_append_len(out, buf, smm_format_u64(buf, row + 1));
        return 0;
    }
    case SMM_RESULT_COUNT:
    case SMM_RESULT_REAL: append_value(out, c->values[key], c->format); return 0;
    case SMM_RESULT_TEXT: return append_xml(out, c->text[key], strlen(c->text[key]));
    case SMM_RESULT_ACCOUNT: {
        guint32 id = c->ids != NULL ? c->ids[key] : key;
        if (id == SMM_RESULT_NOBODY)
            return 0;
        guint32 len;
        char pseudonym[SMM_PSEUDONYM_LEN + 1];
        const char *s = smm_report_account(c, id, options, pseudonym, &len);
        return append_xml(out, s, len);
    }
    }
    return 0;
}

static gboolean flush(GString *out, FILE *fp, gboolean last)
{
    if (out->len > (1u << 20) || last) {
        fwrite(out->str, 1, out->len, fp);
        g_string_truncate(out, 0);
    }
    return !ferror(fp);
}

/* The label column: the first account column. */
static guint label_column(const SmmResult *r)
{
    for (guint c = 0; c < r->columns->len; c++)
        if (g_array_index(r->columns, SmmResultColumn, c).kind == SMM_RESULT_ACCOUNT)
            return c;
    return G_MAXUINT;
}

static void write_graphml(const SmmResult *nodes, const SmmEdgeTable *edges,
                          const SmmReportOptions *options, GString *out, FILE *fp, guint64 *removed)
{
    const SmmResultColumn *cols = (const SmmResultColumn *)(void *)nodes->columns->data;
    guint label = label_column(nodes);
    g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    /* each column's <data key="..."> opening, escaped once */
    g_autoptr(GPtrArray) opening = g_ptr_array_new_with_free_func(g_free);
    for (guint c = 0; c < nodes->columns->len; c++) {
        const char *name = c == label ? "label" : cols[c].name;
        g_autoptr(GString) key = g_string_new(NULL);
        append_xml(key, name, strlen(name));
        g_string_append_printf(
            out, "  <key id=\"%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", key->str,
            key->str, c == label ? "string" : attribute_type(&cols[c]));
        g_ptr_array_add(opening, g_strdup_printf("<data key=\"%s\">", key->str));
    }
    if (edges->weight != NULL)
        g_string_append(out, "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" "
                             "attr.type=\"double\"/>\n");
    g_string_append_printf(out, "  <graph id=\"G\" edgedefault=\"%s\">\n",
                           edges->directed ? "directed" : "undirected");
    for (guint64 i = 0; i < nodes->n_rows; i++) {
        g_string_append_printf(out, "    <node id=\"n%" G_GUINT64_FORMAT "\">", i);
        for (guint c = 0; c < nodes->columns->len; c++) {
            g_string_append(out, g_ptr_array_index(opening, c));
            *removed += append_cell(out, nodes, &cols[c], i, options);
            g_string_append(out, "</data>");
        }
        g_string_append(out, "</node>\n");
        flush(out, fp, FALSE);
    }
    for (guint64 e = 0; e < edges->n; e++) {
        g_string_append_printf(out, "    <edge source=\"n%u\" target=\"n%u\"", edges->source[e],
                               edges->target[e]);
        if (edges->weight != NULL) {
            g_string_append(out, "><data key=\"weight\">");
            append_value(out, edges->weight[e], (SmmNumberFormat){'g', 10});
            g_string_append(out, "</data></edge>\n");
        } else {
            g_string_append(out, "/>\n");
        }
        flush(out, fp, FALSE);
    }
    g_string_append(out, "  </graph>\n</graphml>\n");
}

static void write_gexf(const SmmResult *nodes, const SmmEdgeTable *edges,
                       const SmmReportOptions *options, GString *out, FILE *fp, guint64 *removed)
{
    const SmmResultColumn *cols = (const SmmResultColumn *)(void *)nodes->columns->data;
    guint label = label_column(nodes);
    g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
                         "  <meta><creator>smmgraph</creator></meta>\n");
    g_string_append_printf(out, "  <graph mode=\"static\" defaultedgetype=\"%s\">\n",
                           edges->directed ? "directed" : "undirected");
    g_string_append(out, "    <attributes class=\"node\">\n");
    for (guint c = 0; c < nodes->columns->len; c++) {
        if (c == label)
            continue;
        g_string_append_printf(out, "      <attribute id=\"%u\" title=\"", c);
        append_xml(out, cols[c].name, strlen(cols[c].name));
        g_string_append_printf(out, "\" type=\"%s\"/>\n", attribute_type(&cols[c]));
    }
    g_string_append(out, "    </attributes>\n    <nodes>\n");
    for (guint64 i = 0; i < nodes->n_rows; i++) {
        g_string_append_printf(out, "      <node id=\"%" G_GUINT64_FORMAT "\" label=\"", i);
        if (label != G_MAXUINT)
            *removed += append_cell(out, nodes, &cols[label], i, options);
        g_string_append(out, "\"><attvalues>");
        for (guint c = 0; c < nodes->columns->len; c++) {
            if (c == label)
                continue;
            g_string_append_printf(out, "<attvalue for=\"%u\" value=\"", c);
            *removed += append_cell(out, nodes, &cols[c], i, options);
            g_string_append(out, "\"/>");
        }
        g_string_append(out, "</attvalues></node>\n");
        flush(out, fp, FALSE);
    }
    g_string_append(out, "    </nodes>\n    <edges>\n");
    for (guint64 e = 0; e < edges->n; e++) {
        g_string_append_printf(
            out, "      <edge id=\"%" G_GUINT64_FORMAT "\" source=\"%u\" target=\"%u\"", e,
            edges->source[e], edges->target[e]);
        if (edges->weight != NULL) {
            g_string_append(out, " weight=\"");
            append_value(out, edges->weight[e], (SmmNumberFormat){'g', 10});
            g_string_append_c(out, '"');
        }
        g_string_append(out, "/>\n");
        flush(out, fp, FALSE);
    }
    g_string_append(out, "    </edges>\n  </graph>\n</gexf>\n");
}

gboolean smm_report_graph(const SmmResult *nodes, const SmmEdgeTable *edges, SmmGraphFormat format,
                          const SmmReportOptions *options, FILE *fp, guint64 *removed,
                          GError **error)
{
    g_autoptr(GString) out = g_string_sized_new(1u << 20);
    *removed = 0;
    if (format == SMM_GRAPH_GRAPHML)
        write_graphml(nodes, edges, options, out, fp, removed);
    else
        write_gexf(nodes, edges, options, out, fp, removed);
    if (!flush(out, fp, TRUE)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "write error while writing the graph");
        return FALSE;
    }
    return TRUE;
}
