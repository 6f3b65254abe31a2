/* iterate.c - the stopping rule every iterative kernel shares.
 *
 * A kernel stops when the L1 change between successive normalised iterates,
 * relative to the iterate's L1 norm, drops below max(tolerance, floor), or at
 * its cap. Why a floor: one computed step differs from the exact step by
 * rounding, at most SMM_PULL_ROUNDING = 72 units u = 2^-53 in that relative
 * L1 norm (pull.h). Once the exact iteration has converged, successive
 * computed iterates still differ by that noise; a tolerance under it would
 * never be met and the kernel would run to its cap (igraph 0.10.2's PRPACK,
 * whose bound tol |C| / n shrinks with the graph and has no cap, runs
 * forever). The floor, 1024 u = 2^-43 = 1.1e-13, is 14 times one step's
 * bound. For PageRank the argument is exact (pagerank.c); for HITS and
 * LeaderRank the noise stays near one step's bound unless the iteration
 * contracts very slowly, and the cap ends it then.
 */
#include <math.h>

#include "smm/metrics.h"

void smm_iter_options_init(SmmIterOptions *o)
{
    o->max_iterations = SMM_ITER_MAX_ITERATIONS;
    o->tolerance = SMM_ITER_TOLERANCE;
    o->progress = NULL;
}

double smm_iter_tolerance(const SmmIterOptions *o)
{
    return fmax(o->tolerance, SMM_ITER_FLOOR);
}
