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
    CHECK(hs_group_key_parse("tag", &k) < 0);
}

TEST_TABLE(score_tests) = {
    {"brier_known_values", test_brier_known_values},
    {"brier_matches_sklearn", test_brier_matches_sklearn},
    {"skill", test_skill},
    {"group_key_parse", test_group_key_parse},
    {NULL, NULL},
};
