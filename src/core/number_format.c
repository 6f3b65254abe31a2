/* number_format.c - printf's %.Pg and %.Nf of a double, exactly, in integer
 * arithmetic.
 *
 * Why: glibc formats every double with multi-precision arithmetic
 * (__printf_fp), which dominated writing a 10M-account report. The digits
 * printf prints are those of the exact binary value, rounded to nearest
 * with exact ties to even; both paths below compute them exactly or know
 * that they cannot.
 *
 * %.Nf: |v| = m 2^e with an integer m < 2^53, so |v| 10^N = m 10^N 2^e. For
 * |v| < 2^63 and N <= 9 that is a 128-bit integer shifted by e, and the
 * discarded bits say exactly whether it lies below, at or above one half:
 * no approximation at all. Results of 2^64 units or more go to printf.
 *
 * %.Pg: with |v| = M 2^E (M normalised to 64 bits) and X0 = floor((E + 63)
 * log10 2), s = |v| 10^(P-1-X0) lies in [10^(P-1), 10^(P+1)). Each 10^k is
 * kept as C 2^B with C the 128 top bits of 10^k, truncated (computed once,
 * exactly, with the small bignum below), so the top 128 bits of the 192-bit
 * product M C give s as a fixed-point number with 66 or more fraction bits,
 * at most 2 units of its last place below the true s (one from C, one from
 * truncating the product). When the fraction is farther than 2^-32 from
 * one half, that error cannot move s across the rounding point and the P
 * digits are exact; otherwise (exact ties such as 2.5 at one digit among
 * them) printf decides. That band catches about one value in 2^31 of random
 * doubles, and values that lie exactly on a tie. X is the exponent after
 * rounding, which picks %g's fixed or exponential form as C99 7.19.6.1 says.
 *
 * Cost: two 64x64-bit multiplications and the digits, 15-30 ns, against
 * 300-700 ns for glibc's %.10g (see README). The table takes 10 KiB and
 * about a millisecond to build, on the first call.
 */
#include "smm/number_format.h"

#include <math.h>
#include <string.h>

typedef unsigned __int128 u128;

/* Powers 10^k needed: k = P - 1 - X0 (and one less) for P in 1..17 and
 * decimal exponents X0 of doubles from -324 to 308. */
#define POW_MIN (-310)
#define POW_MAX 342
#define POW_COUNT (POW_MAX - POW_MIN + 1)

static u128 pow_sig[POW_COUNT]; /* floor(10^k / 2^pow_exp[k]), in [2^127, 2^128) */
static gint16 pow_exp[POW_COUNT];

/* clang-format off */
static const guint64 pow10_u64[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull, 100000000ull,
    1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull, 10000000000000ull,
    100000000000000ull, 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
    1000000000000000000ull, 10000000000000000000ull};
/* clang-format on */

/* --- the table, from exact integers ------------------------------------- */

#define BIG_LIMBS 40 /* 1280 bits: 10^342 and 2^(1137+127) fit */

typedef struct {
    guint32 limb[BIG_LIMBS]; /* little-endian */
    int n;
} Big;

static void big_set_pow2(Big *b, int e)
{
    memset(b, 0, sizeof *b);
    b->limb[e / 32] = 1u << (e % 32);
    b->n = e / 32 + 1;
}

static void big_mul(Big *b, guint32 f)
{
    guint64 carry = 0;
    for (int i = 0; i < b->n; i++) {
        carry += (guint64)b->limb[i] * f;
        b->limb[i] = (guint32)carry;
        carry >>= 32;
    }
    if (carry != 0) {
        g_assert(b->n < BIG_LIMBS);
        b->limb[b->n++] = (guint32)carry;
    }
}

/* floor(b / d): floor(floor(x / a) / b) = floor(x / ab), so repeated
 * divisions give floor(2^N / 10^j) exactly. */
static void big_div(Big *b, guint32 d)
{
    guint64 rem = 0;
    for (int i = b->n - 1; i >= 0; i--) {
        guint64 cur = rem << 32 | b->limb[i];
        b->limb[i] = (guint32)(cur / d);
        rem = cur % d;
    }
    while (b->n > 0 && b->limb[b->n - 1] == 0)
        b->n--;
}

static int big_bits(const Big *b)
{
    return b->n == 0 ? 0 : 32 * (b->n - 1) + 32 - __builtin_clz(b->limb[b->n - 1]);
}

