/* csv_report.c - RFC 4180 CSV fields: names quoted by libcsv's writer
 * only when they need it (a delimiter, quote, line break or edge space);
 * numbers never quoted. */
#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/report.h"

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
