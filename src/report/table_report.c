/* table_report.c - any result table (result.h) as CSV, TSV, JSON or JSON
 * Lines. Knows formats, not what the columns mean.
 *
 *   csv    RFC 4180: a field is quoted only when it needs it (libcsv's
 *          writer); numbers never are.
 *   tsv    IANA text/tab-separated-values: a tab, line break or backslash
 *          inside a field is written \t, \n, \r, \\.
 *   json   one array of row objects; jsonl one object per line. Numbers
 *          are JSON numbers (NaN and infinities null), names and text
 *          always strings ("007" stays "007"), nobody (an empty CSV field)
 *          null, keys the CSV header's names.
 * The formula guard (CSV, TSV): a text or name cell (header cells too)
 * whose value starts with = + - @, a tab or a carriage return is written
 * with a ' in front, OWASP's rule against CSV injection: Excel,
 * LibreOffice and Google Sheets run such a cell as a formula (the tab and
 * CR because some importers strip them first). The ' is added to the
 * value before the format's escaping and quoting. Numbers are never
 * guarded (-0.5 stays a number); JSON needs no guard. Lookalikes (the
 * full-width U+FF1D, ...) are not on OWASP's list: no spreadsheet runs
 * them.
 * Numbers are written in each column's printf format by number_format.c
 * (the same bytes as printf, much faster), so every format carries the
 * same digits.
 *
 * Rows are gathered block by block in a tight loop (their values lie
 * scattered in key order: many cache misses in flight), formatted on all
 * threads into per-block buffers and written in order, so the bytes do
 * not depend on the thread count and a 10M-row table never exists as one
 * document in memory.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/number_format.h"
#include "smm/parallel.h"
#include "smm/report.h"

#define BLOCK_ROWS 8192

static const char *const format_names[] = {"csv", "tsv", "json", "jsonl"};

const char *smm_format_name(SmmFormat format)
{
    return format_names[format];
}

gboolean smm_format_from_name(const char *name, SmmFormat *format)
{
    for (guint i = 0; i < G_N_ELEMENTS(format_names); i++)
        if (g_ascii_strcasecmp(name, format_names[i]) == 0) {
            *format = (SmmFormat)i;
            return TRUE;
        }
    return FALSE;
}

gboolean smm_format_from_path(const char *path, SmmFormat *format)
{
    static const struct {
        const char *ext;
        SmmFormat format;
    } by_ext[] = {{".csv", SMM_FORMAT_CSV},     {".tsv", SMM_FORMAT_TSV},
                  {".tab", SMM_FORMAT_TSV},     {".json", SMM_FORMAT_JSON},
                  {".jsonl", SMM_FORMAT_JSONL}, {".ndjson", SMM_FORMAT_JSONL}};
    if (path == NULL)
        return FALSE;
    gsize len = strlen(path);
    for (guint i = 0; i < G_N_ELEMENTS(by_ext); i++) {
        gsize n = strlen(by_ext[i].ext);
        if (len > n && g_ascii_strcasecmp(path + len - n, by_ext[i].ext) == 0) {
            *format = by_ext[i].format;
            return TRUE;
        }
    }
    return FALSE;
}

static void append_tsv_field(GString *out, const char *s, gsize len)
{
    for (gsize i = 0; i < len; i++) {
        switch (s[i]) {
        case '\t': g_string_append(out, "\\t"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\\': g_string_append(out, "\\\\"); break;
        default: g_string_append_c(out, s[i]);
        }
    }
}

/* A JSON string. Names and text are valid UTF-8 (the readers check), so
 * only quotes, backslashes and control characters need escapes. */
static void append_json_string(GString *out, const char *s, gsize len)
{
    static const char hex[] = "0123456789abcdef";
    g_string_append_c(out, '"');
    gsize run = 0;
    for (gsize i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        g_string_append_len(out, s + run, (gssize)(i - run));
        run = i + 1;
        switch (c) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default: {
            char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            g_string_append(out, u);
        }
        }
    }
    g_string_append_len(out, s + run, (gssize)(len - run));
    g_string_append_c(out, '"');
}

static gboolean is_json(SmmFormat format)
{
    return format == SMM_FORMAT_JSON || format == SMM_FORMAT_JSONL;
}

/* OWASP's list: the first characters that make a cell a formula. */
static gboolean starts_formula(const char *s, gsize len)
{
    return len > 0 && memchr("=+-@\t\r", s[0], 6) != NULL;
}

