/* csv_reader.c - row reader with header and delimiter detection, line
 * tracking, and batches handed to a consumer; libcsv is the parser of
 * record, csv_fast.c reads the quote-free text it would read, the same way.
 *
 * libcsv calls us once per field and once per row end. With CSV_REPALL_NL it
 * also reports every unquoted CR and LF, so we can count blank lines and
 * physical lines ourselves: a LF right after a CR that ended a row is the
 * second half of a CRLF, not a blank line.
 *
 * Rows 1 and 2 are held back whole until the header question is settled;
 * after that only the selected columns of each row are copied into the
 * current batch, checked, and account names hashed (smm_names_hash), which
 * takes that work off the consumer. Batches reach the consumer through
 * batch_pipe.c, from a second thread when there are two, in file order.
 */
#include "csv_reader_private.h"

#include "smm/names.h"

/* Field i of a held-back row. */
static inline const GString *held(const GPtrArray *row, guint i)
{
    return g_ptr_array_index(row, i);
}

static void free_field(gpointer field)
{
    g_string_free(field, TRUE);
}

/* ------------------------------------------------------------ error helpers */

static void fail(Reader *r, GError *error)
{
    if (r->error == NULL)
        r->error = error;
    else
        g_error_free(error);
}

void smm_csv_fail_at(Reader *r, SmmErrorCode code, guint64 line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (line > 0)
        fail(r, g_error_new(SMM_ERROR, code, "%s:%" G_GUINT64_FORMAT ": %s", r->path, line, msg));
    else
        fail(r, g_error_new(SMM_ERROR, code, "%s: %s", r->path, msg));
}

static const char *delimiter_name(char d)
{
    switch (d) {
    case ',': return "','";
    case ';': return "';'";
    case '\t': return "tab";
    case ' ': return "space";
    default: return "?";
    }
}

/* --------------------------------------------------------- header detection */

/* A plain decimal number (not "nan" or "inf", which are also account names). */
static gboolean is_number(const GString *field)
{
    return smm_is_decimal(field->str, field->len);
}

/* Words that make up column names in the exports smmgraph reads. */
static const char *const header_words[] = {
    "source",     "target",     "src",        "dst",       "from",        "to",
    "follower",   "followers",  "followee",   "followees", "following",   "followed",
    "friend",     "friends",    "fan",        "user",      "users",       "username",
    "user_name",  "screen",     "name",       "names",     "handle",      "account",
    "accounts",   "id",         "ids",        "node",      "nodes",       "vertex",
    "weight",     "w",          "p",          "prob",      "probability", "count",
    "retweeter",  "retweeted",  "retweet",    "reshare",   "resharer",    "author",
    "tweet",      "post",       "item",       "url",       "hashtag",     "timestamp",
    "time",       "date",       "created",    "at",        "type",        "interaction",
    "of",         "by",         "member",     "page",      "channel",     "subscriber",
    "contact",    "connection", "influencer", "engager",   "origin",      "destination",
    "cost",       "price",      "fee",        "seed",      "seeds",       "candidate",
    "candidates", "exclude",    "excluded",   NULL};

static gboolean is_header_word(const char *w, gsize len)
{
    for (const char *const *h = header_words; *h != NULL; h++)
        if (strlen(*h) == len && g_ascii_strncasecmp(*h, w, len) == 0)
            return TRUE;
    return FALSE;
}

/* "follower_id", "Screen Name", "userId" are made of header words. */
static gboolean is_header_field(const char *s)
{
    gboolean any = FALSE;
    const char *p = s;
    while (*p != '\0') {
        while (*p != '\0' && !g_ascii_isalnum(*p))
            p++;
        if (*p == '\0')
            break;
        const char *w = p;
        /* a word: letters, split at a lower-to-upper case change (camelCase) */
        p++;
        while (*p != '\0' && g_ascii_isalnum(*p) &&
               !(g_ascii_isupper(*p) && g_ascii_islower(p[-1])))
            p++;
        if (!is_header_word(w, (gsize)(p - w)))
            return FALSE;
        any = TRUE;
    }
    return any;
}

