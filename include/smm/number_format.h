/* number_format.h - doubles as printf's "%.Pg" and "%.Nf" write them, byte
 * for byte, at a small fraction of printf's cost.
 *
 * The result is exactly what glibc's printf gives in the default rounding
 * mode (round to nearest; exact ties to even): NaN and infinities, -0, the
 * sign of negative values that round to zero ("-0.000"), %g's choice of
 * fixed or exponential form and its removal of trailing zeros. Safe on any
 * thread; the first call sets up a table of powers of ten once.
 */
#ifndef SMM_NUMBER_FORMAT_H
#define SMM_NUMBER_FORMAT_H

#include <glib.h>

/* Room for any number written here, its NUL included: %.9f of -DBL_MAX
 * takes 320 characters. */
#define SMM_NUMBER_MAX 336

/* The largest precision of %g and the most decimals of %f handled. */
#define SMM_NUMBER_G_MAX 17
#define SMM_NUMBER_F_MAX 9

/* A printf conversion of one double: 'g' with `digits` significant digits
 * (1..SMM_NUMBER_G_MAX), or 'f' with `digits` decimals (0..SMM_NUMBER_F_MAX). */
typedef struct {
    char conversion;
    guint8 digits;
} SmmNumberFormat;

/* Writes v into buf (SMM_NUMBER_MAX bytes) as g_snprintf(buf, ..., "%.*g",
 * digits, v) would, NUL-terminated; returns the length. */
int smm_format_g(char *buf, double v, int digits);

/* The same for "%.*f". */
int smm_format_f(char *buf, double v, int decimals);

/* smm_format_g() or smm_format_f() as `format` says. */
int smm_format_number(char *buf, double v, SmmNumberFormat format);

/* The arithmetic alone, without printf: the length as above, or -1 where it
 * leaves the number to printf (NaN, infinities, a discarded part within
 * 2^-32 of one half, %f beyond 2^64 units of its last place). For tests. */
int smm_format_g_fast(char *buf, double v, int digits);
int smm_format_f_fast(char *buf, double v, int decimals);

/* Writes x in decimal ("%" G_GUINT64_FORMAT), NUL-terminated, into buf (21
 * bytes); returns the length. */
int smm_format_u64(char *buf, guint64 x);

#endif
