/* lobpcg.h - the leading eigenvector of M = A^T A (A: the follow matrix,
 * follower -> followee) by LOBPCG with block size 1 (private to
 * src/metrics/), for HITS' authorities.
 *
 * Each step is one product M r = A^T (A r) (two pulls, pull.h) and a
 * Rayleigh-Ritz step (ritz.h) on span{x, r, p}: x the iterate, r its
 * residual M x - theta x preconditioned by T = diag(1 / (sigma - d_i)),
 * d_i = M_ii = i's follower count, sigma = 1.05 max(theta, max d_i), and p
 * the previous step (A. Knyazev, "Toward the optimal preconditioned
 * eigensolver: locally optimal block preconditioned conjugate gradient
 * method", SIAM J. Sci. Comput. 23(2), 2001). See lobpcg.c for why, the
 * rounding, and the measurements.
 *
 * It stops as every iterative kernel does (iterate.c): when the L1 change
 * between successive iterates, each scaled to a maximum of 1, relative to
 * the new one's L1 norm, falls below the tolerance, or at the cap.
 */
#ifndef SMM_METRICS_LOBPCG_H
#define SMM_METRICS_LOBPCG_H

#include "smm/graph.h"
#include "smm/metrics.h"

/* x: in, the start (n values, not all 0, 0 where an account has no
 * followers); out, the last iterate scaled to a maximum of 1 (entries that
 * are 0 exactly stay so; others may be a rounding error below 0). scratch:
 * n doubles the pulls use for A r; advise both for huge pages
 * (smm_advise_huge) before the call. g->m > 0. Identical for any n_threads. */
void smm_lobpcg_authority(const SmmGraph *g, const SmmIterOptions *options, guint n_threads,
                          double *x, double *scratch, SmmIterResult *result);

#endif
