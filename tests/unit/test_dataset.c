/*
 * test_dataset.c - load the fixture in tests/data/basic and check every
 * group score against values worked out by hand:
 *   f1 Alice  p_yes 0.9, yes   -> 0.01      f2 Bob   p_yes 0.6, no -> 0.36
 *   f3 Alice  p_yes 0.4, no    -> 0.16      f4 Bob   pending
 *   f5 Carol  void (annulled)               f6 Carol p_yes 0.9, yes -> 0.01
 *   f7 Dave   void (condition-not-met)      f8 Dave  void (event-before-statement)
 *   f9 Erin   p_yes 0.3, no    -> 0.09
 */
#include <stdlib.h>
#include <string.h>

#include "hindsight/hindsight.h"
#include "tests.h"

struct fixture {
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags diags;
    hs_run run;
};

static int load_replay(struct fixture *fx, const char *as_of, enum hs_replay replay)
{
    char path[512], lexpath[600];
    hs_run_options opt;

    memset(&opt, 0, sizeof(opt));
    snprintf(path, sizeof(path), "%s/basic", test_data_dir);
    snprintf(lexpath, sizeof(lexpath), "%s/lexicons/default.csv", path);
    hs_lexicon_init(&fx->lex);
    hs_dataset_init(&fx->ds);
    hs_diags_init(&fx->diags);
    memset(&fx->run, 0, sizeof(fx->run));
    if (hs_lexicon_load(&fx->lex, lexpath, &fx->diags) < 0 ||
        hs_dataset_load(&fx->ds, path, &fx->lex, &fx->diags) < 0)
        return -1;
    hs_date_parse(as_of, strlen(as_of), &opt.as_of);
    opt.horizon.count = 2;
    opt.horizon.unit = 'y';
    opt.lexicon = &fx->lex;
    opt.replay = replay;
    return hs_run_compute(&fx->run, &fx->ds, &opt);
}

static int load(struct fixture *fx, const char *as_of)
{
    return load_replay(fx, as_of, HS_REPLAY_HAPPENED);
}

static void unload(struct fixture *fx)
{
    hs_run_release(&fx->run);
    hs_diags_release(&fx->diags);
    hs_dataset_release(&fx->ds);
    hs_lexicon_release(&fx->lex);
}

static const hs_group *group(const hs_groups *g, const char *name)
{
    size_t i;

    for (i = 0; i < g->n; i++)
        if (strcmp(g->items[i].name, name) == 0)
            return &g->items[i];
    fprintf(stderr, "no group '%s'\n", name);
    test_failed = 1;
    return NULL;
}

static void test_dataset_loads_clean(void)
{
    struct fixture fx;

    CHECK(load(&fx, "2026-11-22") == 0);
    CHECK(fx.diags.n == 0);
    CHECK(fx.ds.n_forecasts == 9 && fx.ds.n_sources == 2 && fx.ds.n_questions == 7 &&
          fx.ds.n_records == 7);
    unload(&fx);
}

static void test_dataset_forecast_scores(void)
{
    static const struct { enum hs_status st; double brier; } want[9] = {
        {HS_YES, 0.01}, {HS_NO, 0.36}, {HS_NO, 0.16}, {HS_PENDING, NAN},
        {HS_VOID, NAN}, {HS_YES, 0.01}, {HS_VOID, NAN}, {HS_VOID, NAN}, {HS_NO, 0.09}};
    struct fixture fx;
    size_t i;

    CHECK(load(&fx, "2026-11-22") == 0);
    for (i = 0; i < 9 && i < fx.run.n; i++) {
        CHECK(fx.run.items[i].res.status == want[i].st);
        if (!isnan(want[i].brier))
            CHECK_NEAR(fx.run.items[i].brier, want[i].brier, 1e-12);
    }
    CHECK(fx.run.items[4].res.reason == HS_VOID_ANNULLED);
    CHECK(fx.run.items[6].res.reason == HS_VOID_CONDITION_NOT_MET);
    CHECK(fx.run.items[7].res.reason == HS_VOID_EVENT_BEFORE_STATEMENT);
    unload(&fx);
}

