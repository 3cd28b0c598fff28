/* sensitivity.c - how much scores and rankings depend on the hedge table
 * and the default horizon (DESIGN.md section 4). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/analysis.h"

/* Score one scenario and store its group Brier scores in column col. */
static int score_scenario(hs_sensitivity *s, const hs_dataset *ds, hs_date as_of,
                          enum hs_replay replay, size_t col)
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
        if (!s->groups || !s->brier)
            goto cleanup;
        s->n_groups = g.n;
        for (i = 0; i < g.n; i++)
            s->groups[i] = g.items[i].name;
    }
    for (i = 0; i < s->n_groups; i++) {
        s->brier[i * s->n_scenarios + col] = NAN;
        for (k = 0; k < g.n; k++)
            if (strcmp(g.items[k].name, s->groups[i]) == 0)
                s->brier[i * s->n_scenarios + col] = g.items[k].brier;
    }
    ret = 0;
cleanup:
    hs_groups_release(&g);
    hs_run_release(&run);
    return ret;
}

/* Kendall's tau-b between column col and the default, over groups scored
 * in both. */
static double ranking_tau(const hs_sensitivity *s, size_t col, double *x, double *y)
{
    size_t i, n = 0;

    for (i = 0; i < s->n_groups; i++) {
        double a = s->brier[i * s->n_scenarios], b = s->brier[i * s->n_scenarios + col];

        if (isnan(a) || isnan(b))
            continue;
        x[n] = a;
        y[n] = b;
        n++;
    }
    return hs_kendall_tau(x, y, n);
}

int hs_sensitivity_compute(hs_sensitivity *s, const hs_dataset *ds, enum hs_group_key key,
                           hs_date as_of, enum hs_replay replay,
                           const hs_lexicon *default_lexicon,
                           hs_horizon default_horizon, const hs_lexicon *const *lexicons,
                           size_t n_lexicons, const hs_horizon *horizons, size_t n_horizons)
{
    double *x = NULL, *y = NULL;
    size_t i, col = 0;
    char h[32];
    int ret = -1;

    memset(s, 0, sizeof(*s));
    s->key = key;
    s->n_scenarios = 1 + n_lexicons + n_horizons;
    s->scenarios = hs_calloc(s->n_scenarios, sizeof(*s->scenarios));
    s->tau = hs_calloc(s->n_scenarios, sizeof(*s->tau));
    if (!s->scenarios || !s->tau)
        goto cleanup;
    hs_horizon_format(default_horizon, h, sizeof(h));
    snprintf(s->scenarios[0].label, sizeof(s->scenarios[0].label), "default (%s, %s)",
             default_lexicon->name, h);
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
        if (score_scenario(s, ds, as_of, replay, col) < 0)
            goto cleanup;
    x = hs_calloc(s->n_groups + 1, sizeof(double));
    y = hs_calloc(s->n_groups + 1, sizeof(double));
    if (!x || !y)
        goto cleanup;
    for (col = 0; col < s->n_scenarios; col++)
        s->tau[col] = ranking_tau(s, col, x, y);
    ret = 0;
cleanup:
    hs_free(x);
    hs_free(y);
    if (ret < 0)
        hs_sensitivity_release(s);
    return ret;
}

void hs_sensitivity_release(hs_sensitivity *s)
{
    hs_free(s->scenarios);
    hs_free(s->groups);
    hs_free(s->brier);
    hs_free(s->tau);
    memset(s, 0, sizeof(*s));
}
