/*
 * textmatch.h - finding a quote in its article (docs/formats.md, "Quotes
 * and their articles").
 *
 * Both texts are compared after one normalisation, applied code point by
 * code point (ICU character properties):
 *   - every quotation mark (Unicode property Quotation_Mark) becomes ' when
 *     it is a single mark (‘ ’ ‚ ‛ ‹ › ') and " otherwise (“ ” „ « » ");
 *   - dashes (General_Category Pd: - ‐ – — …) become '-';
 *   - the ellipsis character … becomes "...";
 *   - every run of white space (White_Space, including no-break spaces and
 *     line ends) becomes one space; the text is trimmed;
 *   - letters are lowercased (u_tolower: simple case mapping).
 * In a quote, "..." (or …) stands for words left out: the parts between
 * ellipses must occur in the article in order, each after the previous.
 *
 * Ownership: an hs_ntext owns its arrays and borrows the text it was made
 * from, which must outlive it.
 */
#ifndef HINDSIGHT_TEXTMATCH_H
#define HINDSIGHT_TEXTMATCH_H

#include <stddef.h>
#include <stdint.h>

typedef struct hs_ntext {
    uint32_t *cp;     /* normalised code points, n of them */
    size_t *orig;     /* byte offset in the original text of each one, n + 1
                         entries (orig[n] is the end of the last) */
    size_t n;
    const char *src;  /* the original text, borrowed */
    size_t src_len;
} hs_ntext;

/* Normalise s[0..len) (valid UTF-8).  Returns 0, or -1 when out of memory
 * or s is not UTF-8 (nt is then empty but safe to release). */
int hs_ntext_init(hs_ntext *nt, const char *s, size_t len);
void hs_ntext_release(hs_ntext *nt);

/*
 * Find quote in the article normalised as hay.  On success returns 1 and
 * the original byte range [*start, *end) of the passage (from the first
 * part's start to the last part's end when the quote has ellipses);
 * returns 0 when it does not occur, -1 when out of memory.
 */
int hs_quote_find(const hs_ntext *hay, const char *quote, size_t *start, size_t *end);

/* The same, for the first occurrence starting at byte offset after or
 * later (to list every occurrence of a quote repeated in a caption). */
int hs_quote_find_from(const hs_ntext *hay, const char *quote, size_t after, size_t *start,
                       size_t *end);

/*
 * The passage of the article closest to quote: the substring of hay with
 * the fewest edits (insertions, deletions, substitutions of normalised code
 * points; Sellers 1980, "The theory and computation of evolutionary
 * distances: pattern recognition", approximate substring matching).  Sets
 * the original byte range and the number of edits.  Returns 0, or -1 when
 * out of memory or either text is empty.  Cost O(len(hay) * len(quote)).
 */
int hs_quote_closest(const hs_ntext *hay, const char *quote, size_t *start, size_t *end,
                     size_t *edits);

/* 1-based line and column (code points) of byte offset off in s. */
void hs_text_position(const char *s, size_t off, unsigned long *line, unsigned long *column);

#endif
