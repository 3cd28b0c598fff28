/*
 * score.c - the scoring rules (DESIGN.md section 5) and group scores.
 * Every number hindsight prints about accuracy is computed here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/score.h"
#include "hindsight/stats.h"

double hs_skill(double bs, double ref)
{
    return 1.0 - bs / ref;
}

/* The data set as it stood on as_of: run->ds becomes ds itself, or a view
 * without the forecasts not yet made.  Returns 0 or -1 (out of memory). */
static int replay_view(hs_run *run, const hs_dataset *ds, hs_date as_of)
{
    hs_dataset *v;
    size_t i, n = 0;

    run->ds = ds;
    for (i = 0; i < ds->n_forecasts; i++)
        n += hs_forecast_exists(&ds->forecasts[i], as_of);
    if (n == ds->n_forecasts)
        return 0;
    if (!(v = hs_malloc(sizeof(*v))))
        return -1;
    *v = *ds;   /* shallow: everything borrowed but the forecast array */
    hs_strmap_init(&v->forecast_ids);
    v->forecasts = hs_calloc(n + 1, sizeof(*v->forecasts));
    if (!v->forecasts) {
        hs_free(v);
        return -1;
    }
    v->n_forecasts = v->alloc_forecasts = 0;
    for (i = 0; i < ds->n_forecasts; i++)
        if (hs_forecast_exists(&ds->forecasts[i], as_of))
            v->forecasts[v->n_forecasts++] = ds->forecasts[i];
    v->alloc_forecasts = n + 1;
    run->view = v;
    run->ds = v;
    return 0;
}

/* Free a view made by replay_view (its strings belong to the loaded set). */
static void release_view(hs_run *run)
{
    if (run->view) {
        hs_free(run->view->forecasts);
        hs_free(run->view);
    }
    run->view = NULL;
}

int hs_run_compute(hs_run *run, const hs_dataset *ds, const hs_run_options *opt)
{
    hs_knowledge *know = NULL;
    size_t i;

    memset(run, 0, sizeof(*run));
    run->opt = *opt;
    if (replay_view(run, ds, opt->as_of) < 0)
        return -1;
    ds = run->ds;
    know = hs_calloc(ds->n_questions + 1, sizeof(*know));
    run->items = hs_calloc(ds->n_forecasts + 1, sizeof(*run->items));
    if (!know || !run->items) {
        hs_free(know);
        hs_free(run->items);
        run->items = NULL;
        release_view(run);
        return -1;
    }
    hs_knowledge_compute(ds, opt->as_of, opt->replay, know);
    for (i = 0; i < ds->n_forecasts; i++) {
        const hs_forecast *f = &ds->forecasts[i];
        hs_scored *s = &run->items[i];

        s->res = hs_resolve(f, know, opt->horizon);
        if (f->basis == HS_BASIS_LEXICON) {
            s->hedge = opt->lexicon ? hs_lexicon_find(opt->lexicon, f->hedge) : NULL;
            s->fell_back = s->hedge && !hs_lexicon_owns(opt->lexicon, s->hedge);
            if (!s->hedge)
                goto fail;   /* out of memory, or a lexicon the data was not checked against */
            s->p_stance = s->hedge->probability;
        } else {
            s->p_stance = f->probability;
        }
        s->p_yes = hs_prob_yes(s->p_stance, f->stance_yes);
        s->brier = s->log_score = NAN;
        s->sqerr = 0;
        if (s->res.status == HS_YES || s->res.status == HS_NO) {
            s->sqerr = hs_prob_sqerr_to(s->p_yes, s->res.outcome);
            s->brier = hs_sqerr_to_double(s->sqerr);
            s->log_score = s->res.graded ? hs_log_score_graded(s->p_yes, s->res.outcome)
                                         : hs_log_score(s->p_yes, s->res.status == HS_YES);
        }
    }
    run->n = ds->n_forecasts;
    hs_free(know);
    return 0;
fail:
    hs_free(know);
    hs_free(run->items);
    run->items = NULL;
    release_view(run);
    return -1;
}

void hs_run_release(hs_run *run)
{
    hs_free(run->items);
    release_view(run);
    memset(run, 0, sizeof(*run));
}

int hs_group_key_parse(const char *s, enum hs_group_key *out)
{
    if (strcmp(s, "forecaster") == 0)
        *out = HS_BY_FORECASTER;
    else if (strcmp(s, "organization") == 0 || strcmp(s, "organisation") == 0)
        *out = HS_BY_ORGANIZATION;
    else if (strcmp(s, "source") == 0)
        *out = HS_BY_SOURCE;
    else if (strcmp(s, "question") == 0)
        *out = HS_BY_QUESTION;
    else if (strcmp(s, "tag") == 0)
        *out = HS_BY_TAG;
    else
        return -1;
    return 0;
}

