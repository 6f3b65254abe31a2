/* checksum.c - a fast 64-bit checksum for graph files.
 *
 * XXH64 with seed 0 (Y. Collet's xxHash; tests/unit/test_graph_file.c checks
 * it against Debian's xxhsum): four lanes over 32-byte stripes,
 * acc = rotl(acc + word * P2, 31) * P1, merged and avalanche-mixed with the
 * length. It detects damage (bad sectors, truncation, stray writes, a file
 * from something else), not tampering; it runs near memory bandwidth.
 *
 * Large arrays are hashed in blocks of SMM_CHECKSUM_BLOCK bytes on all
 * threads, and the checksum is that of the block checksums in order, so it
 * does not depend on the number of threads.
 */
#include "smm/checksum.h"

#include <string.h>

#include "smm/bytes.h"
#include "smm/parallel.h"

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline guint64 rotl(guint64 x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline guint64 lane(guint64 acc, guint64 word)
{
    return rotl(acc + word * P2, 31) * P1;
}

static inline guint64 merge(guint64 h, guint64 acc)
{
    return (h ^ lane(0, acc)) * P1 + P4;
}

guint64 smm_checksum(const void *data, gsize len)
{
    const guint8 *p = data, *end = p + len;
    guint64 h;
    if (len >= 32) {
        guint64 v1 = P1 + P2, v2 = P2, v3 = 0, v4 = 0 - P1;
        for (; p + 32 <= end; p += 32) {
            v1 = lane(v1, smm_load_le64(p));
            v2 = lane(v2, smm_load_le64(p + 8));
            v3 = lane(v3, smm_load_le64(p + 16));
            v4 = lane(v4, smm_load_le64(p + 24));
        }
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = merge(merge(merge(merge(h, v1), v2), v3), v4);
    } else {
        h = P5;
    }
    h += len;
    for (; p + 8 <= end; p += 8)
        h = rotl(h ^ lane(0, smm_load_le64(p)), 27) * P1 + P4;
    if (p + 4 <= end) {
        h = rotl(h ^ (smm_load_le32(p) * P1), 23) * P2 + P3;
        p += 4;
    }
    for (; p < end; p++)
        h = rotl(h ^ (*p * P5), 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

typedef struct {
    const guint8 *data;
    gsize len;
    guint64 *block_sum;
} Job;

static void sum_block(guint64 b, guint thread, gpointer ctx)
{
    Job *job = ctx;
    gsize at = (gsize)b * SMM_CHECKSUM_BLOCK;
    job->block_sum[b] =
        GUINT64_TO_LE(smm_checksum(job->data + at, MIN(SMM_CHECKSUM_BLOCK, job->len - at)));
}

guint64 smm_checksum_blocks(const void *data, gsize len, guint n_threads)
{
    gsize n_blocks = (len + SMM_CHECKSUM_BLOCK - 1) / SMM_CHECKSUM_BLOCK;
    g_autofree guint64 *block_sum = g_new(guint64, MAX(n_blocks, 1));
    Job job = {.data = data, .len = len, .block_sum = block_sum};
    smm_parallel_blocks(n_blocks, n_threads, sum_block, &job);
    return smm_checksum(block_sum, n_blocks * sizeof(guint64));
}
