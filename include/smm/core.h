/* core.h - what every stage shares: the error domain, the igraph error bridge,
 * and a few small conventions.
 *
 * Errors travel as GError in the SMM_ERROR domain up to main(), which alone
 * prints them and picks the exit status (usage errors 2, everything else 1).
 * Messages that concern a file start with "FILE:LINE: " so that main() only
 * prefixes "smmgraph: ".
 */
#ifndef SMM_CORE_H
#define SMM_CORE_H

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#define SMM_ERROR (smm_error_quark())
GQuark smm_error_quark(void);

typedef enum {
    SMM_ERROR_USAGE,   /* the command line is wrong: exit status 2 */
    SMM_ERROR_IO,      /* a file cannot be opened, read or written */
    SMM_ERROR_PARSE,   /* a file is malformed at a given line */
    SMM_ERROR_DATA,    /* a file is well formed but unusable (empty, no such column) */
    SMM_ERROR_IGRAPH,  /* igraph reported a failure */
    SMM_ERROR_LIMIT,   /* beyond what smmgraph can represent (e.g. 2^32 accounts) */
    SMM_ERROR_INVALID, /* a stage was given a setting it cannot use (an encoding, a column
                          spec, a probability): a fact the CLI turns into a usage error when
                          the setting came from the command line */
    SMM_ERROR_MEMORY,  /* the work would pass the memory budget (smm_memory_check) */
} SmmErrorCode;

/* Exit statuses, documented in README and --help. */
enum { SMM_EXIT_OK = 0, SMM_EXIT_FAILURE = 1, SMM_EXIT_USAGE = 2 };

/* Installs the igraph error and warning handlers and runs igraph's OpenMP
 * loops on one thread. Call once from main() (and from test mains) before
 * any igraph call. igraph is not thread safe in Debian's build, so igraph is
 * only ever called from the main thread. */
void smm_igraph_init(void);

/* Turns an igraph return code into a GError carrying igraph's own message.
 * Returns TRUE when rc is IGRAPH_SUCCESS. `what` names the operation. */
gboolean smm_igraph_check(int rc, const char *what, GError **error);

/* Wall-clock seconds since an arbitrary origin (monotonic). */
double smm_now(void);

/* Peak resident set size of this process so far, in bytes (0 if unknown). */
guint64 smm_peak_rss(void);

/* The memory budget (memory_budget.c): 0 (the start) means none. Stages
 * check an estimate of what they are about to allocate, on top of what the
 * process holds, and fail with SMM_ERROR_MEMORY naming `what`, the need
 * and the limit, before allocating. */
void smm_memory_set_limit(guint64 bytes);
guint64 smm_memory_limit(void);
gboolean smm_memory_check(const char *what, guint64 need, GError **error);
/* What the process holds now (resident bytes, /proc/self/statm; 0 if unknown). */
guint64 smm_memory_resident(void);
/* The same against given figures (the testable part). */
gboolean smm_memory_check_against(const char *what, guint64 need, guint64 held, guint64 max,
                                  GError **error);
/* Nine tenths of physical memory, or of the cgroup's limit if lower. */
guint64 smm_memory_default_limit(void);
/* "8G", "512M", "1.5GiB", "2048MB" (binary units), or bytes; at least 1 MiB. */
gboolean smm_memory_parse(const char *text, guint64 *bytes);
/* "3.2 GiB" or "512 MiB" (owned). */
gchar *smm_memory_format(guint64 bytes);

/* Big arrays that are read or written at random: allocated (g_free frees
 * them) and advised onto 2 MiB pages where the kernel allows, which spares
 * a TLB miss per access. Advice only; harmless where refused. */
void *smm_big_new(gsize size);
void *smm_big_renew(void *p, gsize size);
void smm_advise_huge(void *p, gsize size);
/* Moves an array already written onto 2 MiB pages now (MADV_COLLAPSE, Linux
 * 6.1); the contents stay. Where the kernel refuses, nothing happens. */
void smm_collapse_huge(const void *p, gsize size);

/* A file name as shown in messages: "-" is shown as "stdin". */
const char *smm_display_name(const char *path);

/* A value from a file or the command line as a message shows it (newly
 * allocated): in single quotes, control bytes, DEL, bytes that are not
 * UTF-8, C1 controls and text-reordering code points escaped (\n, \t,
 * \x1b, \u202E; a quote or backslash is escaped too), cut after 64
 * characters with "... (N bytes)". `len` -1: up to the NUL. Every value a
 * message echoes goes through it, so a message stays one line. */
gchar *smm_quote_value(const char *s, gssize len);

/* A plain decimal number: digits with an optional sign, point and exponent
 * ("0.5", "-3", ".25", "2.5e-1"); not hex, inf, nan, spaces or a NUL. */
gboolean smm_is_decimal(const char *s, gsize len);
/* Reads one, finite; FALSE for anything else (the value is then unset). */
gboolean smm_parse_decimal(const char *s, gsize len, double *value);

G_END_DECLS

#endif
