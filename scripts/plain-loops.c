/* plain-loops.c - the per-iteration floor for smmgraph's iterative kernels:
 * plain C loops over the same CSR, for scripts/bench (never part of
 * smmgraph; the bench compiles it with cc -O2 -fopenmp).
 *
 *   plain-loops FOLLOWERS.csv [--iterations N] [--threads 1,2] [--scores OUT.csv]
 *               [--renumber none,degree,bfs,rcm] [--rounds R]
 *               [--variant pull,blocked,binned,binpos] [--block W1,W2]
 *
 * Input: a header row, then rows "follower,followee" of unquoted fields
 * (what gen-follower-graph writes; a third field and a CR are ignored).
 * Names are interned in order of first appearance by an open-addressing
 * table of its own; self-loops and repeated rows are dropped, as smmgraph
 * drops them. The CSR is SmmGraph's layout: uint64 offsets, uint32 ids,
 * follower lists (in) and followee lists (out), each row sorted by id.
 *
 * Kernels, as plainly as C allows (no blocking, no prefetching); each thread
 * count runs one warm-up iteration, then --iterations timed ones (default
 * 10), rows in OpenMP chunks of 4096:
 *   pagerank  one pass for the shares x_j / out(j) and the dangling mass D,
 *             then the pull x_i <- (1 - d)/n + d (sum over followers j of
 *             share_j + D/n), d = 0.85, with the L1 change of the step;
 *   hits      a <- A^T h (pull over follower lists), h <- A a (pull over
 *             followee lists), each scaled to a maximum of 1 through the
 *             maximum taken in the same loop: two products per iteration.
 * LeaderRank has PageRank's shape (a share pass and one pull), so the bench
 * compares it with the pagerank loop. Parallel sums here are in OpenMP's
 * order: this program only times, its scores are not reproducible to the
 * last bit across thread counts (smmgraph's are).
 *
 * --renumber LIST (issue 7: does reading memory in order pay?): for each
 * numbering in turn, in one process so one loaded machine sees them all,
 * relabel the accounts, rebuild the CSR under the new ids (rows sorted) and
 * time the kernels on it; the CSR of the file stays as it is, one
 * renumbered copy at a time beside it. Every tie goes to the old id.
 *   none    ids in order of first appearance (the file's order);
 *   degree  by follower count, descending;
 *   bfs     breadth-first over the undirected graph (neighbours by old id)
 *           from the account of largest in + out degree, restarting at the
 *           next unvisited account in old-id order;
 *   rcm     reverse Cuthill-McKee (Cuthill and McKee 1969; George 1971),
 *           degree = in + out, each component from its unvisited account of
 *           least degree, siblings by degree ascending.
 * Each prints its own cost, the order and the CSR rebuild (O(n + m)
 * scattered writes; bfs and rcm also O(m) for the traversal, rcm
 * O(n log n) for the sibling sorts). --rounds R repeats the whole list R
 * times (interleaved A/B). With --renumber each line names the numbering
 * (and the round if R > 1):
 *   plain-loops: pagerank 2 threads renumber=degree: 12.3 ms per iteration (...)
 * Without it the output is as it always was (scripts/bench parses it).
 *
 * --variant LIST (issue 7: does propagation blocking make a PageRank step
 * flat per follow once the vectors outgrow the caches?): for each numbering,
 * time the PageRank step of each variant in turn (HITS only with pull);
 * blocked, binned and binpos run once per width W of --block (accounts,
 * a power of two; default 131072,1048576: L2 holds 128K doubles):
 *   pull     the loop above;
 *   blocked  cache-blocked pull: a segmented CSR, built once, lists for
 *            each segment of W follower ids the pairs (account i, its
 *            followers in the segment) in ascending i; the step adds
 *            segment by segment into y_i, so each segment's shares are
 *            gathered while they sit in cache. Extra 4 B per follow + 8 B
 *            per pair (pairs <= follows); one barrier per segment;
 *   binned   propagation blocking (S. Beamer, K. Asanovic, D. Patterson,
 *            "Reducing PageRank communication via propagation blocking",
 *            IPDPS 2017): the step streams the followee lists and writes
 *            each share into the bin of its destination's range of W
 *            accounts, then adds each bin into its slice of y, which sits
 *            in cache. The destinations in the bins never change, so they
 *            are written once (Beamer's own refinement): 4 B per follow of
 *            destinations + 8 B per follow of values, rewritten each step;
 *   binpos   binned, with the position of every out-edge's value also
 *            stored once (4 B more per follow): the scatter then carries no
 *            bin cursor from one store to the next.
 * The bins are laid out bin, then chunk of 16384 sources, then source, and
 * each chunk writes its own fixed range: every y_i receives its terms in
 * ascending follower order from 0.0, as the pull adds them, whatever the
 * thread count, so the scores of all variants equal the pull's bit for bit
 * (--scores writes OUT-pull.csv, OUT-blocked131072.csv, ...: compare with
 * cmp). Each line names the variant, and a "build" line gives the one-off
 * build time and extra memory:
 *   plain-loops: pagerank 2 threads variant=binpos131072: 18.4 ms per ...
 *
 * --scores OUT.csv: afterwards, on one thread, iterate PageRank until the L1
 * change is below 1e-13 and HITS until no score moves by more than 1e-13,
 * and write account,pagerank,authority,hub: the check that these loops
 * compute what they claim (compare with python3-igraph by hand). Rows are
 * in old-id order whatever the numbering; with several numberings (first
 * round only) each writes OUT-NAME.csv, and the files must agree to 1e-12
 * (only the order of each sum changes; measured 1e-13 relative at most on
 * ba-r-10m).
 *
 * Output on stdout, one line per measurement:
 *   plain-loops: pagerank 2 threads: 12.345 ms per iteration (median of 10; min 12.1, max 13.0)
 * Cost: reading O(file) with one hash lookup per name; CSR O(n + m) in three
 * counting passes; memory about 20 B per follow + 60 B per account (the
 * name table is freed after reading; a renumbered copy adds 8 B per follow
 * + 16 B per account, 4 B more per follow while it is built; a variant's
 * structure, one at a time, adds what its line above says).
 */
#include <errno.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHUNK 4096
#define DAMPING 0.85

