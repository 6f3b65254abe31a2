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

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/timestamp/accepted", test_accepted);
    g_test_add_func("/timestamp/refused", test_refused);
    g_test_add_func("/timestamp/nul-refused", test_nul_refused);
    return g_test_run();
}
