/*
 * curate.h - helpers for curators: near names, unused questions, and
 * appending a question or an outcome record without rewriting what is there
 * (docs/data.md, "Adding an article"; hindsight(1), add-question, add-record).
 *
 * Edit distances are Levenshtein distances (insertions, deletions and
 * substitutions of one character each; V. I. Levenshtein 1966) counted on
 * Unicode code points of the names' case-folded normal form (NFC, then
 * utf8proc's case folding), so "José" and "Jose" are 1 apart, not 2.
 *
 * Ownership: nothing returned here needs freeing unless said; the functions
 * report problems in an hs_diags and never print.
 */
#ifndef HINDSIGHT_CURATE_H
#define HINDSIGHT_CURATE_H

#include <stddef.h>
#include "dataset.h"
#include "diag.h"
#include "score.h"

/* The Levenshtein distance between the code point arrays a[0..na) and
 * b[0..nb), or max + 1 when it is larger than max (the computation stops
 * early then).  O(na * nb) time, O(nb) memory; returns (size_t)-1 when out
 * of memory. */
size_t hs_edit_distance_cp(const unsigned long *a, size_t na, const unsigned long *b,
                           size_t nb, size_t max);

/* The same on two UTF-8 strings, after case folding (see above).  Returns
 * (size_t)-1 when out of memory. */
size_t hs_name_distance(const char *a, const char *b, size_t max);

/* s in normal form (NFC) and case folded by utf8proc, white space kept:
 * how names and words are compared ignoring case.  A new string (hs_free),
 * or NULL when out of memory; text that is not UTF-8 is copied as it is. */
char *hs_name_fold(const char *s);

/* The most names a lookup suggests. */
#define HS_NAME_SUGGESTIONS 3

/* A name looked up among a run's forecasters, organizations or sources. */
typedef struct hs_name_lookup {
    const char *match;      /* the name as the data spells it, or NULL */
    int by_case;            /* 1 when matched only case-insensitively */
    const char *near[HS_NAME_SUGGESTIONS];  /* when no match: nearest first */
    size_t n_near;
} hs_name_lookup;

/*
 * Find query (already in normal form, names.h) among the names of key in
 * run: the exact name first, else the one name equal to it after case
 * folding (the first in data order when several are).  With no match,
 * suggest up to HS_NAME_SUGGESTIONS names: those within edit distance
 * max(2, chars / 3) of the query, nearest first (ties by name, bytewise),
 * then names holding the query as a case-folded substring.  Returns 0, or
 * -1 when out of memory.  The strings point into run's dataset.
 */
int hs_name_lookup_run(const hs_run *run, enum hs_group_key key, const char *query,
                       hs_name_lookup *out);

/*
 * Warn about questions nothing uses: no forecast names it as its question
 * or condition and no outcome record resolves it.  A question with a record
 * is kept on purpose (records are never deleted, so a superseded question
 * stays with its record; docs/data.md, rule 26a) and is not reported.
 * Returns the number of warnings added.
 */
size_t hs_check_unused_questions(const hs_dataset *ds, hs_diags *diags);

/*
 * Warn about near-duplicate forecaster and organization names: two distinct
 * names (after normal form) whose case-folded forms are within edit
 * distance 1 when the shorter has 6 to 11 code points, 2 when it has 12 or
 * more (shorter names are never reported: "Ivan"/"Iван" style noise).
 * Pairs that differ only in case or white space are left to the loaders'
 * look-alike warnings.  Candidates are found with a pigeonhole index (any
 * two names within distance 2 share one of the three segments of the first
 * at a shift of at most 2; Li et al., "Pass-Join", VLDB 2011), so the check
 * stays near linear in the number of distinct names.  Names longer than 256
 * code points are skipped; each name is compared with at most 100
 * candidates (a warning says how many names reached that cap).
 * Measured: 100,000 random distinct names of 10-20 letters, 1.0 s CPU;
 * 100,000 names from a 4-letter alphabet: 32 s uncapped, 7.6 s capped
 * (tested with a throwaway driver on the 2-core development machine).  Returns the number of warnings, or -1 when out
 * of memory.
 */
long hs_check_near_names(const hs_dataset *ds, hs_diags *diags);


/* A new question for hs_question_append. */
typedef struct hs_new_question {
    const char *id, *title, *criteria;
    const char *const *tags;
    size_t n_tags;
} hs_new_question;

/*
 * Validate q against ds (loaded without errors from dir, by
 * hs_dataset_load_outcomes or hs_dataset_load) and insert it as
 * the last element of the "questions" array of DIR/outcomes/questions.json:
 * every existing byte is kept, the new object is written by jansson with the
 * indentation of the objects before it.  Errors (diags, naming the option):
 * an empty or not normal-form id, white space or control characters in the
 * id or a tag, an id already used (exactly, or apart from case), an empty
 * title or criteria, control characters, a file that does not end with the
 * "questions" array, an unwritable directory.  The file is replaced
 * atomically (see hs_replace_with_copy).  Returns 0 or -1.
 */
int hs_question_append(const hs_dataset *ds, const char *dir, const hs_new_question *q,
                       hs_diags *diags);

/* A new outcome record for hs_record_append; dates as YYYY-MM-DD text. */
typedef struct hs_new_record {
    const char *question, *status, *date, *evidence, *evidence_source, *recorded;
} hs_new_record;

/*
 * Validate r against ds (loaded without errors from dir, by
 * hs_dataset_load_outcomes or hs_dataset_load) and append it as a
 * row of DIR/outcomes/records.csv in the header's column order, fields
 * quoted by libcsv where RFC 4180 needs it, with the file's line ending.
 * Errors: an unknown question (with the nearest id), a status not occurred,
 * not_occurred or annulled, a date or recorded date that is not a date, a
 * recorded date before the event date, an empty evidence or source, control
 * characters, the same question, status and date already recorded, an
 * unwritable directory.  Returns 0 or -1.
 */
int hs_record_append(const hs_dataset *ds, const char *dir, const hs_new_record *r,
                     hs_diags *diags);

#endif
