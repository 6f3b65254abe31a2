/* memory_budget.c - refusing work that would not fit (--max-memory).
 *
 * Stages that allocate in proportion to their input check their estimate
 * first, from the counts known then (accounts and follows before the graph
 * build, sets before an RR pool grows), so a run that cannot fit stops at
 * once with what it needed instead of being killed by the kernel hours in.
 * The limit is the process's; the estimate comes on top of what it holds
 * already (its resident size now).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "smm/core.h"

static guint64 limit; /* 0: none */

void smm_memory_set_limit(guint64 bytes)
{
    limit = bytes;
}

guint64 smm_memory_limit(void)
{
    return limit;
}

guint64 smm_memory_resident(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return 0;
    unsigned long long pages_total, pages_resident;
    int got = fscanf(f, "%llu %llu", &pages_total, &pages_resident);
    fclose(f);
    return got == 2 ? (guint64)pages_resident * (guint64)sysconf(_SC_PAGESIZE) : 0;
}

static guint64 cgroup_limit(void)
{
    gchar *text = NULL;
    guint64 bytes = 0;
    if (g_file_get_contents("/sys/fs/cgroup/memory.max", &text, NULL, NULL) &&
        g_ascii_isdigit(text[0]))
        bytes = g_ascii_strtoull(text, NULL, 10);
    g_free(text);
    return bytes;
}

guint64 smm_memory_default_limit(void)
{
    guint64 phys = (guint64)sysconf(_SC_PHYS_PAGES) * (guint64)sysconf(_SC_PAGESIZE);
    guint64 cg = cgroup_limit();
    if (cg > 0 && (phys == 0 || cg < phys))
        phys = cg;
    /* most of it: the kernel, the page cache of the input and other
     * processes need the rest */
    return phys / 10 * 9;
}

gchar *smm_memory_format(guint64 bytes)
{
    if (bytes >= (1ull << 30))
        return g_strdup_printf("%.1f GiB", (double)bytes / (double)(1ull << 30));
    if (bytes >= (1ull << 20))
        return g_strdup_printf("%.0f MiB", (double)bytes / (double)(1ull << 20));
    return g_strdup_printf("%.0f KiB", ceil((double)bytes / 1024.0));
}

gboolean smm_memory_check_against(const char *what, guint64 need, guint64 held, guint64 max,
                                  GError **error)
{
    if (max == 0 || (need <= max && held <= max - need))
        return TRUE;
    g_autofree gchar *need_s = smm_memory_format(need);
    g_autofree gchar *held_s = smm_memory_format(held);
    g_autofree gchar *max_s = smm_memory_format(max);
    g_set_error(error, SMM_ERROR, SMM_ERROR_MEMORY,
                "%s needs about %s more memory, on top of the %s in use, and the limit is %s", what,
                need_s, held_s, max_s);
    return FALSE;
}

gboolean smm_memory_check(const char *what, guint64 need, GError **error)
{
    if (limit == 0)
        return TRUE;
    return smm_memory_check_against(what, need, smm_memory_resident(), limit, error);
}

gboolean smm_memory_parse(const char *text, guint64 *bytes)
{
    char *end = NULL;
    if (text == NULL || !g_ascii_isdigit(text[0]))
        return FALSE;
    double v = g_ascii_strtod(text, &end);
    static const char units[] = "KMGT";
    double scale = 1;
    if (*end != '\0') {
        const char *u = strchr(units, g_ascii_toupper(*end));
        if (u == NULL)
            return FALSE;
        scale = (double)(1ull << (10 * (u - units + 1)));
        end++;
        if (g_ascii_toupper(*end) == 'I' && g_ascii_toupper(end[1]) == 'B')
            end += 2; /* GiB */
        else if (g_ascii_toupper(*end) == 'B')
            end++; /* GB, taken as GiB */
    }
    if (*end != '\0' || !(v * scale >= 1 << 20) || v * scale > 1e18)
        return FALSE; /* at least 1 MiB, and a number a guint64 holds */
    *bytes = (guint64)(v * scale);
    return TRUE;
}
