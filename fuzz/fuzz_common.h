/*
 * fuzz_common.h - what the libFuzzer targets share: a file in memory whose
 * path the loaders can open, and the pipeline a loaded dataset goes through
 * (link, resolve, score, group, every table writer), so a fuzzed input
 * reaches everything downstream of its loader.
 *
 * The fixture files (questions, records, forecasts, lexicon) come from
 * tests/data/basic, whose absolute path the Makefile bakes in as
 * FUZZ_DATA_DIR.  Each target includes this header once.
 */
#ifndef HINDSIGHT_FUZZ_COMMON_H
#define HINDSIGHT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hindsight/hindsight.h"
#include "internal.h"

#ifndef FUZZ_DATA_DIR
#define FUZZ_DATA_DIR "tests/data/basic"
#endif

#define FIXTURE(name) FUZZ_DATA_DIR "/" name

/* The fuzzer's input as a file: a memfd, reached through /proc/self/fd. */
static int fuzz_fd = -1;
static char fuzz_path[64];
static FILE *fuzz_null;            /* where the table writers write */
static hs_lexicon fuzz_lexicon;    /* the fixture's default table */

static void fuzz_die(const char *what)
{
    perror(what);
    abort();
}

/* Once per process: the memfd, /dev/null and the fixture lexicon. */
static void fuzz_setup(void)
{
    hs_diags d;

    if (fuzz_fd >= 0)
        return;
    hs_library_init();
    fuzz_fd = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fuzz_fd < 0)
        fuzz_die("memfd_create");
    snprintf(fuzz_path, sizeof(fuzz_path), "/proc/self/fd/%d", fuzz_fd);
    if (!(fuzz_null = fopen("/dev/null", "w")))
        fuzz_die("/dev/null");
    hs_diags_init(&d);
    hs_lexicon_init(&fuzz_lexicon);
    if (hs_lexicon_load(&fuzz_lexicon, FIXTURE("lexicons/default.csv"), &d) < 0) {
        fprintf(stderr, "fuzz: cannot load the fixture lexicon %s\n",
                FIXTURE("lexicons/default.csv"));
        abort();
    }
    hs_diags_release(&d);
}

/* Replace the memfd's contents with the input; returns its path. */
static const char *fuzz_file(const uint8_t *data, size_t size)
{
    size_t done = 0;

    fuzz_setup();
    if (ftruncate(fuzz_fd, 0) < 0)
        fuzz_die("ftruncate");
    while (done < size) {
        ssize_t n = pwrite(fuzz_fd, data + done, size - done, (off_t)done);

        if (n <= 0)
            fuzz_die("pwrite");
        done += (size_t)n;
    }
    return fuzz_path;
}

/* The files of one run; NULL entries are skipped. */
struct fuzz_files {
    const char *questions, *records, *forecasts_json[2], *forecasts_csv;
};

/* Everything after loading, as the commands do it: only a dataset without
 * errors is resolved and scored. */
static inline void fuzz_score(const hs_dataset *ds, const hs_lexicon *lex)
{
    static const enum hs_group_key keys[] = {HS_BY_FORECASTER, HS_BY_ORGANIZATION,
                                             HS_BY_SOURCE, HS_BY_QUESTION};
    hs_run_options ro;
    hs_group_options go;
    hs_run run;
    size_t k;

    memset(&ro, 0, sizeof(ro));
    memset(&run, 0, sizeof(run));
    ro.as_of = hs_date_from_ymd(2026, 11, 22);
    ro.horizon.count = 2;
    ro.horizon.unit = 'y';
    ro.lexicon = lex;
    if (hs_run_compute(&run, ds, &ro) == 0) {
        hs_table t;

        hs_table_init(&t);
        if (hs_report_forecasts(&t, &run) == 0) {
            hs_table_write_text(&t, fuzz_null);
            hs_table_write_csv(&t, fuzz_null);
            hs_table_write_json(&t, fuzz_null);
        }
        hs_table_release(&t);
        hs_group_options_init(&go);
        go.bootstrap = 20;
        for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
            hs_groups g;

            memset(&g, 0, sizeof(g));
            hs_table_init(&t);
            go.reference = k % 2 ? HS_REF_BASE_RATE : HS_REF_COIN;
            if (hs_groups_compute(&g, &run, keys[k], &go) == 0 &&
                hs_report_groups(&t, &g) == 0)
                hs_table_write_text(&t, fuzz_null);
            hs_table_release(&t);
            hs_groups_release(&g);
        }
    }
    hs_run_release(&run);
}

static inline void fuzz_dataset(const struct fuzz_files *f, const hs_lexicon *lex)
{
    hs_dataset ds;
    hs_diags d;
    size_t i;

    hs_dataset_init(&ds);
    hs_diags_init(&d);
    if (f->questions)
        hs_load_questions_json(&ds, f->questions, &d);
    if (f->records)
        hs_load_records_csv(&ds, f->records, &d);
    for (i = 0; i < 2; i++)
        if (f->forecasts_json[i])
            hs_load_forecasts_json(&ds, f->forecasts_json[i], &d);
    if (f->forecasts_csv)
        hs_load_forecasts_csv(&ds, f->forecasts_csv, &d);
    hs_dataset_link(&ds, lex, &d);
    hs_diags_sort(&d);
    for (i = 0; i < d.n; i++)
        fprintf(fuzz_null, "%s:%lu:%lu: %s\n", d.items[i].file, d.items[i].line,
                d.items[i].column, d.items[i].message);
    if (d.n_errors == 0 && !d.out_of_memory)
        fuzz_score(&ds, lex);
    hs_diags_release(&d);
    hs_dataset_release(&ds);
}

#endif
