/* tests.h - the unit test tables, one per file. */
#ifndef HINDSIGHT_TESTS_H
#define HINDSIGHT_TESTS_H

#include "test.h"
#include "hindsight/prob.h"

/* A probability written as a double literal with at most 9 decimals
 * (0.9, 0.29), as an exact hs_prob. */
#define P(x) ((hs_prob)llround((x) * 1e9))

extern const unit_test date_tests[], score_tests[], resolve_tests[], csv_tests[],
    json_tests[], dataset_tests[], lexicon_tests[], alloc_tests[], seed_tests[],
    stats_tests[], history_tests[], prob_tests[], names_tests[], extract_tests[], html_tests[],
    format_tests[], curate_tests[], difficulty_tests[];

#endif
