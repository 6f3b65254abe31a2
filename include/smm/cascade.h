/* cascade.h - posts' cascades from a reshare log: who adopted each post and
 * in which order, the propagation tree, and each cascade's shape and pace.
 *
 * A cascade is one post's adopters in adoption order: by time, ties in file
 * order. Its root is the post's author (--cascade-by item or author). With
 * --cascade-by topic the whole log is one cascade, and a log without an
 * author column has no authors: then the root is the first adopter, who is
 * also an adopter. A row whose resharer is the author is the post itself:
 * it gives the post's time and is not a reshare. An account adopting a
 * post twice counts once, at its first adoption.
 */
#ifndef SMM_CASCADE_H
#define SMM_CASCADE_H

#include "smm/graph.h"
#include "smm/reshare.h"
#include "smm/result.h"

typedef enum {
    SMM_CASCADE_BY_ITEM,   /* one cascade per post id */
    SMM_CASCADE_BY_AUTHOR, /* one cascade per author: all reshares of their posts */
    SMM_CASCADE_BY_TOPIC,  /* the whole log is one cascade */
} SmmCascadeBy;

typedef struct {
    guint32 n; /* cascades */
    SmmCascadeBy by;
    gboolean root_adopts; /* the root is the first adopter (topic mode, or no authors) */
    guint64 *off;         /* n + 1: the adopters of cascade c are [off[c], off[c+1]) */
    guint32 *adopter;     /* account ids in adoption order */
    double *time;         /* adoption times */
    guint32 *via;         /* per adoption: the account its row names as seen first (the log's
                             via), or SMM_NO_ACCOUNT; NULL when the log has no via column */
    guint32 *root;        /* per cascade: its author, or its first adopter (root_adopts) */
    double *post_time;    /* per cascade: the post's own time when the log has it, else NAN */
    guint32 *key;         /* per cascade: item id, author id, or 0 for the topic */
    /* rows dropped, for the summary */
    guint64 repeats;          /* an account adopting the same post again */
    guint64 own_posts;        /* the author's own row: the post's time, not a reshare */
    guint64 author_conflicts; /* rows naming another author for a post (the first is kept) */
    guint64 before_post;      /* reshares timed before their post's own row (kept) */
} SmmCascades;

/* Checks that the log has what grouping by `by` needs: times, and an item
 * or author column. SMM_ERROR_DATA names the missing column. */
gboolean smm_cascades_check_log(const SmmReshareLog *log, SmmCascadeBy by, GError **error);

/* Groups the log into cascades; fails as smm_cascades_check_log() does. */
SmmCascades *smm_cascades_build(const SmmReshareLog *log, SmmCascadeBy by, GError **error);
void smm_cascades_free(SmmCascades *cs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SmmCascades, smm_cascades_free)

/* The tree's nodes: node 0 is the root, node j >= 1 the j-th adopter that
 * is not the root (with root_adopts, the root is adopter 0). */
static inline guint32 smm_cascade_size(const SmmCascades *cs, guint32 c)
{
    guint32 adopters = (guint32)(cs->off[c + 1] - cs->off[c]);
    return cs->root_adopts ? adopters : adopters + 1;
}

/* The adopters that are tree nodes 1, 2, ... and their times. */
static inline const guint32 *smm_cascade_resharers(const SmmCascades *cs, guint32 c)
{
    return cs->adopter + cs->off[c] + (cs->root_adopts ? 1 : 0);
}

static inline const double *smm_cascade_reshare_times(const SmmCascades *cs, guint32 c)
{
    return cs->time + cs->off[c] + (cs->root_adopts ? 1 : 0);
}

typedef enum {
    SMM_ATTRIBUTION_LAST,  /* the followee who adopted most recently before */
    SMM_ATTRIBUTION_FIRST, /* the followee who adopted first */
} SmmAttribution;

/* Per-thread scratch space over all accounts, reused across cascades. */
typedef struct SmmCascadeWorkspace SmmCascadeWorkspace;
SmmCascadeWorkspace *smm_cascade_workspace_new(guint32 n_accounts);
void smm_cascade_workspace_free(SmmCascadeWorkspace *ws);

/* The propagation tree of cascade c: parent[j] (j = 1 .. size-1) is the
 * node v's parent, among the accounts v follows in `followers` that adopted
 * before v (the root counts as first), the latest or earliest by `how`;
 * with none, the root. parent[0] is 0. Cost: the followees looked at. */
