/* json_twitter.c - Twitter's JSON as twarc writes it, to follows or to
 * reshares.
 *
 * One extractor reads all of twarc's shapes, line by line, mixed in one
 * file as `cat` makes them: API v2 response pages ({"data": [...],
 * "includes": {...}, "__twarc": {...}}), flattened v2 tweets (`twarc2
 * flatten`: one tweet with its author and referenced tweets merged in),
 * followers/following pages (the queried account only in __twarc.url), and
 * v1.1 tweets (id_str, user, retweeted_status). Accounts are user ids:
 * handles change hands and are missing where ids are not, and an id names
 * the same account in every file of the platform.
 *
 * A retweet's original author is not in the retweet: on a page it is
 * includes.tweets[id].author_id, flattened it is the referenced tweet's
 * author_id. An original not there (deleted, protected) is counted and
 * skipped. Rows are (resharer, author, post, time, type) with type retweet,
 * quote, reply or post (an original: its author reshares it at its time).
 */
#include "json_twitter.h"

#include <string.h>

#include "smm/core.h"
#include "smm/names.h"
#include "smm/timestamp.h"

/* The containers wanted. */
enum {
    C_NONE,
    C_ROOT,     /* a page, a flattened tweet or a v1.1 tweet */
    C_DATA,     /* a page's data */
    C_ITEM,     /* a tweet (or a user, on a followers page) in data */
    C_REFS,     /* referenced_tweets of the root or of an item */
    C_REF,      /* one of them */
    C_REF_USER, /* a flattened reference's author */
    C_AUTHOR,   /* a flattened tweet's author */
    C_INCLUDES, /* a page's includes */
    C_I_TWEETS, /* includes.tweets */
    C_I_TWEET,  /* one of them */
    C_I_USERS,  /* includes.users */
    C_I_USER,   /* one of them */
    C_TWARC,    /* __twarc */
    C_V1_USER,  /* user */
    C_V1_RT,    /* retweeted_status */
    C_V1_RT_USER,
    C_V1_QUOTED, /* quoted_status */
    C_V1_QUOTED_USER,
};

enum {
    K_SKIP,
    K_DATA,
    K_INCLUDES,
    K_TWARC,
    K_ERRORS,
    K_ID,
    K_ID_STR,
    K_AUTHOR_ID,
    K_CREATED_AT,
    K_REFS,
    K_TYPE,
    K_AUTHOR,
    K_USERNAME,
    K_USER,
    K_TWEETS,
    K_USERS,
    K_URL,
    K_REPLY_USER, /* in_reply_to_user_id(_str) */
    K_REPLY_ID,   /* in_reply_to_status_id_str (v1.1) */
    K_QUOTED_ID,  /* quoted_status_id_str (v1.1) */
    K_TIMESTAMP_MS,
    K_RT,     /* retweeted_status */
    K_QUOTED, /* quoted_status */
    K_NOTICE, /* delete, limit, ... (v1.1 stream notices) */
};

enum { REF_NONE, REF_RETWEET, REF_QUOTE, REF_REPLY };

typedef struct {
    const char *id, *author_id, *created_at, *username, *timestamp_ms;
    const char *ref_id[4], *ref_author[4]; /* by REF_* */
    const char *reply_user;
} Tweet;

typedef struct {
    int type;
    const char *id, *author_id;
} Ref;

struct SmmTwitterExtractor {
    SmmTwitterRole role;
    guint want;           /* 1 << REF_* of the reshare types kept; REF_NONE: posts */
    SmmJsonArena strings; /* this line's */
    gboolean root_map;
    gboolean has_data, has_errors, has_notice, v1, has_nul;
    Tweet root;
    GArray *items; /* Tweet, a page's data */
    Ref ref;
    Tweet *ref_owner;
    GHashTable *i_tweets;        /* includes.tweets: id -> author_id */
    const char *i_id, *i_author; /* the include being read */
    const char *url;
    const char *u_id, *u_name; /* the user object being read */
};

/* A copy for the rest of the line. The fields read are ids, times and
 * URLs: one with a NUL (\u0000) would be cut short, so the line is refused. */
static const char *keep(SmmTwitterExtractor *x, const char *s, gsize len)
{
    if (memchr(s, '\0', len) != NULL)
        x->has_nul = TRUE;
    return smm_json_arena_keep(&x->strings, s, len);
}

#define IS(lit) (len == sizeof lit - 1 && memcmp(k, lit, sizeof lit - 1) == 0)