/* A text cell (a name, text, a header cell) in the format, guarded. */
static void append_field(GString *out, SmmFormat format, gboolean guard, const char *s, gsize len)
{
    if (is_json(format)) {
        append_json_string(out, s, len);
        return;
    }
    g_autofree char *guarded = NULL;
    if (guard && starts_formula(s, len)) {
        guarded = g_malloc(len + 1);
        guarded[0] = '\'';
        memcpy(guarded + 1, s, len);
        s = guarded;
        len++;
    }
    if (format == SMM_FORMAT_CSV)
        smm_csv_append_field(out, s, len);
    else
        append_tsv_field(out, s, len);
}

static const SmmReportOptions defaults = {0};

const char *smm_report_account(const SmmResultColumn *c, guint32 id, const SmmReportOptions *o,
                               char buf[SMM_PSEUDONYM_LEN + 1], guint32 *len)
{
    const char *name = c->label ? smm_names_label(c->names, id) : smm_names_get(c->names, id, len);
    if (c->label) {
        name = name != NULL ? name : "";
        *len = (guint32)strlen(name);
        if (*len == 0)
            return name;
    }
    if (o == NULL || o->pseudonym == NULL || (o->accounts != NULL && c->names != o->accounts))
        return name;
    smm_pseudonym_of(o->pseudonym, name, *len, buf);
    *len = SMM_PSEUDONYM_LEN;
    return buf;
}

/* igraph hands back -0 for some zero scores; reports say 0. */
static double no_negative_zero(double v)
{
    return v == 0.0 ? 0.0 : v;
}

static void append_number(GString *out, SmmFormat format, double v, SmmNumberFormat how)
{
    if (is_json(format) && !isfinite(v)) {
        g_string_append(out, "null");
        return;
    }
    char buf[SMM_NUMBER_MAX];
    int len = smm_format_number(buf, no_negative_zero(v), how);
    g_string_append_len(out, buf, len);
}

typedef struct {
    const SmmResult *r;
    SmmFormat format;
    const SmmReportOptions *options;
    guint64 first_block;
    GString **text; /* per block of this wave */
} Wave;

static void format_block(guint64 b, guint thread, gpointer ctx)
{
    (void)thread;
    const Wave *w = ctx;
    const SmmResult *r = w->r;
    guint64 lo = (w->first_block + b) * BLOCK_ROWS;
    guint64 hi = MIN(r->n_rows, lo + BLOCK_ROWS);
    guint rows = (guint)(hi - lo);
    guint n_cols = r->columns->len;
    const SmmResultColumn *cols = (const SmmResultColumn *)(void *)r->columns->data;
    GString *out = w->text[b];
    g_string_truncate(out, 0);

    /* Gather the block's numbers first: independent loads overlap. */
    g_autofree guint32 *keys = g_new(guint32, MAX(rows, 1));
    for (guint i = 0; i < rows; i++)
        keys[i] = smm_result_key(r, lo + i);
    g_autofree double *values = g_new(double, (gsize)MAX(rows, 1) * MAX(n_cols, 1));
    for (guint c = 0; c < n_cols; c++)
        if (cols[c].values != NULL)
            for (guint i = 0; i < rows; i++)
                values[(gsize)c * rows + i] = cols[c].values[keys[i]];

    gboolean json = is_json(w->format);
    gboolean guard = !w->options->no_formula_guard;
    char sep = w->format == SMM_FORMAT_TSV ? '\t' : ',';
    for (guint i = 0; i < rows; i++) {
        guint64 row = lo + i;
        if (w->format == SMM_FORMAT_JSON)
            g_string_append(out, row == 0 ? "\n" : ",\n");
        if (json)
            g_string_append_c(out, '{');
        for (guint c = 0; c < n_cols; c++) {
            if (c > 0)
                g_string_append_c(out, sep);
            if (json) {
                append_json_string(out, cols[c].name, strlen(cols[c].name));
                g_string_append_c(out, ':');
            }
            switch (cols[c].kind) {
            case SMM_RESULT_ROW: {
                char buf[24];
                g_string_append_len(out, buf, smm_format_u64(buf, row + 1));
                break;
            }
            case SMM_RESULT_COUNT:
            case SMM_RESULT_REAL:
                append_number(out, w->format, values[(gsize)c * rows + i], cols[c].format);
                break;
            case SMM_RESULT_TEXT: {
                const char *s = cols[c].text[keys[i]];
                append_field(out, w->format, guard, s, strlen(s));
                break;
            }
            case SMM_RESULT_ACCOUNT: {
                guint32 len;
                guint32 id = cols[c].ids != NULL ? cols[c].ids[keys[i]] : keys[i];
                if (id == SMM_RESULT_NOBODY) {
                    if (json)
                        g_string_append(out, "null");
                    break;
                }
                char pseudonym[SMM_PSEUDONYM_LEN + 1];
                const char *s = smm_report_account(&cols[c], id, w->options, pseudonym, &len);
                if (len == 0 && cols[c].label) {
                    if (json)
                        g_string_append(out, "null");
                    break; /* no handle known: an empty field */
                }
                append_field(out, w->format, guard, s, len);
                break;
            }
            }
        }
        if (json)
            g_string_append_c(out, '}');
        if (w->format != SMM_FORMAT_JSON)
            g_string_append_c(out, '\n');
    }
}