void smm_cascade_tree(const SmmCascades *cs, guint32 c, const SmmGraph *followers,
                      SmmAttribution how, SmmCascadeWorkspace *ws, guint32 *parent);

/* A cascade's shape and pace. Times are seconds from the post (its own row,
 * else its first reshare). t50 and t90: until half and 90% of its reshares;
 * peak: most reshares in any one-hour window. Structural virality (Goel,
 * Anderson, Hofman, Watts, Management Science 2016) is the mean distance
 * over all pairs of tree nodes, from subtree sizes in linear time; 0 for a
 * tree of one node. The top amplifier is the resharer with most children
 * (ties: the earlier), SMM_NO_ACCOUNT when no resharer has any. */
typedef struct {
    guint32 size;        /* tree nodes, the root included */
    guint32 depth;       /* longest root-to-leaf path, in edges */
    guint32 max_breadth; /* most nodes at one depth */
    double virality;
    double duration;
    double t50, t90;
    guint32 peak_per_hour;
    guint32 top_amplifier;
} SmmCascadeShape;

void smm_cascade_shape(const SmmCascades *cs, guint32 c, const guint32 *parent,
                       SmmCascadeWorkspace *ws, SmmCascadeShape *shape);

/* The post's time origin: the earlier of its own row and its first
 * reshare. A reshare before the post's own row (clock skew, a post row
 * that is a later re-post) is kept and counted in before_post, and the
 * cascade starts with it, so no duration or delay is negative. */
double smm_cascade_origin(const SmmCascades *cs, guint32 c);

/* Who passed posts on to whom, counted over all cascades (Goyal, Bonchi,
 * Lakshmanan, WSDM 2010): an account "acted" on a post it authored or
 * adopted; a follow edge v -> u gets one credit per post that v adopted
 * after u acted on it. Every output may be NULL:
 *   edge_credit[e]  per follow edge in the follower graph's out order (m)
 *   acted[a]        posts account a acted on (n)
 *   led[a]          posts a adopted (not authored) whose followers adopted
 *                   after a, counted per such follower (n)
 * Cost: the followees of every adopter, once. Single-threaded. */
void smm_cascade_credit(const SmmCascades *cs, const SmmGraph *followers, guint32 *edge_credit,
                        guint32 *acted, guint64 *led);

/* Early adopters (Rogers, Diffusion of Innovations): an adopter's position
 * in a cascade is the share of that cascade's adopters up to and including
 * it, in percent (the k-th of N adopters: 100 k / N). Categories and early
 * scores are decided on exact fractions, so a median that lies on a
 * boundary falls on the boundary's side as defined. Per account: */
typedef enum {
    SMM_INNOVATOR,      /* median <= 2.5% */
    SMM_EARLY_ADOPTER,  /* <= 16% */
    SMM_EARLY_MAJORITY, /* <= 50% */
    SMM_LATE_MAJORITY,  /* <= 84% */
    SMM_LAGGARD,
} SmmRogersCategory;

typedef struct {
    guint32 n;                 /* accounts */
    guint32 *cascades;         /* posts it adopted (0: not an adopter) */
    double *median_percentile; /* median position; with an even count, the mean of the middle two */
    guint8 *category;          /* SmmRogersCategory of the exact median */
    double *early_score;       /* share of its adoptions at position <= 16% */
    guint64 *led;              /* see smm_cascade_credit; NULL without a follower graph */
} SmmAdopters;

SmmAdopters *smm_adopters_compute(const SmmCascades *cs, const SmmGraph *followers,
                                  guint32 n_accounts);
void smm_adopters_free(SmmAdopters *a);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SmmAdopters, smm_adopters_free)

/* "innovator", "early_adopter", "early_majority", "late_majority", "laggard". */
const char *smm_rogers_name(SmmRogersCategory category);

/* Every cascade's tree and shape, on n_threads threads (the same for any
 * number): cascade c's parent array is parent + node_off[c]. */
typedef struct {
    guint64 *node_off; /* n + 1 */
    guint32 *parent;
    SmmCascadeShape *shapes; /* n */
} SmmCascadeTrees;

void smm_cascade_trees(const SmmCascades *cs, const SmmGraph *followers, SmmAttribution how,
                       guint n_threads, SmmCascadeTrees *out);
