/* sensitivity.c - how much scores and rankings depend on the hedge table
 * and the default horizon (DESIGN.md section 4). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/analysis.h"
#include "hindsight/strmap.h"

/* Score one scenario and store its group Brier scores in column col.
 * index maps the default scenario's group names to their rows; column 0
 * fills it.  One hash lookup per group: the scenarios' groups are found in
 * time linear in their number, not by a scan of the default's list. */
static int score_scenario(hs_sensitivity *s, const hs_dataset *ds, hs_date as_of,
                          enum hs_replay replay, size_t col, hs_strmap *index)
{
    hs_scenario *sc = &s->scenarios[col];
    hs_run_options ro;
    hs_run run;
    hs_groups g;
    hs_group_options go;
    size_t i, k;
    int ret = -1;

    memset(&ro, 0, sizeof(ro));
    ro.as_of = as_of;
    ro.replay = replay;
    ro.horizon = sc->horizon;
    ro.lexicon = sc->lexicon;
    hs_group_options_init(&go);
    go.bootstrap = 0;
    memset(&g, 0, sizeof(g));
    if (hs_run_compute(&run, ds, &ro) < 0)
        return -1;
    for (i = 0; i < run.n; i++)
        sc->n_fallback += run.items[i].fell_back;
    if (hs_groups_compute(&g, &run, s->key, &go) < 0)
        goto cleanup;
    if (col == 0) {
        /* the default scenario fixes the group list and its order */
        s->groups = hs_calloc(g.n + 1, sizeof(*s->groups));
        s->brier = hs_calloc((g.n + 1) * s->n_scenarios, sizeof(*s->brier));
        s->sq_sum = hs_calloc((g.n + 1) * s->n_scenarios, sizeof(*s->sq_sum));
        s->n_scored = hs_calloc((g.n + 1) * s->n_scenarios, sizeof(*s->n_scored));
        if (!s->groups || !s->brier || !s->sq_sum || !s->n_scored)
            goto cleanup;
        s->n_groups = g.n;
        /* copies: a (question, date) group's name lives in the run */
        for (i = 0; i < g.n; i++) {
            if (!(s->groups[i] = hs_strdup(g.items[i].name)) ||
                hs_strmap_put(index, s->groups[i], i, NULL) < 0)
                goto cleanup;
        }
    }
    for (i = 0; i < s->n_groups; i++)
        s->brier[i * s->n_scenarios + col] = NAN;
    for (k = 0; k < g.n; k++) {
        size_t cell;

        if (!hs_strmap_get(index, g.items[k].name, &i))
            continue;
        cell = i * s->n_scenarios + col;
        s->brier[cell] = g.items[k].brier;
        s->sq_sum[cell] = g.items[k].sq_sum;
        s->n_scored[cell] = g.items[k].n_scored;
    }
    ret = 0;
cleanup:
    hs_groups_release(&g);
    hs_run_release(&run);
    return ret;
}

/* Sorting cells of one column by their exact mean. */
typedef struct cell_ref {
    const hs_sensitivity *s;
    size_t cell;
} cell_ref;

static int cell_cmp(const void *a, const void *b)
{
    const cell_ref *x = a, *y = b;
    const hs_sensitivity *s = x->s;

    return hs_mean_cmp(s->sq_sum[x->cell], s->n_scored[x->cell], s->sq_sum[y->cell],
                       s->n_scored[y->cell]);
}

/* rank[i] for the scored groups of column col: dense ranks of their exact
 * means (equal means equal ranks), written at the group's index. */
static void exact_ranks(const hs_sensitivity *s, size_t col, cell_ref *tmp, int64_t *rank)
{
    size_t i, n = 0;

    for (i = 0; i < s->n_groups; i++) {
        if (s->n_scored[i * s->n_scenarios + col]) {
            tmp[n].s = s;
            tmp[n++].cell = i * s->n_scenarios + col;
        }
    }
    qsort(tmp, n, sizeof(*tmp), cell_cmp);
    for (i = 0; i < n; i++)
        rank[tmp[i].cell / s->n_scenarios] =
            i > 0 && cell_cmp(&tmp[i], &tmp[i - 1]) == 0
                ? rank[tmp[i - 1].cell / s->n_scenarios]
                : (int64_t)i;
}

/* Kendall's tau-b between column col and the default, over groups scored
 * in both, on exact ranks.  Returns 0 or -1 (out of memory). */
