#!/usr/bin/python3
"""t_quantiles.py - the 0.975 quantile of Student's t distribution, from
mpmath (an independent source for smm_student_t975() in
src/metrics/betweenness.c and its test).

    scripts/t_quantiles.py table   # df 1..30, as a C initialiser
    scripts/t_quantiles.py check   # selected df, as "df,quantile" lines

The quantile solves I_x(df/2, 1/2) = 0.05 for x = df / (df + t^2), the
regularised incomplete beta function giving the two-sided tail of t.
"""
import sys

import mpmath

mpmath.mp.dps = 40


def t975(df):
    a = mpmath.mpf(df) / 2
    # two-sided tail of t beyond |t|: I_{df/(df+t^2)}(df/2, 1/2)
    f = lambda t: mpmath.betainc(a, mpmath.mpf(1) / 2, 0, df / (df + t * t),
                                 regularized=True) - mpmath.mpf("0.05")
    return mpmath.findroot(f, 2.0 if df > 2 else 5.0)


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "table"
    if what == "table":
        vals = [mpmath.nstr(t975(df), 17) for df in range(1, 31)]
        for i in range(0, 30, 4):
            print("    " + ", ".join(vals[i:i + 4]) + ",")
    else:
        for df in (1, 2, 3, 7, 29, 30, 31, 40, 63, 100, 1000, 100000):
            print("%d,%s" % (df, mpmath.nstr(t975(df), 17)))


if __name__ == "__main__":
    main()
