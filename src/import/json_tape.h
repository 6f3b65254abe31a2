/* json_tape.h - what the parsing of one block of JSON lines says, in the
 * order it says it, for json_lines.c to carry out in input order. Private
 * to json_reader.c and json_lines.c.
 *
 * A block is whole lines. Its parser (a thread's) writes rows into a
 * Batch and the rest as steps; lines are counted from the block's start,
 * and messages carry no "FILE:LINE: " yet: the block's first line is known
 * only once the blocks before it are counted.
 */
#ifndef SMM_JSON_TAPE_H
#define SMM_JSON_TAPE_H

#include "batch_pipe.h"
#include "json_reader.h"
#include "seen_set.h"

typedef enum {
    STEP_ROW,       /* the next row of the block's batch */
    STEP_LEFT_OUT,  /* why */
    STEP_GUARD,     /* key, why, remember: the steps to STEP_GUARD_END happen if key is new */
    STEP_GUARD_END, /* */
    STEP_TAKE_BACK, /* key, why */
    STEP_HANDLE,    /* text + a: n bytes, "ID\0HANDLE\0"; key: the id's hash, last */
    STEP_FAIL,      /* error (owned), line */
} StepKind;

typedef struct {
    guint8 kind;
    gboolean flag; /* remember (GUARD), last (HANDLE) */
    guint64 line;  /* 1-based within the block (FAIL) */
    guint64 key;
    const char *why;
    guint32 a, n; /* offset and length in text */
    GError *error;
} Step;

typedef struct {
    Batch *rows;   /* their lines are within the block */
    GArray *steps; /* Step */
    GString *text; /* handles' ids and names, NUL-terminated */
    guint64 lines, records, blank_lines;
    gboolean stopped; /* a failure outside any guard ended the parsing */
} JsonTape;

JsonTape *smm_json_tape_new(guint n_cols);
void smm_json_tape_reset(JsonTape *t);
void smm_json_tape_free(JsonTape *t);

/* A parser of blocks, one a thread. */
SmmJsonReader *smm_json_reader_new(const SmmJsonColumns *cols, const SmmJsonExtractor *extractor,
                                   gconstpointer config);
void smm_json_reader_free(SmmJsonReader *r);
/* Parses the lines of text (whole lines; the last may lack its newline
 * only at the input's end) into t, stopping at the first failure outside
 * a guard. */
void smm_json_reader_parse(SmmJsonReader *r, const char *text, gsize len, JsonTape *t);

#endif
