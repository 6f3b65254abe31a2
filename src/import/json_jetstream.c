/* json_jetstream.c - Bluesky's Jetstream events, to follows or to reshares.
 *
 * Jetstream (bluesky-social/jetstream, v1 JSON) writes one event a line:
 * {"did", "time_us", "kind": "commit", "commit": {"rev", "operation",
 * "collection", "rkey", "record", "cid"}}, and "identity" and "account"
 * events, which are counted and skipped. Accounts are DIDs: handles change
 * hands and most identity events carry none.
 *
 * Follows are app.bsky.graph.follow creates: `did` follows record.subject.
 * A delete carries only the rkey, so each follow's row is remembered by a
 * hash of (did, rkey) until a delete takes it back (smm_json_drop). A
 * follow made before the capture cannot be deleted here: its delete is
 * counted.
 *
 * Reshares are app.bsky.feed.repost creates: (resharer, the DID in
 * record.subject.uri, that URI, record.createdAt). An app.bsky.feed.post
 * create that neither replies nor quotes is an original: its author
 * reshares it at its time, as json_twitter.c's posts. A repost or post
 * delete removes nothing: the reshare was seen. A repost's optional
 * record.via (a strongRef to the repost through which the user saw the
 * post, at://DID/app.bsky.feed.repost/RKEY) gives its DID as a fifth
 * column; empty when the record has none.
 */
#include "json_jetstream.h"

#include <string.h>

#include "smm/core.h"
#include "smm/names.h"
#include "smm/timestamp.h"

/* The containers wanted. */
enum {
    C_NONE,
    C_ROOT,         /* an event */
    C_COMMIT,       /* its commit */
    C_RECORD,       /* the commit's record */
    C_SUBJECT,      /* a repost's subject (a strongRef) */
    C_REPLY,        /* a post's reply */
    C_PARENT,       /* reply.parent */
    C_EMBED,        /* a post's embed */
    C_EMBED_RECORD, /* embed.record: a strongRef, or (recordWithMedia) an embed.record */
    C_EMBED_INNER,  /* embed.record.record, of a recordWithMedia */
    C_IDENTITY,     /* an identity event's identity */
    C_VIA,          /* a repost's via (a strongRef) */
};

enum {
    K_SKIP,
    K_DID,
    K_TIME_US,
    K_KIND,
    K_COMMIT,
    K_OPERATION,
    K_COLLECTION,
    K_RKEY,
    K_RECORD,
    K_SUBJECT,
    K_CREATED_AT,
    K_REPLY,
    K_PARENT,
    K_EMBED,
    K_TYPE, /* $type */
    K_URI,
    K_IDENTITY,
    K_HANDLE,
    K_VIA,
};

/* The kinds of post, by their bit in `want` (json_twitter.h). */
enum { T_POST, T_REPOST, T_QUOTE, T_REPLY };
G_STATIC_ASSERT(SMM_TWEET_POST == 1u << T_POST && SMM_TWEET_RETWEET == 1u << T_REPOST &&
                SMM_TWEET_QUOTE == 1u << T_QUOTE && SMM_TWEET_REPLY == 1u << T_REPLY);

typedef struct {
    const char *did, *time_us, *kind, *handle;
    gboolean has_commit;
    const char *operation, *collection, *rkey;
    const char *subject;     /* a follow's: the DID followed */
    const char *subject_uri; /* a repost's */
    const char *created_at;
    gboolean reply;
    const char *parent_uri;
    const char *embed_type, *embed_uri, *embed_inner_uri;
    const char *via_uri; /* a repost's record.via.uri */
} Event;

/* Records are known by a hash of (did, collection, rkey): a create met
 * again is a replay, and a follow's delete names its create. */
struct SmmJetstreamExtractor {
    SmmTwitterRole role;
    guint want;           /* 1 << T_* of the posts kept */
    SmmJsonArena strings; /* this line's */
    gboolean root_map, has_nul;
    Event ev;
    GString *key; /* (did, collection, rkey), to hash */
};

/* A copy for the rest of the line. The fields read are DIDs, keys, times
 * and URIs: one with a NUL (\u0000) would be cut short, so the line is
 * refused. */