static void test_dataset_groups(void)
{
    struct fixture fx;
    hs_groups g;
    hs_group_options o;
    const hs_group *x;

    hs_group_options_init(&o);
    CHECK(load(&fx, "2026-11-22") == 0);
    CHECK(hs_groups_compute(&g, &fx.run, HS_BY_FORECASTER, &o) == 0);
    CHECK(g.n == 5);
    if ((x = group(&g, "Alice Ash"))) {
        CHECK_NEAR(x->brier, (0.01 + 0.16) / 2, 1e-12);
        CHECK_NEAR(x->skill, 1 - 0.085 / 0.25, 1e-12);
        CHECK(x->n_scored == 2 && x->n_pending == 0 && x->n_void == 0 && x->rank == 2);
    }
    if ((x = group(&g, "Bob Birch")))
        CHECK(x->n_scored == 1 && x->n_pending == 1 && x->rank == 4);
    if ((x = group(&g, "Dave Dunn")))
        CHECK(x->n_scored == 0 && x->n_void == 2 && x->rank == 0 && isnan(x->brier));
    CHECK(strcmp(g.items[0].name, "Carol Čapek") == 0 && g.items[0].rank == 1);
    hs_groups_release(&g);

    /* by organization: Org A = f1 f2 f3 -> (0.01 + 0.36 + 0.16) / 3 */
    CHECK(hs_groups_compute(&g, &fx.run, HS_BY_ORGANIZATION, &o) == 0);
    if ((x = group(&g, "Org A")))
        CHECK_NEAR(x->brier, 0.53 / 3, 1e-12);
    if ((x = group(&g, "Org B")))
        CHECK(x->n_forecasts == 3 && x->n_scored == 1 && x->n_pending == 1 && x->n_void == 1);
    hs_groups_release(&g);

    /* by source: f3 is also reported by s2 and counts once there too */
    CHECK(hs_groups_compute(&g, &fx.run, HS_BY_SOURCE, &o) == 0);
    if ((x = group(&g, "s2"))) {
        CHECK(x->n_forecasts == 5 && x->n_scored == 3);
        CHECK_NEAR(x->brier, (0.01 + 0.09 + 0.16) / 3, 1e-12);
    }
    hs_groups_release(&g);

    /* --min-n 2 leaves only Alice ranked */
    o.min_n = 2;
    CHECK(hs_groups_compute(&g, &fx.run, HS_BY_FORECASTER, &o) == 0);
    CHECK(strcmp(g.items[0].name, "Alice Ash") == 0 && g.items[0].rank == 1);
    CHECK(g.items[1].rank == 0);
    hs_groups_release(&g);
    unload(&fx);
}

static void test_dataset_as_of_replay(void)
{
    struct fixture fx;

    /* On 2024-01-01 the leader's resignation (2024-03-01) was not known. */
    CHECK(load(&fx, "2024-01-01") == 0);
    CHECK(fx.run.items[0].res.status == HS_PENDING);
    CHECK(fx.run.items[1].res.status == HS_PENDING);
    CHECK(fx.run.items[4].res.status == HS_VOID);      /* annulled 2024-01-01 */
    CHECK(fx.run.items[7].res.status == HS_VOID);
    unload(&fx);
}

