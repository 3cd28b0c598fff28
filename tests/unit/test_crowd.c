/* test_crowd.c - the crowd and relative scores (crowd.h) on hand-computed
 * examples. */
#include "hindsight/hindsight.h"
#include "tests.h"

static void test_crowd_median(void)
{
    hs_prob odd[] = {P(0.3), P(0.1), P(0.2)};
    hs_prob even[] = {P(0.2), P(0.1)};
    hs_prob four[] = {P(0.9), P(0.1), P(0.4), P(0.6)};
    hs_prob up[] = {1, 2};     /* (1 + 2) / 2 = 1.5 units -> 2 (even) */
    hs_prob down[] = {3, 2};   /* (2 + 3) / 2 = 2.5 units -> 2 (even) */
    hs_prob one[] = {P(0.77)};

    CHECK(hs_crowd_median(odd, 3) == P(0.2));
    CHECK(hs_crowd_median(even, 2) == P(0.15));
    CHECK(hs_crowd_median(four, 4) == P(0.5));   /* (0.4 + 0.6) / 2 */
    CHECK(hs_crowd_median(up, 2) == 2);
    CHECK(hs_crowd_median(down, 2) == 2);
    CHECK(hs_crowd_median(one, 1) == P(0.77));
}

static void test_crowd_mean(void)
{
    hs_prob three[] = {P(0.1), P(0.2), P(0.4)};   /* 0.7 / 3 = 0.2333333333... */
    hs_prob two[] = {P(0.9), P(0.2)};            /* 0.55 */
    hs_prob half_up[] = {1, 2};                  /* 1.5 units -> 2 */
    hs_prob half_down[] = {0, 1};                /* 0.5 units -> 0 */
    hs_prob thirds[] = {0, 1, 1};                /* 0.667 units -> 1 */

    CHECK(hs_crowd_mean(three, 3) == 233333333);
    CHECK(hs_crowd_mean(two, 2) == P(0.55));
    CHECK(hs_crowd_mean(half_up, 2) == 2);
    CHECK(hs_crowd_mean(half_down, 2) == 0);
    CHECK(hs_crowd_mean(thirds, 3) == 1);
}

static void test_crowd_kind_parse(void)
{
    enum hs_crowd_kind k = HS_CROWD_NONE;

    CHECK(hs_crowd_kind_parse("median", &k) == 0 && k == HS_CROWD_MEDIAN);
    CHECK(hs_crowd_kind_parse("mean", &k) == 0 && k == HS_CROWD_MEAN);
    CHECK(hs_crowd_kind_parse("mode", &k) < 0 && k == HS_CROWD_MEAN);
    CHECK_STR(hs_crowd_kind_name(HS_CROWD_MEDIAN), "median");
}

/* One scored forecast: question q, deadline d, outcome yes or no. */
static int add(hs_agg *a, const char *who, size_t q, hs_date d, int yes, double p)
{
    hs_scored s;

    memset(&s, 0, sizeof(s));
    s.res.status = yes ? HS_YES : HS_NO;
    s.res.outcome = yes ? HS_PROB_ONE : 0;
    s.res.deadline = d;
    s.res.deadline_stated = 1;
    s.res.evidence = HS_NONE;
    s.p_yes = s.p_stance = P(p);
    s.sqerr = hs_prob_sqerr(s.p_yes, yes);
    s.brier = hs_sqerr_to_double(s.sqerr);
    s.log_score = hs_log_score(s.p_yes, yes);
    return hs_agg_add(a, &who, 1, q, &s);
}

static const hs_group *find(const hs_groups *g, const char *name)
{
    size_t i;

    for (i = 0; i < g->n; i++)
        if (strcmp(g->items[i].name, name) == 0)
            return &g->items[i];
    return NULL;
}

