/* igraph_setup.c - how smmgraph runs igraph: the one place igraph errors
 * enter, and igraph's own threading.
 *
 * igraph reports failures through a global handler before returning an error
 * code. Ours copies igraph's message and frees igraph's temporaries, and the
 * caller turns the code into a GError with smm_igraph_check(). Only the main
 * thread calls igraph, so one static buffer is enough.
 *
 * Debian's igraph runs PRPACK's loops under OpenMP. On a 2-core machine with
 * the other core busy, the spinning OpenMP barrier turned PageRank on a
 * 1,000-account graph from 2 ms into 0.45 s, and on 10M follows one thread
 * is as fast as two (scripts/bench). One thread also keeps igraph's results
 * independent of the machine's core count.
 */
#include <igraph.h>
#include <omp.h>

#include "smm/core.h"

static char last_igraph_error[512];

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t errnum)
{
    g_snprintf(last_igraph_error, sizeof last_igraph_error, "%s (%s)", reason,
               igraph_strerror(errnum));
    IGRAPH_FINALLY_FREE();
}

/* igraph warns about expected situations (e.g. HITS on a graph without edges);
 * smmgraph handles those cases itself, so warnings are not shown to users. */
static void on_igraph_warning(const char *reason, const char *file, int line)
{
}

void smm_igraph_init(void)
{
    igraph_set_error_handler(on_igraph_error);
    igraph_set_warning_handler(on_igraph_warning);
    omp_set_num_threads(1);
}

gboolean smm_igraph_check(int rc, const char *what, GError **error)
{
    if (rc == IGRAPH_SUCCESS)
        return TRUE;
    g_set_error(error, SMM_ERROR, rc == IGRAPH_ENOMEM ? SMM_ERROR_LIMIT : SMM_ERROR_IGRAPH,
                "%s failed in igraph: %s", what,
                last_igraph_error[0] ? last_igraph_error : igraph_strerror(rc));
    last_igraph_error[0] = '\0';
    return FALSE;
}