/* floor(b / 2^low) mod 2^128; low may be negative (a left shift). */
static u128 big_window(const Big *b, int low)
{
    u128 r = 0;
    for (int i = 127; i >= 0; i--) {
        int bit = low + i;
        r <<= 1;
        if (bit >= 0 && bit < 32 * b->n)
            r |= (b->limb[bit / 32] >> (bit % 32)) & 1;
    }
    return r;
}

static void build_table(void)
{
    Big p;
    big_set_pow2(&p, 0);
    for (int k = 0; k <= POW_MAX; k++) {
        if (k > 0)
            big_mul(&p, 10);
        int bits = big_bits(&p);
        pow_sig[k - POW_MIN] = big_window(&p, bits - 128);
        pow_exp[k - POW_MIN] = (gint16)(bits - 128);
    }
    /* 10^-j = 2^N / 10^j 2^-N with N = bits(10^j) + 127: the quotient
     * lies in (2^127, 2^128) because 10^j is no power of two. */
    big_set_pow2(&p, 0);
    for (int j = 1; j <= -POW_MIN; j++) {
        big_mul(&p, 10);
        int n = big_bits(&p) + 127;
        Big q;
        big_set_pow2(&q, n);
        int left = j;
        for (; left >= 9; left -= 9)
            big_div(&q, 1000000000u);
        big_div(&q, (guint32)pow10_u64[left]);
        g_assert(big_bits(&q) == 128);
        pow_sig[-j - POW_MIN] = big_window(&q, 0);
        pow_exp[-j - POW_MIN] = (gint16)-n;
    }
}

static void ensure_table(void)
{
    static gsize ready = 0;
    if (g_once_init_enter(&ready)) {
        build_table();
        g_once_init_leave(&ready, 1);
    }
}

/* --- digits ---------------------------------------------------------------- */

static const char pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Exactly `width` digits of x (x < 10^width), leading zeros included. */
static void put_digits(char *p, guint64 x, int width)
{
    int i = width;
    while (i >= 2) {
        memcpy(p + i - 2, pairs + 2 * (x % 100), 2);
        x /= 100;
        i -= 2;
    }
    if (i == 1)
        p[0] = (char)('0' + x % 10);
}

static int count_digits(guint64 x)
{
    int n = 1;
    while (n < 20 && x >= pow10_u64[n])
        n++;
    return n;
}

int smm_format_u64(char *buf, guint64 x)
{
    int n = count_digits(x);
    put_digits(buf, x, n);
    buf[n] = '\0';
    return n;
}

/* |v| = m 2^e, m < 2^53 (0 for zero). */
static void decompose(double v, guint64 *m, int *e)
{
    guint64 bits;
    memcpy(&bits, &v, sizeof bits);
    int biased = (int)(bits >> 52 & 0x7ff);
    guint64 frac = bits & ((1ull << 52) - 1);
    *m = biased == 0 ? frac : frac | 1ull << 52;
    *e = biased == 0 ? -1074 : biased - 1075;
}

/* floor(n log10 2) for |n| <= 1200: the constant is log10 2 within 1.2e-10,
 * off by at most 1.5e-7 over the range, while n log10 2 comes no closer
 * than 4.5e-4 to an integer for 0 < |n| <= 1200 (best case n = 485, a
 * continued-fraction convergent). The shift of a negative product is
 * arithmetic in GCC, a floor. */
static int floor_log10_pow2(int n)
{
    return (int)(((gint64)n * 1292913986) >> 32);
}

/* --- %.Pg ------------------------------------------------------------------ */