/* f6, f7 and f9 were made on 2023-05-01: before that they do not exist. */
static void test_dataset_replay_leaves_out_unmade(void)
{
    static const char *const ids[] = {"f1", "f2", "f3", "f4", "f5", "f8"};
    struct fixture fx;
    hs_groups g;
    hs_group_options o;
    size_t i;

    CHECK(load(&fx, "2023-04-30") == 0);
    CHECK(fx.run.n == 6 && fx.run.ds != &fx.ds && fx.run.ds->n_forecasts == 6);
    for (i = 0; i < 6 && i < fx.run.n; i++)
        CHECK_STR(fx.run.ds->forecasts[i].id, ids[i]);
    CHECK(fx.run.items[5].res.status == HS_VOID);      /* f8 */
    CHECK(fx.run.ds->n_questions == 7 && fx.run.ds->n_records == 7);
    hs_group_options_init(&o);
    o.bootstrap = 0;
    CHECK(hs_groups_compute(&g, &fx.run, HS_BY_FORECASTER, &o) == 0);
    CHECK(g.n == 4);                                   /* no Erin yet */
    CHECK(group(&g, "Carol Čapek") && group(&g, "Carol Čapek")->n_forecasts == 1);
    hs_groups_release(&g);
    unload(&fx);
    /* made on the as-of date: exists, and the loaded set is used as is */
    CHECK(load(&fx, "2023-05-01") == 0);
    CHECK(fx.run.n == 9 && fx.run.ds == &fx.ds && fx.run.view == NULL);
    unload(&fx);
    CHECK(load(&fx, "2022-09-30") == 0);
    CHECK(fx.run.n == 0);
    unload(&fx);
}

/* q-leader occurred 2024-03-01 and was recorded 2024-03-04. */
static void test_dataset_replay_known(void)
{
    struct fixture fx;

    CHECK(load_replay(&fx, "2024-03-02", HS_REPLAY_HAPPENED) == 0);
    CHECK(fx.run.items[0].res.status == HS_YES);
    unload(&fx);
    CHECK(load_replay(&fx, "2024-03-02", HS_REPLAY_KNOWN) == 0);
    CHECK(fx.run.items[0].res.status == HS_PENDING);
    CHECK(fx.run.items[4].res.status == HS_VOID);      /* annulled and recorded 2024-01-01 */
    unload(&fx);
    CHECK(load_replay(&fx, "2024-03-04", HS_REPLAY_KNOWN) == 0);
    CHECK(fx.run.items[0].res.status == HS_YES);
    unload(&fx);
}

/* --by tag by hand: q0 tagged "a", "b", "a" (a repeat), q1 untagged.
 * f0 on q0 yes, Brier 0.01; f1 on q0 no, 0.36; f2 on q1 yes, 0.04; f3 on
 * q0 pending.  a = b = {f0, f1, f3}: 3 forecasts, 2 scored, mean 0.185;
 * (untagged) = {f2}: 0.04. */
static int collect(void *ctx, const char *name)
{
    char *out = ctx;

    strcat(out, name);
    strcat(out, "|");
    return 0;
}