static gboolean looks_like_header(GPtrArray *row1, GPtrArray *row2)
{
    gboolean all_words = row1->len > 0;
    for (guint i = 0; i < row1->len && all_words; i++)
        all_words = is_header_field(held(row1, i)->str);
    if (all_words)
        return TRUE;
    if (row2 == NULL)
        return FALSE;
    for (guint i = 0; i < MIN(row1->len, row2->len); i++)
        if (!is_number(held(row1, i)) && is_number(held(row2, i)))
            return TRUE;
    return FALSE;
}

static gboolean spec_is_index(const char *spec, guint *index)
{
    if (spec == NULL || *spec == '\0')
        return FALSE;
    for (const char *p = spec; *p; p++)
        if (!g_ascii_isdigit(*p))
            return FALSE;
    guint64 v = g_ascii_strtoull(spec, NULL, 10);
    *index = v > G_MAXUINT ? G_MAXUINT : (guint)v;
    return TRUE;
}

/* A header field in lower case without punctuation: "Retweeter ID" -> "retweeterid". */
static gchar *normalise_name(const char *s)
{
    GString *out = g_string_new(NULL);
    for (; *s; s++)
        if (g_ascii_isalnum(*s))
            g_string_append_c(out, g_ascii_tolower(*s));
    return g_string_free(out, FALSE);
}

/* The first header field whose normalised name is one of `aliases`. */
static gboolean find_alias(const GPtrArray *header, const char *const *aliases, guint *index)
{
    for (guint h = 0; h < header->len; h++) {
        g_autofree gchar *name = normalise_name(held(header, h)->str);
        for (const char *const *a = aliases; *a != NULL; a++)
            if (strcmp(name, *a) == 0) {
                *index = h;
                return TRUE;
            }
    }
    return FALSE;
}

/* The header's fields as a message lists them: quoted, the first few. */
static gchar *header_list(const GPtrArray *header)
{
    enum { SHOWN = 16 };
    GString *names = g_string_new(NULL);
    for (guint h = 0; h < header->len && h < SHOWN; h++) {
        g_autofree gchar *q = smm_quote_value(held(header, h)->str, (gssize)held(header, h)->len);
        g_string_append_printf(names, "%s%s", h ? ", " : "", q);
    }
    if (header->len > SHOWN)
        g_string_append_printf(names, " and %u more", header->len - SHOWN);
    return g_string_free(names, FALSE);
}

/* The header field named spec->spec: exactly, else ignoring case. A name
 * the header has twice is an error, not its first column. */
static gboolean find_by_name(Reader *r, const GPtrArray *header, const SmmColumnSpec *spec,
                             guint *index)
{
    gsize want = strlen(spec->spec);
    g_autofree gchar *q = smm_quote_value(spec->spec, -1);
    for (guint pass = 0; pass < 2; pass++) {
        g_autoptr(GArray) found = g_array_new(FALSE, FALSE, sizeof(guint));
        for (guint h = 0; h < header->len; h++) {
            const GString *f = held(header, h);
            if (f->len == want && (pass == 0 ? memcmp(f->str, spec->spec, want)
                                             : g_ascii_strncasecmp(f->str, spec->spec, want)) == 0)
                g_array_append_val(found, h);
        }
        if (found->len == 1) {
            *index = g_array_index(found, guint, 0);
            return TRUE;
        }
        if (found->len > 1) {
            g_autoptr(GString) at = g_string_new(NULL);
            for (guint k = 0; k < found->len; k++)
                g_string_append_printf(at, "%s%u",
                                       k == 0               ? ""
                                       : k + 1 < found->len ? ", "
                                                            : " and ",
                                       g_array_index(found, guint, k) + 1);
            smm_csv_fail_at(r, SMM_ERROR_DATA, r->header_line,
                            "the header has %u columns named %s (columns %s) for the %s; choose "
                            "one by number",
                            found->len, q, at->str, spec->what);
            return FALSE;
        }
    }
    g_autofree gchar *names = header_list(header);
    smm_csv_fail_at(r, SMM_ERROR_DATA, r->header_line,
                    "no column named %s for the %s; the header has %s", q, spec->what, names);
    return FALSE;
}