static int tweet_key(const char *k, gsize len)
{
    if (IS("id"))
        return K_ID;
    if (IS("author_id"))
        return K_AUTHOR_ID;
    if (IS("created_at"))
        return K_CREATED_AT;
    if (IS("referenced_tweets"))
        return K_REFS;
    if (IS("in_reply_to_user_id"))
        return K_REPLY_USER;
    if (IS("username"))
        return K_USERNAME;
    return K_SKIP;
}

static int on_key(gpointer ex, int ctx, const char *k, gsize len)
{
    (void)ex;
    switch (ctx) {
    case C_ROOT:
        if (IS("data"))
            return K_DATA;
        if (IS("includes"))
            return K_INCLUDES;
        if (IS("__twarc"))
            return K_TWARC;
        if (IS("errors"))
            return K_ERRORS;
        if (IS("author"))
            return K_AUTHOR;
        if (IS("id_str"))
            return K_ID_STR;
        if (IS("user"))
            return K_USER;
        if (IS("retweeted_status"))
            return K_RT;
        if (IS("quoted_status"))
            return K_QUOTED;
        if (IS("quoted_status_id_str"))
            return K_QUOTED_ID;
        if (IS("in_reply_to_status_id_str"))
            return K_REPLY_ID;
        if (IS("in_reply_to_user_id_str"))
            return K_REPLY_USER;
        if (IS("timestamp_ms"))
            return K_TIMESTAMP_MS;
        if (IS("delete") || IS("limit") || IS("scrub_geo") || IS("status_withheld") ||
            IS("user_withheld") || IS("disconnect") || IS("warning"))
            return K_NOTICE;
        return tweet_key(k, len);
    case C_ITEM: return tweet_key(k, len);
    case C_REF:
        if (IS("type"))
            return K_TYPE;
        if (IS("id"))
            return K_ID;
        if (IS("author_id"))
            return K_AUTHOR_ID;
        if (IS("author"))
            return K_AUTHOR;
        return K_SKIP;
    case C_AUTHOR:
    case C_REF_USER:
    case C_I_USER: return IS("id") ? K_ID : IS("username") ? K_USERNAME : K_SKIP;
    case C_INCLUDES: return IS("tweets") ? K_TWEETS : IS("users") ? K_USERS : K_SKIP;
    case C_I_TWEET: return IS("id") ? K_ID : IS("author_id") ? K_AUTHOR_ID : K_SKIP;
    case C_TWARC: return IS("url") ? K_URL : K_SKIP;
    case C_V1_USER:
    case C_V1_RT_USER:
    case C_V1_QUOTED_USER: return IS("id_str") ? K_ID_STR : IS("screen_name") ? K_USERNAME : K_SKIP;
    case C_V1_RT:
    case C_V1_QUOTED: return IS("id_str") ? K_ID_STR : IS("user") ? K_USER : K_SKIP;
    }
    return K_SKIP;
}

static int choose_context(SmmTwitterExtractor *x, int ctx, int key, gboolean is_map)
{
    if (ctx == 0) {
        x->root_map = is_map;
        return is_map ? C_ROOT : 0;
    }
    switch (ctx) {
    case C_ROOT:
        switch (key) {
        case K_DATA: x->has_data = TRUE; return is_map ? 0 : C_DATA;
        case K_INCLUDES: return is_map ? C_INCLUDES : 0;
        case K_TWARC: return is_map ? C_TWARC : 0;
        case K_REFS: x->ref_owner = &x->root; return is_map ? 0 : C_REFS;
        case K_AUTHOR: return is_map ? C_AUTHOR : 0;
        case K_USER: x->v1 = TRUE; return is_map ? C_V1_USER : 0;
        case K_RT: x->v1 = TRUE; return is_map ? C_V1_RT : 0;
        case K_QUOTED: return is_map ? C_V1_QUOTED : 0;
        case K_ERRORS: x->has_errors = TRUE; return 0;
        case K_NOTICE: x->has_notice = TRUE; return 0;
        }
        return 0;
    case C_DATA:
        if (!is_map)
            return 0;
        g_array_set_size(x->items, x->items->len + 1);
        return C_ITEM;
    case C_ITEM:
        if (key != K_REFS || is_map)
            return 0;
        x->ref_owner = &g_array_index(x->items, Tweet, x->items->len - 1);
        return C_REFS;
    case C_REFS: x->ref = (Ref){0}; return is_map ? C_REF : 0;
    case C_REF: return key == K_AUTHOR && is_map ? C_REF_USER : 0;
    case C_INCLUDES:
        return is_map ? 0 : key == K_TWEETS ? C_I_TWEETS : key == K_USERS ? C_I_USERS : 0;
    case C_I_TWEETS: x->i_id = x->i_author = NULL; return is_map ? C_I_TWEET : 0;
    case C_I_USERS: return is_map ? C_I_USER : 0;
    case C_V1_RT: return key == K_USER && is_map ? C_V1_RT_USER : 0;
    case C_V1_QUOTED: return key == K_USER && is_map ? C_V1_QUOTED_USER : 0;
    }
    return 0;
}

