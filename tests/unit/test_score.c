/* test_score.c - scoring rules against hand-computed and published values. */
#include "hindsight/hindsight.h"
#include "tests.h"

static void test_brier_known_values(void)
{
    /* (p - o)^2 by hand, exact in units of 1e-18 */
    CHECK(hs_prob_sqerr(P(0.9), 1) == UINT64_C(10000000000000000));    /* 0.01 */
    CHECK(hs_prob_sqerr(P(0.6), 0) == UINT64_C(360000000000000000));   /* 0.36 */
    CHECK(hs_prob_sqerr(P(0.5), 0) == UINT64_C(250000000000000000));
    CHECK(hs_prob_sqerr(P(0.5), 1) == UINT64_C(250000000000000000));
    CHECK(hs_prob_sqerr(HS_PROB_ONE, 0) == HS_SQERR_ONE);
    CHECK(hs_prob_sqerr(0, 0) == 0);
    CHECK_NEAR(hs_sqerr_to_double(hs_prob_sqerr(P(0.9), 1)), 0.01, 0);
    CHECK_NEAR(hs_sqerr_to_double(hs_prob_sqerr(P(0.6), 0)), 0.36, 0);
}

static void test_brier_matches_sklearn(void)
{
    /* sklearn.metrics.brier_score_loss documentation example:
     * y_true = [0, 1, 1, 0], y_prob = [0.1, 0.9, 0.8, 0.3] -> 0.0375 */
    hs_prob p[] = {P(0.1), P(0.9), P(0.8), P(0.3)};
    int o[] = {0, 1, 1, 0};
    hs_sqsum sum = 0;
    int i;

    for (i = 0; i < 4; i++)
        sum += hs_prob_sqerr(p[i], o[i]);
    CHECK(sum == UINT64_C(150000000000000000));        /* 0.01+0.01+0.04+0.09 */
    CHECK_NEAR(hs_sqsum_mean(sum, 4), 0.0375, 0);
}

static void test_skill(void)
{
    CHECK_NEAR(hs_skill(0.085, HS_BRIER_COIN), 0.66, 1e-12);
    CHECK_NEAR(hs_skill(0.25, HS_BRIER_COIN), 0.0, 0);
    CHECK_NEAR(hs_skill(0.36, HS_BRIER_COIN), -0.44, 1e-12);
}

static void test_group_key_parse(void)
{
    enum hs_group_key k;

    CHECK(hs_group_key_parse("forecaster", &k) == 0 && k == HS_BY_FORECASTER);
    CHECK(hs_group_key_parse("organisation", &k) == 0 && k == HS_BY_ORGANIZATION);
    CHECK(hs_group_key_parse("organization", &k) == 0 && k == HS_BY_ORGANIZATION);
    CHECK(hs_group_key_parse("source", &k) == 0 && k == HS_BY_SOURCE);
    CHECK(hs_group_key_parse("question", &k) == 0 && k == HS_BY_QUESTION);
    CHECK(hs_group_key_parse("tag", &k) == 0 && k == HS_BY_TAG);
    CHECK(hs_group_key_parse("tags", &k) < 0 && k == HS_BY_TAG);
    CHECK_STR(hs_group_key_name(HS_BY_TAG), "tag");
}

static void test_totals_graded(void)
{
    /* a yes, a binary no, a graded 0.35, a graded 0 (status no), a pending;
     * by hand: scored 4, graded 2, binary no 1;
     * obar = (1 + 0 + 0.35 + 0) / 4 = 0.3375, obar (1 - obar) = 0.22359375 */
    hs_scored s[5];
    hs_totals t;
    size_t i;

    memset(s, 0, sizeof(s));
    memset(&t, 0, sizeof(t));
    s[0].res.status = HS_YES;
    s[0].res.outcome = HS_PROB_ONE;
    s[1].res.status = HS_NO;
    s[2].res.status = HS_NO;
    s[2].res.graded = 1;
    s[2].res.outcome = P(0.35);
    s[3].res.status = HS_NO;
    s[3].res.graded = 1;
    s[4].res.status = HS_PENDING;
    s[4].res.deadline_stated = 1;
    for (i = 0; i < 5; i++)
        hs_totals_add(&t, &s[i]);
    CHECK(t.n == 5 && t.n_status[HS_YES] == 1 && t.n_status[HS_NO] == 3);
    CHECK(t.n_status[HS_PENDING] == 1 && t.n_stated == 1);
    CHECK(t.n_graded == 2 && t.n_no_binary == 1);
    CHECK(t.outcome_sum == HS_PROB_ONE + P(0.35));
    CHECK_NEAR(hs_reference_score(HS_REF_BASE_RATE, &t), 0.22359375, 1e-15);
    CHECK_NEAR(hs_reference_score(HS_REF_COIN, &t), 0.25, 0);
    memset(&t, 0, sizeof(t));
    CHECK(isnan(hs_reference_score(HS_REF_BASE_RATE, &t)));
}

/* Distinct questions per group, with and without the pair sums: group "a"
 * gets questions 3, 5, 3, 3 (a repeat of its previous one), then 0..39
 * (40 more, past several chunks of the sums-free list), then 70 and an
 * unscored 90; "b" gets 3 and 200.  By hand: a has {0..39} u {70} = 41
 * distinct questions over 45 scored forecasts (46 in all), b has 2. */
