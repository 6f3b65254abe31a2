/* error.c - the SMM_ERROR domain and the small helpers every stage uses for
 * messages and timings. */
#include "smm/core.h"

#include <sys/resource.h>

GQuark smm_error_quark(void)
{
    return g_quark_from_static_string("smm-error-quark");
}

double smm_now(void)
{
    return (double)g_get_monotonic_time() / 1e6;
}

guint64 smm_peak_rss(void)
{
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return 0;
    return (guint64)usage.ru_maxrss * 1024; /* Linux reports KiB */
}

const char *smm_display_name(const char *path)
{
    return (path == NULL || g_strcmp0(path, "-") == 0) ? "stdin" : path;
}
