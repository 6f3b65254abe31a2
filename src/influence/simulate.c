/* simulate.c - forward Monte Carlo of a cascade from given seeds, to check
 * `seeds` and `rank` independently of RR sets.
 *
 * Independent Cascade: each newly reached account u gets one chance to pass
 * the post to each follower v, with probability p(u,v). Linear Threshold:
 * follower v draws a threshold uniformly from [0,1) when first touched and
 * is reached once the weights 1 / following(v) of its reached followees add
 * up to it. Steps are rounds: the seeds are step 0, accounts reached by
 * step t's accounts are step t + 1.
 *
 * Run r uses the stream (seed, r); runs are spread over threads in blocks
 * and write their own results, and the sums over runs are integers or taken
 * in run order, so the numbers do not depend on the threads.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"
#include "smm/marks.h"
#include "smm/parallel.h"
#include "smm/rng.h"
#include "smm/seeds.h"

#define RUNS_PER_BLOCK 64
#define TELL_WORK 16384 /* accounts reached between progress reports */

typedef struct {
    SmmMarks reached;
    SmmMarks touched; /* LT: has a threshold and a weight sum this run */
    double *threshold, *weight;
    guint32 *queue;
    GArray *steps; /* guint64 per step: accounts reached at that step, summed over runs */
} Worker;

typedef struct {
    const SmmGraph *g;
    const float *in_p; /* SMM_P_EDGE: probabilities in in-list order */
    const SmmModel *model;
    const guint32 *seeds;
    guint32 k;
    const SmmSimulateOptions *o;
    guint32 *reached; /* per run */
    Worker *workers;
    atomic_uint_fast64_t counted; /* runs done on all threads, with progress */
} Job;

static void count_step(Worker *w, guint step, guint64 count)
{
    if (w->steps->len <= step)
        g_array_set_size(w->steps, step + 1);
    g_array_index(w->steps, guint64, step) += count;
}

static inline double edge_p(const Job *job, const SmmModel *m, guint64 e, guint32 v)
{
    switch (m->kind) {
    case SMM_P_EDGE: return job->in_p[e];
    case SMM_P_UNIFORM: return m->p;
    default: return 1.0 / (double)smm_graph_out_degree(job->g, v);
    }
}

static guint32 run_once(Job *job, Worker *w, guint64 run)
{
    const SmmGraph *g = job->g;
    SmmRng rng;
    smm_rng_init(&rng, job->o->seed, run);
    smm_marks_next(&w->reached);
    smm_marks_next(&w->touched);
    guint32 size = 0;
    for (guint32 i = 0; i < job->k; i++)
        if (!smm_marks_has(&w->reached, job->seeds[i])) {
            smm_marks_set(&w->reached, job->seeds[i]);
            w->queue[size++] = job->seeds[i];
        }
    count_step(w, 0, size);
    guint32 head = 0;
    for (guint step = 1; head < size; step++) {
        guint32 end = size;
        for (; head < end; head++) {
            guint32 u = w->queue[head];
            for (guint64 e = g->in_off[u]; e < g->in_off[u + 1]; e++) {
                guint32 v = g->in_adj[e];
                if (smm_marks_has(&w->reached, v))
                    continue;
                gboolean now;
                if (job->model->linear_threshold) {
                    if (!smm_marks_has(&w->touched, v)) {
                        smm_marks_set(&w->touched, v);
                        w->threshold[v] = smm_rng_uniform(&rng);
                        w->weight[v] = 0.0;
                    }
                    w->weight[v] += 1.0 / (double)smm_graph_out_degree(g, v);
                    now = w->weight[v] >= w->threshold[v];
                } else {
                    now = smm_rng_uniform(&rng) < edge_p(job, job->model, e, v);
                }
                if (now) {
                    smm_marks_set(&w->reached, v);
                    w->queue[size++] = v;
                }
            }
        }
        if (size > end)
            count_step(w, step, size - end);
    }
    return size;
}

/* Runs finished, counted on all threads and reported on thread 0 (the
 * caller's: the only one that may call the callback). */
static void tell(Job *job, guint thread, guint64 runs)
{
    guint64 done = atomic_fetch_add_explicit(&job->counted, runs, memory_order_relaxed) + runs;
    if (thread == 0)
        smm_progress_report(job->o->progress, "simulate", (double)done, (double)job->o->runs,
                            "runs");
}

static void run_block(guint64 b, guint thread, gpointer ctx)
{
    Job *job = ctx;
    guint64 lo = b * RUNS_PER_BLOCK, hi = MIN(job->o->runs, lo + RUNS_PER_BLOCK);
    guint64 told = lo, work = 0;
    for (guint64 r = lo; r < hi; r++) {
        job->reached[r] = run_once(job, &job->workers[thread], r);
        /* Told at the block's end, and within it once its runs reached
         * enough accounts to have taken a while: a tell after every run
         * cost a fifth more time on cascades of a few accounts. */
        work += job->reached[r];
        if (job->o->progress != NULL && (work >= TELL_WORK || r + 1 == hi)) {
            tell(job, thread, r + 1 - told);
            told = r + 1;
            work = 0;
        }
    }
}