static void test_groups_by_tag(void)
{
    static char a[] = "a", b[] = "b", q0_id[] = "q0", q1_id[] = "q1";
    char *tags0[] = {a, b, a};
    hs_question q[2];
    hs_forecast f[4];
    hs_scored items[4];
    hs_dataset ds;
    hs_run run;
    hs_groups g;
    hs_group_options o;
    const hs_group *grp;
    char names[64] = "";
    size_t i;

    hs_dataset_init(&ds);
    memset(q, 0, sizeof(q));
    memset(f, 0, sizeof(f));
    memset(items, 0, sizeof(items));
    memset(&run, 0, sizeof(run));
    q[0].id = q0_id, q[0].tags = tags0, q[0].n_tags = 3;
    q[1].id = q1_id;
    ds.questions = q, ds.n_questions = 2;
    ds.forecasts = f, ds.n_forecasts = 4;
    for (i = 0; i < 4; i++) {
        f[i].question = i == 2;
        f[i].question_id = i == 2 ? q1_id : q0_id;
        items[i].brier = NAN;
    }
    /* p_yes 0.9 yes, 0.6 no, 0.8 yes: squared errors in units of 1e-18 */
    items[0].res.status = HS_YES, items[0].brier = 0.01, items[0].sqerr = hs_prob_sqerr(900000000, 1);
    items[1].res.status = HS_NO, items[1].brier = 0.36, items[1].sqerr = hs_prob_sqerr(600000000, 0);
    items[2].res.status = HS_YES, items[2].brier = 0.04, items[2].sqerr = hs_prob_sqerr(800000000, 1);
    items[3].res.status = HS_PENDING;
    run.ds = &ds, run.items = items, run.n = 4;
    CHECK(hs_group_each(&run, 0, HS_BY_TAG, collect, names) == 0);
    CHECK_STR(names, "a|b|");                          /* the repeat counts once */
    names[0] = '\0';
    CHECK(hs_group_each(&run, 2, HS_BY_TAG, collect, names) == 0);
    CHECK_STR(names, HS_UNTAGGED "|");
    CHECK_STR(hs_group_name_of(&run, 1, HS_BY_TAG), "a");
    CHECK(hs_group_has(&run, 1, HS_BY_TAG, "b") && !hs_group_has(&run, 2, HS_BY_TAG, "b"));
    hs_group_options_init(&o);
    o.bootstrap = 0;
    CHECK(hs_groups_compute(&g, &run, HS_BY_TAG, &o) == 0);
    CHECK(g.n == 3);
    grp = group(&g, "a");
    CHECK(grp && grp->n_forecasts == 3 && grp->n_scored == 2 && grp->n_pending == 1 &&
          grp->n_questions == 1);
    CHECK(grp && fabs(grp->brier - 0.185) < 1e-12);
    grp = group(&g, "b");
    CHECK(grp && grp->n_forecasts == 3 && fabs(grp->brier - 0.185) < 1e-12);
    grp = group(&g, HS_UNTAGGED);
    CHECK(grp && grp->n_forecasts == 1 && fabs(grp->brier - 0.04) < 1e-12 && grp->rank == 1);
    CHECK(g.items[0].brier == 0.04 && g.items[1].rank == 2 && g.items[2].rank == 2);
    hs_groups_release(&g);
}

/* Sorting orders by file, line and column and keeps arrival order among
 * equals.  Debian 12's glibc qsort happens to be a stable merge sort, so the
 * arrival-order part passes here even without the seq tie-break; it is what
 * keeps the order under glibc 2.37's introsort and other C libraries. */
static void test_diags_sort_stable(void)
{
    hs_diags d;
    size_t i, n = 2000;
    int ok = 1;

    hs_diags_init(&d);
    for (i = 0; i < n; i++)
        hs_diags_add(&d, HS_SEV_ERROR, i % 2 ? "b.csv" : "a.csv", (n - i) % 7, 0, "%zu", i);
    hs_diags_sort(&d);
    CHECK(d.n == n);
    for (i = 1; i < d.n; i++) {
        const hs_diag *x = &d.items[i - 1], *y = &d.items[i];
        int c = strcmp(x->file, y->file);

        if (c > 0 || (c == 0 && x->line > y->line) ||
            (c == 0 && x->line == y->line && strtoul(x->message, NULL, 10) >= strtoul(y->message, NULL, 10)))
            ok = 0;
    }
    CHECK(ok);
    CHECK_STR(d.items[0].file, "a.csv");
    CHECK(d.items[0].line == 0);
    hs_diags_release(&d);
}

TEST_TABLE(dataset_tests) = {
    {"diags_sort_stable", test_diags_sort_stable},
    {"dataset_loads_clean", test_dataset_loads_clean},
    {"dataset_forecast_scores", test_dataset_forecast_scores},
    {"dataset_groups", test_dataset_groups},
    {"dataset_as_of_replay", test_dataset_as_of_replay},
    {"dataset_replay_leaves_out_unmade", test_dataset_replay_leaves_out_unmade},
    {"dataset_replay_known", test_dataset_replay_known},
    {"groups_by_tag", test_groups_by_tag},
    {NULL, NULL},
};