static void write_header(const SmmResult *r, SmmFormat format, gboolean guard, FILE *fp)
{
    if (format == SMM_FORMAT_JSON) {
        fputc('[', fp);
        return;
    }
    if (format == SMM_FORMAT_JSONL)
        return;
    g_autoptr(GString) line = g_string_new(NULL);
    for (guint c = 0; c < r->columns->len; c++) {
        const char *name = g_array_index(r->columns, SmmResultColumn, c).name;
        if (c > 0)
            g_string_append_c(line, format == SMM_FORMAT_TSV ? '\t' : ',');
        append_field(line, format, guard, name, strlen(name));
    }
    g_string_append_c(line, '\n');
    fwrite(line->str, 1, line->len, fp);
}

gboolean smm_report_write(const SmmResult *r, SmmFormat format, const SmmReportOptions *options,
                          FILE *fp, guint n_threads, GError **error)
{
    if (options == NULL)
        options = &defaults;
    write_header(r, format, !options->no_formula_guard, fp);
    guint64 n_blocks = (r->n_rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    guint per_wave = MAX(n_threads, 1) * 4;
    Wave w = {.r = r, .format = format, .options = options, .text = g_new(GString *, per_wave)};
    for (guint i = 0; i < per_wave; i++)
        w.text[i] = g_string_sized_new(BLOCK_ROWS * 64);
    for (w.first_block = 0; w.first_block < n_blocks; w.first_block += per_wave) {
        guint count = (guint)MIN((guint64)per_wave, n_blocks - w.first_block);
        smm_parallel_blocks(count, n_threads, format_block, &w);
        for (guint i = 0; i < count; i++)
            fwrite(w.text[i]->str, 1, w.text[i]->len, fp);
    }
    for (guint i = 0; i < per_wave; i++)
        g_string_free(w.text[i], TRUE);
    g_free(w.text);
    if (format == SMM_FORMAT_JSON)
        fputs(r->n_rows > 0 ? "\n]\n" : "]\n", fp);
    if (ferror(fp)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "write error while writing the report");
        return FALSE;
    }
    return TRUE;
}

gboolean smm_report_notes(const SmmResult *r, const char *command, FILE *fp, GError **error)
{
    g_autoptr(GString) out = g_string_new("{\"command\":");
    append_json_string(out, command, strlen(command));
    for (guint i = 0; i < r->notes->len; i++) {
        const SmmResultNote *n = &g_array_index(r->notes, SmmResultNote, i);
        g_string_append(out, ",\n");
        append_json_string(out, n->key, strlen(n->key));
        g_string_append_c(out, ':');
        char buf[SMM_NUMBER_MAX];
        switch (n->kind) {
        case SMM_NOTE_COUNT: g_string_append_len(out, buf, smm_format_u64(buf, n->count)); break;
        case SMM_NOTE_REAL: {
            /* the fewest digits that read back as the same double */
            guint8 digits = 15;
            while (digits < 17 && isfinite(n->real) &&
                   (smm_format_g(buf, n->real, digits), g_ascii_strtod(buf, NULL) != n->real))
                digits++;
            append_number(out, SMM_FORMAT_JSON, n->real, (SmmNumberFormat){'g', digits});
            break;
        }
        case SMM_NOTE_TEXT: append_json_string(out, n->text, strlen(n->text)); break;
        case SMM_NOTE_BOOL: g_string_append(out, n->flag ? "true" : "false"); break;
        }
    }
    g_string_append(out, "}\n");
    fwrite(out->str, 1, out->len, fp);
    if (ferror(fp)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "write error while writing the summary");
        return FALSE;
    }
    return TRUE;
}
