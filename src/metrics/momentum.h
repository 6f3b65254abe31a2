/* momentum.h - heavy-ball acceleration of a power iteration (private to
 * src/metrics/), for HITS and LeaderRank.
 *
 * The iteration x(k+1) = M x(k) - beta x(k-1), each pair scaled alike,
 * converges to M's leading eigenvector like the power method, but when M's
 * other eigenvalues are real and at most lambda2 in modulus, with
 * beta = lambda2^2 / 4 every other eigencomponent shrinks by
 * lambda2 / (lambda1 + sqrt(lambda1^2 - lambda2^2)) per step instead of
 * lambda2 / lambda1: the Chebyshev rate, 0.55 instead of 0.84, 0.85 instead
 * of 0.986 (P. Xu, B. He, C. De Sa, I. Mitliagkas, C. Re, "Accelerated
 * stochastic power iteration", AISTATS 2018). Overestimating lambda2 (up to
 * lambda1) costs little, underestimating more; beta is kept below
 * lambda1^2 / 4, where the leading root stays dominant.
 *
 * lambda2 / lambda1 is read off the ratio of successive changes of the
 * plain steps once two agree within 1%; it approaches from below, so it is
 * taken a fifth of the way from there to 1. With momentum on, a rate that
 * stays put (five ratios within 1%) tells that lambda2 was underestimated:
 * it is then the leading root's ratio for the lambda2 component, which
 * gives lambda2 back, and beta is raised. When beta is already large
 * enough the change oscillates (complex roots) and the ratios never stay
 * put, so nothing is raised. Where M's spectrum is not real a complex
 * eigenvalue can make the recurrence grow: the change rising tenfold above
 * its lowest since momentum began turns it off for good. All decisions use
 * only computed changes, so the iteration is as deterministic as the plain
 * one.
 */
#ifndef SMM_METRICS_MOMENTUM_H
#define SMM_METRICS_MOMENTUM_H

#include <glib.h>

typedef struct {
    double beta;      /* the coefficient to apply in the next step; 0: plain */
    double lambda1;   /* leading eigenvalue, from the plain steps */
    double mu;        /* lambda2 / lambda1 behind beta */
    double previous;  /* last change */
    double rates[5];  /* the last ratios of changes, newest first */
    guint n_rates;    /* valid entries in rates */
    double lowest;    /* lowest change since momentum began */
    guint starts;     /* times beta was set or raised */
    gboolean dropped; /* turned off for good */
} SmmMomentum;

void smm_momentum_init(SmmMomentum *m);

/* After a step whose relative change was `change`; lambda: the growth of a
 * plain step (max or sum of M x over that of x), read only while plain. */
void smm_momentum_update(SmmMomentum *m, double change, double lambda);

#endif
