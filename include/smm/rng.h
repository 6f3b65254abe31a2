/* rng.h - the only source of randomness in smmgraph.
 *
 * SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014; passes BigCrush): a 64-bit counter advanced by
 * the golden gamma and hashed. Every random choice draws from a stream
 * named by the user's --seed and a stream number, a sample's index (an RR
 * set, a simulation run), never a thread's, so results do not depend on how
 * work is split. A stream starts at a hash of (seed, stream): one mix to
 * start, one per draw, which suits the millions of short streams of RR
 * sampling; streams overlap with negligible probability.
 */
#ifndef SMM_RNG_H
#define SMM_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t state;
} SmmRng;

/* SplitMix64's finaliser: a strong 64-bit mix, also used to derive streams. */
static inline uint64_t smm_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Starts `rng` at stream `stream` of the generator family `seed`. */
static inline void smm_rng_init(SmmRng *rng, uint64_t seed, uint64_t stream)
{
    rng->state = smm_mix64(seed * 0xd1342543de82ef95ULL + (stream ^ 0x632be59bd9b4e019ULL));
}

static inline uint64_t smm_rng_next(SmmRng *rng)
{
    rng->state += 0x9e3779b97f4a7c15ULL;
    return smm_mix64(rng->state);
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

#endif