static void test_agg_distinct_questions(void)
{
    static const size_t head[] = {3, 5, 3, 3};
    int keep;

    for (keep = 0; keep < 2; keep++) {
        hs_agg a;
        hs_groups g;
        hs_group_options o;
        hs_scored s;
        const char *na = "a", *nb = "b";
        size_t i;

        hs_group_options_init(&o);
        o.bootstrap = 0;
        memset(&s, 0, sizeof(s));
        s.res.status = HS_YES;
        s.res.outcome = HS_PROB_ONE;
        s.sqerr = hs_prob_sqerr(P(0.9), 1);
        s.brier = 0.01;
        hs_agg_init(&a, HS_BY_FORECASTER, 1);
        a.keep_sums = keep;
        for (i = 0; i < 4; i++)
            CHECK(hs_agg_add(&a, &na, 1, head[i], &s) == 0);
        for (i = 0; i < 40; i++)
            CHECK(hs_agg_add(&a, &na, 1, i, &s) == 0);
        CHECK(hs_agg_add(&a, &na, 1, 70, &s) == 0);
        CHECK(hs_agg_add(&a, &nb, 1, 3, &s) == 0);
        CHECK(hs_agg_add(&a, &nb, 1, 200, &s) == 0);
        s.res.status = HS_PENDING;
        CHECK(hs_agg_add(&a, &na, 1, 90, &s) == 0);
        CHECK(hs_agg_groups(&a, &g, &o) == 0);
        CHECK(g.n == 2);
        for (i = 0; i < g.n; i++) {
            int is_a = strcmp(g.items[i].name, "a") == 0;

            CHECK(g.items[i].n_questions == (is_a ? 41u : 2u));
            CHECK(g.items[i].n_scored == (is_a ? 45u : 2u));
            CHECK(g.items[i].n_forecasts == (is_a ? 46u : 2u));
        }
        hs_groups_release(&g);
        hs_agg_release(&a);
    }
}

/* hs_agg_merge(): 300 forecasts (5 groups, 40 questions, probabilities
 * and outcomes that make floating-point sums depend on their order, every
 * 7th graded, every 11th pending) added to one aggregate, and in two
 * halves to two that are then merged, give the same groups bit for bit. */
static void test_agg_merge_halves(void)
{
    static const char *const names[] = {"a", "b", "c", "d", "e"};
    hs_agg whole, first, second;
    hs_groups g1, g2;
    hs_group_options o;
    size_t i;

    hs_group_options_init(&o);
    o.bootstrap = 0;
    hs_agg_init(&whole, HS_BY_FORECASTER, 1);
    hs_agg_init(&first, HS_BY_FORECASTER, 1);
    hs_agg_init(&second, HS_BY_FORECASTER, 1);
    whole.keep_sums = first.keep_sums = second.keep_sums = 0;
    second.record_logs = 1;
    for (i = 0; i < 300; i++) {
        hs_scored s;
        const char *name = names[(i * 7 + i / 13) % 5];

        memset(&s, 0, sizeof(s));
        s.p_yes = (hs_prob)((i * 104729u) % 999999999u + 1);
        s.res.status = i % 11 == 0 ? HS_PENDING : i % 3 ? HS_YES : HS_NO;
        s.res.graded = i % 7 == 0;
        s.res.outcome = s.res.graded ? P(0.35) : s.res.status == HS_YES ? HS_PROB_ONE : 0;
        s.res.deadline_stated = i % 2;
        if (s.res.status != HS_PENDING) {
            s.sqerr = hs_prob_sqerr_to(s.p_yes, s.res.outcome);
            s.brier = hs_sqerr_to_double(s.sqerr);
            s.log_score = s.res.graded ? hs_log_score_graded(s.p_yes, s.res.outcome)
                                       : hs_log_score(s.p_yes, s.res.status == HS_YES);
        }
        CHECK(hs_agg_add(&whole, &name, 1, (i * 17) % 40, &s) == 0);
        CHECK(hs_agg_add(i < 150 ? &first : &second, &name, 1, (i * 17) % 40, &s) == 0);
    }
    CHECK(hs_agg_merge(&first, &second) == 0);
    CHECK(memcmp(&whole.totals, &first.totals, sizeof(whole.totals)) == 0);
    CHECK(hs_agg_groups(&whole, &g1, &o) == 0);
    CHECK(hs_agg_groups(&first, &g2, &o) == 0);
    CHECK(g1.n == 5 && g2.n == 5);
    for (i = 0; i < g1.n && i < g2.n; i++) {
        const hs_group *x = &g1.items[i], *y = &g2.items[i];

        CHECK(strcmp(x->name, y->name) == 0);
        CHECK(x->n_forecasts == y->n_forecasts && x->n_scored == y->n_scored);
        CHECK(x->n_pending == y->n_pending && x->n_defaulted == y->n_defaulted);
        CHECK(x->n_questions == y->n_questions && x->sq_sum == y->sq_sum);
        CHECK(x->log_score == y->log_score);   /* the same bits, not near */
        CHECK(x->rank == y->rank);
    }
    /* an aggregate that did not record its log scores cannot be merged */
    CHECK(hs_agg_merge(&whole, &first) == -1);
    hs_groups_release(&g1);
    hs_groups_release(&g2);
    hs_agg_release(&whole);
    hs_agg_release(&first);
    hs_agg_release(&second);
}

TEST_TABLE(score_tests) = {
    {"agg_distinct_questions", test_agg_distinct_questions},
    {"agg_merge_halves", test_agg_merge_halves},
    {"totals_graded", test_totals_graded},
    {"brier_known_values", test_brier_known_values},
    {"brier_matches_sklearn", test_brier_matches_sklearn},
    {"skill", test_skill},
    {"group_key_parse", test_group_key_parse},
    {NULL, NULL},
};
