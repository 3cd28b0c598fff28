/* test_score.c - scoring rules against hand-computed and published values. */
#include "hindsight/hindsight.h"
#include "tests.h"

static void test_brier_known_values(void)
{
    /* (p - o)^2 by hand */
    CHECK_NEAR(hs_brier(0.9, 1), 0.01, 1e-15);
    CHECK_NEAR(hs_brier(0.6, 0), 0.36, 1e-15);
    CHECK_NEAR(hs_brier(0.5, 0), 0.25, 0);
    CHECK_NEAR(hs_brier(0.5, 1), 0.25, 0);
    CHECK_NEAR(hs_brier(1.0, 0), 1.0, 0);
    CHECK_NEAR(hs_brier(0.0, 0), 0.0, 0);
}

static void test_brier_matches_sklearn(void)
{
    /* sklearn.metrics.brier_score_loss documentation example:
     * y_true = [0, 1, 1, 0], y_prob = [0.1, 0.9, 0.8, 0.3] -> 0.0375 */
    double p[] = {0.1, 0.9, 0.8, 0.3};
    int o[] = {0, 1, 1, 0};
    double sum = 0;
    int i;

    for (i = 0; i < 4; i++)
        sum += hs_brier(p[i], o[i]);
    CHECK_NEAR(sum / 4, 0.0375, 1e-15);
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

TEST_TABLE(score_tests) = {
    {"brier_known_values", test_brier_known_values},
    {"brier_matches_sklearn", test_brier_matches_sklearn},
    {"skill", test_skill},
    {"group_key_parse", test_group_key_parse},
    {NULL, NULL},
};