static gboolean is_user(int ctx)
{
    return ctx == C_I_USER || ctx == C_AUTHOR || ctx == C_REF_USER || ctx == C_V1_USER ||
           ctx == C_V1_RT_USER || ctx == C_V1_QUOTED_USER;
}

static int on_enter(gpointer ex, int ctx, int key, gboolean is_map)
{
    SmmTwitterExtractor *x = ex;
    int child = choose_context(x, ctx, key, is_map);
    if (is_user(child))
        x->u_id = x->u_name = NULL;
    return child;
}

/* A user object's handle: the first one an id is seen with stays. */
static void add_handle(SmmJsonReader *r, const char *id, const char *name)
{
    if (id != NULL && name != NULL)
        smm_json_handle(r, id, strlen(id), name, strlen(name), FALSE);
}

static void on_leave(gpointer ex, SmmJsonReader *r, int ctx)
{
    SmmTwitterExtractor *x = ex;
    if (is_user(ctx)) {
        add_handle(r, x->u_id, x->u_name);
        return;
    }
    if (ctx == C_REF && x->ref_owner != NULL && x->ref.type != REF_NONE && x->ref.id != NULL) {
        x->ref_owner->ref_id[x->ref.type] = x->ref.id;
        x->ref_owner->ref_author[x->ref.type] = x->ref.author_id;
    } else if (ctx == C_I_TWEET && x->i_id != NULL && x->i_author != NULL) {
        g_hash_table_insert(x->i_tweets, (gpointer)x->i_id, (gpointer)x->i_author);
    }
}

static void user_field(SmmTwitterExtractor *x, int key, const char *s, gsize len)
{
    if (key == K_ID || key == K_ID_STR)
        x->u_id = keep(x, s, len);
    else if (key == K_USERNAME)
        x->u_name = keep(x, s, len);
}

static void on_scalar(gpointer ex, int ctx, int key, SmmJsonType type, const char *s, gsize len)
{
    SmmTwitterExtractor *x = ex;
    if (type != SMM_JSON_STRING && !(type == SMM_JSON_NUMBER && key == K_ID))
        return; /* v2 ids are strings; a number id is v1.1's, read from id_str */
    Tweet *t = ctx == C_ROOT   ? &x->root
               : ctx == C_ITEM ? &g_array_index(x->items, Tweet, x->items->len - 1)
                               : NULL;
    if (t != NULL) {
        switch (key) {
        case K_ID:
            if (type == SMM_JSON_STRING)
                t->id = keep(x, s, len);
            break;
        case K_ID_STR:
            t->id = keep(x, s, len);
            x->v1 = TRUE;
            break;
        case K_AUTHOR_ID: t->author_id = keep(x, s, len); break;
        case K_CREATED_AT: t->created_at = keep(x, s, len); break;
        case K_USERNAME: t->username = keep(x, s, len); break;
        case K_REPLY_USER: t->reply_user = keep(x, s, len); break;
        case K_REPLY_ID: t->ref_id[REF_REPLY] = keep(x, s, len); break;
        case K_QUOTED_ID: t->ref_id[REF_QUOTE] = keep(x, s, len); break;
        case K_TIMESTAMP_MS: t->timestamp_ms = keep(x, s, len); break;
        }
        return;
    }
    if (is_user(ctx))
        user_field(x, key, s, len);
    switch (ctx) {
    case C_REF:
        if (key == K_TYPE)
            x->ref.type = len == 9 && memcmp(s, "retweeted", 9) == 0      ? REF_RETWEET
                          : len == 6 && memcmp(s, "quoted", 6) == 0       ? REF_QUOTE
                          : len == 10 && memcmp(s, "replied_to", 10) == 0 ? REF_REPLY
                                                                          : REF_NONE;
        else if (key == K_ID)
            x->ref.id = keep(x, s, len);
        else if (key == K_AUTHOR_ID)
            x->ref.author_id = keep(x, s, len);
        break;
    case C_REF_USER:
        if (key == K_ID && x->ref.author_id == NULL)
            x->ref.author_id = keep(x, s, len);
        break;
    case C_AUTHOR:
        if (key == K_ID && x->root.author_id == NULL)
            x->root.author_id = keep(x, s, len);
        break;
    case C_I_TWEET:
        if (key == K_ID)
            x->i_id = keep(x, s, len);
        else if (key == K_AUTHOR_ID)
            x->i_author = keep(x, s, len);
        break;
    case C_TWARC:
        if (key == K_URL)
            x->url = keep(x, s, len);
        break;
    case C_V1_USER:
        if (key == K_ID_STR)
            x->root.author_id = keep(x, s, len);
        break;
    case C_V1_RT:
        if (key == K_ID_STR)
            x->root.ref_id[REF_RETWEET] = keep(x, s, len);
        break;
    case C_V1_RT_USER:
        if (key == K_ID_STR)
            x->root.ref_author[REF_RETWEET] = keep(x, s, len);
        break;
    case C_V1_QUOTED_USER:
        if (key == K_ID_STR)
            x->root.ref_author[REF_QUOTE] = keep(x, s, len);
        break;
    }
}

