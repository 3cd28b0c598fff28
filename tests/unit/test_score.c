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

TEST_TABLE(score_tests) = {
    {"totals_graded", test_totals_graded},
    {"brier_known_values", test_brier_known_values},
    {"brier_matches_sklearn", test_brier_matches_sklearn},
    {"skill", test_skill},
    {"group_key_parse", test_group_key_parse},
    {NULL, NULL},
};
