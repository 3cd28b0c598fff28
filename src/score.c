/*
 * score.c - the scoring rules (DESIGN.md section 5) and group scores.
 * Every number hindsight prints about accuracy is computed here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/aggregate.h"
#include "hindsight/score.h"
#include "hindsight/stats.h"
#include "internal.h"

double hs_skill(double bs, double ref)
{
    return 1.0 - bs / ref;
}

void hs_score_forecast(const hs_forecast *f, const hs_hedge *hedge, int fell_back,
                       const hs_knowledge *know, hs_horizon horizon, hs_scored *s)
{
    s->res = hs_resolve(f, know, horizon);
    s->hedge = NULL;
    s->fell_back = 0;
    if (f->basis == HS_BASIS_LEXICON) {
        s->hedge = hedge;
        s->fell_back = fell_back;
        s->p_stance = hedge->probability;
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
    hs_hedge_memo memo;
    size_t i;

    memset(run, 0, sizeof(*run));
    memset(&memo, 0, sizeof(memo));
    run->opt = *opt;
    if (replay_view(run, ds, opt->as_of) < 0)
        return -1;
    ds = run->ds;
    know = hs_calloc(ds->n_questions + 1, sizeof(*know));
    run->items = hs_calloc(ds->n_forecasts + 1, sizeof(*run->items));
    if (!know || !run->items)
        goto fail;
    hs_knowledge_compute(ds, opt->as_of, opt->replay, know);
    for (i = 0; i < ds->n_forecasts; i++) {
        const hs_forecast *f = &ds->forecasts[i];
        const hs_hedge *hedge = NULL;

        if (f->basis == HS_BASIS_LEXICON) {
            if (opt->lexicon && hs_hedge_memo_find(&memo, opt->lexicon, f->hedge, &hedge) < 0)
                goto fail;
            if (!hedge)
                goto fail;   /* out of memory, or a lexicon the data was not checked against */
        }
        hs_score_forecast(f, hedge, hedge && !hs_lexicon_owns(opt->lexicon, hedge), know,
                          opt->horizon, &run->items[i]);
    }
    run->n = ds->n_forecasts;
    if (hs_run_question_dates(run) < 0)
        goto fail;
    hs_free(know);
    hs_hedge_memo_release(&memo);
    return 0;
fail:
    hs_free(know);
    hs_hedge_memo_release(&memo);
    hs_free(run->items);
    run->items = NULL;
    for (i = 0; i < run->n_qdate_names; i++)
        hs_free(run->qdate_names[i]);
    hs_free(run->qdate_names);
    hs_free((void *)run->qdate);
    run->qdate = NULL;
    run->qdate_names = NULL;
    run->n_qdate_names = 0;
    run->n = 0;
    release_view(run);
    return -1;
}

void hs_run_release(hs_run *run)
{
    size_t i;

    hs_free(run->items);
    for (i = 0; i < run->n_qdate_names; i++)
        hs_free(run->qdate_names[i]);
    hs_free(run->qdate_names);
    hs_free((void *)run->qdate);
    release_view(run);
    memset(run, 0, sizeof(*run));
}

char *hs_question_date_name(const char *id, hs_date date)
{
    char text[HS_DATE_TEXT_SIZE], *s;
    size_t n = strlen(id);

    hs_date_format(date, text);
    if (!(s = hs_malloc(n + 1 + strlen(text) + 1)))
        return NULL;
    memcpy(s, id, n);
    s[n] = '@';
    strcpy(s + n + 1, text);
    return s;
}

int hs_question_date_split(const hs_dataset *ds, const char *name, size_t *question,
                           hs_date *date)
{
    const char *at = strrchr(name, '@');
    char *id;
    int found;

    if (hs_strmap_get(&ds->question_ids, name, question))
        return 0;
    if (!at || hs_date_parse_formatted(at + 1, date) < 0 ||
        !(id = hs_strndup(name, (size_t)(at - name))))
        return -1;
    found = hs_strmap_get(&ds->question_ids, id, question) && ds->questions[*question].dated;
    hs_free(id);
    return found ? 1 : -1;
}

