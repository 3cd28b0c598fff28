/*
 * table.h - a typed table and its three writers: aligned text, CSV
 * (libcsv, RFC 4180) and JSON (jansson, an array of objects).
 *
 * Every command's output goes through one hs_table, so the three formats
 * always carry the same columns.  Numbers are written with a '.' decimal
 * point whatever the locale: rounded to the column's precision in the text
 * form, in full in CSV and JSON (the shortest form that reads back to the
 * same double, hs_format_double()).  The text form shows control
 * characters in text cells escaped (hs_text_escape()); CSV and JSON keep
 * every cell's exact text.
 *
 * Ownership: the table owns copies of its headers and text cells.
 */
#ifndef HINDSIGHT_TABLE_H
#define HINDSIGHT_TABLE_H

#include <stdio.h>
#include <stddef.h>

enum hs_cell_type { HS_CELL_NULL, HS_CELL_TEXT, HS_CELL_INT, HS_CELL_REAL };

typedef struct hs_cell {
    enum hs_cell_type type;
    char *text;          /* HS_CELL_TEXT, owned */
    long long i;         /* HS_CELL_INT */
    double r;            /* HS_CELL_REAL; NaN is written as null / "-" */
} hs_cell;

typedef struct hs_column {
    char *name;
    int precision;       /* decimals for HS_CELL_REAL in the text form */
    /* The text form only (CSV and JSON never shorten, move or rename): */
    size_t text_width;   /* cells shortened to this many columns
                            (hs_utf8_shorten); 0 = never */
    int text_middle;     /* ... with the ellipsis in the middle */
    size_t text_after;   /* shown right after column text_after - 1;
                            0 = in its own place */
    int text_hidden;     /* left out (it repeats another column) */
    const char *empty_text; /* a null cell or empty text shown as this
                               (static text); NULL: "-" and "" */
} hs_column;

typedef struct hs_table {
    hs_column *cols;
    size_t n_cols;
    hs_cell *cells;      /* row-major, n_rows * n_cols */
    size_t n_rows, alloc_cells;
    int oom;             /* an append failed; writers refuse */
} hs_table;

void hs_table_init(hs_table *t);
void hs_table_release(hs_table *t);
/* Add a column; rows already there get a null cell in it.  Returns 0 or -1. */
int hs_table_column(hs_table *t, const char *name, int precision);
/* Start a new row of null cells.  Returns 0 or -1. */
int hs_table_row(hs_table *t);
/* Set a cell of the last row.  On allocation failure t->oom is set. */
void hs_table_text(hs_table *t, size_t col, const char *s);
void hs_table_int(hs_table *t, size_t col, long long v);
void hs_table_real(hs_table *t, size_t col, double v);
/* Set a cell of any row (0-based). */
void hs_table_set_real(hs_table *t, size_t row, size_t col, double v);
void hs_table_set_int(hs_table *t, size_t row, size_t col, long long v);
void hs_table_set_text(hs_table *t, size_t row, size_t col, const char *s);

/* How column col looks in the text form (nothing changes in CSV or JSON):
 * cells at most width columns wide, shortened at the end or, with middle,
 * in the middle (hs_utf8_shorten; the header is never shortened); shown
 * right after column after (a column placed after a column that is itself
 * placed follows it); a null cell or an empty text shown as text (static:
 * "(none)" for a group without a name) rather than "-" or nothing.
 * Out-of-range columns are ignored. */
void hs_table_shorten(hs_table *t, size_t col, size_t width, int middle);
void hs_table_place_after(hs_table *t, size_t col, size_t after);
void hs_table_empty_text(hs_table *t, size_t col, const char *text);
/* Leave column col out of the text form (it repeats what another shows). */
void hs_table_hide_text(hs_table *t, size_t col);

/* Writers return 0, or -1 on a write error or when t->oom is set. */
int hs_table_write_text(const hs_table *t, FILE *out);
int hs_table_write_csv(const hs_table *t, FILE *out);
int hs_table_write_json(const hs_table *t, FILE *out);

/* How a CSV file is written; all zero is what hs_table_write_csv() writes
 * (RFC 4180 fields, records ending in LF, a header row). */
typedef struct hs_csv_style {
    int neutralise;      /* text cells starting with = + - @ TAB or CR, which a
                            spreadsheet would run as a formula, are written
                            as "'TEXT", quoted (OWASP); numbers are untouched */
    int bom;             /* start with a UTF-8 byte-order mark (for Excel) */
    int crlf;            /* end records with CR LF (for Excel) */
    int no_header;       /* leave out the header row (appending rows) */
} hs_csv_style;

/* hs_table_write_csv() with a style; style NULL is the default. */
int hs_table_write_csv_style(const hs_table *t, FILE *out, const hs_csv_style *style);

/* The table as a JSON array of objects, numbers exact (write it with
 * hs_json_write() to keep them so): a new reference, or NULL when out of
 * memory. */
struct json_t;
struct json_t *hs_table_json(const hs_table *t);
/* hs_json_write_at(hs_table_json(t), out, depth) without building the
 * whole array: one row's object at a time, so that a large table costs
 * its cells only.  Returns 0, or -1 on a write error or when out of
 * memory (or t->oom). */
int hs_table_write_json_at(const hs_table *t, FILE *out, size_t depth);

/* Display width of UTF-8 text in a terminal, summed over its grapheme
 * clusters (UAX #29, found by utf8proc): a cluster is as wide as its code
 * points together (utf8proc_charwidth: East Asian wide and fullwidth 2,
 * combining marks and other zero-width characters 0, everything else 1),
 * but at most 2; a byte that is not UTF-8 counts 1. */
size_t hs_utf8_width(const char *s);

/*
 * s shortened to at most width display columns (hs_utf8_width), for the
 * text table: when it is wider, whole grapheme clusters are kept and the
 * rest replaced by one ellipsis, U+2026 (one column) -- at the end, or,
 * with middle, in the middle (the first half and the last half kept, so
 * ids that differ only at the end stay apart).  Never cuts inside a UTF-8
 * sequence or a grapheme cluster, so the result may be a column narrower
 * than width when a wide character does not fit.  width 0 means no limit.
 * Returns a new string (hs_free), NULL when out of memory.
 */
char *hs_utf8_shorten(const char *s, size_t width, int middle);

#endif