static const char *keep(SmmJetstreamExtractor *x, const char *s, gsize len)
{
    if (memchr(s, '\0', len) != NULL)
        x->has_nul = TRUE;
    return smm_json_arena_keep(&x->strings, s, len);
}

#define IS(lit) (len == sizeof lit - 1 && memcmp(k, lit, sizeof lit - 1) == 0)

static int on_key(gpointer ex, int ctx, const char *k, gsize len)
{
    (void)ex;
    switch (ctx) {
    case C_ROOT:
        if (IS("did"))
            return K_DID;
        if (IS("time_us"))
            return K_TIME_US;
        if (IS("kind"))
            return K_KIND;
        if (IS("commit"))
            return K_COMMIT;
        if (IS("identity"))
            return K_IDENTITY;
        return K_SKIP;
    case C_IDENTITY: return IS("handle") ? K_HANDLE : K_SKIP;
    case C_COMMIT:
        if (IS("operation"))
            return K_OPERATION;
        if (IS("collection"))
            return K_COLLECTION;
        if (IS("rkey"))
            return K_RKEY;
        if (IS("record"))
            return K_RECORD;
        return K_SKIP;
    case C_RECORD:
        if (IS("subject"))
            return K_SUBJECT;
        if (IS("createdAt"))
            return K_CREATED_AT;
        if (IS("reply"))
            return K_REPLY;
        if (IS("embed"))
            return K_EMBED;
        if (IS("via"))
            return K_VIA;
        return K_SKIP;
    case C_REPLY: return IS("parent") ? K_PARENT : K_SKIP;
    case C_EMBED: return IS("$type") ? K_TYPE : IS("record") ? K_RECORD : K_SKIP;
    case C_EMBED_RECORD: return IS("uri") ? K_URI : IS("record") ? K_RECORD : K_SKIP;
    case C_SUBJECT:
    case C_PARENT:
    case C_VIA:
    case C_EMBED_INNER: return IS("uri") ? K_URI : K_SKIP;
    }
    return K_SKIP;
}

static int on_enter(gpointer ex, int ctx, int key, gboolean is_map)
{
    SmmJetstreamExtractor *x = ex;
    if (ctx == 0) {
        x->root_map = is_map;
        return is_map ? C_ROOT : 0;
    }
    if (!is_map)
        return 0;
    switch (ctx) {
    case C_ROOT:
        if (key == K_IDENTITY)
            return C_IDENTITY;
        if (key != K_COMMIT)
            return 0;
        x->ev.has_commit = TRUE;
        return C_COMMIT;
    case C_COMMIT: return key == K_RECORD ? C_RECORD : 0;
    case C_RECORD:
        switch (key) {
        case K_SUBJECT: return C_SUBJECT;
        case K_REPLY: x->ev.reply = TRUE; return C_REPLY;
        case K_EMBED: return C_EMBED;
        case K_VIA: return C_VIA;
        }
        return 0;
    case C_REPLY: return key == K_PARENT ? C_PARENT : 0;
    case C_EMBED: return key == K_RECORD ? C_EMBED_RECORD : 0;
    case C_EMBED_RECORD: return key == K_RECORD ? C_EMBED_INNER : 0;
    }
    return 0;
}

static void on_scalar(gpointer ex, int ctx, int key, SmmJsonType type, const char *s, gsize len)
{
    SmmJetstreamExtractor *x = ex;
    Event *e = &x->ev;
    if (ctx == C_ROOT && key == K_TIME_US) {
        if (type == SMM_JSON_NUMBER)
            e->time_us = keep(x, s, len);
        return;
    }
    if (type != SMM_JSON_STRING)
        return; /* every other field read is a string */
    switch (ctx) {
    case C_ROOT:
        if (key == K_DID)
            e->did = keep(x, s, len);
        else if (key == K_KIND)
            e->kind = keep(x, s, len);
        break;
    case C_COMMIT:
        if (key == K_OPERATION)
            e->operation = keep(x, s, len);
        else if (key == K_COLLECTION)
            e->collection = keep(x, s, len);
        else if (key == K_RKEY)
            e->rkey = keep(x, s, len);
        break;
    case C_RECORD:
        if (key == K_SUBJECT)
            e->subject = keep(x, s, len);
        else if (key == K_CREATED_AT)
            e->created_at = keep(x, s, len);
        break;
    case C_SUBJECT:
        if (key == K_URI)
            e->subject_uri = keep(x, s, len);
        break;
    case C_PARENT:
        if (key == K_URI)
            e->parent_uri = keep(x, s, len);
        break;
    case C_EMBED:
        if (key == K_TYPE)
            e->embed_type = keep(x, s, len);
        break;
    case C_EMBED_RECORD:
        if (key == K_URI)
            e->embed_uri = keep(x, s, len);
        break;
    case C_EMBED_INNER:
        if (key == K_URI)
            e->embed_inner_uri = keep(x, s, len);
        break;
    case C_IDENTITY:
        if (key == K_HANDLE)
            e->handle = keep(x, s, len);
        break;
    case C_VIA:
        if (key == K_URI)
            e->via_uri = keep(x, s, len);
        break;
    }
}

