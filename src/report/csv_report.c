/* csv_report.c - the ranked table as RFC 4180 CSV.
 *
 * Account names are quoted by libcsv's writer only when they need it (a
 * delimiter, quote, line break or edge space); numbers are never quoted.
 * Each column is written in the printf format the table gives for it
 * (smm_column_format), by number_format.c, which prints the same bytes as
 * printf at a tenth of the cost; that cost had dominated the report.
 *
 * A million-row report is dominated by two costs: fetching each row's
 * values, scattered in memory in rank order, and formatting numbers. Rows
 * are therefore gathered block by block in a tight loop (many cache misses
 * in flight), then blocks are formatted on all threads into their own
 * buffers and written in order, so the bytes do not depend on threading.
 */
#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/number_format.h"
#include "smm/parallel.h"
#include "smm/report.h"

#define BLOCK_ROWS 8192

static gboolean needs_quotes(const char *s, gsize len)
{
    if (len == 0 || s[0] == ' ' || s[len - 1] == ' ' || s[0] == '\t' || s[len - 1] == '\t')
        return TRUE;
    for (gsize i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return TRUE;
    return FALSE;
}

void smm_csv_append_field(GString *out, const char *s, gsize len)
{
    if (!needs_quotes(s, len)) {
        g_string_append_len(out, s, (gssize)len);
        return;
    }
    gsize at = out->len;
    g_string_set_size(out, at + 2 * len + 2);
    gsize n = csv_write(out->str + at, 2 * len + 2, s, len);
    g_string_set_size(out, at + n);
}

/* igraph hands back -0 for some zero scores; reports say 0. */
static double no_negative_zero(double v)
{
    return v == 0.0 ? 0.0 : v;
}

/* ",V" in the given format. */
static void append_number(GString *out, double v, SmmNumberFormat format)
{
    char buf[SMM_NUMBER_MAX + 1];
    buf[0] = ',';
    int len = smm_format_number(buf + 1, no_negative_zero(v), format);
    g_string_append_len(out, buf, len + 1);
}

void smm_csv_append_real(GString *out, double v)
{
    append_number(out, v, (SmmNumberFormat){'g', 10});
}

typedef struct {
    const SmmTable *t;
    guint32 first_block;
    GString **text; /* per block of this wave */
} Wave;

static void format_block(guint64 b, guint thread, gpointer ctx)
{
    Wave *w = ctx;
    const SmmTable *t = w->t;
    guint32 lo = (guint32)((w->first_block + b) * BLOCK_ROWS);
    guint32 hi = MIN(t->n_rows, lo + BLOCK_ROWS);
    guint32 rows = hi - lo;
    GString *out = w->text[b];
    g_string_truncate(out, 0);

    /* Gather the block's values first: independent loads overlap. */
    g_autofree double *values = g_new(double, (gsize)rows *SMM_N_COLUMNS);
    g_autofree const char **names = g_new(const char *, rows);
    g_autofree guint32 *lens = g_new(guint32, rows);
    for (guint32 r = 0; r < rows; r++)
        names[r] = smm_names_get(t->names, t->order[lo + r], &lens[r]);
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        if (t->col[c] != NULL)
            for (guint32 r = 0; r < rows; r++)
                values[(gsize)c * rows + r] = t->col[c][t->order[lo + r]];

    SmmNumberFormat format[SMM_N_COLUMNS];
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        format[c] = smm_column_format((SmmColumn)c);
    for (guint32 r = 0; r < rows; r++) {
        char rank[24];
        int len = smm_format_u64(rank, (guint64)lo + r + 1);
        rank[len++] = ',';
        g_string_append_len(out, rank, len);
        smm_csv_append_field(out, names[r], lens[r]);
        for (int c = 0; c < SMM_N_COLUMNS; c++)
            if (t->col[c] != NULL)
                append_number(out, values[(gsize)c * rows + r], format[c]);
        g_string_append_c(out, '\n');
    }
}

gboolean smm_report_csv(const SmmTable *t, FILE *fp, guint n_threads, GError **error)
{
    fputs("rank,account", fp);
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        if (t->col[c] != NULL)
            fprintf(fp, ",%s", smm_column_name((SmmColumn)c));
    fputs("\n", fp);

    guint32 n_blocks = (t->n_rows + BLOCK_ROWS - 1) / BLOCK_ROWS;
    guint per_wave = MAX(n_threads, 1) * 4;
    Wave w = {.t = t, .text = g_new(GString *, per_wave)};
    for (guint i = 0; i < per_wave; i++)
        w.text[i] = g_string_sized_new(BLOCK_ROWS * 64);
    for (w.first_block = 0; w.first_block < n_blocks; w.first_block += per_wave) {
        guint count = MIN(per_wave, n_blocks - w.first_block);
        smm_parallel_blocks(count, n_threads, format_block, &w);
        for (guint i = 0; i < count; i++)
            fwrite(w.text[i]->str, 1, w.text[i]->len, fp);
    }
    for (guint i = 0; i < per_wave; i++)
        g_string_free(w.text[i], TRUE);
    g_free(w.text);
    if (ferror(fp)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "write error while writing the report");
        return FALSE;
    }
    return TRUE;
}
