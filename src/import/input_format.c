/* input_format.c - --input-format's names, and the format of an input
 * from its first line (JSON's keys, or a CSV header row's names). */
#include "input_format_private.h"

#include <string.h>

#include "smm/core.h"
#include <yajl/yajl_parse.h>

static const char *const names[] = {"auto",      "csv",       "twarc",  "tweets-v1",
                                    "jetstream", "twarc-csv", "nodexl", "gephi"};

gboolean smm_input_format_parse(const char *name, SmmInputFormat *format)
{
    for (guint i = 0; i < G_N_ELEMENTS(names); i++)
        if (g_ascii_strcasecmp(name, names[i]) == 0) {
            *format = (SmmInputFormat)i;
            return TRUE;
        }
    return FALSE;
}

const char *smm_input_format_name(SmmInputFormat format)
{
    return (guint)format < G_N_ELEMENTS(names) ? names[format] : "?";
}

gboolean smm_input_format_label_is_json(const char *label)
{
    for (SmmInputFormat f = SMM_INPUT_TWARC; f <= SMM_INPUT_JETSTREAM; f++)
        if (g_strcmp0(label, names[f]) == 0)
            return TRUE;
    return FALSE;
}

/* ------------------------------------------------ CSV header rows */

/* Whether the CSV line [s, end) has a field named `name` (quotes and the
 * spaces around a field aside; ignoring case when `any_case`). Fields are
 * cut at , ; and tab alike: a header's names hold none of them. */
static gboolean line_has_field(const char *s, const char *end, const char *name, gboolean any_case)
{
    gsize want = strlen(name);
    while (s <= end) {
        const char *f = s;
        while (s < end && *s != ',' && *s != ';' && *s != '\t')
            s++;
        const char *e = s;
        while (f < e && (*f == ' ' || *f == '"'))
            f++;
        while (e > f && (e[-1] == ' ' || e[-1] == '"' || e[-1] == '\r'))
            e--;
        if ((gsize)(e - f) == want &&
            (any_case ? g_ascii_strncasecmp(f, name, want) : memcmp(f, name, want)) == 0)
            return TRUE;
        s++;
    }
    return FALSE;
}

/* A preset's header row, or SMM_INPUT_CSV: NodeXL's names "Vertex 1"
 * (maybe after its row of column groups), twarc-csv's
 * "referenced_tweets.retweeted.id", Gephi's "Source", "Target" and "Type"
 * (any case; without "Type", source,target is plain CSV). */
static SmmInputFormat sniff_header(const char *text, gsize len)
{
    const char *end = text + len;
    const char *nl = memchr(text, '\n', len);
    const char *line_end = nl != NULL ? nl : end;
    if (line_has_field(text, line_end, "Visual Properties", FALSE) && nl != NULL) {
        text = nl + 1;
        nl = memchr(text, '\n', (gsize)(end - text));
        line_end = nl != NULL ? nl : end;
    }
    if (line_has_field(text, line_end, "Vertex 1", FALSE))
        return SMM_INPUT_NODEXL;
    if (line_has_field(text, line_end, "referenced_tweets.retweeted.id", FALSE))
        return SMM_INPUT_TWARC_CSV;
    if (line_has_field(text, line_end, "source", TRUE) &&
        line_has_field(text, line_end, "target", TRUE) &&
        line_has_field(text, line_end, "type", TRUE))
        return SMM_INPUT_GEPHI;
    return SMM_INPUT_CSV;
}

/* ------------------------------------------------ JSON's first object */

/* The first object's own keys, as far as the text goes. */
typedef struct {
    int depth;
    gboolean did, kind, data, errors, author_id, twarc, id_str, user, notice;
} Keys;

#define IS(lit) (len == sizeof lit - 1 && memcmp(k, lit, sizeof lit - 1) == 0)

static int on_key(void *u, const unsigned char *key, size_t len)
{
    Keys *ks = u;
    const char *k = (const char *)key;
    if (ks->depth != 1)
        return 1;
    ks->did |= IS("did");
    ks->kind |= IS("kind") || IS("time_us");
    ks->data |= IS("data");
    ks->errors |= IS("errors");
    ks->author_id |= IS("author_id") || IS("edit_history_tweet_ids");
    ks->twarc |= IS("__twarc");
    ks->id_str |= IS("id_str");
    ks->user |= IS("user") || IS("retweeted_status");
    ks->notice |= IS("delete") || IS("limit");
    return 1;
}

static int on_open(void *u)
{
    ((Keys *)u)->depth++;
    return 1;
}

static int on_close(void *u)
{
    ((Keys *)u)->depth--;
    return 1;
}

SmmInputFormat smm_input_format_sniff(const char *text, gsize len)
{
    gsize i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
        i++;
    if (i == len)
        return SMM_INPUT_CSV;
    if (text[i] != '{')
        return sniff_header(text + i, len - i);
    const char *nl = memchr(text + i, '\n', len - i);
    gsize line = nl != NULL ? (gsize)(nl - (text + i)) : len - i;
    static const yajl_callbacks cb = {.yajl_start_map = on_open,
                                      .yajl_end_map = on_close,
                                      .yajl_start_array = on_open,
                                      .yajl_end_array = on_close,
                                      .yajl_map_key = on_key};
    Keys ks = {0};
    yajl_handle h = yajl_alloc(&cb, NULL, &ks);
    yajl_status st = yajl_parse(h, (const unsigned char *)text + i, line);
    yajl_free(h);
    if (st != yajl_status_ok)
        return SMM_INPUT_CSV; /* not JSON after all: the CSV reader says what is wrong */
    if (ks.did && ks.kind)
        return SMM_INPUT_JETSTREAM;
    if (ks.data || ks.author_id || ks.twarc)
        return SMM_INPUT_TWARC;
    if (ks.id_str || ks.user || ks.notice)
        return SMM_INPUT_TWEETS_V1;
    if (ks.errors)
        return SMM_INPUT_TWARC;
    return SMM_INPUT_JSON_UNKNOWN;
}

SmmByteSource *smm_input_open(const char *path, const SmmCsvOptions *options, SmmInputFormat asked,
                              SmmInputFormat *format, GError **error)
{
    SmmByteSource *src = smm_byte_source_open(path, options, error);
    if (src == NULL)
        return NULL;
    *format = asked;
    if (asked != SMM_INPUT_AUTO)
        return src;
    const char *chunk;
    gssize len = smm_byte_source_peek(src, &chunk, error);
    if (len < 0) {
        smm_byte_source_close(src);
        return NULL;
    }
    *format = len > 0 ? smm_input_format_sniff(chunk, (gsize)len) : SMM_INPUT_CSV;
    if (*format == SMM_INPUT_JSON_UNKNOWN) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                    "%s:1: JSON of no shape smmgraph knows (not twarc's, Twitter's v1.1 or "
                    "Jetstream's); for CSV give --input-format csv",
                    smm_display_name(path));
        smm_byte_source_close(src);
        return NULL;
    }
    return src;
}