static void on_begin(gpointer ex)
{
    SmmTwitterExtractor *x = ex;
    smm_json_arena_reset(&x->strings);
    g_hash_table_remove_all(x->i_tweets);
    g_array_set_size(x->items, 0);
    memset(&x->root, 0, sizeof x->root);
    x->root_map = x->has_data = x->has_errors = x->has_notice = x->v1 = x->has_nul = FALSE;
    x->url = NULL;
    x->ref_owner = NULL;
}

/* The queried account of a followers or following page, from its URL
 * (https://api.twitter.com/2/users/ID/followers?...): the id, and whether
 * the page's users follow it (followers) or it follows them. */
static gboolean follows_page(const char *url, gchar **id, gboolean *followers)
{
    const char *at = url != NULL ? strstr(url, "/2/users/") : NULL;
    if (at == NULL)
        return FALSE;
    at += strlen("/2/users/");
    const char *slash = strchr(at, '/');
    if (slash == NULL || slash == at)
        return FALSE;
    const char *what = slash + 1;
    if (g_str_has_prefix(what, "followers"))
        *followers = TRUE;
    else if (g_str_has_prefix(what, "following"))
        *followers = FALSE;
    else
        return FALSE;
    *id = g_strndup(at, (gsize)(slash - at));
    return TRUE;
}

static gboolean bad_time(SmmJsonReader *r, const char *s, GError **error)
{
    g_autofree gchar *q = smm_quote_value(s != NULL ? s : "", -1);
    return smm_json_fail(r, error, "a tweet's created_at is %s; expected " SMM_TIME_FORMATS,
                         s != NULL ? q : "missing");
}

/* One tweet's row, if its type is wanted: what it says is done only if no
 * tweet before had its id. */
static gboolean guarded_row(SmmTwitterExtractor *x, SmmJsonReader *r, const Tweet *t,
                            gboolean on_page, GError **error)
{
    /* a quote that replies is a quote */
    int type = t->ref_id[REF_RETWEET] != NULL ? REF_RETWEET
               : t->ref_id[REF_QUOTE] != NULL ? REF_QUOTE
               : t->ref_id[REF_REPLY] != NULL ? REF_REPLY
                                              : REF_NONE;
    static const char *const skipped[] = {"original posts", "retweets", "quotes", "replies"};
    if ((x->want & (1u << type)) == 0) {
        smm_json_left_out(r, skipped[type]);
        return TRUE;
    }
    const char *time = t->created_at;
    g_autofree gchar *from_ms = NULL;
    if (t->timestamp_ms != NULL && strlen(t->timestamp_ms) > 3) {
        gsize n = strlen(t->timestamp_ms);
        from_ms =
            g_strdup_printf("%.*s.%s", (int)(n - 3), t->timestamp_ms, t->timestamp_ms + n - 3);
        time = from_ms;
    }
    double seconds;
    if (time == NULL || !smm_time_parse(time, (guint32)strlen(time), &seconds))
        return bad_time(r, time, error);
    if (type == REF_NONE)
        return smm_json_emit_text(r, t->author_id, t->author_id, t->id, time, error);
    const char *author = t->ref_author[type];
    if (author == NULL && on_page)
        author = g_hash_table_lookup(x->i_tweets, t->ref_id[type]);
    if (author == NULL && type == REF_REPLY)
        author = t->reply_user;
    if (author == NULL) {
        static const char *const missing[] = {NULL, "retweets whose original is missing",
                                              "quotes whose original is missing",
                                              "replies whose original is missing"};
        smm_json_left_out(r, missing[type]);
        return TRUE;
    }
    return smm_json_emit_text(r, t->author_id, author, t->ref_id[type], time, error);
}