static void die(const char *what)
{
    fprintf(stderr, "plain-loops: %s\n", what);
    exit(1);
}

static void *xmalloc(size_t bytes)
{
    void *p = malloc(bytes ? bytes : 1);
    if (p == NULL)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t bytes)
{
    p = realloc(p, bytes ? bytes : 1);
    if (p == NULL)
        die("out of memory");
    return p;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ------------------------------------------------------------ names */

typedef struct {
    uint64_t *slots; /* hash tag << 32 | (id + 1); 0 = empty */
    uint64_t mask;
    char *bytes; /* every name once, NUL-terminated */
    uint64_t used, cap;
    uint64_t *start; /* id -> offset in bytes */
    uint32_t count, start_cap;
} Names;

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h ^ (h >> 29);
}

static void names_init(Names *t)
{
    memset(t, 0, sizeof *t);
    t->mask = (1u << 16) - 1;
    t->slots = calloc(t->mask + 1, sizeof(uint64_t));
    if (t->slots == NULL)
        die("out of memory");
}

static void names_grow(Names *t)
{
    uint64_t old_mask = t->mask;
    uint64_t *old = t->slots;
    t->mask = 2 * old_mask + 1;
    t->slots = calloc(t->mask + 1, sizeof(uint64_t));
    if (t->slots == NULL)
        die("out of memory");
    for (uint64_t i = 0; i <= old_mask; i++) {
        if (old[i] == 0)
            continue;
        uint32_t id = (uint32_t)old[i] - 1;
        const char *s = t->bytes + t->start[id];
        uint64_t j = hash_bytes(s, strlen(s)) & t->mask;
        while (t->slots[j] != 0)
            j = (j + 1) & t->mask;
        t->slots[j] = old[i];
    }
    free(old);
}

static uint32_t names_intern(Names *t, const char *s, size_t len)
{
    uint64_t h = hash_bytes(s, len);
    uint64_t tag = h >> 32;
    for (uint64_t j = h & t->mask;; j = (j + 1) & t->mask) {
        uint64_t slot = t->slots[j];
        if (slot == 0) {
            if (t->count == UINT32_MAX - 1)
                die("more than 2^32 - 2 accounts");
            uint32_t id = t->count++;
            if (id == t->start_cap) {
                t->start_cap = t->start_cap ? 2 * t->start_cap : 1024;
                t->start = xrealloc(t->start, sizeof(uint64_t) * t->start_cap);
            }
            while (t->used + len + 1 > t->cap) {
                t->cap = t->cap ? 2 * t->cap : 1 << 20;
                t->bytes = xrealloc(t->bytes, t->cap);
            }
            t->start[id] = t->used;
            memcpy(t->bytes + t->used, s, len);
            t->bytes[t->used + len] = '\0';
            t->used += len + 1;
            t->slots[j] = tag << 32 | (uint64_t)(id + 1);
            if (2 * (uint64_t)t->count > t->mask)
                names_grow(t);
            return id;
        }
        if (slot >> 32 == tag) {
            uint32_t id = (uint32_t)slot - 1;
            const char *name = t->bytes + t->start[id];
            if (strncmp(name, s, len) == 0 && name[len] == '\0')
                return id;
        }
    }
}

/* ------------------------------------------------------------ reading */

typedef struct {
    uint32_t *ends; /* follower, followee pairs */
    uint64_t m, cap, rows, self_loops;
} Edges;

static void add_row(Names *names, Edges *e, const char *line, size_t len, const char *path,
                    uint64_t lineno)
{
    if (len > 0 && line[len - 1] == '\r')
        len--;
    if (len == 0)
        return;
    const char *comma = memchr(line, ',', len);
    if (comma == NULL) {
        fprintf(stderr, "plain-loops: %s:%llu: no comma\n", path, (unsigned long long)lineno);
        exit(1);
    }
    const char *second = comma + 1;
    size_t rest = len - (size_t)(second - line);
    const char *end = memchr(second, ',', rest);
    size_t second_len = end ? (size_t)(end - second) : rest;
    uint32_t a = names_intern(names, line, (size_t)(comma - line));
    uint32_t b = names_intern(names, second, second_len);
    e->rows++;
    if (a == b) {
        e->self_loops++;
        return;
    }
    if (e->m == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 1 << 20;
        e->ends = xrealloc(e->ends, sizeof(uint32_t) * 2 * e->cap);
    }
    e->ends[2 * e->m] = a;
    e->ends[2 * e->m + 1] = b;
    e->m++;
}

static void read_csv(const char *path, Names *names, Edges *e)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "plain-loops: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t size = 16u << 20, have = 0;
    char *buf = xmalloc(size);
    uint64_t lineno = 0;
    int header = 1;
    for (;;) {
        size_t got = fread(buf + have, 1, size - have, f);
        have += got;
        int last = got == 0;
        size_t pos = 0;
        for (;;) {
            char *nl = memchr(buf + pos, '\n', have - pos);
            if (nl == NULL && !(last && pos < have))
                break;
            size_t len = nl ? (size_t)(nl - (buf + pos)) : have - pos;
            lineno++;
            if (header)
                header = 0;
            else
                add_row(names, e, buf + pos, len, path, lineno);
            pos += len + (nl != NULL);
        }
        memmove(buf, buf + pos, have - pos);
        have -= pos;
        if (last)
            break;
        if (have == size) {
            size *= 2;
            buf = xrealloc(buf, size);
        }
    }
    if (ferror(f))
        die("read error");
    fclose(f);
    free(buf);
}

/* ------------------------------------------------------------ CSR */

typedef struct {
    uint32_t n;
    uint64_t m;
    uint64_t *out_off, *in_off;
    uint32_t *out_adj, *in_adj;
    uint64_t duplicates;
} Csr;

static uint64_t *offsets(uint32_t n, const uint32_t *key, uint64_t m, size_t stride)
{
    uint64_t *off = calloc((size_t)n + 1, sizeof(uint64_t));
    if (off == NULL)
        die("out of memory");
    for (uint64_t i = 0; i < m; i++)
        off[key[i * stride] + 1]++;
    for (uint32_t v = 0; v < n; v++)
        off[v + 1] += off[v];
    return off;
}