/*
 * By hand.  Unit 1 (question 0, deadline 100, yes): A 0.9, B 0.5, C 0.2:
 * median 0.5, crowd Brier 0.25; A 0.01, B 0.25, C 0.64.  Unit 2 (question
 * 1, deadline 100, no): A 0.3, B 0.6: median 0.45, crowd 0.2025; A 0.09,
 * B 0.36.  Unit 3 (question 0, deadline 200, no: another deadline, another
 * unit): A 0.4 alone, crowd 0.4, Brier 0.16 each.
 * Relative: A (0.01-0.25 + 0.09-0.2025 + 0)/3 = -0.3525/3 = -0.1175;
 * B (0 + 0.1575)/2 = 0.07875; C 0.39.  The crowd: 3 forecasts on 2
 * questions, Brier (0.25 + 0.2025 + 0.16)/3 = 0.6125/3, relative 0.
 * Mean instead: unit 1 1.6/3 = 0.533333333 (rounded), Brier
 * 0.466666667^2; units 2 and 3 as above (0.45, 0.4).
 */
static int fill(hs_agg *a)
{
    return add(a, "A", 0, 100, 1, 0.9) | add(a, "B", 0, 100, 1, 0.5) |
           add(a, "C", 0, 100, 1, 0.2) | add(a, "A", 1, 100, 0, 0.3) |
           add(a, "B", 1, 100, 0, 0.6) | add(a, "A", 0, 200, 0, 0.4);
}

static void test_crowd_relative_by_hand(void)
{
    hs_agg a;
    hs_groups g;
    hs_group_options o;
    const hs_group *x;

    hs_group_options_init(&o);
    o.bootstrap = 0;
    o.crowd = HS_CROWD_MEDIAN;
    hs_agg_init(&a, HS_BY_FORECASTER, 1);
    a.keep_sums = 0;
    a.crowd.kind = HS_CROWD_MEDIAN;
    CHECK(fill(&a) == 0);
    CHECK(hs_agg_groups(&a, &g, &o) < 0);   /* not closed yet */
    CHECK(hs_agg_close(&a) == 0);
    CHECK(a.totals.n == 6);                 /* the crowd is not in the totals */
    CHECK(hs_agg_groups(&a, &g, &o) == 0);
    CHECK(g.n == 4 && g.crowd == HS_CROWD_MEDIAN);
    CHECK((x = find(&g, "A")) && x->n_scored == 3);
    if (x)
        CHECK_NEAR(x->relative_brier, -0.1175, 1e-15);
    CHECK((x = find(&g, "B")) != NULL);
    if (x)
        CHECK_NEAR(x->relative_brier, 0.07875, 1e-15);
    CHECK((x = find(&g, "C")) != NULL);
    if (x)
        CHECK_NEAR(x->relative_brier, 0.39, 1e-15);
    CHECK((x = find(&g, HS_CROWD_NAME)) != NULL);
    if (x) {
        CHECK(x->is_crowd && x->n_forecasts == 3 && x->n_scored == 3 && x->n_questions == 2);
        CHECK(x->n_pending == 0 && x->n_void == 0 && x->n_defaulted == 0);
        CHECK_NEAR(x->brier, 0.6125 / 3, 1e-15);
        CHECK(x->relative_brier == 0);
        CHECK(x->rank == 2);   /* A 0.0867, crowd 0.2042, B 0.305, C 0.64 */
    }
    hs_groups_release(&g);
    hs_agg_release(&a);

    /* the mean: only unit 1 changes */
    o.crowd = HS_CROWD_MEAN;
    hs_agg_init(&a, HS_BY_FORECASTER, 1);
    a.crowd.kind = HS_CROWD_MEAN;
    CHECK(fill(&a) == 0 && hs_agg_close(&a) == 0 && hs_agg_groups(&a, &g, &o) == 0);
    CHECK((x = find(&g, HS_CROWD_NAME)) != NULL);
    if (x)
        CHECK_NEAR(x->brier, (0.466666667 * 0.466666667 + 0.2025 + 0.16) / 3, 1e-15);
    CHECK((x = find(&g, "C")) != NULL);
    if (x)
        CHECK_NEAR(x->relative_brier, 0.64 - 0.466666667 * 0.466666667, 1e-15);
    hs_groups_release(&g);
    hs_agg_release(&a);
}