int hs_run_question_dates(hs_run *run)
{
    const hs_dataset *ds = run->ds;
    hs_strmap index;
    size_t i, k;
    int ret = -1;

    hs_strmap_init(&index);
    for (i = 0; i < run->n; i++)
        if (ds->forecasts[i].question != HS_NONE && ds->questions[ds->forecasts[i].question].dated)
            break;
    if (i == run->n || run->qdate)
        return 0;   /* no dated question, or done */
    if (!(run->qdate = hs_calloc(run->n + 1, sizeof(*run->qdate))) ||
        !(run->qdate_names = hs_calloc(run->n + 1, sizeof(*run->qdate_names))))
        goto cleanup;
    for (; i < run->n; i++) {
        const hs_forecast *f = &ds->forecasts[i];
        char *name;
        int rc;

        if (f->question == HS_NONE || !ds->questions[f->question].dated)
            continue;
        /* the deadline as hs_resolve() takes it */
        if (!(name = hs_question_date_name(f->question_id,
                                           f->has_deadline ? f->deadline
                                                           : hs_horizon_add(f->made, run->opt.horizon))))
            goto cleanup;
        if ((rc = hs_strmap_put(&index, name, run->n_qdate_names, &k)) < 0) {
            hs_free(name);
            goto cleanup;
        }
        if (rc == 0) {   /* a name seen before */
            hs_free(name);
            run->qdate[i] = run->qdate_names[k];
        } else {
            run->qdate[i] = run->qdate_names[run->n_qdate_names++] = name;
        }
    }
    ret = 0;
cleanup:
    hs_strmap_release(&index);
    return ret;
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
    else if (strcmp(s, "question-date") == 0)
        *out = HS_BY_QUESTION_DATE;
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
    case HS_BY_QUESTION_DATE:
        return fn(ctx, run->qdate && run->qdate[i] ? run->qdate[i] : f->question_id);
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
                                        "tag", "question-date"};

    return names[k];
}

const char *hs_group_key_column(enum hs_group_key k)
{
    return k == HS_BY_QUESTION_DATE ? "question_date" : hs_group_key_name(k);
}

void hs_group_options_init(hs_group_options *o)
{
    o->min_n = 1;
    o->bootstrap = 2000;
    o->seed = 1;
    o->level = 0.95;
    o->reference = HS_REF_COIN;
    o->crowd = HS_CROWD_NONE;
    o->overall = 0;
}

void hs_totals_add(hs_totals *t, const hs_scored *s)
{
    t->n++;
    t->n_status[s->res.status]++;
    t->n_stated += s->res.deadline_stated != 0;
    t->n_by_curator += s->res.deadline_by_curator != 0;
    t->n_fell_back += s->fell_back != 0;
    if (s->res.status == HS_YES || s->res.status == HS_NO) {
        t->n_graded += s->res.graded != 0;
        t->n_no_binary += s->res.status == HS_NO && !s->res.graded;
        t->outcome_sum += (uint64_t)s->res.outcome;
    }
}

void hs_totals_of_run(hs_totals *t, const hs_run *run)
{
    size_t i;

    memset(t, 0, sizeof(*t));
    for (i = 0; i < run->n; i++)
        hs_totals_add(t, &run->items[i]);
}

double hs_reference_score(enum hs_reference ref, const hs_totals *t)
{
    size_t n = t->n_status[HS_YES] + t->n_status[HS_NO];
    double obar;

    if (ref == HS_REF_COIN)
        return HS_BRIER_COIN;
    if (!n)
        return NAN;
    obar = (double)t->outcome_sum / (double)HS_PROB_ONE / (double)n;
    return obar * (1 - obar);
}

int hs_groups_compute(hs_groups *g, const hs_run *run, enum hs_group_key key,
                      const hs_group_options *opt)
{
    hs_agg agg;
    int ret;

    memset(g, 0, sizeof(*g));
    hs_agg_init(&agg, key, 1);   /* names borrowed from the dataset */
    agg.keep_sums = opt->bootstrap > 0;
    agg.crowd.kind = opt->crowd;
    agg.overall = opt->overall;
    if (hs_agg_add_run(&agg, run) < 0)
        ret = -1;
    else if ((ret = hs_agg_close(&agg)) == 0)
        ret = hs_agg_groups(&agg, g, opt) < 0 ||
              (opt->overall && hs_agg_overall(&agg, run->ds, opt, g) < 0) ? -1 : 0;
    else if (ret == 1)
        g->name_taken = hs_agg_name_taken(&agg);
    hs_agg_release(&agg);
    return ret;
}

void hs_groups_release(hs_groups *g)
{
    hs_free(g->items);
    memset(g, 0, sizeof(*g));
}