/* Row u of the result lists the v with u in row v, ascending. */
static void transpose(uint32_t n, const uint64_t *off, const uint32_t *adj, uint64_t **t_off,
                      uint32_t **t_adj)
{
    uint64_t m = off[n];
    uint64_t *toff = offsets(n, adj, m, 1);
    uint64_t *next = xmalloc(sizeof(uint64_t) * n);
    memcpy(next, toff, sizeof(uint64_t) * n);
    uint32_t *tadj = xmalloc(sizeof(uint32_t) * m);
    for (uint32_t v = 0; v < n; v++)
        for (uint64_t e = off[v]; e < off[v + 1]; e++)
            tadj[next[adj[e]]++] = v;
    free(next);
    *t_off = toff;
    *t_adj = tadj;
}

static void build_csr(uint32_t n, Edges *e, Csr *g)
{
    /* Followee lists in file order, then follower lists (sorted by the
     * transpose), repeats dropped there, then sorted followee lists. */
    uint64_t *off0 = offsets(n, e->ends, e->m, 2);
    uint64_t *next = xmalloc(sizeof(uint64_t) * ((size_t)n + 1));
    memcpy(next, off0, sizeof(uint64_t) * ((size_t)n + 1));
    uint32_t *adj0 = xmalloc(sizeof(uint32_t) * e->m);
    for (uint64_t i = 0; i < e->m; i++)
        adj0[next[e->ends[2 * i]]++] = e->ends[2 * i + 1];
    free(next);
    free(e->ends);
    e->ends = NULL;
    transpose(n, off0, adj0, &g->in_off, &g->in_adj);
    free(off0);
    free(adj0);
    uint64_t w = 0;
    for (uint32_t u = 0; u < n; u++) {
        uint64_t lo = g->in_off[u], hi = g->in_off[u + 1];
        g->in_off[u] = w;
        for (uint64_t k = lo; k < hi; k++)
            if (k == lo || g->in_adj[k] != g->in_adj[k - 1])
                g->in_adj[w++] = g->in_adj[k];
    }
    g->duplicates = g->in_off[n] - w;
    g->in_off[n] = w;
    g->in_adj = xrealloc(g->in_adj, sizeof(uint32_t) * w);
    g->n = n;
    g->m = w;
    transpose(n, g->in_off, g->in_adj, &g->out_off, &g->out_adj);
}

/* ------------------------------------------------------------ renumbering */

/* The orders of --renumber. Each fills order[new] = old for every account;
 * every tie is broken by the old id, so the order depends only on the graph. */
typedef enum { RENUMBER_NONE, RENUMBER_DEGREE, RENUMBER_BFS, RENUMBER_RCM } Renumber;
static const char *const renumber_names[] = {"none", "degree", "bfs", "rcm"};

static uint64_t in_degree(const Csr *g, uint32_t v)
{
    return g->in_off[v + 1] - g->in_off[v];
}

/* Undirected degree as both lists count it: a mutual pair counts twice. */
static uint64_t both_degree(const Csr *g, uint32_t v)
{
    return in_degree(g, v) + g->out_off[v + 1] - g->out_off[v];
}

/* Accounts by key descending (or ascending), ties by old id: a counting
 * sort, O(n + largest key). */
static void order_by_key(uint32_t n, const uint64_t *key, int descending, uint32_t *order)
{
    uint64_t top = 0;
    for (uint32_t v = 0; v < n; v++)
        top = key[v] > top ? key[v] : top;
    uint64_t *start = calloc((size_t)top + 2, sizeof(uint64_t));
    if (start == NULL)
        die("out of memory");
    for (uint32_t v = 0; v < n; v++)
        start[(descending ? top - key[v] : key[v]) + 1]++;
    for (uint64_t d = 0; d <= top; d++)
        start[d + 1] += start[d];
    for (uint32_t v = 0; v < n; v++)
        order[start[descending ? top - key[v] : key[v]]++] = v;
    free(start);
}

static void order_degree(const Csr *g, uint32_t *order)
{
    uint64_t *key = xmalloc(sizeof(uint64_t) * g->n);
    for (uint32_t v = 0; v < g->n; v++)
        key[v] = in_degree(g, v);
    order_by_key(g->n, key, 1, order);
    free(key);
}

/* Appends the unvisited neighbours of u over the undirected graph to
 * order[*tail...], ascending by old id (a merge of the two sorted lists). */
static void visit_neighbours(const Csr *g, uint32_t u, uint8_t *seen, uint32_t *order,
                             uint32_t *tail)
{
    uint64_t a = g->out_off[u], a_end = g->out_off[u + 1];
    uint64_t b = g->in_off[u], b_end = g->in_off[u + 1];
    while (a < a_end || b < b_end) {
        uint32_t v;
        if (b == b_end || (a < a_end && g->out_adj[a] <= g->in_adj[b]))
            v = g->out_adj[a++];
        else
            v = g->in_adj[b++];
        if (!seen[v]) {
            seen[v] = 1;
            order[(*tail)++] = v;
        }
    }
}

/* BFS over the undirected graph from the account of largest in + out
 * degree, then from each next unvisited account in old-id order. */