static void test_crowd_name_taken(void)
{
    hs_agg a;

    hs_agg_init(&a, HS_BY_FORECASTER, 1);
    a.crowd.kind = HS_CROWD_MEDIAN;
    CHECK(add(&a, HS_CROWD_NAME, 0, 100, 1, 0.9) == 0);
    CHECK(hs_agg_close(&a) == 1);
    hs_agg_release(&a);
    /* without a crowd the name is a name like any other */
    hs_agg_init(&a, HS_BY_FORECASTER, 1);
    CHECK(add(&a, HS_CROWD_NAME, 0, 100, 1, 0.9) == 0);
    CHECK(hs_agg_close(&a) == 0);
    hs_agg_release(&a);
}

/*
 * The overall rows by hand.  Questions: q0 tagged a, q1 tagged a and b (and
 * a again: counted once), q2 untagged.  Scored: q0 0.9 yes (0.01) and 0.6
 * no at another deadline (0.36); q1 0.3 no (0.09) and 0.5 no (0.25), one
 * unit, crowd median 0.4 (0.16); q2 0.5 yes (0.25).
 * Pooled: 0.96 / 5 = 0.192; relative (0.09 - 0.16 + 0.25 - 0.16) / 5 = 0.004.
 * Tags: a (0.01 + 0.36 + 0.09 + 0.25) / 4 = 0.1775, b 0.34 / 2 = 0.17,
 * (untagged) 0.25: equal weight (0.1775 + 0.17 + 0.25) / 3 = 0.5975 / 3,
 * where the pooled mean weighs a four times as much as (untagged);
 * relative (0.02 / 4 + 0.02 / 2 + 0) / 3 = 0.005.
 */
static void test_overall_tags_equal(void)
{
    char ta[] = "a", tb[] = "b";
    char *tags0[] = {ta}, *tags1[] = {ta, tb, ta};
    hs_question qs[3];
    hs_dataset ds;
    hs_agg a;
    hs_groups g;
    hs_group_options o;
    const hs_group *x;

    memset(qs, 0, sizeof(qs));
    memset(&ds, 0, sizeof(ds));
    qs[0].tags = tags0;
    qs[0].n_tags = 1;
    qs[1].tags = tags1;
    qs[1].n_tags = 3;
    ds.questions = qs;
    ds.n_questions = 3;
    hs_group_options_init(&o);
    o.bootstrap = 0;
    o.crowd = HS_CROWD_MEDIAN;
    o.overall = 1;
    hs_agg_init(&a, HS_BY_FORECASTER, 1);
    a.crowd.kind = HS_CROWD_MEDIAN;
    a.overall = 1;
    CHECK((add(&a, "A", 0, 100, 1, 0.9) | add(&a, "B", 0, 200, 0, 0.6) |
           add(&a, "A", 1, 100, 0, 0.3) | add(&a, "B", 1, 100, 0, 0.5) |
           add(&a, "A", 2, 100, 1, 0.5)) == 0);
    CHECK(hs_agg_close(&a) == 0 && hs_agg_groups(&a, &g, &o) == 0);
    CHECK(hs_agg_overall(&a, &ds, &o, &g) == 0);
    CHECK(g.n == 5);   /* A, B, the crowd, the two overall rows */
    CHECK((x = find(&g, HS_OVERALL_POOLED)) != NULL);
    if (x) {
        CHECK(x->rank == 0 && x->n_forecasts == 5 && x->n_scored == 5 && x->n_questions == 3);
        CHECK_NEAR(x->brier, 0.192, 1e-15);
        CHECK_NEAR(x->relative_brier, 0.004, 1e-15);
    }
    CHECK((x = find(&g, HS_OVERALL_TAGS)) != NULL);
    if (x) {
        CHECK(x->rank == 0 && x->n_forecasts == 5);
        CHECK_NEAR(x->brier, 0.5975 / 3, 1e-15);
        CHECK_NEAR(x->relative_brier, 0.005, 1e-15);
        CHECK(x->ci_state == HS_CI_OFF);
    }
    hs_groups_release(&g);
    hs_agg_release(&a);
}

TEST_TABLE(crowd_tests) = {
    {"crowd_median", test_crowd_median},
    {"crowd_mean", test_crowd_mean},
    {"crowd_kind_parse", test_crowd_kind_parse},
    {"crowd_relative_by_hand", test_crowd_relative_by_hand},
    {"crowd_name_taken", test_crowd_name_taken},
    {"overall_tags_equal", test_overall_tags_equal},
    {NULL, NULL}};
