/* via_check.c - the reconstructed parents against the observed ones.
 *
 * Where the log names the account through whose reshare a resharer saw
 * the post (Bluesky's record.via), that account is the reshare's true
 * parent, and the attribution rule's choice (tree.c) can be checked
 * against it. Per cascade, the accounts that have the post so far (the
 * root first) are marked in adoption order; a reshare with via is
 * counted as agreeing, as naming an account that had not adopted before
 * it, as naming an earlier adopter it does not follow (no rule over the
 * follower graph could choose that one), or as naming a followed earlier
 * adopter the rule passed over. O(adoptions + the followees of the
 * resharers with via). Single-threaded.
 */
#include <string.h>

#include "smm/cascade.h"
#include "smm/marks.h"

static gboolean follows(const SmmGraph *g, guint32 v, guint32 u)
{
    if (g == NULL || v >= g->n)
        return FALSE;
    for (guint64 e = g->out_off[v]; e < g->out_off[v + 1]; e++)
        if (g->out_adj[e] == u)
            return TRUE;
    return FALSE;
}

void smm_cascade_via_check(const SmmCascades *cs, const SmmGraph *followers,
                           const SmmCascadeTrees *trees, SmmViaCheck *check)
{
    memset(check, 0, sizeof *check);
    if (cs->via == NULL || cs->n == 0)
        return;
    guint32 n_accounts = 0; /* ids in the cascades: roots, adopters, vias */
    for (guint64 i = 0; i < cs->off[cs->n]; i++) {
        n_accounts = MAX(n_accounts, cs->adopter[i] + 1);
        if (cs->via[i] != SMM_NO_ACCOUNT)
            n_accounts = MAX(n_accounts, cs->via[i] + 1);
    }
    for (guint32 c = 0; c < cs->n; c++)
        n_accounts = MAX(n_accounts, cs->root[c] + 1);
    SmmMarks had; /* accounts that have the current post so far */
    smm_marks_init(&had, n_accounts);
    for (guint32 c = 0; c < cs->n; c++) {
        guint32 size = smm_cascade_size(cs, c);
        const guint32 *resharer = smm_cascade_resharers(cs, c);
        const guint32 *via = cs->via + cs->off[c] + (cs->root_adopts ? 1 : 0);
        const guint32 *parent = trees->parent + trees->node_off[c];
        smm_marks_next(&had);
        smm_marks_set(&had, cs->root[c]);
        for (guint32 j = 1; j < size; j++) {
            guint32 v = resharer[j - 1], u = via[j - 1];
            if (u != SMM_NO_ACCOUNT) {
                guint32 p = parent[j] == 0 ? cs->root[c] : resharer[parent[j] - 1];
                check->with_via++;
                if (p == u)
                    check->agree++;
                else if (!smm_marks_has(&had, u))
                    check->not_before++;
                else if (!follows(followers, v, u))
                    check->not_followed++;
                else
                    check->passed_over++;
            }
            smm_marks_set(&had, v);
        }
    }
    smm_marks_clear(&had);
}
