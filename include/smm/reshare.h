/* reshare.h - the reshare (retweet) log: who reshared which post by whom,
 * and when.
 *
 * A row says that an account (the retweeter) reshared a post: columns
 * retweeter, author, item (the original post's id: a tweet id, a URL, a
 * hashtag) and timestamp, each chosen by header name or number, found by
 * usual header names when not given, or declared absent with "none". Logs
 * often lack some: which a command needs is in the options. Account names
 * share one SmmNames table with the follower graph so that ids agree.
 *
 * An optional via column names the account through whose reshare the
 * resharer saw the post (Bluesky's record.via: an observed cascade
 * parent); empty where a row has none.
 */
#ifndef SMM_RESHARE_H
#define SMM_RESHARE_H

#include "smm/csv_reader.h"
#include "smm/input_format.h"
#include "smm/names.h"

#define SMM_NO_ACCOUNT G_MAXUINT32

/* How a command uses a column of the log. */
typedef enum {
    SMM_ROLE_UNUSED, /* not read */
    SMM_ROLE_NAMED,  /* read when given, or found by its header name */
    SMM_ROLE_USED,   /* read; without a header it takes the next column */
} SmmLogRole;

typedef struct {
    SmmCsvOptions csv;
    SmmInputFormat format;      /* AUTO: decided from the first line */
    const char *account_column; /* the resharer */
    const char *author_column;
    const char *item_column;
    const char *time_column;
    const char *via_column;
    SmmLogRole author, item, time, via; /* the retweeter column is always used */
    const char *only; /* "COL=V1,V2": keep only rows whose COL is one of the values */
    gboolean has_since, has_until;
    double since, until; /* keep since <= time <= until (seconds, Unix epoch) */
} SmmReshareImportOptions;

typedef struct {
    SmmNames *names; /* accounts: borrowed, shared with the follower graph */
    SmmNames *items; /* post ids: owned; NULL without an item column */
    GArray *account; /* guint32, the resharer, file order */
    GArray *author;  /* guint32, or NULL without an author column */
    GArray *item;    /* guint32 ids in `items`, or NULL */
    GArray *time;    /* double seconds, or NULL without a time column */
    GArray *via;     /* guint32, the account seen resharing first, or SMM_NO_ACCOUNT; NULL
                        without a via column */
    SmmCsvStats csv;
    guint64 outside_window; /* rows dropped by --since / --until */
    guint64 left_out;       /* rows dropped by --only */
    guint64 without_via;    /* with a via column: rows kept whose resharer is not the author (a
                               reshare, not the post itself) and that name no via */
} SmmReshareLog;

/* Reads a reshare log into `log`, interning accounts into `names` (which
 * the caller keeps owning). On failure `log` is left empty and error names
 * file and line. */
gboolean smm_import_reshares(const char *path, const SmmReshareImportOptions *options,
                             SmmNames *names, SmmReshareLog *log, GError **error);

void smm_reshare_log_clear(SmmReshareLog *log);

static inline guint64 smm_reshare_log_size(const SmmReshareLog *log)
{
    return log->account->len;
}

#endif