/* Resolves every column spec to a 0-based file column (or NOT_SELECTED). */
static gboolean resolve_columns(Reader *r, GPtrArray *header)
{
    guint index[SMM_CSV_MAX_COLUMNS];
    r->need_columns = 0;
    for (guint c = 0; c < r->n_cols; c++) {
        const SmmColumnSpec *spec = &r->cols[c];
        guint i;
        if (spec->spec == NULL) {
            index[c] = spec->default_index == 0 || (header != NULL && spec->optional)
                           ? NOT_SELECTED
                           : spec->default_index - 1;
            if (header != NULL && spec->aliases != NULL && find_alias(header, spec->aliases, &i))
                index[c] = i;
        } else if (g_ascii_strcasecmp(spec->spec, "none") == 0) {
            index[c] = NOT_SELECTED;
        } else if (spec_is_index(spec->spec, &i)) {
            if (i == 0) {
                smm_csv_fail_at(r, SMM_ERROR_INVALID, 0,
                                "the %s is given as 0; columns are numbered from 1", spec->what);
                return FALSE;
            }
            index[c] = i - 1;
        } else if (header == NULL) {
            g_autofree gchar *q = smm_quote_value(spec->spec, -1);
            smm_csv_fail_at(r, SMM_ERROR_DATA, 0,
                            "the %s is given by name (%s) but the file has no header row; "
                            "give a column number instead",
                            spec->what, q);
            return FALSE;
        } else if (!find_by_name(r, header, spec, &index[c])) {
            return FALSE;
        }
        for (guint d = 0; d < c; d++)
            if (index[c] != NOT_SELECTED && index[d] == index[c]) {
                smm_csv_fail_at(r, SMM_ERROR_INVALID, 0,
                                "the %s and the %s are the same column (%u)", r->cols[d].what,
                                spec->what, index[c] + 1);
                return FALSE;
            }
        if (index[c] != NOT_SELECTED && index[c] >= G_N_ELEMENTS(r->sel_of)) {
            smm_csv_fail_at(r, SMM_ERROR_INVALID, 0,
                            "the %s (%u) is beyond column %u, the last supported", spec->what,
                            index[c] + 1, (guint)G_N_ELEMENTS(r->sel_of));
            return FALSE;
        }
    }
    for (guint i = 0; i < G_N_ELEMENTS(r->sel_of); i++)
        r->sel_of[i] = NOT_SELECTED;
    r->n_sel_of = 0;
    r->n_check = r->n_absent = 0;
    for (guint c = 0; c < r->n_cols; c++) {
        r->stats->column_index[c] = index[c] == NOT_SELECTED ? 0 : index[c] + 1;
        if (index[c] == NOT_SELECTED) {
            r->absent_col[r->n_absent++] = c;
            continue;
        }
        if (r->cols[c].interned)
            r->check_col[r->n_check++] = c;
        r->sel_of[index[c]] = c;
        r->n_sel_of = MAX(r->n_sel_of, index[c] + 1);
        r->need_columns = MAX(r->need_columns, index[c] + 1);
    }
    return TRUE;
}

/* ------------------------------------------------------------- row handling */

