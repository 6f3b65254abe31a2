/* ritz.h - the Rayleigh-Ritz step on a basis of at most three vectors
 * (private to src/metrics/), for LOBPCG (lobpcg.h).
 *
 * Given the Gram matrices of a basis S = [s_0 .. s_k-1] of R^n,
 *     a = S^T M S and b = S^T S   (k x k, symmetric; b positive semidefinite),
 * find the largest theta and c with a c = theta b c, c^T b c = 1: S c is
 * the unit vector of span(S) with the largest Rayleigh quotient for M.
 * s_0 is always kept (b_00 > 0); a later s_j whose part orthogonal to the
 * ones before it is below SMM_RITZ_DROP of its length (squared) is left
 * out, with c_j = 0: such a direction adds nothing that rounding could tell
 * from noise, and keeping it would make the coefficients cancel.
 * c_0 >= 0, so S c points the way s_0 does.
 *
 * Method: the Gram matrices scaled to a unit diagonal, Gram-Schmidt in the
 * b inner product (twice, which makes it orthogonal to working precision),
 * then cyclic Jacobi rotations on the k x k projected matrix. Deterministic;
 * O(1).
 */
#ifndef SMM_METRICS_RITZ_H
#define SMM_METRICS_RITZ_H

#include <glib.h>

#define SMM_RITZ_MAX 3
#define SMM_RITZ_DROP 1e-8

typedef struct {
    double theta;           /* the largest Ritz value */
    double c[SMM_RITZ_MAX]; /* its vector's coefficients on S, 0 for a dropped s_j */
    gboolean kept[SMM_RITZ_MAX];
} SmmRitz;

/* a, b: k x k, row-major (only the upper triangle is read); 1 <= k <= 3,
 * b[0] > 0. */
void smm_ritz_largest(const double *a, const double *b, guint k, SmmRitz *out);

#endif
