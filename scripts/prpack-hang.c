/* prpack-hang.c - igraph 0.10.2's PRPACK PageRank looping forever on a star,
 * for the record (run by hand, never by the test suite; not part of
 * smmgraph).
 *
 *   cc scripts/prpack-hang.c $(pkg-config --cflags --libs igraph) -o /tmp/prpack-hang
 *   timeout 10 /tmp/prpack-hang 200000 10; echo $?     # 124: killed by timeout
 *   timeout 10 /tmp/prpack-hang 200000 7; echo $?      # 0: finishes at once
 *
 * The graph: accounts 1..K follow nobody, account 0 follows them, and N
 * more accounts follow account 0 only. Every account is its own strongly
 * connected component. PRPACK's solve_via_scc_gs (src/centrality/prpack/
 * prpack_solver.cpp) runs Gauss-Seidel on each component until
 *     err / (1 - alpha) < tol * |C| / n,     tol = 1e-10 (igraph's choice),
 * with no iteration cap. For account 0, after its first update
 *     x = (alpha * s + 1/n) / K,   err = |(1/n + alpha * s) - x * K|,
 * s the sum of its followers' scores: a value near 0.85, divided by K and
 * multiplied back. Unless K is a power of two that is often one rounding
 * unit off (1.1e-16), and nothing changes from one sweep to the next, so
 * once n exceeds about 1.4e5 the bound (1.5e-11 / n) is never met. This
 * program replays that arithmetic first and says which case it expects,
 * then calls igraph_pagerank. smmgraph's own PageRank (src/metrics/
 * pagerank.c) finishes on the same graph in at most 180 steps with the
 * closed-form answer (tests/unit/test_centrality.c, /centrality/prpack-hang-star).
 * Debian's python3-igraph 0.10.2 carries its own build of the C core and
 * happens to finish.
 */
#include <igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: prpack-hang FOLLOWERS FOLLOWEES\n");
        return 2;
    }
    igraph_integer_t N = atoll(argv[1]), K = atoll(argv[2]), n = N + K + 1;
    const double alpha = 0.85, tol = 1e-10;
    double uv = 1.0 / (double)n, s = 0.0;
    for (igraph_integer_t i = 0; i < N; i++)
        s += uv;
    double x = (alpha * s + uv) / 1.0 / (double)K;
    double err = fabs(uv + alpha * s - 1.0 * x * (double)K);
    int loops = err / (1 - alpha) >= tol / (double)n;
    printf("account 0: residual %.3g, bound %.3g: expect %s\n", err / (1 - alpha),
           tol / (double)n, loops ? "an endless loop" : "an answer");
    fflush(stdout);

    igraph_vector_int_t e;
    igraph_vector_int_init(&e, 2 * (N + K));
    igraph_integer_t at = 0;
    for (igraph_integer_t v = 1; v <= K; v++) {
        VECTOR(e)[at++] = 0;
        VECTOR(e)[at++] = v;
    }
    for (igraph_integer_t v = K + 1; v < n; v++) {
        VECTOR(e)[at++] = v;
        VECTOR(e)[at++] = 0;
    }
    igraph_t g;
    igraph_create(&g, &e, n, IGRAPH_DIRECTED);
    igraph_vector_t pr;
    igraph_vector_init(&pr, 0);
    igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &pr, NULL, igraph_vss_all(), IGRAPH_DIRECTED,
                    alpha, NULL, NULL);
    double c = 1.0 / ((double)n + alpha * (double)N + alpha + alpha * alpha * (double)N);
    printf("igraph_pagerank returned: account 0 %.17g, closed form %.17g\n", VECTOR(pr)[0],
           c * (1 + alpha * (double)N));
    igraph_vector_destroy(&pr);
    igraph_destroy(&g);
    igraph_vector_int_destroy(&e);
    return 0;
}
