/* rng.c - seeding xoshiro256** streams from (seed, stream). */
#include "smm/rng.h"

void smm_rng_init(SmmRng *rng, uint64_t seed, uint64_t stream)
{
    /* Two rounds of mixing so that nearby (seed, stream) pairs give unrelated
     * states; SplitMix64 then fills the four words (never all zero). */
    uint64_t z =
        smm_mix64(seed ^ 0x9e3779b97f4a7c15ULL) ^ smm_mix64(stream + 0x632be59bd9b4e019ULL);
    for (int i = 0; i < 4; i++) {
        z += 0x9e3779b97f4a7c15ULL;
        rng->s[i] = smm_mix64(z);
    }
}

uint64_t smm_rng_below(SmmRng *rng, uint64_t bound)
{
    /* Lemire's multiply-and-reject: unbiased, one division only when rejecting. */
    unsigned __int128 m = (unsigned __int128)smm_rng_next(rng) * bound;
    uint64_t low = (uint64_t)m;
    if (low < bound) {
        uint64_t threshold = -bound % bound;
        while (low < threshold) {
            m = (unsigned __int128)smm_rng_next(rng) * bound;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}
