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
    {NULL, NULL},
};