gboolean smm_csv_width_error(Reader *r, guint fields, guint64 line)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    g_string_printf(msg, "expected at least %u columns, found %u: no ", r->need_columns, fields);
    gboolean first = TRUE;
    for (guint c = 0; c < r->n_cols; c++)
        if (r->stats->column_index[c] > fields) {
            g_string_append_printf(msg, "%s%s (column %u)", first ? "" : " or ", r->cols[c].what,
                                   r->stats->column_index[c]);
            first = FALSE;
        }
    if (fields == 1)
        g_string_append_printf(msg, "; is the delimiter right? (%s: %s; see --delimiter)",
                               r->stats->delimiter_detected ? "detected" : "given",
                               delimiter_name(r->stats->delimiter));
    smm_csv_fail_at(r, SMM_ERROR_PARSE, line, "%s", msg->str);
    return FALSE;
}

gchar *smm_csv_account_problem(const char *what, guint column, const char *s, gsize len)
{
    if (len == 0)
        return g_strdup_printf("the %s (column %u) is empty; every row needs a value there", what,
                               column);
    const char *nul = memchr(s, '\0', len);
    if (nul != NULL)
        return g_strdup_printf(
            "the %s (column %u) contains a NUL byte (position %u); is this a text file?", what,
            column, (guint)(nul - s) + 1);
    const char *end = NULL;
    if (!g_utf8_validate_len(s, len, &end))
        return g_strdup_printf(
            "the %s (column %u) is not valid UTF-8 (byte 0x%02X at position %u); if the file is "
            "in another encoding, say which with --encoding (e.g. --encoding windows-1252)",
            what, column, (guchar)*end, (guint)(end - s) + 1);
    /* the BOM of a second file joined on with cat: invisible, but it would
     * make a second account of the same name */
    const char *bom = memmem(s, len, "\xEF\xBB\xBF", 3);
    if (bom != NULL)
        return g_strdup_printf("the %s (column %u) contains a byte-order mark (U+FEFF at position "
                               "%u); only the start of a file may have one: were files joined?",
                               what, column, (guint)(bom - s) + 1);
    return NULL;
}

gboolean smm_csv_check_account_slowly(Reader *r, guint c, const char *s, guint32 len)
{
    g_autofree gchar *problem =
        smm_csv_account_problem(r->cols[c].what, r->stats->column_index[c], s, len);
    if (problem == NULL)
        return TRUE;
    smm_csv_fail_at(r, SMM_ERROR_PARSE, r->row_line, "%s", problem);
    return FALSE;
}

static inline void row_put(Reader *r, guint c, const char *s, gsize len)
{
    Batch *b = r->pipe.batch;
    guint i = b->n_rows * b->n_cols + c;
    b->start[i] = batch_put(b, s, len);
    b->len[i] = (guint32)len;
}

/* Checks and commits the current row, its fields already in the batch. */
static inline void finish_data_row(Reader *r)
{
    Batch *b = r->pipe.batch;
    const guint base = b->n_rows * b->n_cols;
    const char *bytes = b->bytes;
    const guint32 *start = b->start + base, *len = b->len + base;
    guint64 *hash = b->hash + base;
    for (guint k = 0; k < r->n_check; k++) {
        guint c = r->check_col[k];
        const char *s = bytes + start[c];
        if (!check_account(r, c, s, len[c]))
            return;
        hash[c] = smm_names_hash(s, len[c]);
    }
    b->line[b->n_rows++] = r->row_line;
    r->stats->data_rows++;
    if (G_UNLIKELY(b->n_rows == b->rows_cap) && b->rows_cap < BATCH_ROWS)
        smm_batch_rows_grow(b, b->rows_cap * 2);
    if (batch_full(b))
        smm_csv_send_batch(r);
}

/* Emits a held-back row (row 1 or 2) as data. */
static void emit_held_row(Reader *r, GPtrArray *row, guint64 line)
{
    if (!check_width(r, row->len, line))
        return;
    row_clear(r);
    for (guint i = 0; i < row->len && i < r->n_sel_of; i++) {
        guint c = r->sel_of[i];
        if (c == NOT_SELECTED)
            continue;
        const GString *f = held(row, i);
        row_put(r, c, f->str, f->len);
    }
    guint64 saved = r->row_line;
    r->row_line = line;
    finish_data_row(r);
    r->row_line = saved;
}

