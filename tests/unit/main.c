/* main.c - run every unit test; print one line per failure and a count. */
#include <stdlib.h>

#include "hindsight/hindsight.h"
#include "test.h"
#include "tests.h"

int test_failed;
const char *test_skip_reason;
const char *test_data_dir = "tests/data";

static const unit_test *const suites[] = {
    date_tests, score_tests, resolve_tests, csv_tests, json_tests, dataset_tests,
    lexicon_tests, alloc_tests, seed_tests, stats_tests, history_tests, prob_tests,
    names_tests, extract_tests, html_tests, format_tests, curate_tests, difficulty_tests, NULL};

int main(int argc, char **argv)
{
    size_t s, t;
    int passed = 0, failed = 0, skipped = 0;
    const char *only = argc > 1 ? argv[1] : NULL;

    hs_library_init();
    if (getenv("TEST_DATA"))
        test_data_dir = getenv("TEST_DATA");
    for (s = 0; suites[s]; s++) {
        for (t = 0; suites[s][t].name; t++) {
            if (only && !strstr(suites[s][t].name, only))
                continue;
            test_failed = 0;
            test_skip_reason = NULL;
            suites[s][t].fn();
            if (test_failed) {
                failed++;
                printf("FAIL unit/%s\n", suites[s][t].name);
            } else if (test_skip_reason) {
                skipped++;
                printf("SKIP unit/%s: %s\n", suites[s][t].name, test_skip_reason);
            } else {
                passed++;
                printf("ok   unit/%s\n", suites[s][t].name);
            }
        }
    }
    printf("unit: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
