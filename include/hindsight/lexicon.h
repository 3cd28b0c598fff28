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
#include "strmap.h"

typedef struct hs_hedge {
    char *phrase;        /* as written in the table */
    char *key;           /* normalised for matching */
    double probability;  /* point value, confidence in the stated stance */
    double low, high;    /* plausible range, low <= probability <= high */
    char *source;        /* the published table, or the reasoning */
} hs_hedge;

typedef struct hs_lexicon {
    char *name;          /* file name without ".csv" */
    char *path;
    hs_hedge *hedges;
    size_t n, alloc;
    hs_strmap by_key;    /* hedge key -> index */
} hs_lexicon;

void hs_lexicon_init(hs_lexicon *lx);
void hs_lexicon_release(hs_lexicon *lx);

/* Load a lexicon CSV.  Problems go to diags; returns 0 when the table loaded
 * without errors, -1 otherwise (the table then holds the good rows). */
int hs_lexicon_load(hs_lexicon *lx, const char *path, hs_diags *diags);

/* Find a phrase (case-insensitive, spaces collapsed, typographic
 * apostrophes normalised).  Returns a borrowed row or NULL. */
const hs_hedge *hs_lexicon_find(const hs_lexicon *lx, const char *phrase);

/* Normalise a hedge phrase for matching.  Returns a new string or NULL. */
char *hs_hedge_key(const char *phrase);

#endif
