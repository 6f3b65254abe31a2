/* timestamp.c - Unix seconds, ISO 8601 and Twitter's created_at.
 *
 * Unix seconds take a hand-written path (no allocation: most large logs use
 * them); everything else goes through GDateTime, after two normalisations
 * GLib does not do itself: a date alone gets a midnight time, and
 * created_at is rewritten as ISO 8601.
 */
#include "smm/timestamp.h"

#include <string.h>

static gboolean parse_unix(const char *s, gsize len, double *out)
{
    gsize i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    gsize digits = 0;
    while (i < len && g_ascii_isdigit(s[i]))
        i++, digits++;
    if (i < len && s[i] == '.')
        for (i++; i < len && g_ascii_isdigit(s[i]); i++)
            digits++;
    if (digits == 0 || i != len || len > 40)
        return FALSE;
    char buf[48];
    memcpy(buf, s, len);
    buf[len] = '\0';
    *out = g_ascii_strtod(buf, NULL);
    return TRUE;
}

static gboolean parse_iso(const char *text, double *out)
{
    static GTimeZone *utc;
    if (g_once_init_enter(&utc))
        g_once_init_leave(&utc, g_time_zone_new_utc());
    GDateTime *dt = g_date_time_new_from_iso8601(text, utc);
    if (dt == NULL)
        return FALSE;
    *out = (double)g_date_time_to_unix(dt) + g_date_time_get_microsecond(dt) / 1e6;
    g_date_time_unref(dt);
    return TRUE;
}

/* "Wed Jul 04 08:00:00 +0000 2012" -> "2012-07-04T08:00:00+00:00". */
static gboolean created_at_to_iso(const char *s, gsize len, char *iso, gsize size)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (len != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' || s[25] != ' ')
        return FALSE;
    int month = 0;
    for (int m = 0; m < 12; m++)
        if (memcmp(s + 4, months + 3 * m, 3) == 0)
            month = m + 1;
    if (month == 0)
        return FALSE;
    g_snprintf(iso, size, "%.4s-%02d-%.2sT%.8s%c%.2s:%.2s", s + 26, month, s + 8, s + 11, s[20],
               s + 21, s + 23);
    return TRUE;
}

gboolean smm_time_parse(const char *s, gsize len, double *seconds)
{
    /* GDateTime reads up to a NUL: what follows one would be ignored */
    if (len == 0 || len > 64 || memchr(s, '\0', len) != NULL)
        return FALSE;
    if (parse_unix(s, len, seconds))
        return TRUE;
    char text[80];
    if (created_at_to_iso(s, len, text, sizeof text))
        return parse_iso(text, seconds);
    memcpy(text, s, len);
    text[len] = '\0';
    if (len == 10 && text[4] == '-' && text[7] == '-')
        memcpy(text + 10, "T00:00:00", 10); /* a date alone: its midnight */
    return parse_iso(text, seconds);
}
