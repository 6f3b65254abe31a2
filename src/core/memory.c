/* memory.c - big arrays on huge pages.
 *
 * The kernels and the graph build touch arrays of hundreds of megabytes at
 * random. With 4 KiB pages each such access also misses the TLB (a 2 GiB
 * array is half a million pages; the TLB holds a few thousand), which costs
 * a page walk on top of the cache miss. This machine's kernel gives 2 MiB
 * pages only where asked (transparent_hugepage=madvise), so big arrays ask.
 */
#include <sys/mman.h>

#include "smm/core.h"

#define HUGE_PAGE ((guintptr)2 << 20)

void smm_advise_huge(void *p, gsize size)
{
#ifdef MADV_HUGEPAGE
    guintptr start = ((guintptr)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    guintptr end = ((guintptr)p + size) & ~(HUGE_PAGE - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
}

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* Linux 6.1; older headers lack it */
#endif

void smm_collapse_huge(const void *p, gsize size)
{
    guintptr start = ((guintptr)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    guintptr end = ((guintptr)p + size) & ~(HUGE_PAGE - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_COLLAPSE);
}

void *smm_big_new(gsize size)
{
    void *p = g_malloc(MAX(size, 1));
    smm_advise_huge(p, size);
    return p;
}

void *smm_big_renew(void *p, gsize size)
{
    p = g_realloc(p, MAX(size, 1));
    smm_advise_huge(p, size);
    return p;
}
