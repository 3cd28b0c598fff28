/*
 * diag.h - positioned diagnostics: the one error type of every loader.
 *
 * A loader never stops at the first problem it can step over: it appends a
 * diagnostic and goes on, so `hindsight check` can report everything at once.
 * Positions are 1-based; line 0 means "the whole file", column 0 "the whole
 * line".  Columns count characters (UTF-8 code points), as jansson does.
 *
 * Ownership: an hs_diags owns copies of every string added to it.
 */
#ifndef HINDSIGHT_DIAG_H
#define HINDSIGHT_DIAG_H

#include <stddef.h>

enum hs_severity { HS_SEV_ERROR, HS_SEV_WARNING };

typedef struct hs_diag {
    enum hs_severity severity;
    char *file;            /* path as given to the loader, owned */
    unsigned long line;    /* 1-based, 0 = whole file */
    unsigned long column;  /* 1-based, 0 = whole line */
    char *message;         /* lowercase, no full stop, owned */
    size_t seq;            /* order of arrival, which sorting keeps among equals */
} hs_diag;

typedef struct hs_diags {
    hs_diag *items;
    size_t n, alloc;
    size_t n_errors, n_warnings;
    int out_of_memory;     /* set when a diagnostic could not be stored */
} hs_diags;

void hs_diags_init(hs_diags *d);
void hs_diags_release(hs_diags *d);

/* Append a diagnostic.  Never fails visibly: on allocation failure the count
 * still rises and out_of_memory is set, so the run still ends in error. */
void hs_diags_add(hs_diags *d, enum hs_severity sev, const char *file,
                  unsigned long line, unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Order by file, line, column, keeping insertion order for ties. */
void hs_diags_sort(hs_diags *d);

/* Quote a value for a message: hs_escape() (format.h) of the len bytes at
 * s, at most max_chars characters (0: all), "..." when cut.  Returns a new string
 * or NULL when out of memory. */
char *hs_quote_value(const char *s, size_t len, size_t max_chars);

#endif
