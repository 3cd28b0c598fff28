/*
 * names.h - text fields: control characters, the one normal form of names
 * and keys, and look-alike spellings (docs/formats.md, "Text fields").
 *
 * Every text value hindsight reads is valid UTF-8 (the loaders check).  On
 * top of that:
 *  - a one-line field (ids, names, tags, hedges, dates, ...) holds no
 *    control character: no C0 (U+0000..U+001F, tab and line breaks
 *    included), no DEL (U+007F), no C1 (U+0080..U+009F), no U+2028 LINE
 *    SEPARATOR or U+2029 PARAGRAPH SEPARATOR;
 *  - a multi-line field (quote, criteria, evidence, note, ...) may hold line
 *    breaks (LF, CR, U+2028, U+2029) but no other control character.
 *
 * Names and keys are compared in one normal form: Unicode NFC (canonical
 * composition, computed by utf8proc) with surrounding white space (Unicode
 * White_Space: spaces of category Zs such as U+00A0, tab, line breaks)
 * removed.  The loaders store names in that form, so "Carol \u010Capek",
 * "Carol C\u030Capek" and "Carol \u010Capek " are one forecaster.
 *
 * Ownership: strings returned here are new, from hs_malloc, released with
 * hs_free().
 */
#ifndef HINDSIGHT_NAMES_H
#define HINDSIGHT_NAMES_H

#include <stddef.h>
#include "diag.h"

/*
 * The first character of s[0..len) that the field may not hold: its byte
 * offset, with its code point in *cp; len when there is none.  multiline
 * allows line breaks.  Bytes that are not UTF-8 are skipped (the loaders
 * report them before).
 */
size_t hs_text_find_control(const char *s, size_t len, int multiline, unsigned long *cp);

/*
 * Check a field's value for control characters; on one, report an error at
 * file:line:column naming the field (what) and showing the value escaped.
 * Returns 0 when the value is clean, -1 when reported.
 */
int hs_text_check(const char *what, const char *s, size_t len, int multiline,
                  const char *file, unsigned long line, unsigned long column,
                  hs_diags *diags);

/*
 * The normal form of a name or key s[0..len): NFC, surrounding white space
 * removed.  Returns 0 with *out NULL when s already is in normal form (no
 * copy made: use s), 0 with *out a new string otherwise, -1 when out of
 * memory.  Text that is not valid UTF-8 is only trimmed.
 */
int hs_name_normalize(const char *s, size_t len, char **out);

/* The normal form as a new string (a copy when s already is normal), or
 * NULL when out of memory. */
char *hs_name_normal(const char *s);

#endif
