/*
 * lexicon.h - hedge lexicons: tables that turn confidence words into
 * probabilities (docs/formats.md, "lexicons").
 *
 * Ownership: an hs_lexicon owns all its strings.
 */
#ifndef HINDSIGHT_LEXICON_H
#define HINDSIGHT_LEXICON_H

#include <stddef.h>
#include "diag.h"
#include "prob.h"
#include "strmap.h"

typedef struct hs_hedge {
    char *phrase;        /* as written in the table */
    char *key;           /* normalised for matching */
    hs_prob probability; /* point value, confidence in the stated stance
                            (exact, prob.h) */
    hs_prob low, high;   /* plausible range, low <= probability <= high */
    char *source;        /* the published table, or the reasoning */
    unsigned long line;  /* where the row is in its file */
} hs_hedge;

typedef struct hs_lexicon {
    char *name;          /* file name without ".csv" */
    char *path;
    hs_hedge *hedges;
    size_t n, alloc;
    hs_strmap by_key;    /* hedge key -> index */
    /* Consulted for phrases this table lacks (published tables do not list
     * "will" or "could"); borrowed, may be NULL. */
    const struct hs_lexicon *fallback;
    struct hs_lexicon *owned_fallback;  /* released and freed with this table */
} hs_lexicon;

void hs_lexicon_init(hs_lexicon *lx);
void hs_lexicon_release(hs_lexicon *lx);

/* Load a lexicon CSV.  Problems go to diags; returns 0 when the table loaded
 * without errors, -1 otherwise (the table then holds the good rows). */
int hs_lexicon_load(hs_lexicon *lx, const char *path, hs_diags *diags);

/* Load every DIR/ *.csv table, in name order, into a new array of *n
 * tables (free each with hs_lexicon_release, then the array with hs_free).
 * Returns 0, or -1 when a table has errors (reported) or memory ran out. */
int hs_lexicon_load_dir(const char *dir, hs_lexicon **tables, size_t *n, hs_diags *diags);

/* Find a phrase (case-insensitive, spaces collapsed, typographic
 * apostrophes normalised) in the table, else in its fallback.  Returns a
 * borrowed row or NULL. */
const hs_hedge *hs_lexicon_find(const hs_lexicon *lx, const char *phrase);

/* Normalise a hedge phrase for matching.  Returns a new string or NULL. */
char *hs_hedge_key(const char *phrase);

/* Is row h one of lx's own rows (not its fallback's)? */
int hs_lexicon_owns(const hs_lexicon *lx, const hs_hedge *h);
/* The table of lx's chain (lx, its fallback, ...) that row h belongs to;
 * borrowed, NULL when none. */
const hs_lexicon *hs_lexicon_owner(const hs_lexicon *lx, const hs_hedge *h);

/* The name of the default table (DATA/lexicons/default.csv). */
#define HS_LEXICON_DEFAULT "default"
/* Is lx the default table (by name: a file called default.csv)? */
int hs_lexicon_is_default(const hs_lexicon *lx);
/*
 * The fallback rule, decided here and nowhere else (docs/formats.md,
 * "lexicons"): a phrase a table lacks takes the default table's value, and
 * the default table has no fallback.  So a table behaves the same wherever
 * it is used: `score --lexicon T` and sensitivity's column for T.  Sets
 * lx->fallback to default_table (borrowed; it must outlive lx's use), or
 * to NULL when lx is the default table itself.
 */
void hs_lexicon_chain(hs_lexicon *lx, const hs_lexicon *default_table);

#endif
