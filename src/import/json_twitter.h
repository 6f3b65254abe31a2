/* json_twitter.h - twarc's JSON (pages, flattened tweets, followers pages,
 * v1.1 tweets) to follows or reshares. Private to the import stage. */
#ifndef SMM_JSON_TWITTER_H
#define SMM_JSON_TWITTER_H

#include "json_reader.h"
#include "smm/names.h"

typedef enum { SMM_TWITTER_FOLLOWS, SMM_TWITTER_RESHARES } SmmTwitterRole;

/* The tweets a reshare log keeps (the others are counted as left out). */
enum {
    SMM_TWEET_POST = 1u << 0, /* an original: its author, at its time */
    SMM_TWEET_RETWEET = 1u << 1,
    SMM_TWEET_QUOTE = 1u << 2,
    SMM_TWEET_REPLY = 1u << 3,
};

/* What an extractor is made for: the role, and the posts a reshare log
 * keeps (SMM_TWEET_*; the others are counted as left out). */
typedef struct {
    SmmTwitterRole role;
    guint want;
} SmmJsonRole;

typedef struct SmmTwitterExtractor SmmTwitterExtractor;

/* Follows: (follower, followee). Reshares: (resharer, author, post id,
 * time) of the tweets wanted. Handles: the username of the first user
 * object (v1.1 screen_name) seen for each id. */
extern const SmmJsonExtractor smm_twitter_extractor;

#endif
