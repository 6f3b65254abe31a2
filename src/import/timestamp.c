/* timestamp.c - Unix seconds, ISO 8601 and Twitter's created_at.
 *
 * Unix seconds and the plainest ISO 8601 take hand-written paths (no
 * allocation, no lock: most large logs use them); everything else goes
 * through GDateTime, after two normalisations
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

static int two_digits(const char *s)
{
    return g_ascii_isdigit(s[0]) && g_ascii_isdigit(s[1]) ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar. */
static gint64 days_from_civil(gint64 y, int m, int d)
{
    y -= m <= 2;
    gint64 era = (y >= 0 ? y : y - 399) / 400;
    gint64 yoe = y - era * 400;
    gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The form most logs write, YYYY-MM-DD[T ]HH:MM:SS, a fraction of zeros
 * (twarc's ".000") and Z or no zone, computed here: GDateTime costs a
 * time zone lookup under a lock per call, the most of a JSON log's time
 * after parsing. What this does not take (a real fraction, an offset, a
 * leap second) goes to GDateTime; tests/unit/test_timestamp.c checks both
 * give the same. */
static gboolean parse_iso_plain(const char *s, gsize len, double *out)
{
    if (len < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
        s[16] != ':')
        return FALSE;
    gsize i = 19;
    if (i < len && s[i] == '.') {
        gsize zeros = 0;
        for (i++; i < len && s[i] == '0'; i++)
            zeros++;
        if (zeros == 0 || zeros > 9)
            return FALSE;
    }
    if (i < len && s[i] == 'Z')
        i++;
    if (i != len)
        return FALSE;
    int y1 = two_digits(s), y2 = two_digits(s + 2), m = two_digits(s + 5), d = two_digits(s + 8);
    int hh = two_digits(s + 11), mm = two_digits(s + 14), ss = two_digits(s + 17);
    if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1 || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
        ss < 0 || ss > 59)
        return FALSE;
    int y = y1 * 100 + y2;
    static const int days_in[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || d > days_in[m - 1] + (m == 2 && leap))
        return FALSE;
    *out = (double)(days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss);
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
    if (parse_unix(s, len, seconds) || parse_iso_plain(s, len, seconds))
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