/* Settles the header question with what has been held back. */
static void settle_header(Reader *r, gboolean is_header)
{
    r->stats->header = is_header;
    if (is_header)
        r->header_line = r->row1_line;
    if (!resolve_columns(r, is_header ? r->row1 : NULL))
        return;
    r->header_state = DATA;
    if (!is_header)
        emit_held_row(r, r->row1, r->row1_line);
    if (r->error == NULL && r->row2 != NULL)
        emit_held_row(r, r->row2, r->row2_line);
}

static gboolean any_column_by_name(Reader *r)
{
    guint i;
    for (guint c = 0; c < r->n_cols; c++)
        if (r->cols[c].spec != NULL && !spec_is_index(r->cols[c].spec, &i) &&
            g_ascii_strcasecmp(r->cols[c].spec, "none") != 0)
            return TRUE;
    return FALSE;
}

/* A row of column groups above the header (SmmCsvOptions.group_row). */
static gboolean is_group_row(const Reader *r, const GPtrArray *row)
{
    for (guint i = 0; i < row->len; i++)
        if (strcmp(held(row, i)->str, r->options->group_row) == 0)
            return TRUE;
    return FALSE;
}

static void on_held_row_end(Reader *r)
{
    SmmHeaderMode mode = r->options->header;
    r->holding_bytes = 0;
    if (r->header_state == WANT_ROW1 && r->options->group_row != NULL && !r->group_row_skipped &&
        is_group_row(r, r->holding)) {
        g_clear_pointer(&r->holding, g_ptr_array_unref);
        r->group_row_skipped = TRUE;
        return;
    }
    if (r->header_state == WANT_ROW1) {
        r->row1 = r->holding;
        r->row1_line = r->row_line;
        r->holding = NULL;
        if (mode != SMM_HEADER_AUTO) {
            settle_header(r, mode == SMM_HEADER_YES);
        } else if (any_column_by_name(r) || looks_like_header(r->row1, NULL)) {
            settle_header(r, TRUE);
        } else {
            r->header_state = WANT_ROW2;
        }
    } else {
        r->row2 = r->holding;
        r->row2_line = r->row_line;
        r->holding = NULL;
        settle_header(r, looks_like_header(r->row1, r->row2));
    }
}

/* Bytes of v equal to CR or LF, as high bits (exact as a yes/no answer). */
static inline guint64 word_breaks(guint64 v)
{
    const guint64 ones = 0x0101010101010101ULL;
    guint64 a = v ^ 0x0A0A0A0A0A0A0A0AULL, b = v ^ 0x0D0D0D0D0D0D0D0DULL;
    return (((a - ones) & ~a) | ((b - ones) & ~b)) & 0x8080808080808080ULL;
}

/* Whether a CR or LF is among the bytes, in overlapping words. */
static inline gboolean has_line_break(const char *s, size_t len)
{
    guint64 v = 0, w = 0;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&v, s + i, 8);
            if (word_breaks(v))
                return TRUE;
        }
        memcpy(&v, s + len - 8, 8);
        return word_breaks(v) != 0;
    }
    if (len >= 4) {
        guint32 x, y;
        memcpy(&x, s, 4);
        memcpy(&y, s + len - 4, 4);
        w = (guint64)x << 32 | y;
        return word_breaks(w) != 0;
    }
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n' || s[i] == '\r')
            return TRUE;
    return FALSE;
}

/* A size limit as messages state it. */
static gchar *size_text(gsize bytes)
{
    if (bytes % (1u << 20) == 0)
        return g_strdup_printf("%" G_GSIZE_FORMAT " MiB", bytes >> 20);
    return g_strdup_printf("%" G_GSIZE_FORMAT " bytes", bytes);
}

void smm_csv_field_too_long(Reader *r, guint field, guint64 line)
{
    g_autofree gchar *limit = size_text(r->max_field);
    smm_csv_fail_at(r, SMM_ERROR_PARSE, line, "field %u is longer than %s", field + 1, limit);
}

