/* test_timestamp.c - the time formats of social-media exports, against
 * Unix times computed independently (date -u -d ... +%s). */
#include <string.h>

#include "smm/timestamp.h"

static void expect(const char *text, double want)
{
    double got = -1;
    if (!smm_time_parse(text, strlen(text), &got))
        g_error("'%s' was refused", text);
    if (got != want)
        g_error("'%s': got %.6f, expected %.6f", text, got, want);
}

static void refuse(const char *text)
{
    double got;
    if (smm_time_parse(text, strlen(text), &got))
        g_error("'%s' was accepted as %.6f", text, got);
}

static void test_accepted(void)
{
    /* date -u -d '2012-07-04 08:00:00' +%s = 1341388800 */
    expect("1341388800", 1341388800.0);
    expect("1341388800.25", 1341388800.25);
    expect("2012-07-04T08:00:00Z", 1341388800.0);
    expect("2012-07-04T08:00:00", 1341388800.0); /* no zone: UTC */
    expect("2012-07-04 08:00:00", 1341388800.0);
    expect("2012-07-04T10:00:00+02:00", 1341388800.0);
    expect("2012-07-04T03:00:00-05:00", 1341388800.0);
    expect("2012-07-04T08:00:00.5Z", 1341388800.5);
    expect("2012-07-04", 1341360000.0); /* midnight UTC */
    expect("Wed Jul 04 08:00:00 +0000 2012", 1341388800.0);
    expect("Wed Jul 04 10:30:00 +0230 2012", 1341388800.0);
    expect("0", 0.0);
}

static void test_refused(void)
{
    refuse("");
    refuse("yesterday");
    refuse("1.285452422e+12"); /* milliseconds in scientific notation: not seconds */
    refuse("2012-13-04T08:00:00Z");
    refuse("2012-07-04T25:00:00");
    refuse("04/07/2012 08:00");
    refuse("Wed Jxx 04 08:00:00 +0000 2012");
    refuse("12 34");
}

/* A NUL ends nothing: what follows it is part of the field. */
static void test_nul_refused(void)
{
    double got;
    static const char iso[] = "2012-07-04T08:00:00Z\0junk", unix_s[] = "1341388800\0junk";
    g_assert_false(smm_time_parse(iso, sizeof iso - 1, &got));
    g_assert_false(smm_time_parse(unix_s, sizeof unix_s - 1, &got));
    g_assert_false(smm_time_parse("2012-07-04\0", 11, &got));
    /* the same text up to the NUL is a time */
    g_assert_true(smm_time_parse(iso, 20, &got));
}

/* GDateTime's reading of an ISO 8601 text (no zone: UTC), the reference
 * for the hand-written path timestamp.c takes for the commonest forms. */
static gboolean glib_iso(const char *text, double *out)
{
    GTimeZone *utc = g_time_zone_new_utc();
    GDateTime *dt = g_date_time_new_from_iso8601(text, utc);
    g_time_zone_unref(utc);
    if (dt == NULL)
        return FALSE;
    *out = (double)g_date_time_to_unix(dt) + g_date_time_get_microsecond(dt) / 1e6;
    g_date_time_unref(dt);
    return TRUE;
}

/* Every date and time around the edges (leap years, month ends, the
 * largest fields and one past them), with every separator, fraction and
 * zone near the plain form: smm_time_parse() takes what GDateTime takes,
 * refuses what it refuses, and gives the same second. */
static void test_iso_like_glib(void)
{
    static const char *const years[] = {"0000", "0001", "1900", "1970", "2000",
                                        "2011", "2012", "2023", "2024", "9999"};
    static const char *const seps[] = {"T", " ", "t", "_"};
    static const char *const times[] = {"00:00:00", "23:59:59", "24:00:00", "12:60:00",
                                        "12:00:60", "08:00:1x", "8:00:00"};
    static const char *const fracs[] = {"",   ".0", ".000", ".000000000", ".0000000000",
                                        ".5", ".",  ",000", ".001"};
    static const char *const zones[] = {"", "Z", "z", "+00:00", "-05:00", "+0200", " "};
    guint compared = 0, accepted = 0;
    for (guint y = 0; y < G_N_ELEMENTS(years); y++)
        for (int m = 0; m <= 13; m++)
            for (int d = 0; d <= 32; d++)
                for (guint a = 0; a < G_N_ELEMENTS(seps); a++)
                    for (guint t = 0; t < G_N_ELEMENTS(times); t++)
                        for (guint f = 0; f < G_N_ELEMENTS(fracs); f++)
                            for (guint z = 0; z < G_N_ELEMENTS(zones); z++) {
                                if ((d % 4 != 0 && d < 27) || (a > 1 && (f > 2 || z > 2)))
                                    continue; /* the month ends, and a sample of the rest */
                                g_autofree gchar *text =
                                    g_strdup_printf("%s-%02d-%02d%s%s%s%s", years[y], m, d, seps[a],
                                                    times[t], fracs[f], zones[z]);
                                double want = 0, got = 0;
                                gboolean ok = glib_iso(text, &want);
                                gboolean ours = smm_time_parse(text, strlen(text), &got);
                                if (ok != ours || (ok && got != want))
                                    g_error("'%s': GDateTime %s %.6f, smm_time_parse %s %.6f", text,
                                            ok ? "takes" : "refuses", want,
                                            ours ? "takes" : "refuses", got);
                                compared++;
                                accepted += ok;
                            }
    g_assert_cmpuint(compared, >, 50000);
    g_assert_cmpuint(accepted, >, 5000);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/timestamp/accepted", test_accepted);
    g_test_add_func("/timestamp/refused", test_refused);
    g_test_add_func("/timestamp/nul-refused", test_nul_refused);
    g_test_add_func("/timestamp/iso-like-glib", test_iso_like_glib);
    return g_test_run();
}