static void order_bfs(const Csr *g, uint32_t *order)
{
    const uint32_t n = g->n;
    uint8_t *seen = calloc(n, 1);
    if (seen == NULL)
        die("out of memory");
    uint32_t first = 0;
    for (uint32_t v = 1; v < n; v++)
        if (both_degree(g, v) > both_degree(g, first))
            first = v;
    uint32_t head = 0, tail = 0, next_start = 0;
    seen[first] = 1;
    order[tail++] = first;
    for (;;) {
        while (head < tail)
            visit_neighbours(g, order[head++], seen, order, &tail);
        while (next_start < n && seen[next_start])
            next_start++;
        if (next_start == n)
            break;
        seen[next_start] = 1;
        order[tail++] = next_start;
    }
    free(seen);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Reverse Cuthill-McKee (Cuthill and McKee 1969; George 1971) on the
 * undirected graph, degree = in + out: each component from its unvisited
 * account of least degree (no pseudo-peripheral search), the neighbours
 * found from one account queued by degree ascending, then the whole order
 * reversed. Every account is sorted once among its siblings: O(m + n log n). */
static void order_rcm(const Csr *g, uint32_t *order)
{
    const uint32_t n = g->n;
    uint64_t *key = xmalloc(sizeof(uint64_t) * n);
    for (uint32_t v = 0; v < n; v++)
        key[v] = both_degree(g, v);
    uint32_t *starts = xmalloc(sizeof(uint32_t) * n);
    order_by_key(n, key, 0, starts);
    uint8_t *seen = calloc(n, 1);
    uint64_t *sib = xmalloc(sizeof(uint64_t) * n);
    if (seen == NULL)
        die("out of memory");
    uint32_t head = 0, tail = 0, next_start = 0;
    for (;;) {
        while (head < tail) {
            uint32_t from = tail;
            visit_neighbours(g, order[head++], seen, order, &tail);
            if (tail - from < 2)
                continue;
            /* Degrees stay below 2^32 (ids are uint32, lists have no repeats). */
            for (uint32_t k = from; k < tail; k++)
                sib[k - from] = key[order[k]] << 32 | order[k];
            qsort(sib, tail - from, sizeof(uint64_t), cmp_u64);
            for (uint32_t k = from; k < tail; k++)
                order[k] = (uint32_t)sib[k - from];
        }
        while (next_start < n && seen[starts[next_start]])
            next_start++;
        if (next_start == n)
            break;
        seen[starts[next_start]] = 1;
        order[tail++] = starts[next_start];
    }
    for (uint32_t i = 0, j = n - 1; i < j; i++, j--) {
        uint32_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    free(key);
    free(starts);
    free(seen);
    free(sib);
}

/* The CSR of g under new ids (new_of[old]), rows sorted: followee lists in
 * the new row order with unsorted rows, then the two transposes of
 * build_csr sort them. O(n + m), mostly scattered writes. */
static void relabel_csr(const Csr *g, const uint32_t *order, const uint32_t *new_of, Csr *r)
{
    const uint32_t n = g->n;
    uint64_t *off = xmalloc(sizeof(uint64_t) * ((size_t)n + 1));
    uint32_t *adj = xmalloc(sizeof(uint32_t) * (g->m ? g->m : 1));
    off[0] = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t u = order[i];
        uint64_t w = off[i];
        for (uint64_t e = g->out_off[u]; e < g->out_off[u + 1]; e++)
            adj[w++] = new_of[g->out_adj[e]];
        off[i + 1] = w;
    }
    transpose(n, off, adj, &r->in_off, &r->in_adj);
    free(off);
    free(adj);
    transpose(n, r->in_off, r->in_adj, &r->out_off, &r->out_adj);
    r->n = n;
    r->m = g->m;
    r->duplicates = g->duplicates;
}

static void csr_free(Csr *g)
{
    free(g->out_off);
    free(g->out_adj);
    free(g->in_off);
    free(g->in_adj);
    memset(g, 0, sizeof *g);
}

/* ------------------------------------------------------------ kernels */

typedef struct {
    const Csr *g;
    double *inv_out; /* 1 / out(j), 0 for accounts that follow nobody */
    uint32_t *dangling;
    uint32_t n_dangling;
    double *x, *next, *share;
    double *a, *h; /* HITS, each scaled by the other's 1 / max */
    double scale_a, scale_h;
    const struct Blocked *blocked; /* --variant blocked */
    struct Binned *binned;         /* --variant binned (its values change each step) */
} Work;

static double pagerank_step(Work *w)
{
    const Csr *g = w->g;
    const uint32_t n = g->n;
    double dangling = 0.0, change = 0.0;
    double *x = w->x, *share = w->share, *next = w->next;
#pragma omp parallel for schedule(dynamic, CHUNK)
    for (uint32_t j = 0; j < n; j++)
        share[j] = x[j] * w->inv_out[j];
#pragma omp parallel for schedule(static) reduction(+ : dangling)
    for (uint32_t k = 0; k < w->n_dangling; k++)
        dangling += x[w->dangling[k]];
    const double base = (1.0 - DAMPING) / n + DAMPING * dangling / n;
#pragma omp parallel for schedule(dynamic, CHUNK) reduction(+ : change)
    for (uint32_t i = 0; i < n; i++) {
        double sum = 0.0;
        for (uint64_t e = g->in_off[i]; e < g->in_off[i + 1]; e++)
            sum += share[g->in_adj[e]];
        double v = base + DAMPING * sum;
        change += fabs(v - x[i]);
        next[i] = v;
    }
    w->x = next;
    w->next = x;
    return change;
}

/* One product: out_i = scale_in * sum over row i of in_j; returns the
 * largest raw sum, whose inverse scales the next product. */
static double product(uint32_t n, const uint64_t *off, const uint32_t *adj, const double *in,
                      double scale_in, double *out)
{
    double top = 0.0;
#pragma omp parallel for schedule(dynamic, CHUNK) reduction(max : top)
    for (uint32_t i = 0; i < n; i++) {
        double sum = 0.0;
        for (uint64_t e = off[i]; e < off[i + 1]; e++)
            sum += in[adj[e]];
        sum *= scale_in;
        out[i] = sum;
        top = fmax(top, sum);
    }
    return top;
}

static double hits_step(Work *w)
{
    const Csr *g = w->g;
    double top_a = product(g->n, g->in_off, g->in_adj, w->h, w->scale_h, w->a);
    w->scale_a = top_a > 0 ? 1.0 / top_a : 1.0;
    double top_h = product(g->n, g->out_off, g->out_adj, w->a, w->scale_a, w->h);
    w->scale_h = top_h > 0 ? 1.0 / top_h : 1.0;
    return top_a;
}

/* ------------------------------------------------------------ --variant */

/* The kernels' variants: pull (above), blocked and binned, each for one
 * width (accounts per segment or bin, a power of two). Both add the terms
 * of each y_i in ascending follower order starting from 0.0, as the pull
 * does, so their scores equal the pull's bit for bit. */
typedef enum { VARIANT_PULL, VARIANT_BLOCKED, VARIANT_BINNED, VARIANT_BINPOS } Variant;
static const char *const variant_names[] = {"pull", "blocked", "binned", "binpos"};

/* Segmented CSR: for each segment of WIDTH source ids, the pairs (row i,
 * the followers of i in the segment) in ascending i; src holds the
 * followers segment by segment. Extra memory 4 B per follow + 8 B per
 * pair (at most one pair per follow). */
typedef struct Blocked {
    uint32_t shift, segments;
    uint64_t *seg_pair; /* segments + 1: first pair of each segment */
    uint32_t *pair_dst; /* row of each pair */
    uint32_t *pair_end; /* end of each pair's followers in src (the start is the
                         * previous pair's end) */
    uint32_t *src;
    uint64_t pairs;
} Blocked;

static void blocked_build(const Csr *g, uint32_t shift, Blocked *b)
{
    const uint32_t n = g->n;
    if (g->m >= UINT32_MAX)
        die("blocked: more than 2^32 - 1 follows");
    b->shift = shift;
    b->segments = (uint32_t)(((uint64_t)n + (1ull << shift) - 1) >> shift);
    uint64_t *pairs = calloc(b->segments, sizeof(uint64_t));
    uint64_t *edges = calloc(b->segments, sizeof(uint64_t));
    if (pairs == NULL || edges == NULL)
        die("out of memory");
    for (uint32_t i = 0; i < n; i++)
        for (uint64_t e = g->in_off[i]; e < g->in_off[i + 1]; e++) {
            uint32_t s = g->in_adj[e] >> shift;
            edges[s]++;
            if (e == g->in_off[i] || g->in_adj[e - 1] >> shift != s)
                pairs[s]++;
        }
    b->seg_pair = xmalloc(sizeof(uint64_t) * ((size_t)b->segments + 1));
    uint64_t p = 0, q = 0;
    for (uint32_t s = 0; s < b->segments; s++) {
        b->seg_pair[s] = p;
        uint64_t np = pairs[s], ne = edges[s];
        pairs[s] = p; /* now the cursors */
        edges[s] = q;
        p += np;
        q += ne;
    }
    b->seg_pair[b->segments] = p;
    b->pairs = p;
    b->pair_dst = xmalloc(sizeof(uint32_t) * p);
    b->pair_end = xmalloc(sizeof(uint32_t) * p);
    b->src = xmalloc(sizeof(uint32_t) * g->m);
    for (uint32_t i = 0; i < n; i++)
        for (uint64_t e = g->in_off[i]; e < g->in_off[i + 1];) {
            uint32_t s = g->in_adj[e] >> shift;
            uint64_t at = edges[s];
            for (; e < g->in_off[i + 1] && g->in_adj[e] >> shift == s; e++)
                b->src[at++] = g->in_adj[e];
            edges[s] = at;
            b->pair_dst[pairs[s]] = i;
            b->pair_end[pairs[s]++] = (uint32_t)at;
        }
    free(pairs);
    free(edges);
}

static void blocked_free(Blocked *b)
{
    free(b->seg_pair);
    free(b->pair_dst);
    free(b->pair_end);
    free(b->src);
}

/* Source-binned edges (Beamer et al. 2017): the out-edges of each chunk of
 * BIN_CHUNK sources, cut by destination into bins of WIDTH accounts;
 * entries bin-major, then chunk, then source: ascending source in each
 * bin. dst is static (built once); val is rewritten by every step. Memory
 * 12 B per follow. */
#define BIN_CHUNK 16384
typedef struct Binned {
    uint32_t shift, bins, chunks;
    uint64_t *start; /* bins * chunks + 1: where chunk c of bin b begins, at b * chunks + c */
    uint32_t *dst;
    uint32_t *pos; /* NULL, or where each out-edge's value goes (in out_adj order) */
    double *val;
} Binned;

static void binned_build(const Csr *g, uint32_t shift, int with_pos, Binned *b)
{
    const uint32_t n = g->n;
    b->shift = shift;
    b->bins = (uint32_t)(((uint64_t)n + (1ull << shift) - 1) >> shift);
    b->chunks = (uint32_t)(((uint64_t)n + BIN_CHUNK - 1) / BIN_CHUNK);
    const uint64_t cells = (uint64_t)b->bins * b->chunks;
    b->start = calloc(cells + 1, sizeof(uint64_t));
    if (b->start == NULL)
        die("out of memory");
    for (uint32_t j = 0; j < n; j++)
        for (uint64_t e = g->out_off[j]; e < g->out_off[j + 1]; e++)
            b->start[(uint64_t)(g->out_adj[e] >> shift) * b->chunks + j / BIN_CHUNK + 1]++;
    for (uint64_t c = 0; c < cells; c++)
        b->start[c + 1] += b->start[c];
    b->dst = xmalloc(sizeof(uint32_t) * g->m);
    b->val = xmalloc(sizeof(double) * g->m);
    if (with_pos && g->m >= UINT32_MAX)
        die("binned: more than 2^32 - 1 follows");
    b->pos = with_pos ? xmalloc(sizeof(uint32_t) * g->m) : NULL;
    uint64_t *cur = xmalloc(sizeof(uint64_t) * b->bins);
    for (uint32_t c = 0; c < b->chunks; c++) {
        for (uint32_t k = 0; k < b->bins; k++)
            cur[k] = b->start[(uint64_t)k * b->chunks + c];
        uint32_t hi = (c + 1) * (uint64_t)BIN_CHUNK < n ? (c + 1) * BIN_CHUNK : n;
        for (uint32_t j = c * BIN_CHUNK; j < hi; j++)
            for (uint64_t e = g->out_off[j]; e < g->out_off[j + 1]; e++) {
                uint64_t at = cur[g->out_adj[e] >> shift]++;
                b->dst[at] = g->out_adj[e];
                if (with_pos)
                    b->pos[e] = (uint32_t)at;
            }
    }
    free(cur);
}

static void binned_free(Binned *b)
{
    free(b->start);
    free(b->dst);
    free(b->pos);
    free(b->val);
}

static double dangling_mass(const Work *w)
{
    double dangling = 0.0;
#pragma omp parallel for schedule(static) reduction(+ : dangling)
    for (uint32_t k = 0; k < w->n_dangling; k++)
        dangling += w->x[w->dangling[k]];
    return dangling;
}

/* next holds the raw sums; turn them into the step's scores. */
static double pagerank_finish(Work *w, double dangling)
{
    const uint32_t n = w->g->n;
    double change = 0.0;
    double *x = w->x, *next = w->next;
    const double base = (1.0 - DAMPING) / n + DAMPING * dangling / n;
#pragma omp parallel for schedule(static) reduction(+ : change)
    for (uint32_t i = 0; i < n; i++) {
        double v = base + DAMPING * next[i];
        change += fabs(v - x[i]);
        next[i] = v;
    }
    w->x = next;
    w->next = x;
    return change;
}

static double pagerank_blocked_step(Work *w)
{
    const Blocked *b = w->blocked;
    const uint32_t n = w->g->n;
    double *x = w->x, *share = w->share, *next = w->next;
#pragma omp parallel for schedule(dynamic, CHUNK)
    for (uint32_t j = 0; j < n; j++) {
        share[j] = x[j] * w->inv_out[j];
        next[j] = 0.0;
    }
    double dangling = dangling_mass(w);
    for (uint32_t s = 0; s < b->segments; s++) {
        const uint64_t lo = b->seg_pair[s], hi = b->seg_pair[s + 1];
#pragma omp parallel for schedule(dynamic, CHUNK)
        for (uint64_t p = lo; p < hi; p++) {
            uint32_t i = b->pair_dst[p];
            double sum = next[i];
            for (uint64_t e = p ? b->pair_end[p - 1] : 0; e < b->pair_end[p]; e++)
                sum += share[b->src[e]];
            next[i] = sum;
        }
    }
    return pagerank_finish(w, dangling);
}

static double pagerank_binned_step(Work *w)
{
    Binned *b = w->binned;
    const Csr *g = w->g;
    const uint32_t n = g->n, shift = b->shift;
    double *x = w->x, *next = w->next, *val = b->val;
    double dangling = dangling_mass(w);
#pragma omp parallel
    {
        if (b->pos != NULL) {
            /* The positions are static: no cursor to carry from one store
             * to the next (the cursor's store-to-load chain bounds the
             * other loop when consecutive follows land in one bin). */
#pragma omp for schedule(dynamic, CHUNK)
            for (uint32_t j = 0; j < n; j++) {
                double v = x[j] * w->inv_out[j];
                for (uint64_t e = g->out_off[j]; e < g->out_off[j + 1]; e++)
                    val[b->pos[e]] = v;
            }
        }
        uint64_t *cur = xmalloc(sizeof(uint64_t) * b->bins);
#pragma omp for schedule(dynamic, 1)
        for (uint32_t c = 0; c < (b->pos ? 0 : b->chunks); c++) {
            for (uint32_t k = 0; k < b->bins; k++)
                cur[k] = b->start[(uint64_t)k * b->chunks + c];
            uint32_t hi = (c + 1) * (uint64_t)BIN_CHUNK < n ? (c + 1) * BIN_CHUNK : n;
            for (uint32_t j = c * BIN_CHUNK; j < hi; j++) {
                double v = x[j] * w->inv_out[j];
                for (uint64_t e = g->out_off[j]; e < g->out_off[j + 1]; e++)
                    val[cur[g->out_adj[e] >> shift]++] = v;
            }
        }
        free(cur);
#pragma omp for schedule(dynamic, 1)
        for (uint32_t k = 0; k < b->bins; k++) {
            uint32_t lo = k << shift;
            uint32_t hi = ((uint64_t)k + 1) << shift < n ? (k + 1) << shift : n;
            for (uint32_t i = lo; i < hi; i++)
                next[i] = 0.0;
            const uint64_t e_hi = b->start[((uint64_t)k + 1) * b->chunks];
            for (uint64_t e = b->start[(uint64_t)k * b->chunks]; e < e_hi; e++)
                next[b->dst[e]] += val[e];
        }
    }
    return pagerank_finish(w, dangling);
}

static void reset(Work *w)
{
    const uint32_t n = w->g->n;
    for (uint32_t i = 0; i < n; i++) {
        w->x[i] = 1.0 / n;
        w->a[i] = 0.0;
        w->h[i] = 1.0;
    }
    w->scale_a = w->scale_h = 1.0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef double (*Step)(Work *w);

/* label: "" or " renumber=NAME" (and " round=R"), set into each line. */
static void time_kernel(Work *w, const char *name, Step step, int threads, int iterations,
                        const char *label)
{
    double *t = xmalloc(sizeof(double) * (size_t)iterations);
    double sink = 0.0;
    omp_set_num_threads(threads);
    reset(w);
    for (int i = -1; i < iterations; i++) {
        double t0 = now();
        sink += step(w);
        if (i >= 0)
            t[i] = now() - t0;
    }
    qsort(t, (size_t)iterations, sizeof(double), cmp_double);
    double median =
        iterations % 2 ? t[iterations / 2] : 0.5 * (t[iterations / 2 - 1] + t[iterations / 2]);
    printf("plain-loops: %s %d thread%s%s: %.3f ms per iteration (median of %d; min %.3f, max "
           "%.3f), %.2f ns per follow (checksum %.6g)\n",
           name, threads, threads == 1 ? "" : "s", label, 1e3 * median, iterations, 1e3 * t[0],
           1e3 * t[iterations - 1], 1e9 * median / (double)(w->g->m ? w->g->m : 1), sink);
    fflush(stdout);
    free(t);
}

/* Rows in old-id order (first appearance in the file), whatever the
 * numbering: new_of[old] finds the account's scores, so the files of two
 * numberings compare line by line. */
static void write_scores(Work *w, Step pagerank, const Names *names, const uint32_t *new_of,
                         const char *path)
{
    omp_set_num_threads(1);
    reset(w);
    int pr_iterations = 0, hits_iterations = 0;
    while (pr_iterations < 100000 && pagerank(w) >= 1e-13)
        pr_iterations++;
    const uint32_t n = w->g->n;
    double *prev = xmalloc(sizeof(double) * n);
    for (;;) {
        for (uint32_t i = 0; i < n; i++)
            prev[i] = w->a[i] * w->scale_a;
        hits_step(w);
        hits_iterations++;
        double moved = 0.0;
        for (uint32_t i = 0; i < n; i++)
            moved = fmax(moved, fabs(w->a[i] * w->scale_a - prev[i]));
        if (hits_iterations > 1 && (moved < 1e-13 || hits_iterations >= 100000))
            break;
    }
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "plain-loops: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fprintf(f, "account,pagerank,authority,hub\n");
    for (uint32_t old = 0; old < n; old++) {
        uint32_t i = new_of[old];
        fprintf(f, "%s,%.17g,%.17g,%.17g\n", names->bytes + names->start[old], w->x[i],
                w->a[i] * w->scale_a, w->h[i] * w->scale_h);
    }
    if (fclose(f) != 0)
        die("cannot write the scores");
    printf("plain-loops: scores: pagerank %d iterations (L1 change < 1e-13), hits %d "
           "iterations (authority change < 1e-13), written to %s\n",
           pr_iterations, hits_iterations, path);
    free(prev);
}

static void work_init(Work *w, const Csr *g)
{
    memset(w, 0, sizeof *w);
    w->g = g;
    w->inv_out = xmalloc(sizeof(double) * g->n);
    w->dangling = xmalloc(sizeof(uint32_t) * g->n);
    for (uint32_t j = 0; j < g->n; j++) {
        uint64_t out = g->out_off[j + 1] - g->out_off[j];
        w->inv_out[j] = out ? 1.0 / (double)out : 0.0;
        if (out == 0)
            w->dangling[w->n_dangling++] = j;
    }
    w->x = xmalloc(sizeof(double) * g->n);
    w->next = xmalloc(sizeof(double) * g->n);
    w->share = xmalloc(sizeof(double) * g->n);
    w->a = xmalloc(sizeof(double) * g->n);
    w->h = xmalloc(sizeof(double) * g->n);
}

static void work_free(Work *w)
{
    free(w->inv_out);
    free(w->dangling);
    free(w->x);
    free(w->next);
    free(w->share);
    free(w->a);
    free(w->h);
}

/* --renumber LIST into variants[]; returns how many (at most 16). */
static int parse_renumber(const char *list, Renumber *variants)
{
    int count = 0;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        int found = -1;
        for (int k = 0; k < 4; k++)
            if (strlen(renumber_names[k]) == len && strncmp(p, renumber_names[k], len) == 0)
                found = k;
        if (found < 0 || count == 16)
            return -1;
        variants[count++] = (Renumber)found;
        p += len + (p[len] == ',');
    }
    return count;
}

/* OUT.csv for one variant, OUT-NAME.csv (or OUT-NAME) for each of several. */
static char *scores_path(const char *path, const char *variant, int several)
{
    size_t len = strlen(path);
    char *out = xmalloc(len + strlen(variant) + 2);
    if (!several)
        memcpy(out, path, len + 1);
    else if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
        sprintf(out, "%.*s-%s.csv", (int)(len - 4), path, variant);
    else
        sprintf(out, "%s-%s", path, variant);
    return out;
}

/* One kernel variant of --variant, for one width. */
typedef struct {
    Variant kind;
    uint32_t shift; /* log2 of the width; 0 for pull */
} Kernel;

/* --variant LIST times --block WIDTHS into kernels[]; returns how many (at
 * most 32), -1 for a bad list. */
static int parse_variants(const char *list, const char *widths, Kernel *kernels)
{
    int count = 0;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        int found = -1;
        for (int k = 0; k < 4; k++)
            if (strlen(variant_names[k]) == len && strncmp(p, variant_names[k], len) == 0)
                found = k;
        if (found < 0)
            return -1;
        if (found == VARIANT_PULL) {
            if (count == 32)
                return -1;
            kernels[count++] = (Kernel){VARIANT_PULL, 0};
        } else
            for (const char *q = widths; *q;) {
                char *end;
                unsigned long width = strtoul(q, &end, 10);
                if (end == q || width < 64 || width > (1ul << 31) || (width & (width - 1)) ||
                    count == 32)
                    return -1;
                uint32_t shift = 0;
                while ((1ul << shift) < width)
                    shift++;
                kernels[count++] = (Kernel){(Variant)found, shift};
                q = *end == ',' ? end + 1 : end;
            }
        p += len + (p[len] == ',');
    }
    return count;
}

