/* json_jetstream.h - Bluesky's Jetstream events (v1 JSON) to follows or
 * reshares. Private to the import stage. */
#ifndef SMM_JSON_JETSTREAM_H
#define SMM_JSON_JETSTREAM_H

#include "json_reader.h"
#include "smm/names.h"
#include "json_twitter.h"

typedef struct SmmJetstreamExtractor SmmJetstreamExtractor;

extern const SmmJsonExtractor smm_jetstream_extractor;

/* What the follows role holds per follow read (the map from (did, rkey) to
 * its row, for the deletes: 16-byte slots, 3/8 to 3/4 used), for the
 * memory budget. */
#define SMM_JETSTREAM_BYTES_PER_FOLLOW 40

/* Follows: (follower, followee); a follow deleted later in the input is
 * taken back with smm_json_drop(). Reshares: (resharer, author, post URI,
 * time) of the records in `want` (SMM_TWEET_*: post, retweet for a repost,
 * quote, reply). Roles as json_twitter.h's. Counts what it leaves out in
 * stats. */
SmmJetstreamExtractor *smm_jetstream_extractor_new(SmmTwitterRole role, guint want,
                                                   SmmCsvStats *stats);
void smm_jetstream_extractor_free(SmmJetstreamExtractor *x);
/* Gives every account of `names` that an identity event named its handle
 * (the last one given) as a label. */
void smm_jetstream_extractor_label(SmmJetstreamExtractor *x, SmmNames *names);

#endif
