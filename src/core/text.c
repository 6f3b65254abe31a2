/* text.c - values from files and command lines, as messages show them and
 * as numbers are read from them.
 *
 * A value echoed in an error comes from whoever wrote the file: a line
 * break would split the one-line error, an escape sequence would reach the
 * user's terminal, a 16 MiB field would flood it. smm_quote_value() is the
 * one way such a value enters a message. smm_parse_decimal() is the one
 * grammar of numbers in files and options: what strtod() takes besides
 * (hex floats, inf, nan, leading spaces, anything after a NUL) is a
 * mistake in a data file, not a number.
 */
#include <math.h>
#include <string.h>

#include "smm/core.h"

#define QUOTE_CHARS 64

/* Code points that reorder or hide text on a terminal: shown, not obeyed. */
static gboolean is_invisible(gunichar c)
{
    return (c >= 0x80 && c <= 0x9F) || c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029 ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static void append_byte(GString *out, guchar b)
{
    switch (b) {
    case '\n': g_string_append(out, "\\n"); break;
    case '\r': g_string_append(out, "\\r"); break;
    case '\t': g_string_append(out, "\\t"); break;
    case '\\': g_string_append(out, "\\\\"); break;
    case '\'': g_string_append(out, "\\'"); break;
    default:
        if (b < 0x20 || b >= 0x7F)
            g_string_append_printf(out, "\\x%02x", b);
        else
            g_string_append_c(out, (char)b);
    }
}

gchar *smm_quote_value(const char *s, gssize len)
{
    gsize n = len < 0 ? strlen(s) : (gsize)len;
    GString *out = g_string_sized_new(MIN(n, QUOTE_CHARS) + 16);
    g_string_append_c(out, '\'');
    gsize i = 0;
    for (guint chars = 0; i < n && chars < QUOTE_CHARS; chars++) {
        guchar b = (guchar)s[i];
        if (b < 0x80) {
            append_byte(out, b);
            i++;
            continue;
        }
        gunichar c = g_utf8_get_char_validated(s + i, (gssize)(n - i));
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            append_byte(out, b); /* not UTF-8: the byte itself */
            i++;
            continue;
        }
        const char *next = g_utf8_next_char(s + i);
        if (is_invisible(c))
            g_string_append_printf(out, "\\u%04X", c);
        else
            g_string_append_len(out, s + i, next - (s + i));
        i = (gsize)(next - s);
    }
    g_string_append_c(out, '\'');
    if (i < n)
        g_string_append_printf(out, "... (%" G_GSIZE_FORMAT " bytes)", n);
    return g_string_free(out, FALSE);
}

gboolean smm_is_decimal(const char *s, gsize len)
{
    gsize i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    gboolean digits = FALSE;
    while (i < len && g_ascii_isdigit(s[i]))
        i++, digits = TRUE;
    if (i < len && s[i] == '.')
        for (i++; i < len && g_ascii_isdigit(s[i]); i++)
            digits = TRUE;
    if (digits && i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i == len || !g_ascii_isdigit(s[i]))
            return FALSE;
        while (i < len && g_ascii_isdigit(s[i]))
            i++;
    }
    return digits && i == len;
}

gboolean smm_parse_decimal(const char *s, gsize len, double *value)
{
    if (!smm_is_decimal(s, len))
        return FALSE;
    char buf[64];
    g_autofree char *big = len < sizeof buf ? NULL : g_strndup(s, len);
    if (big == NULL) {
        memcpy(buf, s, len);
        buf[len] = '\0';
    }
    double v = g_ascii_strtod(big != NULL ? big : buf, NULL);
    if (!isfinite(v))
        return FALSE;
    *value = v;
    return TRUE;
}
