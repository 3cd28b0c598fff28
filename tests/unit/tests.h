/* tests.h - the unit test tables, one per file. */
#ifndef HINDSIGHT_TESTS_H
#define HINDSIGHT_TESTS_H

#include "test.h"

extern const unit_test date_tests[], score_tests[], resolve_tests[], csv_tests[],
    json_tests[], dataset_tests[], lexicon_tests[], alloc_tests[], seed_tests[],
    stats_tests[], history_tests[], extract_tests[];

#endif