static void kernel_name(Kernel k, char *out, size_t size)
{
    if (k.kind == VARIANT_PULL)
        snprintf(out, size, "pull");
    else
        snprintf(out, size, "%s%lu", variant_names[k.kind], 1ul << k.shift);
}

static void run_variant(const Csr *g0, Renumber variant, const Kernel *kernels, int n_kernels,
                        int label_kernels, const char *thread_list, int iterations,
                        const char *label, const Names *names, const char *const *scores)
{
    const uint32_t n = g0->n;
    uint32_t *order = xmalloc(sizeof(uint32_t) * n);
    uint32_t *new_of = xmalloc(sizeof(uint32_t) * n);
    Csr relabelled = {0};
    const Csr *g = g0;
    double t0 = now();
    if (variant == RENUMBER_NONE)
        for (uint32_t v = 0; v < n; v++)
            order[v] = v;
    else if (variant == RENUMBER_DEGREE)
        order_degree(g0, order);
    else if (variant == RENUMBER_BFS)
        order_bfs(g0, order);
    else
        order_rcm(g0, order);
    for (uint32_t i = 0; i < n; i++)
        new_of[order[i]] = i;
    double t1 = now();
    if (variant != RENUMBER_NONE) {
        relabel_csr(g0, order, new_of, &relabelled);
        g = &relabelled;
    }
    double t2 = now();
    if (*label)
        printf("plain-loops: renumbering cost%s: order %.1f ms, CSR rebuild %.1f ms, total "
               "%.1f ms\n",
               label, 1e3 * (t1 - t0), 1e3 * (t2 - t1), 1e3 * (t2 - t0));
    fflush(stdout);
    free(order);

    Work w;
    work_init(&w, g);
    for (int v = 0; v < n_kernels; v++) {
        char name[64], full[160];
        kernel_name(kernels[v], name, sizeof name);
        if (label_kernels)
            snprintf(full, sizeof full, "%s variant=%s", label, name);
        else
            snprintf(full, sizeof full, "%s", label);
        Blocked blocked = {0};
        Binned binned = {0};
        Step pagerank = pagerank_step;
        double b0 = now();
        if (kernels[v].kind == VARIANT_BLOCKED) {
            blocked_build(g, kernels[v].shift, &blocked);
            w.blocked = &blocked;
            pagerank = pagerank_blocked_step;
            printf("plain-loops: build%s: %.1f ms; %u segments, %llu pairs (%.2f per follow); "
                   "extra %.1f MB (%.2f B per follow)\n",
                   full, 1e3 * (now() - b0), blocked.segments, (unsigned long long)blocked.pairs,
                   (double)blocked.pairs / (double)g->m,
                   1e-6 * (4.0 * (double)g->m + 8.0 * (double)blocked.pairs +
                           8.0 * (blocked.segments + 1)),
                   (4.0 * (double)g->m + 8.0 * (double)blocked.pairs) / (double)g->m);
        } else if (kernels[v].kind == VARIANT_BINNED || kernels[v].kind == VARIANT_BINPOS) {
            int with_pos = kernels[v].kind == VARIANT_BINPOS;
            binned_build(g, kernels[v].shift, with_pos, &binned);
            w.binned = &binned;
            pagerank = pagerank_binned_step;
            double cells = (double)binned.bins * binned.chunks + 1;
            printf("plain-loops: build%s: %.1f ms; %u bins x %u chunks; extra %.1f MB (%.2f B "
                   "per follow)\n",
                   full, 1e3 * (now() - b0), binned.bins, binned.chunks,
                   1e-6 * ((12.0 + 4.0 * with_pos) * (double)g->m + 8.0 * cells),
                   ((12.0 + 4.0 * with_pos) * (double)g->m + 8.0 * cells) / (double)g->m);
        }
        fflush(stdout);
        /* Only PageRank has the variants; HITS is timed with the pull. */
        const char *kernel_names[] = {"pagerank", "hits"};
        const Step steps[] = {pagerank, hits_step};
        int n_steps = kernels[v].kind == VARIANT_PULL ? 2 : 1;
        for (int k = 0; k < n_steps; k++)
            for (const char *p = thread_list; *p;) {
                char *end;
                long threads = strtol(p, &end, 10);
                if (end == p || threads < 1 || threads > 1024)
                    die("--threads wants a list such as 1,2");
                time_kernel(&w, kernel_names[k], steps[k], (int)threads, iterations, full);
                p = *end == ',' ? end + 1 : end;
            }
        if (scores != NULL && scores[v] != NULL)
            write_scores(&w, pagerank, names, new_of, scores[v]);
        w.blocked = NULL;
        w.binned = NULL;
        blocked_free(&blocked);
        binned_free(&binned);
    }
    work_free(&w);
    free(new_of);
    csr_free(&relabelled);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *scores = NULL, *thread_list = "1,2", *renumber = NULL;
    const char *variant_list = NULL, *widths = "131072,1048576";
    int iterations = 10, rounds = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc)
            iterations = atoi(argv[++i]);
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
            thread_list = argv[++i];
        else if (strcmp(argv[i], "--scores") == 0 && i + 1 < argc)
            scores = argv[++i];
        else if (strcmp(argv[i], "--renumber") == 0 && i + 1 < argc)
            renumber = argv[++i];
        else if (strcmp(argv[i], "--variant") == 0 && i + 1 < argc)
            variant_list = argv[++i];
        else if (strcmp(argv[i], "--block") == 0 && i + 1 < argc)
            widths = argv[++i];
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (path == NULL && argv[i][0] != '-')
            path = argv[i];
        else
            path = NULL, i = argc;
    }
    Renumber variants[16] = {RENUMBER_NONE};
    int n_variants = renumber ? parse_renumber(renumber, variants) : 1;
    Kernel kernels[32] = {{VARIANT_PULL, 0}};
    int n_kernels = variant_list ? parse_variants(variant_list, widths, kernels) : 1;
    if (path == NULL || iterations < 1 || rounds < 1 || n_variants < 1 || n_kernels < 1) {
        fprintf(stderr, "usage: plain-loops FOLLOWERS.csv [--iterations N] [--threads 1,2] "
                        "[--renumber none,degree,bfs,rcm] [--variant pull,blocked,binned] "
                        "[--block W1,W2] [--rounds R] [--scores OUT.csv]\n");
        return 2;
    }

    Names names;
    Edges edges = {0};
    Csr g = {0};
    names_init(&names);
    double t0 = now();
    read_csv(path, &names, &edges);
    double t1 = now();
    uint64_t kept_rows = edges.m;
    build_csr(names.count, &edges, &g);
    double t2 = now();
    printf("plain-loops: %s: %llu rows, %llu follows kept, %u accounts (%llu self-loops, %llu "
           "repeated rows dropped); read and intern %.3f s, CSR %.3f s\n",
           path, (unsigned long long)edges.rows, (unsigned long long)g.m, g.n,
           (unsigned long long)edges.self_loops, (unsigned long long)(kept_rows - g.m), t1 - t0,
           t2 - t1);
    fflush(stdout);
    if (g.n == 0)
        return 0;
    /* The table only serves the reading; the renumbered CSRs want the room. */
    free(names.slots);
    names.slots = NULL;

    for (int r = 0; r < rounds; r++)
        for (int v = 0; v < n_variants; v++) {
            char label[64] = "";
            if (renumber != NULL)
                snprintf(label, sizeof label, " renumber=%s", renumber_names[variants[v]]);
            if (rounds > 1)
                snprintf(label + strlen(label), sizeof label - strlen(label), " round=%d", r + 1);
            char *out[32] = {NULL};
            for (int k = 0; k < n_kernels && scores != NULL && r == 0; k++) {
                char suffix[96], name[64];
                kernel_name(kernels[k], name, sizeof name);
                if (n_variants > 1 && n_kernels > 1)
                    snprintf(suffix, sizeof suffix, "%s-%s", renumber_names[variants[v]], name);
                else
                    snprintf(suffix, sizeof suffix, "%s",
                             n_variants > 1 ? renumber_names[variants[v]] : name);
                out[k] = scores_path(scores, suffix, n_variants > 1 || n_kernels > 1);
            }
            run_variant(&g, variants[v], kernels, n_kernels, variant_list != NULL, thread_list,
                        iterations, label, &names,
                        scores != NULL && r == 0 ? (const char *const *)out : NULL);
            for (int k = 0; k < n_kernels; k++)
                free(out[k]);
        }

    csr_free(&g);
    free(names.bytes);
    free(names.start);
    return 0;
}