static G_GNUC_NO_INLINE void held_row_too_long(Reader *r)
{
    g_autofree gchar *limit = size_text(SMM_CSV_HELD_FIELDS * r->max_field);
    smm_csv_fail_at(r, SMM_ERROR_PARSE, r->row_line,
                    "the row is longer than %s in its first %u fields; the first rows are "
                    "read whole to detect a header, and are limited to that",
                    limit, r->field + 1);
}

/* A field of the current row, with its surrounding spaces trimmed. Fields
 * from libcsv may hold quoted line breaks, which keep line numbers true. */
void smm_csv_take_field(Reader *r, const char *s, size_t len, gboolean may_break_lines)
{
    if (r->field == 0) {
        r->row_line = r->line + 1;
        row_clear(r);
    }
    if (may_break_lines && has_line_break(s, len)) {
        for (size_t i = 0; i < len; i++)
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
                r->line++;
    }
    if (len > r->max_field) {
        smm_csv_field_too_long(r, r->field, r->row_line);
        return;
    }
    if (r->header_state != DATA) {
        if (r->holding == NULL)
            r->holding = g_ptr_array_new_with_free_func(free_field);
        r->holding_bytes += len;
        if (r->holding_bytes > SMM_CSV_HELD_FIELDS * r->max_field) {
            held_row_too_long(r);
            return;
        }
        if (r->holding->len < 4096)
            g_ptr_array_add(r->holding, g_string_new_len(s, (gssize)len));
    } else if (r->field < r->n_sel_of && r->sel_of[r->field] != NOT_SELECTED) {
        row_put(r, r->sel_of[r->field], s, len);
    }
    r->field++;
}

/* The end of a row of `fields` fields; c is the terminator (CR, LF) or -1 at
 * the end of the input. A row without fields is a blank line, or the LF of
 * a CRLF. */
void smm_csv_row_end(Reader *r, guint fields, int c)
{
    if (fields == 0) {
        gboolean crlf = (c == '\n' && r->last_term == '\r');
        r->last_term = crlf ? 0 : c;
        if (c == -1 || crlf)
            return;
        r->line++;
        r->stats->blank_lines++;
        return;
    }
    r->last_term = c;
    r->line++; /* also for a last line without a line break (c == -1) */
    if (r->header_state != DATA) {
        on_held_row_end(r);
        return;
    }
    if (!check_width(r, fields, r->row_line))
        return;
    finish_data_row(r);
}

/* libcsv field callback. */
static void on_field(void *data, size_t len, void *user)
{
    Reader *r = user;
    if (r->error != NULL)
        return;
    smm_csv_take_field(r, data != NULL ? data : "", len, TRUE);
}

/* libcsv row callback. */
static void on_row_end(int c, void *user)
{
    Reader *r = user;
    if (r->error != NULL)
        return;
    guint fields = r->field;
    r->field = 0;
    smm_csv_row_end(r, fields, c);
}

/* ------------------------------------------------------------ parsing loop */