static gboolean tweet_row(SmmTwitterExtractor *x, SmmJsonReader *r, const Tweet *t,
                          gboolean on_page, GError **error)
{
    if (t->id == NULL || t->author_id == NULL)
        return smm_json_fail(r, error, "a tweet without %s",
                             t->id == NULL ? "an id" : "an author_id");
    smm_json_guard(r, smm_names_hash(t->id, (guint32)strlen(t->id)), "tweets met twice", FALSE);
    gboolean ok = guarded_row(x, r, t, on_page, error);
    smm_json_guard_end(r);
    return ok;
}

static gboolean on_record(gpointer ex, SmmJsonReader *r, GError **error)
{
    SmmTwitterExtractor *x = ex;
    if (!x->root_map)
        return smm_json_fail(r, error, "expected a JSON object (a tweet or a page of them)");
    if (x->has_nul)
        return smm_json_fail(r, error, "an id, time or URL holds a NUL character (\\u0000)");
    g_autofree gchar *queried = NULL;
    gboolean followers = FALSE;
    gboolean is_follows = x->has_data && follows_page(x->url, &queried, &followers);
    if (x->role == SMM_TWITTER_FOLLOWS) {
        if (!is_follows) {
            smm_json_left_out(r, x->has_data || x->root.author_id != NULL || x->v1
                                     ? "tweet records (not followers pages)"
                                     : "records of no known shape");
            return TRUE;
        }
        for (guint i = 0; i < x->items->len; i++) {
            const Tweet *u = &g_array_index(x->items, Tweet, i);
            if (u->id == NULL)
                return smm_json_fail(r, error, "a user without an id on a %s page",
                                     followers ? "followers" : "following");
            add_handle(r, u->id, u->username);
            if (!(followers ? smm_json_emit_text(r, u->id, queried, NULL, NULL, error)
                            : smm_json_emit_text(r, queried, u->id, NULL, NULL, error)))
                return FALSE;
        }
        return TRUE;
    }
    if (is_follows) {
        smm_json_left_out(r, "followers pages");
        return TRUE;
    }
    if (x->has_data) {
        for (guint i = 0; i < x->items->len; i++)
            if (!tweet_row(x, r, &g_array_index(x->items, Tweet, i), TRUE, error))
                return FALSE;
        return TRUE;
    }
    if (x->root.author_id != NULL || x->root.id != NULL)
        return tweet_row(x, r, &x->root, FALSE, error);
    if (x->has_notice) {
        smm_json_left_out(r, "stream notices");
        return TRUE;
    }
    if (x->has_errors) {
        smm_json_left_out(r, "lines of errors only");
        return TRUE;
    }
    return smm_json_fail(r, error,
                         "a JSON object of no shape twarc writes: no data (a page), author_id (a "
                         "flattened tweet) or id_str (a v1.1 tweet)");
}

static gpointer create(gconstpointer config)
{
    const SmmJsonRole *role = config;
    SmmTwitterExtractor *x = g_new0(SmmTwitterExtractor, 1);
    x->role = role->role;
    x->want = role->want;
    smm_json_arena_init(&x->strings);
    x->items = g_array_new(FALSE, TRUE, sizeof(Tweet));
    x->i_tweets = g_hash_table_new(g_str_hash, g_str_equal);
    return x;
}

static void destroy(gpointer ex)
{
    SmmTwitterExtractor *x = ex;
    smm_json_arena_clear(&x->strings);
    g_array_unref(x->items);
    g_hash_table_unref(x->i_tweets);
    g_free(x);
}

const SmmJsonExtractor smm_twitter_extractor = {
    .create = create,
    .destroy = destroy,
    .begin = on_begin,
    .key = on_key,
    .enter = on_enter,
    .leave = on_leave,
    .scalar = on_scalar,
    .record = on_record,
};