static void on_begin(gpointer ex)
{
    SmmJetstreamExtractor *x = ex;
    smm_json_arena_reset(&x->strings);
    memset(&x->ev, 0, sizeof x->ev);
    x->root_map = x->has_nul = FALSE;
}

/* The record's key: a hash of (did, collection, rkey), NUL-separated (the
 * fields hold no NUL). */
static guint64 record_key(SmmJetstreamExtractor *x)
{
    const Event *e = &x->ev;
    g_string_assign(x->key, e->did);
    g_string_append_len(x->key, "", 1);
    g_string_append(x->key, e->collection);
    g_string_append_len(x->key, "", 1);
    g_string_append(x->key, e->rkey);
    return smm_names_hash(x->key->str, (guint32)x->key->len);
}

/* at://AUTHORITY/COLLECTION/RKEY: the authority (the author's DID) kept,
 * and whether the collection is `collection` (NULL: any). */
static gboolean at_uri(SmmJetstreamExtractor *x, const char *uri, const char *collection,
                       const char **author)
{
    if (uri == NULL || !g_str_has_prefix(uri, "at://"))
        return FALSE;
    const char *a = uri + strlen("at://");
    const char *slash = strchr(a, '/');
    if (slash == NULL || slash == a)
        return FALSE;
    const char *coll = slash + 1, *end = strchr(coll, '/');
    if (end == NULL || end == coll || end[1] == '\0' || strchr(end + 1, '/') != NULL)
        return FALSE;
    if (collection != NULL && ((gsize)(end - coll) != strlen(collection) ||
                               memcmp(coll, collection, (gsize)(end - coll)) != 0))
        return FALSE;
    *author = keep(x, a, (gsize)(slash - a));
    return TRUE;
}

#define POST_URI "an at:// post URI (at://DID/app.bsky.feed.post/RKEY)"

/* The record's time: createdAt (the client's clock) when it is an ISO
 * date and time, else time_us (the relay's) as seconds, written to buf.
 * NULL: neither is readable. */
static const char *record_time(SmmJetstreamExtractor *x, char *buf, gsize size)
{
    const char *c = x->ev.created_at;
    double t;
    if (c != NULL && strlen(c) > 10 && c[4] == '-' &&
        (c[10] == 'T' || c[10] == 't' || c[10] == ' ') && smm_time_parse(c, strlen(c), &t))
        return c;
    guint64 us;
    if (x->ev.time_us == NULL ||
        !g_ascii_string_to_unsigned(x->ev.time_us, 10, 0, G_MAXUINT64, &us, NULL))
        return NULL;
    g_snprintf(buf, size, "%" G_GUINT64_FORMAT ".%06u", us / 1000000, (guint)(us % 1000000));
    return buf;
}

/* A follow create: its row, remembered for a delete (a replay of the
 * create, even after the delete, stays a repeat). */
static gboolean follow_create(SmmJetstreamExtractor *x, SmmJsonReader *r, GError **error)
{
    const Event *e = &x->ev;
    if (e->subject == NULL)
        return smm_json_fail(r, error, "a follow create without a subject (the DID followed)");
    if (!g_str_has_prefix(e->subject, "did:")) {
        g_autofree gchar *q = smm_quote_value(e->subject, -1);
        return smm_json_fail(r, error, "a follow's subject is %s; expected a DID (did:...)", q);
    }
    smm_json_guard(r, record_key(x), "creates met twice", TRUE);
    gboolean ok = smm_json_emit_text(r, e->did, e->subject, NULL, NULL, error);
    smm_json_guard_end(r);
    return ok;
}

