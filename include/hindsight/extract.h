/*
 * extract.h - candidate forecasts from an article's text (hindsight
 * extract; the rules are in src/extract_rules.c and docs/data.md,
 * "Extracting candidates").
 *
 * A candidate is one sentence (or the quoted part of one) in which an
 * identifiable speaker says something about the future.  The journalist's
 * own sentences are never candidates, except in an opinion piece whose
 * author is named at its end ("X is a Senior Fellow at ..."): there the
 * author speaks.
 *
 * Offsets: start/end are code points from the start of the text (0-based,
 * end exclusive); byte_start/byte_end the same range in bytes; line and
 * column (1-based, code points) where the quote begins.
 *
 * Ownership: an hs_extraction owns every string in it.  Nothing here prints
 * or exits; problems go to an hs_diags under the path given.
 */
#ifndef HINDSIGHT_EXTRACT_H
#define HINDSIGHT_EXTRACT_H

#include <stddef.h>
#include "dataset.h"
#include "diag.h"
#include "lexicon.h"

typedef struct hs_candidate {
    char *quote;                 /* verbatim text of the claim */
    size_t start, end;           /* code points, [start, end) */
    size_t byte_start, byte_end;
    unsigned long line, column;
    char *speaker;               /* full name, or an anonymous description */
    char *organization;          /* NULL when the article gives none */
    char *role;                  /* NULL when the article gives none */
    char *hedge;                 /* the speaker's phrase: lexicon or modal */
    int stance_yes;              /* 0 when the claim is negated */
    char *stance_cue;            /* the negation that made it "no", or NULL */
    char *condition_cue;         /* "if ...", "should X happen", or NULL */
    char *time_cue;              /* "by 2024", "this spring", or NULL */
    char deadline[HS_DATE_TEXT_SIZE]; /* YYYY-MM-DD from time_cue, or "" */
    double confidence;           /* in (0, 1]: how sure the rules are */
    char *reason;                /* why it was proposed */
    char *recorded_as;           /* id of a recorded forecast with the same
                                    statement and speaker, or NULL */
} hs_candidate;

typedef struct hs_extraction {
    char *title;                 /* first non-empty line of the article */
    char *author;                /* opinion piece author, or NULL */
    hs_candidate *items;
    size_t n, alloc;
} hs_extraction;

typedef struct hs_extract_options {
    const hs_lexicon *lexicon;   /* phrases to find as hedges; may be NULL */
    const hs_dataset *recorded;  /* forecasts to mark candidates against; may be NULL */
    const char *seed;            /* the article's file name, for matching sources'
                                    seed fields in recorded; may be NULL */
    hs_date published;           /* to date "this spring"; valid when has_published */
    int has_published;
} hs_extract_options;

void hs_extraction_init(hs_extraction *ex);
void hs_extraction_release(hs_extraction *ex);

/*
 * Extract candidates from text[0..len) (the contents of path, used only in
 * messages).  A leading byte-order mark is skipped; invalid UTF-8 (with its
 * line and column), a NUL byte and an article with no text are errors.
 * Returns 0, or -1 with the problem in diags (also when out of memory).
 */
int hs_extract(hs_extraction *ex, const char *path, const char *text, size_t len,
               const hs_extract_options *opt, hs_diags *diags);

/* Read path (a missing, unreadable or non-regular file is an error in
 * diags) and extract from it as hs_extract() does.  Returns 0 or -1. */
int hs_extract_file(hs_extraction *ex, const char *path, const hs_extract_options *opt,
                    hs_diags *diags);

/*
 * Does a candidate's speaker name the same speaker as a recorded forecast?
 * A name (capitalised, no article) matches when its last word is a word of
 * forecaster or role (one edit allowed in words of six letters or more:
 * "Zelenskyi" = "Zelensky"); an anonymous description when it shares two
 * words of three letters or more (not "who", "the", "senior", ...) with
 * them, or its only such word.  Case-insensitive.  Returns 1, 0, or -1
 * when out of memory.
 */
int hs_speaker_matches(const char *speaker, const char *forecaster, const char *role);

#endif
