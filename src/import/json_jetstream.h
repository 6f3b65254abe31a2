/* json_jetstream.h - Bluesky's Jetstream events (v1 JSON) to follows or
 * reshares. Private to the import stage. */
#ifndef SMM_JSON_JETSTREAM_H
#define SMM_JSON_JETSTREAM_H

#include "json_reader.h"
#include "smm/names.h"
#include "json_twitter.h"
#include "seen_set.h"

typedef struct SmmJetstreamExtractor SmmJetstreamExtractor;

/* Follows: (follower, followee); a follow deleted later in the input is
 * taken back (smm_json_take_back). Reshares: (resharer, author, post URI,
 * time) of the records wanted (SMM_TWEET_*: post, retweet for a repost,
 * quote, reply). Roles as json_twitter.h's. Handles: the last one an
 * identity event gave each DID. */
extern const SmmJsonExtractor smm_jetstream_extractor;

/* What the follows role holds per follow read (the map from (did, rkey) to
 * its row, for the deletes), for the memory budget. */
#define SMM_JETSTREAM_BYTES_PER_FOLLOW SMM_KEY_MAP_BYTES_PER_KEY

#endif
