/* input_format_private.h - deciding an input's format. Private to the
 * import stage. */
#ifndef SMM_INPUT_FORMAT_PRIVATE_H
#define SMM_INPUT_FORMAT_PRIVATE_H

#include "byte_source.h"
#include "smm/input_format.h"

/* Not a public format: a JSON object no known tool writes. */
#define SMM_INPUT_JSON_UNKNOWN ((SmmInputFormat)100)

/* The format of an input whose first bytes are `text`: JSON lines whose
 * first object's keys say which tool wrote them, else CSV. */
SmmInputFormat smm_input_format_sniff(const char *text, gsize len);

/* smm_csv_read() of a source already open (and maybe peeked at); closes it. */
gboolean smm_csv_read_from(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                           const SmmColumnSpec *cols, guint n_cols, SmmBatchFunc fn, gpointer ctx,
                           SmmCsvStats *stats, GError **error);

/* What is wrong with s as a name in an account column (empty, a NUL, not
 * UTF-8, a byte-order mark inside), in the CSV reader's words ("the WHAT
 * (column N) is empty; ..."), or NULL when it is a name. Free with g_free. */
gchar *smm_csv_account_problem(const char *what, guint column, const char *s, gsize len);

/* Opens the input and settles its format: `asked`, or from its first
 * chunk (peeked at, so stdin loses nothing) when AUTO. NULL with error set
 * when it cannot be opened or is JSON of no known shape. */
SmmByteSource *smm_input_open(const char *path, const SmmCsvOptions *options, SmmInputFormat asked,
                              SmmInputFormat *format, GError **error);

#endif
