/*
 * test.h - a minimal unit-test harness.  A test is a function; it fails when
 * any CHECK in it fails.  Tolerances are explicit at every CHECK_NEAR.
 */
#ifndef HINDSIGHT_TEST_H
#define HINDSIGHT_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

extern int test_failed;   /* set by a failing check in the current test */
/* Set by a test that could not check everything it is for (a missing input
 * outside the project): it is then reported as SKIP with this reason,
 * counted apart, never as passed.  A failed check still makes it FAIL. */
extern const char *test_skip_reason;
#define SKIP(reason) (test_skip_reason = (reason))

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
            test_failed = 1;                                                 \
        }                                                                    \
    } while (0)

#define CHECK_NEAR(got, want, tol)                                                \
    do {                                                                          \
        double g_ = (got), w_ = (want);                                           \
        if (!(fabs(g_ - w_) <= (tol))) {                                          \
            fprintf(stderr, "%s:%d: %s = %.17g, want %.17g (tolerance %g)\n",     \
                    __FILE__, __LINE__, #got, g_, w_, (double)(tol));             \
            test_failed = 1;                                                      \
        }                                                                         \
    } while (0)

#define CHECK_STR(got, want)                                                    \
    do {                                                                        \
        const char *g_ = (got), *w_ = (want);                                   \
        if (!g_ || strcmp(g_, w_) != 0) {                                       \
            fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n", __FILE__,      \
                    __LINE__, #got, g_ ? g_ : "(null)", w_);                    \
            test_failed = 1;                                                    \
        }                                                                       \
    } while (0)

typedef struct unit_test {
    const char *name;
    void (*fn)(void);
} unit_test;

/* Each test file defines one table, NULL-terminated, listed in main.c. */
#define TEST_TABLE(name) const unit_test name[]

/* Path of the test fixtures, set by main from $TEST_DATA (default tests/data). */
extern const char *test_data_dir;

#endif
