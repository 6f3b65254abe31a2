/* input_format.c - --input-format's names, and the format of an input
 * from its first line. */
#include "input_format_private.h"

#include <string.h>

#include "smm/core.h"
#include <yajl/yajl_parse.h>

static const char *const names[] = {"auto", "csv", "twarc", "tweets-v1", "jetstream"};

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
    if (i == len || text[i] != '{')
        return SMM_INPUT_CSV;
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
