/* ritz.c - the largest Ritz pair of a basis of at most three vectors, from
 * its Gram matrices; see ritz.h. O(1): a few dozen flops. */
#include "ritz.h"

#include <math.h>
#include <string.h>

#define JACOBI_SWEEPS 30
#define JACOBI_DONE 1e-20 /* |h_pq| below this times sqrt(|h_pp h_qq|): diagonal */

/* u^T b v over the first k entries. */
static double form(double b[SMM_RITZ_MAX][SMM_RITZ_MAX], const double *u, const double *v, guint k)
{
    double s = 0.0;
    for (guint i = 0; i < k; i++)
        for (guint j = 0; j < k; j++)
            s += u[i] * b[i][j] * v[j];
    return s;
}

/* Cyclic Jacobi on the m x m symmetric h; on return h is diagonal (to far
 * below rounding) and the columns of v are its eigenvectors. */
static void jacobi(double h[SMM_RITZ_MAX][SMM_RITZ_MAX], double v[SMM_RITZ_MAX][SMM_RITZ_MAX],
                   guint m)
{
    for (guint i = 0; i < m; i++)
        for (guint j = 0; j < m; j++)
            v[i][j] = i == j;
    for (guint sweep = 0; sweep < JACOBI_SWEEPS; sweep++) {
        gboolean rotated = FALSE;
        for (guint p = 0; p + 1 < m; p++) {
            for (guint q = p + 1; q < m; q++) {
                double hpq = h[p][q];
                if (hpq == 0.0 || fabs(hpq) <= JACOBI_DONE * sqrt(fabs(h[p][p] * h[q][q])))
                    continue;
                rotated = TRUE;
                /* Golub and Van Loan, Matrix Computations, 8.5.2: the
                 * smaller of the two angles that zero h_pq. */
                double tau = (h[q][q] - h[p][p]) / (2.0 * hpq);
                double t = (tau >= 0.0 ? 1.0 : -1.0) / (fabs(tau) + sqrt(1.0 + tau * tau));
                double c = 1.0 / sqrt(1.0 + t * t), s = t * c;
                for (guint k = 0; k < m; k++) {
                    double hkp = h[k][p], hkq = h[k][q];
                    h[k][p] = c * hkp - s * hkq;
                    h[k][q] = s * hkp + c * hkq;
                }
                for (guint k = 0; k < m; k++) {
                    double hpk = h[p][k], hqk = h[q][k];
                    h[p][k] = c * hpk - s * hqk;
                    h[q][k] = s * hpk + c * hqk;
                }
                h[p][q] = h[q][p] = 0.0;
                for (guint k = 0; k < m; k++) {
                    double vkp = v[k][p], vkq = v[k][q];
                    v[k][p] = c * vkp - s * vkq;
                    v[k][q] = s * vkp + c * vkq;
                }
            }
        }
        if (!rotated)
            break;
    }
}

void smm_ritz_largest(const double *a, const double *b, guint k, SmmRitz *out)
{
    g_assert(k >= 1 && k <= SMM_RITZ_MAX && b[0] > 0.0);
    /* Unit diagonal: the basis vectors may differ in length by many orders
     * of magnitude (LOBPCG's residual and direction shrink as it converges). */
    double d[SMM_RITZ_MAX] = {0}, sa[SMM_RITZ_MAX][SMM_RITZ_MAX], sb[SMM_RITZ_MAX][SMM_RITZ_MAX];
    for (guint i = 0; i < k; i++)
        d[i] = b[i * k + i] > 0.0 ? 1.0 / sqrt(b[i * k + i]) : 0.0;
    for (guint i = 0; i < k; i++)
        for (guint j = i; j < k; j++) {
            sa[i][j] = sa[j][i] = a[i * k + j] * d[i] * d[j];
            sb[i][j] = sb[j][i] = b[i * k + j] * d[i] * d[j];
        }

    /* w[0..m-1]: coefficients (on the scaled basis) of vectors orthonormal
     * in the sb inner product. */
    double w[SMM_RITZ_MAX][SMM_RITZ_MAX] = {{0}};
    guint m = 0;
    memset(out, 0, sizeof *out);
    for (guint j = 0; j < k; j++) {
        if (d[j] == 0.0)
            continue;
        double v[SMM_RITZ_MAX] = {0};
        v[j] = 1.0;
        for (int round = 0; round < 2; round++)
            for (guint i = 0; i < m; i++) {
                double h = form(sb, w[i], v, k);
                for (guint l = 0; l < k; l++)
                    v[l] -= h * w[i][l];
            }
        double s = form(sb, v, v, k);
        if (j > 0 && !(s >= SMM_RITZ_DROP))
            continue;
        for (guint l = 0; l < k; l++)
            w[m][l] = v[l] / sqrt(s);
        out->kept[j] = TRUE;
        m++;
    }

    double h[SMM_RITZ_MAX][SMM_RITZ_MAX], e[SMM_RITZ_MAX][SMM_RITZ_MAX];
    double mw[SMM_RITZ_MAX][SMM_RITZ_MAX]; /* sa w_j */
    for (guint j = 0; j < m; j++)
        for (guint i = 0; i < k; i++) {
            mw[j][i] = 0.0;
            for (guint l = 0; l < k; l++)
                mw[j][i] += sa[i][l] * w[j][l];
        }
    for (guint i = 0; i < m; i++)
        for (guint j = i; j < m; j++) {
            double s = 0.0;
            for (guint l = 0; l < k; l++)
                s += w[i][l] * mw[j][l];
            h[i][j] = h[j][i] = s;
        }
    jacobi(h, e, m);
    guint top = 0;
    for (guint i = 1; i < m; i++)
        if (h[i][i] > h[top][top])
            top = i;
    out->theta = h[top][top];
    for (guint l = 0; l < k; l++) {
        double s = 0.0;
        for (guint i = 0; i < m; i++)
            s += e[i][top] * w[i][l];
        out->c[l] = s * d[l];
    }
    if (out->c[0] < 0.0)
        for (guint l = 0; l < k; l++)
            out->c[l] = -out->c[l];
}
