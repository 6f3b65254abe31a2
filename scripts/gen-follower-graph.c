/* gen-follower-graph.c - synthetic follower graphs that look like real ones,
 * for scripts/bench (never part of smmgraph; the bench compiles it with cc).
 *
 *   gen-follower-graph ACCOUNTS FOLLOWS_PER_ACCOUNT RECIPROCITY SEED > graph.csv
 *
 * Preferential attachment (Barabasi-Albert) by the linear-time method of
 * Batagelj and Brandes ("Efficient generation of large random networks",
 * Phys. Rev. E 71, 2005): account v follows FOLLOWS_PER_ACCOUNT distinct
 * older accounts, each picked with probability proportional to its degree
 * so far, so follower counts are heavy-tailed. Each follow v -> u is then
 * returned (u -> v added) with probability RECIPROCITY; Kwak, Lee, Park and
 * Moon (WWW 2010) measured 22.1% reciprocal follows on Twitter. With
 * RECIPROCITY 0 the graph is a DAG.
 *
 * Output: "follower,followee" header, one row per follow, in a seeded
 * pseudo-random order (a Feistel permutation of the row slots, so nothing
 * but the BA endpoint array is held: 8 bytes per follow before returns).
 * Names are "u" and 10 hex digits of a bijection of the account number, so
 * they are unique, handle-like (11 bytes) and not in id order. No self-loops
 * and no duplicate rows. Same arguments, same bytes.
 *
 * Kwak et al.'s Twitter graph (41.7M accounts, 1.47B follows):
 *   gen-follower-graph 41700000 29 0.22 1
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t mix(uint64_t x)
{
    uint64_t s = x;
    return splitmix(&s);
}

/* uniform in [0, bound) */
static uint64_t below(uint64_t *state, uint64_t bound)
{
    return (uint64_t)(((unsigned __int128)splitmix(state) * bound) >> 64);
}

/* A bijection of [0, 2^40): odd multiplications and xor-shifts, each
 * invertible modulo 2^40. */
static uint64_t name_number(uint64_t id)
{
    const uint64_t mask = (1ULL << 40) - 1;
    uint64_t x = id & mask;
    for (int r = 0; r < 3; r++) {
        x = (x * 0x9E3779B97F4A7C15ULL) & mask;
        x ^= x >> 19;
        x = (x * 0xC2B2AE3D27D4EB4FULL) & mask;
        x ^= x >> 23;
    }
    return x;
}

/* A pseudo-random permutation of [0, n): a balanced Feistel network on the
 * smallest even number of bits that holds n, with cycle walking. */
typedef struct {
    uint64_t n, half_mask;
    int half_bits;
    uint64_t key[4];
} Permutation;

static void permutation_init(Permutation *p, uint64_t n, uint64_t seed)
{
    int bits = 2;
    while (bits < 64 && (1ULL << bits) < n)
        bits += 2;
    p->n = n;
    p->half_bits = bits / 2;
    p->half_mask = (1ULL << p->half_bits) - 1;
    uint64_t s = seed ^ 0x5eed5eed5eedULL;
    for (int i = 0; i < 4; i++)
        p->key[i] = splitmix(&s);
}

static uint64_t permute(const Permutation *p, uint64_t x)
{
    do {
        uint64_t l = x >> p->half_bits, r = x & p->half_mask;
        for (int i = 0; i < 4; i++) {
            uint64_t t = l ^ (mix(r ^ p->key[i]) & p->half_mask);
            l = r;
            r = t;
        }
        x = (l << p->half_bits) | r;
    } while (x >= p->n);
    return x;
}

static char *put_name(char *at, uint32_t id)
{
    static const char hex[] = "0123456789abcdef";
    uint64_t x = name_number(id);
    *at++ = 'u';
    for (int i = 9; i >= 0; i--)
        at[9 - i] = hex[(x >> (4 * i)) & 15];
    return at + 10;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: gen-follower-graph ACCOUNTS FOLLOWS_PER_ACCOUNT RECIPROCITY SEED\n");
        return 2;
    }
    uint64_t n = strtoull(argv[1], NULL, 10);
    uint64_t k = strtoull(argv[2], NULL, 10);
    double reciprocity = strtod(argv[3], NULL);
    uint64_t seed = strtoull(argv[4], NULL, 10);
    if (n < 2 || n > 0xFFFFFFFFULL || k < 1 || k > 1000 || !(reciprocity >= 0 && reciprocity <= 1)) {
        fprintf(stderr, "gen-follower-graph: bad arguments\n");
        return 2;
    }

    /* ends[2e] follows ends[2e + 1]. A pick is a uniform draw among all
     * endpoints so far: degree-proportional. Accounts 0..k are a seed clique
     * in the making: account v < k+1 follows all older ones. */
    uint64_t cap = 2 * n * k;
    uint32_t *ends = malloc(cap * sizeof(uint32_t));
    if (ends == NULL) {
        fprintf(stderr, "gen-follower-graph: out of memory for %" PRIu64 " follows\n", n * k);
        return 1;
    }
    uint64_t rng = seed, e = 0;
    for (uint64_t v = 1; v < n; v++) {
        uint64_t first = e;
        uint64_t want = v <= k ? v : k;
        for (uint64_t i = 0; i < want; i++) {
            uint32_t u = 0;
            if (v <= k) {
                u = (uint32_t)i;
            } else {
                int repeat = 1;
                for (int tries = 0; repeat && tries < 64; tries++) {
                    u = ends[below(&rng, 2 * first)];
                    repeat = 0;
                    for (uint64_t f = first; f < e; f++)
                        repeat |= ends[2 * f + 1] == u;
                }
                if (repeat)
                    continue;
            }
            ends[2 * e] = (uint32_t)v;
            ends[2 * e + 1] = u;
            e++;
        }
    }

    /* Row slot 2f is follow f, slot 2f + 1 its return (present with
     * probability `reciprocity`, decided by a hash of f). */
    uint64_t threshold = reciprocity >= 1.0 ? UINT64_MAX : (uint64_t)(reciprocity * 18446744073709551616.0);
    Permutation perm;
    permutation_init(&perm, 2 * e, seed);
    static char buf[1 << 20];
    size_t used = 0;
    used += (size_t)sprintf(buf, "follower,followee\n");
    uint64_t rows = 0;
    for (uint64_t s = 0; s < 2 * e; s++) {
        uint64_t slot = permute(&perm, s);
        uint64_t f = slot >> 1;
        uint32_t a = ends[2 * f], b = ends[2 * f + 1];
        if (slot & 1) {
            if (mix(f ^ (seed * 0x9E3779B97F4A7C15ULL)) >= threshold)
                continue;
            uint32_t t = a;
            a = b;
            b = t;
        }
        char *at = put_name(buf + used, a);
        *at++ = ',';
        at = put_name(at, b);
        *at++ = '\n';
        used = (size_t)(at - buf);
        rows++;
        if (used > sizeof buf - 64) {
            if (fwrite(buf, 1, used, stdout) != used)
                return 1;
            used = 0;
        }
    }
    if (fwrite(buf, 1, used, stdout) != used || fflush(stdout) != 0) {
        perror("gen-follower-graph");
        return 1;
    }
    fprintf(stderr, "gen-follower-graph: %" PRIu64 " accounts, %" PRIu64 " follows (%" PRIu64
                    " returned)\n",
            n, rows, rows - e);
    free(ends);
    return 0;
}
