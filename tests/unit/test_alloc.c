/*
 * test_alloc.c - every allocation that can fail is handled: load, resolve
 * and group the fixture with the n-th allocation failing, for every n until
 * a run needs no more allocations than n.  Each failing run must report an
 * error; the sanitizers catch crashes and leaks.
 */
#include "hindsight/hindsight.h"
#include "tests.h"

/* One full pipeline; returns 0 when everything succeeded. */
static int pipeline(void)
{
    char path[512], lexpath[600];
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags d;
    hs_run run;
    hs_groups g;
    hs_table t;
    hs_run_options opt;
    hs_group_options gopt;
    int rc = -1;

    snprintf(path, sizeof(path), "%s/basic", test_data_dir);
    snprintf(lexpath, sizeof(lexpath), "%s/lexicons/default.csv", path);
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&d);
    hs_table_init(&t);
    memset(&run, 0, sizeof(run));
    memset(&g, 0, sizeof(g));
    memset(&opt, 0, sizeof(opt));
    opt.as_of = hs_date_from_ymd(2026, 11, 22);
    opt.horizon.count = 2;
    opt.horizon.unit = 'y';
    opt.lexicon = &lex;
    hs_group_options_init(&gopt);
    gopt.bootstrap = 50;
    if (hs_lexicon_load(&lex, lexpath, &d) < 0 || hs_dataset_load(&ds, path, &lex, &d) < 0)
        goto cleanup;
    if (hs_run_compute(&run, &ds, &opt) < 0 ||
        hs_groups_compute(&g, &run, HS_BY_ORGANIZATION, &gopt) < 0 ||
        hs_report_groups(&t, &g) < 0)
        goto cleanup;
    rc = 0;
cleanup:
    hs_table_release(&t);
    hs_groups_release(&g);
    hs_run_release(&run);
    hs_diags_release(&d);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
    return rc;
}

static void test_alloc_failure_loop(void)
{
    unsigned long n, needed;
    int ok_runs = 0;

    hs_alloc_fail_at(0);
    CHECK(pipeline() == 0);
    needed = hs_alloc_count();
    CHECK(needed > 100);
    for (n = 1; n <= needed; n++) {
        hs_alloc_fail_at(n);
        if (pipeline() == 0)
            ok_runs++;
    }
    hs_alloc_fail_at(0);
    /* with any allocation failing, the pipeline must not report success */
    CHECK(ok_runs == 0);
}

TEST_TABLE(alloc_tests) = {
    {"alloc_failure_loop", test_alloc_failure_loop},
    {NULL, NULL},
};