static gboolean follows(SmmJetstreamExtractor *x, SmmJsonReader *r, gboolean is_follow,
                        GError **error)
{
    const char *op = x->ev.operation;
    if (strcmp(op, "update") == 0) {
        smm_json_left_out(r, "updates");
        return TRUE;
    }
    if (!is_follow) {
        smm_json_left_out(r, "records other than follows");
        return TRUE;
    }
    if (strcmp(op, "delete") == 0) {
        smm_json_take_back(r, record_key(x), "follow deletes with no create in the input");
        return TRUE;
    }
    return follow_create(x, r, error);
}

/* A repost create, or a post's: its row if its kind is wanted, and if no
 * create before was the same record (a replay). */
static gboolean guarded_post_row(SmmJetstreamExtractor *x, SmmJsonReader *r, gboolean is_repost,
                                 GError **error)
{
    const Event *e = &x->ev;
    /* a quote that replies is a quote, as on Twitter */
    gboolean quote =
        e->embed_type != NULL && (strcmp(e->embed_type, "app.bsky.embed.record") == 0 ||
                                  strcmp(e->embed_type, "app.bsky.embed.recordWithMedia") == 0);
    int type = is_repost ? T_REPOST : quote ? T_QUOTE : e->reply ? T_REPLY : T_POST;
    static const char *const skipped[] = {"original posts", "reposts", "quotes", "replies"};
    if ((x->want & (1u << type)) == 0) {
        smm_json_left_out(r, skipped[type]);
        return TRUE;
    }
    const char *author = NULL, *uri = NULL;
    g_autofree gchar *own = NULL;
    switch (type) {
    case T_POST:
        author = e->did;
        uri = own = g_strconcat("at://", e->did, "/app.bsky.feed.post/", e->rkey, NULL);
        break;
    case T_REPOST:
        uri = e->subject_uri;
        if (!at_uri(x, uri, "app.bsky.feed.post", &author)) {
            g_autofree gchar *q = smm_quote_value(uri != NULL ? uri : "", -1);
            return smm_json_fail(r, error, "a repost's subject.uri is %s; expected " POST_URI,
                                 uri != NULL ? q : "missing");
        }
        break;
    case T_QUOTE:
        uri =
            strcmp(e->embed_type, "app.bsky.embed.record") == 0 ? e->embed_uri : e->embed_inner_uri;
        if (!at_uri(x, uri, "app.bsky.feed.post", &author)) {
            const char *other;
            if (at_uri(x, uri, NULL, &other)) {
                /* a feed, a list or a starter pack: no post to reshare */
                smm_json_left_out(r, "quotes of records other than posts");
                return TRUE;
            }
            g_autofree gchar *q = smm_quote_value(uri != NULL ? uri : "", -1);
            return smm_json_fail(r, error,
                                 "a quote's embedded record uri is %s; expected " POST_URI,
                                 uri != NULL ? q : "missing");
        }
        break;
    case T_REPLY:
        uri = e->parent_uri;
        if (!at_uri(x, uri, "app.bsky.feed.post", &author)) {
            g_autofree gchar *q = smm_quote_value(uri != NULL ? uri : "", -1);
            return smm_json_fail(r, error, "a reply's reply.parent.uri is %s; expected " POST_URI,
                                 uri != NULL ? q : "missing");
        }
        break;
    }
    char buf[48];
    const char *time = record_time(x, buf, sizeof buf);
    if (time == NULL)
        return smm_json_fail(r, error, "a record without a readable createdAt or time_us");
    /* via: the DID of at://DID/...; anything else names no account */
    const char *via = NULL;
    if (type == T_REPOST && e->via_uri != NULL && g_str_has_prefix(e->via_uri, "at://")) {
        const char *a = e->via_uri + strlen("at://"), *slash = strchr(a, '/');
        if (slash != NULL && slash != a)
            via = keep(x, a, (gsize)(slash - a));
    }
    const char *f[5] = {e->did, author, uri, time, via};
    gsize len[5];
    for (guint i = 0; i < 5; i++)
        len[i] = f[i] != NULL ? strlen(f[i]) : 0;
    return smm_json_emit(r, f, len, error);
}

