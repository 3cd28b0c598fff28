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

/* Display width of UTF-8 text in a terminal: combining marks count 0, East
 * Asian wide characters 2, everything else 1. */
size_t hs_utf8_width(const char *s);

#endif