static char detect_delimiter(const char *text, gsize len)
{
    gsize count[4] = {0, 0, 0, 0}; /* , ; tab space */
    gboolean quoted = FALSE;
    for (gsize i = 0; i < len; i++) {
        char ch = text[i];
        if (ch == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (ch == '\n' || ch == '\r')
            break;
        else if (ch == ',')
            count[0]++;
        else if (ch == ';')
            count[1]++;
        else if (ch == '\t')
            count[2]++;
        else if (ch == ' ')
            count[3]++;
    }
    if (count[0] == 0 && count[1] == 0 && count[2] == 0)
        return count[3] > 0 ? ' ' : ',';
    if (count[0] >= count[1] && count[0] >= count[2])
        return ',';
    return count[1] >= count[2] ? ';' : '\t';
}

static int space_only(unsigned char c)
{
    return c == ' ';
}

static int tab_only(unsigned char c)
{
    return c == '\t';
}

static void set_delimiter(Reader *r, char d)
{
    r->stats->delimiter = d;
    csv_set_delim(&r->parser, (unsigned char)d);
    /* libcsv trims spaces and tabs around unquoted fields; never the delimiter. */
    r->space1 = ' ';
    r->space2 = '\t';
    if (d == '\t') {
        csv_set_space_func(&r->parser, space_only);
        r->space2 = ' ';
    } else if (d == ' ') {
        csv_set_space_func(&r->parser, tab_only);
        r->space1 = '\t';
    }
}

static void parse_error(Reader *r)
{
    int err = csv_error(&r->parser);
    if (err == CSV_EPARSE)
        smm_csv_fail_at(
            r, SMM_ERROR_PARSE, r->field > 0 ? r->row_line : r->line + 1,
            "malformed quoting: a quote inside an unquoted field, or text after a closing "
            "quote (a quote inside a field is written \"\" and the field quoted)");
    else
        smm_csv_fail_at(r, SMM_ERROR_LIMIT, r->line + 1, "CSV parser: %s", csv_strerror(err));
}

/* libcsv holds a field whole until it ends: it is fed no more at a time
 * than takes its buffer to max_buffered + 1 bytes, so the field that gets
 * there is refused at that byte, wherever the pieces end (and its memory
 * is bounded). Fields that end in the piece are shorter. */
gboolean smm_csv_parse_libcsv(Reader *r, const char *p, gsize len)
{
    while (len > 0 && r->error == NULL) {
        gsize n = MIN(len, r->max_buffered + 1 - r->parser.entry_pos);
        if (csv_parse(&r->parser, p, n, on_field, on_row_end, r) != n) {
            if (r->error == NULL)
                parse_error(r);
            break;
        }
        if (r->parser.entry_pos > r->max_buffered && r->error == NULL)
            smm_csv_field_too_long(r, r->field, r->field > 0 ? r->row_line : r->line + 1);
        p += n;
        len -= n;
    }
    return r->error == NULL;
}

static void parse_all(Reader *r)
{
    gboolean first = TRUE;
    for (;;) {
        if (smm_batch_pipe_cancelled(&r->pipe))
            return;
        const char *chunk;
        GError *e = NULL;
        gssize len = smm_batch_pipe_read(&r->pipe, r->src, r->line + 1, &chunk, &e);
        if (len < 0) {
            fail(r, e);
            return;
        }
        if (len == 0)
            break;
        if (first) {
            first = FALSE;
            char d = r->options->delimiter;
            r->stats->delimiter_detected = (d == 0);
            set_delimiter(r, d != 0 ? d : detect_delimiter(chunk, (gsize)len));
        }
        gsize step = r->options->piece_bytes > 0 ? r->options->piece_bytes : (gsize)len;
        for (gsize at = 0; at < (gsize)len && r->error == NULL; at += step)
            smm_csv_feed(r, chunk + at, MIN(step, (gsize)len - at));
        if (r->error != NULL)
            return;
    }
    smm_csv_feed_end(r);
    if (r->error != NULL)
        return;
    if (csv_fini(&r->parser, on_field, on_row_end, r) != 0 && r->error == NULL) {
        smm_csv_fail_at(
            r, SMM_ERROR_PARSE, r->field > 0 ? r->row_line : r->line + 1,
            "unterminated quoted field: the file ends inside quotes opened on this line");
        return;
    }
    if (r->error != NULL)
        return;
    if (r->header_state == WANT_ROW2)
        settle_header(r, FALSE); /* one row, not made of header words: data */
    if (r->error != NULL)
        return;
    r->stats->lines = r->line;
    if (r->header_state == WANT_ROW1)
        smm_csv_fail_at(r, SMM_ERROR_DATA, 0, "%s",
                        r->stats->blank_lines > 0 ? "no data: the file has only blank lines"
                                                  : "no data: the file is empty");
    else if (r->stats->data_rows == 0)
        smm_csv_fail_at(r, SMM_ERROR_DATA, r->header_line,
                        "no data rows: the file has a header row and nothing else");
    else if (r->pipe.batch->n_rows > 0)
        smm_csv_send_batch(r);
}

/* ---------------------------------------------------------------- batches */

void smm_csv_send_batch(Reader *r)
{
    GError *e = smm_batch_pipe_send(&r->pipe);
    if (e != NULL)
        fail(r, e);
}

static void read_all(gpointer data)
{
    parse_all(data);
}

void smm_csv_stats_left_out(SmmCsvStats *stats, const char *why)
{
    guint i = 0;
    while (i < stats->n_left_out && strcmp(stats->left_out[i].why, why) != 0)
        i++;
    if (i == stats->n_left_out) {
        g_return_if_fail(i < SMM_CSV_MAX_LEFT_OUT);
        stats->left_out[i].why = why;
        stats->left_out[i].n = 0;
        stats->n_left_out++;
    }
    stats->left_out[i].n++;
}

void smm_csv_stats_clear(SmmCsvStats *stats)
{
    g_free(stats->encoding);
    memset(stats, 0, sizeof *stats);
}

gboolean smm_csv_read(const char *path, const SmmCsvOptions *options, const SmmColumnSpec *cols,
                      guint n_cols, SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats,
                      GError **error)
{
    smm_csv_stats_clear(stats);
    SmmByteSource *src = smm_byte_source_open(path, options, error);
    return src != NULL &&
           smm_csv_read_from(src, path, options, cols, n_cols, fn, ctx, stats, error);
}

gboolean smm_csv_read_from(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                           const SmmColumnSpec *cols, guint n_cols, SmmBatchFunc fn, gpointer ctx,
                           SmmCsvStats *stats, GError **error)
{
    g_return_val_if_fail(n_cols <= SMM_CSV_MAX_COLUMNS, FALSE);
    smm_csv_stats_clear(stats);

    Reader r = {0};
    r.path = smm_display_name(path);
    r.options = options;
    r.cols = cols;
    r.n_cols = n_cols;
    r.stats = stats;
    r.header_state = WANT_ROW1;
    r.fast_allowed = options->parser != SMM_CSV_PARSER_LIBCSV;
    r.max_field = options->max_field > 0 ? options->max_field : SMM_CSV_MAX_FIELD;
    r.max_buffered = 2 * r.max_field;

    r.src = src;
    if (smm_byte_source_encoding(r.src) != NULL)
        stats->encoding = g_strdup(smm_byte_source_encoding(r.src));
    csv_init(&r.parser, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI);
    /* libcsv grows its field buffer by this much at a time (128 bytes by
     * default: a field of 16 MiB took 131072 reallocations) */
    csv_set_blk_size(&r.parser, 1u << 20);
    smm_batch_pipe_init(&r.pipe, r.path, n_cols, options->n_threads, fn, ctx, options->progress,
                        smm_byte_source_size(r.src));
    GError *consumer_error = smm_batch_pipe_run(&r.pipe, read_all, &r);
    smm_batch_pipe_clear(&r.pipe);

    csv_free(&r.parser);
    g_free(r.carry);
    smm_byte_source_close(r.src);
    if (r.row1 != NULL)
        g_ptr_array_unref(r.row1);
    if (r.row2 != NULL)
        g_ptr_array_unref(r.row2);
    if (r.holding != NULL)
        g_ptr_array_unref(r.holding);
    stats->header_detected = options->header == SMM_HEADER_AUTO;

    if (consumer_error != NULL) {
        g_clear_error(&r.error);
        g_propagate_error(error, consumer_error);
        return FALSE;
    }
    if (r.error != NULL) {
        g_propagate_error(error, r.error);
        return FALSE;
    }
    return TRUE;
}
