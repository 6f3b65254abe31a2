/* momentum.c - when to apply heavy-ball momentum, and how much; see
 * momentum.h for the rule and its source. O(1) per step. */
#include "momentum.h"

#include <math.h>
#include <string.h>

#define SETTLED 0.01  /* ratios of changes this close (relative) have settled */
#define MIN_RATE 0.5  /* below it plain iteration is fast enough */
#define MARGIN 0.2    /* lambda2 / lambda1 is taken this far from the estimate to 1 */
#define MAX_RATE 0.99 /* keeps beta below lambda1^2 / 4 */
#define DIVERGED 10.0 /* change growth that turns momentum off */
#define PLAIN_SETTLED 2
#define MOMENTUM_SETTLED G_N_ELEMENTS(((SmmMomentum *)0)->rates)

void smm_momentum_init(SmmMomentum *m)
{
    *m = (SmmMomentum){0};
}

static void set_mu(SmmMomentum *m, double mu, double change)
{
    m->mu = fmin(mu + MARGIN * (1.0 - mu), MAX_RATE);
    m->beta = m->mu * m->mu * m->lambda1 * m->lambda1 / 4.0;
    m->lowest = change;
    m->n_rates = 0; /* ratios across a change of beta mean nothing */
    m->starts++;
}

/* The newest ratio when the last `k` agree within SETTLED, else 0. */
static double settled(const SmmMomentum *m, guint k)
{
    if (m->n_rates < k)
        return 0.0;
    double lo = m->rates[0], hi = m->rates[0];
    for (guint i = 1; i < k; i++) {
        lo = MIN(lo, m->rates[i]);
        hi = MAX(hi, m->rates[i]);
    }
    return hi - lo <= SETTLED * hi ? m->rates[0] : 0.0;
}

void smm_momentum_update(SmmMomentum *m, double change, double lambda)
{
    double previous = m->previous;
    m->previous = change;
    if (m->dropped || !(previous > 0.0) || !(change > 0.0))
        return;
    if (m->beta > 0.0) {
        m->lowest = fmin(m->lowest, change);
        if (change > DIVERGED * m->lowest) {
            m->beta = 0.0;
            m->dropped = TRUE;
            return;
        }
    } else {
        m->lambda1 = lambda;
    }
    memmove(m->rates + 1, m->rates, sizeof(m->rates) - sizeof(m->rates[0]));
    m->rates[0] = change / previous;
    m->n_rates = MIN(m->n_rates + 1, MOMENTUM_SETTLED);
    if (m->beta == 0.0) {
        double rate = settled(m, PLAIN_SETTLED);
        if (rate >= MIN_RATE && rate < 1.0 && m->lambda1 > 0.0)
            set_mu(m, rate, change);
        return;
    }
    /* Still shrinking by a steady `rate`: if that is the leading root's
     * ratio for a real lambda2 above the one assumed, r^2 - lambda2 r + beta
     * = 0 at r = rate * r1 gives lambda2. */
    double rate = settled(m, MOMENTUM_SETTLED);
    if (!(rate > 0.0 && rate < 1.0) || m->mu >= MAX_RATE)
        return;
    double r1 = (m->lambda1 + sqrt(fmax(m->lambda1 * m->lambda1 - 4.0 * m->beta, 0.0))) / 2.0;
    double r = rate * r1;
    double mu = (r + m->beta / r) / m->lambda1;
    if (mu > m->mu * 1.001)
        set_mu(m, mu, change);
}