void smm_cascade_trees_clear(SmmCascadeTrees *trees);

/* The reconstructed parents against the parents the log observed (its via
 * column, such as Bluesky's record.via), over every reshare (tree node past
 * the root) whose row names a via account. Each counts in with_via and in
 * exactly one of the others, tried in this order. */
typedef struct {
    guint64 with_via;     /* reshares whose row names a via account */
    guint64 agree;        /* the reconstructed parent is the via account */
    guint64 not_before;   /* the via account is not among the post's author and its adopters
                             before this reshare (it adopted later, or not in the log) */
    guint64 not_followed; /* via adopted before, but the resharer does not follow it in the
                             follower graph: the rule could not choose it */
    guint64 passed_over;  /* via adopted before and is followed: the rule chose another */
} SmmViaCheck;

/* Fills `check` for the trees of smm_cascade_trees(); all zero when the
 * cascades have no via. Cost: the resharers with via, and their followees. */
void smm_cascade_via_check(const SmmCascades *cs, const SmmGraph *followers,
                           const SmmCascadeTrees *trees, SmmViaCheck *check);

/* The cascade's name in reports: its post id, its author, or "topic". */
const char *smm_cascade_name(const SmmCascades *cs, guint32 c, const SmmNames *names,
                             const SmmNames *items, guint32 *len);

/* What the cascades report is ordered by (--sort): one of its columns. */
typedef enum {
    SMM_CASCADE_SORT_TWEET,
    SMM_CASCADE_SORT_AUTHOR,
    SMM_CASCADE_SORT_SIZE,
    SMM_CASCADE_SORT_DEPTH,
    SMM_CASCADE_SORT_BREADTH,
    SMM_CASCADE_SORT_VIRALITY,
    SMM_CASCADE_SORT_DURATION,
    SMM_CASCADE_SORT_T50,
    SMM_CASCADE_SORT_T90,
    SMM_CASCADE_SORT_PEAK,
    SMM_CASCADE_SORT_AMPLIFIER,
    SMM_CASCADE_N_SORTS
} SmmCascadeSort;

/* The column's name, as in the report's header. */
const char *smm_cascade_sort_name(SmmCascadeSort key);
gboolean smm_cascade_sort_from_name(const char *name, SmmCascadeSort *key);
/* Every cascade (cascade_order.c), in report order: by `key` (numbers
 * descending, accounts by name ascending, nobody last), then by size
 * (descending), then by post id ascending (order.h's total order). */
guint32 *smm_cascade_order(const SmmCascades *cs, const SmmCascadeShape *shapes,
                           const SmmNames *names, const SmmNames *items, SmmCascadeSort key,
                           guint n_threads);
/* The adopters of at least min_cascades posts, in report order: by
 * early_score, then led, then cascades (descending), then name; their
 * number in *count. */
guint32 *smm_adopters_order(const SmmAdopters *ad, const SmmNames *names, guint64 min_cascades,
                            guint n_threads, guint32 *count);

/* Result tables (cascade_tables.c); each borrows what it is given, which
 * must outlive `out`. One row per cascade of `order` (count of them):
 * tweet_id,author,size,depth,max_breadth,structural_virality,duration_s,
 * t50_s,t90_s,peak_rate_per_h,top_amplifier. `names` holds accounts,
 * `items` post ids (NULL unless the cascades are by item). */
void smm_cascade_result_table(const SmmCascades *cs, const SmmNames *names, const SmmNames *items,
                              const SmmCascadeShape *shapes, const guint32 *order, guint32 count,
                              SmmResult *out);
/* The tree edges of those cascades, in that order: tweet_id,parent,child,
 * delay_s (the child's adoption minus the parent's; the root adopts at the
 * post's time), and when the log has a via column, via (the parent the log
 * observed; empty for none). parent + node_off[c] is cascade c's parent
 * array. */
void smm_cascade_edges_table(const SmmCascades *cs, const guint32 *parent, const guint64 *node_off,
                             const guint32 *order, guint32 count, const SmmNames *names,
                             const SmmNames *items, SmmResult *out);
/* One row per account of `order`: rank,account,cascades,median_percentile,
 * category,early_score[,led]; n accounts in `ad`. */
void smm_adopters_result_table(const SmmAdopters *ad, guint32 n, const SmmNames *names,
                               const guint32 *order, guint32 count, SmmResult *out);

#endif