int hs_group_each(const hs_run *run, size_t i, enum hs_group_key key,
                  int (*fn)(void *ctx, const char *name), void *ctx)
{
    const hs_forecast *f = &run->ds->forecasts[i];
    const hs_question *q;
    size_t j, k;
    int rc;

    switch (key) {
    case HS_BY_FORECASTER: return fn(ctx, f->forecaster);
    case HS_BY_ORGANIZATION: return fn(ctx, f->organization);
    case HS_BY_QUESTION: return fn(ctx, f->question_id);
    case HS_BY_SOURCE:
        if ((rc = fn(ctx, hs_forecast_source_id(run->ds, f))) != 0)
            return rc;
        /* the same statement reported elsewhere counts once for each source */
        for (j = 0; j < f->n_also; j++)
            if (f->also[j].source != HS_NONE &&
                (rc = fn(ctx, run->ds->sources[f->also[j].source].id)) != 0)
                return rc;
        return 0;
    case HS_BY_TAG:
        q = &run->ds->questions[f->question];
        if (q->n_tags == 0)
            return fn(ctx, HS_UNTAGGED);
        for (j = 0; j < q->n_tags; j++) {
            for (k = 0; k < j && strcmp(q->tags[k], q->tags[j]) != 0; k++)
                ;
            if (k == j && (rc = fn(ctx, q->tags[j])) != 0)
                return rc;
        }
        return 0;
    }
    return 0;
}

static int take_first(void *ctx, const char *name)
{
    *(const char **)ctx = name;
    return 1;
}

const char *hs_group_name_of(const hs_run *run, size_t i, enum hs_group_key key)
{
    const char *name = "";

    hs_group_each(run, i, key, take_first, &name);
    return name;
}

const char *hs_group_key_name(enum hs_group_key k)
{
    static const char *const names[] = {"forecaster", "organization", "source", "question",
                                        "tag"};

    return names[k];
}

void hs_group_options_init(hs_group_options *o)
{
    o->min_n = 1;
    o->bootstrap = 2000;
    o->seed = 1;
    o->level = 0.95;
    o->reference = HS_REF_COIN;
}

/* Find or add the group called name; NULL when out of memory. */
static hs_group *group_for(hs_groups *g, hs_strmap *index, const char *name)
{
    size_t i;

    if (hs_strmap_get(index, name, &i))
        return &g->items[i];
    if (hs_grow((void **)&g->items, &g->alloc, g->n + 1, sizeof(*g->items)) < 0 ||
        hs_strmap_put(index, name, g->n, NULL) < 0)
        return NULL;
    memset(&g->items[g->n], 0, sizeof(g->items[0]));
    g->items[g->n].name = name;
    return &g->items[g->n++];
}

/* Add forecast i to a group.  Returns 0 or -1 (out of memory). */
static int count_in(hs_group *grp, const hs_run *run, size_t i)
{
    const hs_scored *s = &run->items[i];
    size_t *m = hs_realloc(grp->members, (grp->n_members + 1) * sizeof(*m));

    if (!m)
        return -1;
    grp->members = m;
    m[grp->n_members++] = i;
    grp->n_forecasts++;
    if (!s->res.deadline_stated)
        grp->n_defaulted++;
    switch (s->res.status) {
    case HS_YES:
    case HS_NO:
        grp->n_scored++;
        grp->sq_sum += s->sqerr;
        grp->log_score += s->log_score;
        break;
    case HS_PENDING:
        grp->n_pending++;
        break;
    case HS_VOID:
        grp->n_void++;
        break;
    }
    return 0;
}

/* Exact comparison of two groups' mean Brier scores (both scored). */
static int mean_cmp(const hs_group *x, const hs_group *y)
{
    return hs_mean_cmp(x->sq_sum, x->n_scored, y->sq_sum, y->n_scored);
}

/* Ranked groups (rank set to 1 before sorting) first, best Brier first. */
static int group_cmp(const void *a, const void *b)
{
    const hs_group *x = a, *y = b;
    int xr = x->rank != 0, yr = y->rank != 0, c;

    if (xr != yr)
        return yr - xr;
    if (xr && (c = mean_cmp(x, y)) != 0)
        return c;
    return strcmp(x->name, y->name);
}

/* The Brier score of always forecasting the base rate of "yes" among the
 * run's scored forecasts: obar (1 - obar). */