static gboolean post_row(SmmJetstreamExtractor *x, SmmJsonReader *r, gboolean is_repost,
                         GError **error)
{
    smm_json_guard(r, record_key(x), "creates met twice", FALSE);
    gboolean ok = guarded_post_row(x, r, is_repost, error);
    smm_json_guard_end(r);
    return ok;
}

static gboolean reshares(SmmJetstreamExtractor *x, SmmJsonReader *r, GError **error)
{
    const char *op = x->ev.operation, *coll = x->ev.collection;
    gboolean repost = strcmp(coll, "app.bsky.feed.repost") == 0;
    gboolean post = strcmp(coll, "app.bsky.feed.post") == 0;
    if (strcmp(op, "delete") == 0) {
        /* the reshare was seen: a delete takes nothing back */
        smm_json_left_out(r,
                          repost || post ? "post and repost deletes" : "deletes of other records");
        return TRUE;
    }
    if (strcmp(op, "update") == 0) {
        smm_json_left_out(r, "updates");
        return TRUE;
    }
    if (repost || post)
        return post_row(x, r, repost, error);
    smm_json_left_out(r, strcmp(coll, "app.bsky.feed.like") == 0      ? "likes"
                         : strcmp(coll, "app.bsky.graph.follow") == 0 ? "follows"
                                                                      : "other records");
    return TRUE;
}

static gboolean on_record(gpointer ex, SmmJsonReader *r, GError **error)
{
    SmmJetstreamExtractor *x = ex;
    const Event *e = &x->ev;
    if (!x->root_map) {
        return smm_json_fail(r, error, "expected a JSON object (a Jetstream event)");
    }
    if (x->has_nul) {
        return smm_json_fail(r, error, "a DID, key, time or URI holds a NUL character (\\u0000)");
    }
    if (e->did == NULL || e->kind == NULL) {
        return smm_json_fail(r, error, "a Jetstream event without %s",
                             e->did == NULL ? "a did" : "a kind");
    }
    /* handles change: the last one given stays; handle.invalid is none */
    if (strcmp(e->kind, "identity") == 0 && e->handle != NULL && *e->handle != '\0' &&
        strcmp(e->handle, "handle.invalid") != 0)
        smm_json_handle(r, e->did, strlen(e->did), e->handle, strlen(e->handle), TRUE);
    if (strcmp(e->kind, "commit") != 0) {
        smm_json_left_out(r, strcmp(e->kind, "identity") == 0  ? "identity events"
                             : strcmp(e->kind, "account") == 0 ? "account events"
                                                               : "events of other kinds");
        return TRUE;
    }
    const char *missing = !e->has_commit          ? "a commit"
                          : e->collection == NULL ? "a collection"
                          : e->operation == NULL  ? "an operation"
                          : e->rkey == NULL       ? "an rkey"
                                                  : NULL;
    if (missing != NULL) {
        return smm_json_fail(r, error, "a commit event without %s", missing);
    }
    const char *op = e->operation;
    if (strcmp(op, "create") != 0 && strcmp(op, "update") != 0 && strcmp(op, "delete") != 0) {
        g_autofree gchar *q = smm_quote_value(op, -1);
        return smm_json_fail(r, error,
                             "a commit's operation is %s; expected create, update or delete", q);
    }
    if (x->role == SMM_TWITTER_FOLLOWS)
        return follows(x, r, strcmp(e->collection, "app.bsky.graph.follow") == 0, error);
    return reshares(x, r, error);
}

static gpointer create(gconstpointer config)
{
    const SmmJsonRole *role = config;
    SmmJetstreamExtractor *x = g_new0(SmmJetstreamExtractor, 1);
    x->role = role->role;
    x->want = role->want;
    smm_json_arena_init(&x->strings);
    x->key = g_string_new(NULL);
    return x;
}

static void destroy(gpointer ex)
{
    SmmJetstreamExtractor *x = ex;
    smm_json_arena_clear(&x->strings);
    g_string_free(x->key, TRUE);
    g_free(x);
}

const SmmJsonExtractor smm_jetstream_extractor = {
    .create = create,
    .destroy = destroy,
    .begin = on_begin,
    .key = on_key,
    .enter = on_enter,
    .scalar = on_scalar,
    .record = on_record,
};