static int ranking_tau(const hs_sensitivity *s, size_t col, double *tau)
{
    cell_ref *tmp = hs_calloc(s->n_groups + 1, sizeof(*tmp));
    int64_t *r0 = hs_calloc(s->n_groups + 1, sizeof(*r0));
    int64_t *rc = hs_calloc(s->n_groups + 1, sizeof(*rc));
    int64_t *x = hs_calloc(s->n_groups + 1, sizeof(*x));
    int64_t *y = hs_calloc(s->n_groups + 1, sizeof(*y));
    size_t i, n = 0;
    int ret = -1;

    if (!tmp || !r0 || !rc || !x || !y)
        goto cleanup;
    exact_ranks(s, 0, tmp, r0);
    exact_ranks(s, col, tmp, rc);
    for (i = 0; i < s->n_groups; i++) {
        if (!s->n_scored[i * s->n_scenarios] || !s->n_scored[i * s->n_scenarios + col])
            continue;
        x[n] = r0[i];
        y[n++] = rc[i];
    }
    ret = hs_kendall_tau(x, y, n, tau);
cleanup:
    hs_free(tmp);
    hs_free(r0);
    hs_free(rc);
    hs_free(x);
    hs_free(y);
    return ret;
}

/* Each group's lowest and highest mean over the scenarios, chosen exactly. */
static void group_extremes(hs_sensitivity *s)
{
    size_t i, k;

    for (i = 0; i < s->n_groups; i++) {
        size_t lo = HS_NONE, hi = HS_NONE, row = i * s->n_scenarios;

        for (k = 0; k < s->n_scenarios; k++) {
            size_t c = row + k;

            if (!s->n_scored[c])
                continue;
            if (lo == HS_NONE ||
                hs_mean_cmp(s->sq_sum[c], s->n_scored[c], s->sq_sum[lo], s->n_scored[lo]) < 0)
                lo = c;
            if (hi == HS_NONE ||
                hs_mean_cmp(s->sq_sum[c], s->n_scored[c], s->sq_sum[hi], s->n_scored[hi]) > 0)
                hi = c;
        }
        s->min[i] = lo == HS_NONE ? NAN : s->brier[lo];
        s->max[i] = hi == HS_NONE ? NAN : s->brier[hi];
    }
}

int hs_sensitivity_compute(hs_sensitivity *s, const hs_dataset *ds, enum hs_group_key key,
                           hs_date as_of, enum hs_replay replay,
                           const hs_lexicon *default_lexicon,
                           hs_horizon default_horizon, const hs_lexicon *const *lexicons,
                           size_t n_lexicons, const hs_horizon *horizons, size_t n_horizons)
{
    size_t i, col = 0;
    char h[32];
    hs_strmap index;
    int ret = -1;

    hs_strmap_init(&index);
    memset(s, 0, sizeof(*s));
    s->key = key;
    s->n_scenarios = 1 + n_lexicons + n_horizons;
    s->scenarios = hs_calloc(s->n_scenarios, sizeof(*s->scenarios));
    s->tau = hs_calloc(s->n_scenarios, sizeof(*s->tau));
    if (!s->scenarios || !s->tau)
        goto cleanup;
    hs_horizon_format(default_horizon, h, sizeof(h));
    /* no table at all when no forecast has a hedge (docs/formats.md) */
    snprintf(s->scenarios[0].label, sizeof(s->scenarios[0].label), "default (%s, %s)",
             default_lexicon->name ? default_lexicon->name : "none", h);
    s->scenarios[0].lexicon = default_lexicon;
    s->scenarios[0].horizon = default_horizon;
    for (i = 0; i < n_lexicons; i++) {
        hs_scenario *sc = &s->scenarios[++col];

        snprintf(sc->label, sizeof(sc->label), "lexicon %s", lexicons[i]->name);
        sc->lexicon = lexicons[i];
        sc->horizon = default_horizon;
    }
    for (i = 0; i < n_horizons; i++) {
        hs_scenario *sc = &s->scenarios[++col];

        hs_horizon_format(horizons[i], h, sizeof(h));
        snprintf(sc->label, sizeof(sc->label), "horizon %s", h);
        sc->lexicon = default_lexicon;
        sc->horizon = horizons[i];
    }
    for (col = 0; col < s->n_scenarios; col++)
        if (score_scenario(s, ds, as_of, replay, col, &index) < 0)
            goto cleanup;
    s->min = hs_calloc(s->n_groups + 1, sizeof(*s->min));
    s->max = hs_calloc(s->n_groups + 1, sizeof(*s->max));
    if (!s->min || !s->max)
        goto cleanup;
    group_extremes(s);
    for (col = 0; col < s->n_scenarios; col++)
        if (ranking_tau(s, col, &s->tau[col]) < 0)
            goto cleanup;
    ret = 0;
cleanup:
    hs_strmap_release(&index);
    if (ret < 0)
        hs_sensitivity_release(s);
    return ret;
}

void hs_sensitivity_release(hs_sensitivity *s)
{
    size_t i;

    hs_free(s->scenarios);
    for (i = 0; s->groups && i < s->n_groups; i++)
        hs_free((char *)s->groups[i]);
    hs_free(s->groups);
    hs_free(s->brier);
    hs_free(s->sq_sum);
    hs_free(s->n_scored);
    hs_free(s->min);
    hs_free(s->max);
    hs_free(s->tau);
    memset(s, 0, sizeof(*s));
}
