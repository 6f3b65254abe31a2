/* rng.h - the only source of randomness in smmgraph.
 *
 * xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64. Every
 * random choice derives from the user's --seed and a stream number: a sample's
 * index, never a thread's, so results do not depend on how work is split.
 */
#ifndef SMM_RNG_H
#define SMM_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} SmmRng;

/* Seeds `rng` with the stream `stream` of the generator family `seed`. Streams
 * with different (seed, stream) pairs are statistically independent. */
void smm_rng_init(SmmRng *rng, uint64_t seed, uint64_t stream);

static inline uint64_t smm_rng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t smm_rng_next(SmmRng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = smm_rng_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = smm_rng_rotl(s[3], 45);
    return result;
}

/* Uniform double in [0, 1), 53 random bits. */
static inline double smm_rng_uniform(SmmRng *rng)
{
    return (double)(smm_rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Uniform double in (0, 1]: safe to pass to log(). */
static inline double smm_rng_uniform_pos(SmmRng *rng)
{
    return (double)((smm_rng_next(rng) >> 11) + 1) * 0x1.0p-53;
}

/* Uniform integer in [0, bound), bound > 0, without modulo bias (Lemire 2019). */
uint64_t smm_rng_below(SmmRng *rng, uint64_t bound);

/* SplitMix64 finaliser: a strong 64-bit mix, also used to derive streams. */
static inline uint64_t smm_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

#endif