int smm_format_g_fast(char *buf, double v, int digits)
{
    g_return_val_if_fail(digits >= 1 && digits <= SMM_NUMBER_G_MAX, -1);
    if (!isfinite(v))
        return -1;
    char *p = buf;
    if (signbit(v))
        *p++ = '-';
    if (v == 0) {
        *p++ = '0';
        *p = '\0';
        return (int)(p - buf);
    }
    ensure_table();
    guint64 m;
    int e;
    decompose(v, &m, &e);
    int lz = __builtin_clzll(m);
    guint64 big_m = m << lz;
    int big_e = e - lz; /* |v| = big_m 2^big_e, big_m in [2^63, 2^64) */
    int k = digits - 1 - floor_log10_pow2(big_e + 63);
    guint64 low = pow10_u64[digits - 1], high = pow10_u64[digits], d;
    for (;;) {
        u128 c = pow_sig[k - POW_MIN];
        u128 prod = (u128)big_m * (guint64)(c >> 64) + (((u128)big_m * (guint64)c) >> 64);
        int sh = -(big_e + pow_exp[k - POW_MIN] + 64);
        if (sh < 34 || sh > 127) /* the analysis above says 66..127 */
            return -1;
        guint64 whole = (guint64)(prod >> sh);
        if (whole >= high) { /* X0 was one short: s >= 10^P */
            k--;
            continue;
        }
        u128 frac = prod & (((u128)1 << sh) - 1);
        u128 half = (u128)1 << (sh - 1), band = (u128)1 << (sh - 32);
        if (frac >= half - band && frac <= half + band)
            return -1;
        d = whole + (frac > half);
        break;
    }
    int x = digits - 1 - k;
    if (d == high) { /* rounded up to the next power of ten */
        d = low;
        x++;
    }
    char dig[SMM_NUMBER_G_MAX];
    put_digits(dig, d, digits);
    int nd = digits;
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;

    if (x < -4 || x >= digits) {
        *p++ = dig[0];
        if (nd > 1) {
            *p++ = '.';
            memcpy(p, dig + 1, (size_t)nd - 1);
            p += nd - 1;
        }
        *p++ = 'e';
        *p++ = x < 0 ? '-' : '+';
        int ax = ABS(x);
        if (ax >= 100) {
            *p++ = (char)('0' + ax / 100);
            ax %= 100;
        }
        memcpy(p, pairs + 2 * ax, 2);
        p += 2;
    } else if (x >= 0) {
        memcpy(p, dig, (size_t)x + 1);
        p += x + 1;
        if (nd > x + 1) {
            *p++ = '.';
            memcpy(p, dig + x + 1, (size_t)(nd - x - 1));
            p += nd - x - 1;
        }
    } else {
        memcpy(p, "0.0000", (size_t)(1 - x));
        p += 1 - x;
        memcpy(p, dig, (size_t)nd);
        p += nd;
    }
    *p = '\0';
    return (int)(p - buf);
}

int smm_format_g(char *buf, double v, int digits)
{
    int len = smm_format_g_fast(buf, v, digits);
    return len >= 0 ? len : g_snprintf(buf, SMM_NUMBER_MAX, "%.*g", digits, v);
}

/* --- %.Nf ------------------------------------------------------------------ */

int smm_format_f_fast(char *buf, double v, int decimals)
{
    g_return_val_if_fail(decimals >= 0 && decimals <= SMM_NUMBER_F_MAX, -1);
    if (!isfinite(v) || fabs(v) >= 0x1p63)
        return -1;
    guint64 m;
    int e;
    decompose(v, &m, &e);
    u128 x = (u128)m * pow10_u64[decimals]; /* below 2^83 */
    u128 q;
    if (e >= 0) {
        q = x << e; /* e <= 10 as |v| < 2^63 */
    } else if (e <= -128) {
        q = 0; /* below 2^(83-128): far under one half */
    } else {
        int sh = -e;
        q = x >> sh;
        u128 rest = x & (((u128)1 << sh) - 1), half = (u128)1 << (sh - 1);
        if (rest > half || (rest == half && (q & 1)))
            q++;
    }
    if (q >> 64 != 0)
        return -1;
    guint64 units = (guint64)q;
    char *p = buf;
    if (signbit(v))
        *p++ = '-';
    p += smm_format_u64(p, units / pow10_u64[decimals]);
    if (decimals > 0) {
        *p++ = '.';
        put_digits(p, units % pow10_u64[decimals], decimals);
        p += decimals;
    }
    *p = '\0';
    return (int)(p - buf);
}

int smm_format_f(char *buf, double v, int decimals)
{
    int len = smm_format_f_fast(buf, v, decimals);
    return len >= 0 ? len : g_snprintf(buf, SMM_NUMBER_MAX, "%.*f", decimals, v);
}

int smm_format_number(char *buf, double v, SmmNumberFormat format)
{
    return format.conversion == 'f' ? smm_format_f(buf, v, format.digits)
                                    : smm_format_g(buf, v, format.digits);
}