static double base_rate_reference(const hs_run *run)
{
    size_t i, n = 0;
    uint64_t yes = 0;   /* sum of outcomes, units of 1e-9 (graded ones too) */
    double obar;

    for (i = 0; i < run->n; i++) {
        if (run->items[i].res.status == HS_YES || run->items[i].res.status == HS_NO) {
            n++;
            yes += (uint64_t)run->items[i].res.outcome;
        }
    }
    if (!n)
        return NAN;
    obar = (double)yes / (double)HS_PROB_ONE / (double)n;
    return obar * (1 - obar);
}

/* Interval of one group's mean Brier.  Returns 0 or -1 (out of memory). */
static int group_interval(hs_group *grp, const hs_run *run, const hs_group_options *opt)
{
    double *value = hs_calloc(grp->n_scored + 1, sizeof(*value));
    size_t *question = hs_calloc(grp->n_scored + 1, sizeof(*question));
    size_t i, n = 0, j;
    int rc = -1;

    if (!value || !question)
        goto cleanup;
    for (i = 0; i < grp->n_members; i++) {
        const hs_scored *s = &run->items[grp->members[i]];

        if (s->res.status != HS_YES && s->res.status != HS_NO)
            continue;
        value[n] = s->brier;
        question[n] = run->ds->forecasts[grp->members[i]].question;
        for (j = 0; j < n && question[j] != question[n]; j++)
            ;
        grp->n_questions += j == n;
        n++;
    }
    grp->ci_low = grp->ci_high = NAN;
    if (opt->bootstrap == 0) {
        grp->ci_state = HS_CI_OFF;
        rc = 0;
        goto cleanup;
    }
    rc = hs_bootstrap_mean_ci(value, question, n, opt->bootstrap,
                              hs_seed_for(opt->seed, grp->name), opt->level,
                              &grp->ci_low, &grp->ci_high);
    if (rc == 1) {
        grp->ci_state = HS_CI_FEW_QUESTIONS;
        rc = 0;
    }
cleanup:
    hs_free(value);
    hs_free(question);
    return rc;
}

/* hs_groups_compute's walk: add forecast i to the group called name. */
typedef struct add_ctx {
    hs_groups *g;
    hs_strmap *index;
    const hs_run *run;
    size_t i;
} add_ctx;

static int add_to_group(void *p, const char *name)
{
    add_ctx *a = p;
    hs_group *grp = group_for(a->g, a->index, name);

    return grp && count_in(grp, a->run, a->i) == 0 ? 0 : -1;
}

int hs_groups_compute(hs_groups *g, const hs_run *run, enum hs_group_key key,
                      const hs_group_options *opt)
{
    hs_strmap index;
    add_ctx add;
    size_t i;
    int ret = -1;

    memset(g, 0, sizeof(*g));
    g->key = key;
    g->opt = *opt;
    g->reference = opt->reference == HS_REF_BASE_RATE ? base_rate_reference(run) : HS_BRIER_COIN;
    hs_strmap_init(&index);
    add.g = g;
    add.index = &index;
    add.run = run;
    for (i = 0; i < run->n; i++) {
        add.i = i;
        if (hs_group_each(run, i, key, add_to_group, &add) != 0)
            goto cleanup;
    }
    for (i = 0; i < g->n; i++) {
        hs_group *grp = &g->items[i];

        grp->brier = hs_sqsum_mean(grp->sq_sum, grp->n_scored);
        grp->log_score = grp->n_scored ? grp->log_score / (double)grp->n_scored : NAN;
        grp->skill = grp->n_scored && g->reference > 0 ? hs_skill(grp->brier, g->reference) : NAN;
        grp->rank = grp->n_scored > 0 && grp->n_scored >= opt->min_n;
        if (group_interval(grp, run, opt) < 0)
            goto cleanup;
    }
    if (g->n)
        qsort(g->items, g->n, sizeof(*g->items), group_cmp);
    /* competition ranking: equal scores share a rank (1, 2, 2, 4) */
    for (i = 0; i < g->n && g->items[i].rank; i++)
        g->items[i].rank = i > 0 && mean_cmp(&g->items[i], &g->items[i - 1]) == 0
                               ? g->items[i - 1].rank : i + 1;
    ret = 0;
cleanup:
    hs_strmap_release(&index);
    if (ret < 0)
        hs_groups_release(g);
    return ret;
}

void hs_groups_release(hs_groups *g)
{
    size_t i;

    for (i = 0; i < g->n; i++)
        hs_free(g->items[i].members);
    hs_free(g->items);
    memset(g, 0, sizeof(*g));
}
