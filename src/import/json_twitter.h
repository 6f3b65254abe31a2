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

typedef struct SmmTwitterExtractor SmmTwitterExtractor;

extern const SmmJsonExtractor smm_twitter_extractor;

/* Follows: (follower, followee). Reshares: (resharer, author, post id,
 * time) of the tweets in `want`. Counts what it leaves out in stats. */
SmmTwitterExtractor *smm_twitter_extractor_new(SmmTwitterRole role, guint want, SmmCsvStats *stats);
void smm_twitter_extractor_free(SmmTwitterExtractor *x);
/* Gives every account of `names` that a user object of the input named
 * its handle (username, v1.1 screen_name) as a label. */
void smm_twitter_extractor_label(SmmTwitterExtractor *x, SmmNames *names);

#endif