static int compare_u32(const void *pa, const void *pb)
{
    guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
    return a < b ? -1 : a > b;
}

/* Nearest-rank percentile of sorted values. */
static guint32 percentile(const guint32 *sorted, guint64 n, double p)
{
    guint64 rank = (guint64)ceil(p / 100.0 * (double)n);
    return sorted[MAX(rank, 1) - 1];
}

gboolean smm_simulate(SmmGraph *g, const SmmModel *model, const guint32 *seeds, guint32 k,
                      const SmmSimulateOptions *o, SmmSimulateResult *res, GError **error)
{
    memset(res, 0, sizeof *res);
    res->new_per_step = g_array_new(FALSE, FALSE, sizeof(double));
    if (o->runs == 0)
        return TRUE;
    guint threads = MAX(o->n_threads, 1);
    /* a count per run; per thread two mark arrays and a queue (and LT's
     * thresholds and weights) per account; in-order probabilities once */
    guint64 per_thread = (guint64)MAX(g->n, 1) * (12 + (model->linear_threshold ? 16 : 0));
    guint64 need = sizeof(guint32) * o->runs + threads * per_thread +
                   (model->kind == SMM_P_EDGE && g->in_p == NULL ? sizeof(float) * g->m : 0);
    g_autofree gchar *what = g_strdup_printf("simulating %" G_GUINT64_FORMAT " runs", o->runs);
    if (!smm_memory_check(what, need, error))
        return FALSE;
    Job job = {.g = g,
               .in_p = model->kind == SMM_P_EDGE ? smm_graph_in_probabilities(g) : NULL,
               .model = model,
               .seeds = seeds,
               .k = k,
               .o = o,
               .reached = g_new(guint32, o->runs),
               .workers = g_new0(Worker, threads)};
    atomic_init(&job.counted, 0);
    for (guint t = 0; t < threads; t++) {
        Worker *w = &job.workers[t];
        smm_marks_init(&w->reached, g->n);
        smm_marks_init(&w->touched, g->n);
        w->queue = g_new(guint32, MAX(g->n, 1));
        if (model->linear_threshold) {
            w->threshold = g_new(double, MAX(g->n, 1));
            w->weight = g_new(double, MAX(g->n, 1));
        }
        w->steps = g_array_new(FALSE, TRUE, sizeof(guint64));
    }
    smm_parallel_blocks((o->runs + RUNS_PER_BLOCK - 1) / RUNS_PER_BLOCK, threads, run_block, &job);
    smm_progress_report(o->progress, "simulate", (double)o->runs, (double)o->runs, "runs");

    double sum = 0, sum2 = 0;
    for (guint64 r = 0; r < o->runs; r++) {
        sum += job.reached[r];
        sum2 += (double)job.reached[r] * job.reached[r];
    }
    double runs = (double)o->runs;
    res->mean = sum / runs;
    res->std =
        o->runs > 1 ? sqrt(fmax(0.0, (sum2 - runs * res->mean * res->mean) / (runs - 1))) : 0;
    res->mean_ci95 = 1.959963984540054 * res->std / sqrt(runs);
    qsort(job.reached, o->runs, sizeof(guint32), compare_u32);
    res->p5 = percentile(job.reached, o->runs, 5);
    res->p50 = percentile(job.reached, o->runs, 50);
    res->p95 = percentile(job.reached, o->runs, 95);

    guint max_steps = 0;
    for (guint t = 0; t < threads; t++)
        max_steps = MAX(max_steps, job.workers[t].steps->len);
    for (guint s = 0; s < max_steps; s++) {
        guint64 total = 0;
        for (guint t = 0; t < threads; t++)
            if (s < job.workers[t].steps->len)
                total += g_array_index(job.workers[t].steps, guint64, s);
        double mean = (double)total / runs;
        g_array_append_val(res->new_per_step, mean);
    }
    for (guint t = 0; t < threads; t++) {
        Worker *w = &job.workers[t];
        smm_marks_clear(&w->reached);
        smm_marks_clear(&w->touched);
        g_free(w->queue);
        g_free(w->threshold);
        g_free(w->weight);
        g_array_unref(w->steps);
    }
    g_free(job.workers);
    g_free(job.reached);
    return TRUE;
}

void smm_simulate_result_clear(SmmSimulateResult *res)
{
    if (res->new_per_step != NULL)
        g_array_unref(res->new_per_step);
    memset(res, 0, sizeof *res);
}
