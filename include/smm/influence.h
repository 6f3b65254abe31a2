/* influence.h - the Independent Cascade model on the follower graph and its
 * reverse-reachable (RR) sets (Borgs, Brautbar, Chayes, Lucier, SODA 2014).
 *
 * Influence runs against the follow edges: when u posts, each follower v gets
 * one chance to pass it on, with probability p(u,v). An RR set for root r is
 * every account that reaches r in one random live-edge world; for any set S,
 * Pr[S meets an RR set] = sigma(S) / n. RR set number i draws all its coins
 * from the stream (seed, i), so a pool of sets is the same for any threading.
 */
#ifndef SMM_INFLUENCE_H
#define SMM_INFLUENCE_H

#include "smm/cascade.h"
#include "smm/graph.h"
#include "smm/progress.h"

typedef enum {
    SMM_P_WEIGHTED_CASCADE, /* p(u,v) = 1 / following(v) */
    SMM_P_UNIFORM,          /* p(u,v) = p */
    SMM_P_EDGE,             /* p(u,v) from the file's probability column, or learned */
} SmmProbabilityKind;

/* The diffusion model. Linear Threshold (Kempe, Kleinberg, Tardos 2003)
 * uses the weights w(u,v) = 1 / following(v), which sum to 1 over the
 * accounts v follows; its RR sets are reverse random walks. */
typedef struct {
    SmmProbabilityKind kind; /* IC only */
    double p;                /* SMM_P_UNIFORM only */
    gboolean linear_threshold;
} SmmModel;

/* Checks that the model can run on this graph (a p column for SMM_P_EDGE,
 * 0 <= p <= 1). */
gboolean smm_model_check(const SmmModel *model, const SmmGraph *graph, GError **error);
/* The model's probability that v's post reaches u along the follow u -> v,
 * edge e of u's followees (under LT: the weight of that edge). */
double smm_model_follow_weight(const SmmModel *model, const SmmGraph *graph, guint32 u, guint64 e);

/* Learned probabilities (Goyal, Bonchi, Lakshmanan, WSDM 2010, Bernoulli
 * model): p(u -> v) = A(u->v) / A(u), A(u) the posts u acted on in the log,
 * A(u->v) those that follower v adopted after u (smm_cascade_credit). An
 * edge whose followee never acted has no evidence and takes `prior`: a
 * probability, or the weighted-cascade value 1 / following(v) when prior is
 * negative. Sets the graph's per-edge probabilities (use SMM_P_EDGE). */
typedef struct {
    guint64 with_evidence; /* edges whose followee acted in the log */
    guint64 positive;      /* ... of which the follower passed something on */
    guint64 from_prior;    /* edges with no evidence */
} SmmLearnStats;

void smm_learn_probabilities(SmmGraph *graph, const SmmCascades *cascades, double prior,
                             SmmLearnStats *stats);

/* Per-thread scratch space for RR sampling: O(n) memory, reused. */
typedef struct SmmRrWorkspace SmmRrWorkspace;
SmmRrWorkspace *smm_rr_workspace_new(guint32 n);
void smm_rr_workspace_free(SmmRrWorkspace *ws);

/* Draws RR set number `index` of the family `seed`; returns its size and
 * points *members at its accounts (valid until the next call on ws). */
guint32 smm_rr_sample(const SmmGraph *graph, const SmmModel *model, guint64 seed, guint64 index,
                      SmmRrWorkspace *ws, const guint32 **members);

/* 95% Wilson score interval for a binomial proportion x / theta: its centre
 * and half-width (z = 1.96). */
void smm_wilson95(guint64 x, guint64 theta, double *centre, double *half_width);

/* Reach of every account at once: reach(u) = n X_u / theta, X_u = number of
 * the theta RR sets that contain u; ci95 = n times the Wilson half-width. */
typedef struct {
    guint64 samples;     /* > 0: exactly this many RR sets; 0: adaptive */
    guint top;           /* adaptive: accounts whose precision is the target (20) */
    double precision;    /* adaptive: target relative 95% half-width (0.02) */
    double time_limit;   /* adaptive: stop before a round would pass this (seconds) */
    guint64 max_samples; /* adaptive: never more sets than this */
    guint64 seed;
    guint n_threads;
    const SmmProgress *progress; /* RR sets drawn, after each round; NULL: none */
} SmmReachOptions;

void smm_reach_options_init(SmmReachOptions *options);

typedef struct {
    guint64 samples;        /* RR sets drawn */
    gboolean target_met;    /* adaptive: the top accounts reached the precision */
    gboolean time_capped;   /* adaptive: stopped by the time limit */
    gboolean count_capped;  /* adaptive: stopped by max_samples */
    double worst_precision; /* largest relative half-width among the top accounts */
    double seconds;
} SmmReachResult;

gboolean smm_reach_estimate(const SmmGraph *graph, const SmmModel *model,
                            const SmmReachOptions *options, double *reach, double *ci95,
                            SmmReachResult *result, GError **error);

#endif
