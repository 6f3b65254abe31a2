/* rng.c - bounded integers from the SplitMix64 streams of rng.h. */
#include "smm/rng.h"

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
