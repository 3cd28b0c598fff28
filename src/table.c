/* table.c - typed tables and their text, CSV and JSON writers. */
#include <csv.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/format.h"
#include "hindsight/table.h"

void hs_table_init(hs_table *t)
{
    memset(t, 0, sizeof(*t));
}

void hs_table_release(hs_table *t)
{
    size_t i;

    for (i = 0; i < t->n_rows * t->n_cols; i++)
        hs_free(t->cells[i].text);
    for (i = 0; i < t->n_cols; i++)
        hs_free(t->cols[i].name);
    hs_free(t->cells);
    hs_free(t->cols);
    hs_table_init(t);
}

/* Widen existing rows by one null cell at the end of each. */
static int widen_rows(hs_table *t)
{
    size_t r, nc = t->n_cols + 1;
    hs_cell *cells = hs_calloc(t->n_rows * nc + 1, sizeof(*cells));

    if (!cells)
        return -1;
    for (r = 0; r < t->n_rows; r++)
        memcpy(&cells[r * nc], &t->cells[r * t->n_cols], t->n_cols * sizeof(*cells));
    hs_free(t->cells);
    t->cells = cells;
    t->alloc_cells = t->n_rows * nc + 1;
    return 0;
}

int hs_table_column(hs_table *t, const char *name, int precision)
{
    hs_column *c;

    if (t->n_rows && widen_rows(t) < 0) {
        t->oom = 1;
        return -1;
    }
    c = hs_realloc(t->cols, (t->n_cols + 1) * sizeof(*c));
    if (!c) {
        t->oom = 1;
        return -1;
    }
    t->cols = c;
    c[t->n_cols].name = hs_strdup(name);
    c[t->n_cols].precision = precision;
    if (!c[t->n_cols].name) {
        t->oom = 1;
        return -1;
    }
    t->n_cols++;
    return 0;
}

int hs_table_row(hs_table *t)
{
    size_t need = (t->n_rows + 1) * t->n_cols;

    if (t->oom)   /* a table that ran out of memory (a column lost) stays failed */
        return -1;
    if (hs_grow((void **)&t->cells, &t->alloc_cells, need, sizeof(*t->cells)) < 0) {
        t->oom = 1;
        return -1;
    }
    if (t->n_cols > 0)   /* no columns: cells may be NULL, and NULL + 0 is undefined */
        memset(&t->cells[t->n_rows * t->n_cols], 0, t->n_cols * sizeof(*t->cells));
    t->n_rows++;
    return 0;
}

static hs_cell *last_row_cell(hs_table *t, size_t col)
{
    if (t->n_rows == 0 || col >= t->n_cols)
        return NULL;
    return &t->cells[(t->n_rows - 1) * t->n_cols + col];
}

void hs_table_text(hs_table *t, size_t col, const char *s)
{
    hs_cell *c = last_row_cell(t, col);

    if (!c || !s)
        return;
    hs_free(c->text);
    c->type = HS_CELL_TEXT;
    if (!(c->text = hs_strdup(s))) {
        c->type = HS_CELL_NULL;
        t->oom = 1;
    }
}

void hs_table_int(hs_table *t, size_t col, long long v)
{
    hs_cell *c = last_row_cell(t, col);

    if (c) {
        c->type = HS_CELL_INT;
        c->i = v;
    }
}

void hs_table_set_real(hs_table *t, size_t row, size_t col, double v)
{
    hs_cell *c;

    if (row >= t->n_rows || col >= t->n_cols)
        return;
    c = &t->cells[row * t->n_cols + col];
    c->type = isnan(v) ? HS_CELL_NULL : HS_CELL_REAL;
    c->r = v;
}

void hs_table_set_int(hs_table *t, size_t row, size_t col, long long v)
{
    hs_cell *c;

    if (row >= t->n_rows || col >= t->n_cols)
        return;
    c = &t->cells[row * t->n_cols + col];
    c->type = HS_CELL_INT;
    c->i = v;
}

void hs_table_real(hs_table *t, size_t col, double v)
{
    hs_cell *c = last_row_cell(t, col);

    if (c) {
        c->type = isnan(v) ? HS_CELL_NULL : HS_CELL_REAL;
        c->r = v;
    }
}

/* The "C" locale, for writing and reading numbers; NULL if unavailable.
 * glibc hands out a static object for "C", so nothing is allocated. */
static locale_t c_locale(void)
{
    static locale_t loc;

    if (!loc)
        loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return loc;
}

/* Format a cell as text; null as `null_text`.  buf has 64 bytes.  Reals
 * are rounded to the column's precision for people, or (exact) written in
 * full, the shortest form that reads back to the same double. */
static const char *cell_string(const hs_table *t, const hs_cell *c, size_t col,
                               char *buf, const char *null_text, int exact)
{
    switch (c->type) {
    case HS_CELL_TEXT:
        return c->text;
    case HS_CELL_INT:
        snprintf(buf, 64, "%lld", c->i);
        return buf;
    case HS_CELL_REAL: {
        locale_t c_loc, old;

        if (exact)
            return hs_format_double(c->r, buf);
        /* a '.' decimal point even when the program runs under a
         * comma-decimal locale (setlocale by an embedding program) */
        c_loc = c_locale();
        old = c_loc ? uselocale(c_loc) : (locale_t)0;
        /* "%.*f" would print -0.0000 for tiny negatives: keep the sign honest */
        snprintf(buf, 64, "%.*f", t->cols[col].precision,
                 fabs(c->r) < 0.5 * pow(10, -t->cols[col].precision) ? 0.0 : c->r);
        if (c_loc)
            uselocale(old);
        return buf;
    }
    default:
        return null_text;
    }
}

/* Cell (r, c) of the text form, r = 0 being the header: control
 * characters shown escaped.  *owned is set when the result must be freed;
 * NULL when out of memory. */
static const char *text_cell(const hs_table *t, size_t r, size_t c, char *buf, char **owned)
{
    const char *s = r ? cell_string(t, &t->cells[(r - 1) * t->n_cols + c], c, buf, "-", 0)
                      : t->cols[c].name;
    char *e = hs_text_escape(s);

    *owned = e != s ? e : NULL;
    return e;
}

int hs_table_write_text(const hs_table *t, FILE *out)
{
    size_t *width, r, c, k;
    char *numeric, *owned = NULL;
    char buf[64];
    int ret = -1;

    if (t->oom)
        return -1;
    width = hs_calloc(t->n_cols + 1, sizeof(*width));
    numeric = hs_calloc(t->n_cols + 1, 1);
    if (!width || !numeric)
        goto cleanup;
    for (c = 0; c < t->n_cols; c++) {
        for (r = 0; r <= t->n_rows; r++) {
            const char *s = text_cell(t, r, c, buf, &owned);
            size_t w;

            if (!s)
                goto cleanup;
            w = hs_utf8_width(s);
            hs_free(owned);
            if (w > width[c])
                width[c] = w;
            if (r && (t->cells[(r - 1) * t->n_cols + c].type == HS_CELL_INT ||
                      t->cells[(r - 1) * t->n_cols + c].type == HS_CELL_REAL))
                numeric[c] = 1;   /* numbers, and that column's blanks, align right */
        }
    }
    for (r = 0; r <= t->n_rows; r++) {
        for (c = 0; c < t->n_cols; c++) {
            const char *s = text_cell(t, r, c, buf, &owned);
            size_t pad;

            if (!s)
                goto cleanup;
            pad = width[c] - hs_utf8_width(s);
            if (numeric[c])
                for (k = 0; k < pad; k++)
                    fputc(' ', out);
            fputs(s, out);
            hs_free(owned);
            if (c + 1 < t->n_cols) {
                if (!numeric[c])
                    for (k = 0; k < pad; k++)
                        fputc(' ', out);
                fputs("  ", out);
            }
        }
        fputc('\n', out);
    }
    ret = ferror(out) ? -1 : 0;
cleanup:
    hs_free(width);
    hs_free(numeric);
    return ret;
}

/* Write one CSV field: quoted by libcsv when RFC 4180 requires it (a comma,
 * quote, line break, or spaces a reader might trim), bare otherwise, so
 * numbers stay numbers in every reader. */
static int write_csv_field(FILE *out, const char *s)
{
    size_t n = strlen(s);

    if (strpbrk(s, ",\"\r\n") || (n && (s[0] == ' ' || s[n - 1] == ' ')))
        return csv_fwrite(out, s, n);
    return fputs(s, out) < 0 ? -1 : 0;
}

/* A text cell a spreadsheet would take for a formula (OWASP "CSV
 * injection"): written as "'TEXT", quoted, so it stays inert text. */
static int write_csv_inert(FILE *out, const char *s)
{
    size_t n = strlen(s);
    char *p = hs_malloc(n + 2);
    int rc;

    if (!p)
        return -1;
    p[0] = '\'';
    memcpy(p + 1, s, n + 1);
    rc = csv_fwrite(out, p, n + 1);
    hs_free(p);
    return rc;
}

int hs_table_write_csv(const hs_table *t, FILE *out)
{
    return hs_table_write_csv_style(t, out, NULL);
}

int hs_table_write_csv_style(const hs_table *t, FILE *out, const hs_csv_style *style)
{
    static const hs_csv_style plain;
    size_t r, c;
    char buf[64];

    if (!style)
        style = &plain;
    if (t->oom)
        return -1;
    if (style->bom)
        fputs("\xEF\xBB\xBF", out);
    for (r = style->no_header ? 1 : 0; r <= t->n_rows; r++) {
        for (c = 0; c < t->n_cols; c++) {
            const hs_cell *cell = r ? &t->cells[(r - 1) * t->n_cols + c] : NULL;
            const char *s = r ? cell_string(t, cell, c, buf, "", 1) : t->cols[c].name;
            int rc;

            if (c)
                fputc(',', out);
            if (style->neutralise && cell && cell->type == HS_CELL_TEXT &&
                s[0] && strchr("=+-@\t\r", s[0]))
                rc = write_csv_inert(out, s);
            else
                rc = write_csv_field(out, s);
            if (rc != 0)
                return -1;
        }
        fputs(style->crlf ? "\r\n" : "\n", out);
    }
    return ferror(out) ? -1 : 0;
}

int hs_table_write_json(const hs_table *t, FILE *out)
{
    json_t *arr = hs_table_json(t);
    int ret = -1;

    if (!arr)
        return -1;
    if (hs_json_write(arr, out) == 0 && fputc('\n', out) != EOF)
        ret = ferror(out) ? -1 : 0;
    json_decref(arr);
    return ret;
}

json_t *hs_table_json(const hs_table *t)
{
    json_t *arr = json_array(), *obj = NULL, *v;
    size_t r, c;

    if (t->oom || !arr)
        goto fail;
    for (r = 0; r < t->n_rows; r++) {
        if (!(obj = json_object()))
            goto fail;
        for (c = 0; c < t->n_cols; c++) {
            const hs_cell *cell = &t->cells[r * t->n_cols + c];

            switch (cell->type) {
            case HS_CELL_TEXT: v = json_string(cell->text); break;
            case HS_CELL_INT: v = json_integer(cell->i); break;
            case HS_CELL_REAL: v = json_real(cell->r); break;
            default: v = json_null(); break;
            }
            if (!v || json_object_set_new(obj, t->cols[c].name, v) < 0)
                goto fail;
        }
        if (json_array_append_new(arr, obj) < 0) {
            obj = NULL;
            goto fail;
        }
        obj = NULL;
    }
    return arr;
fail:
    json_decref(obj);
    json_decref(arr);
    return NULL;
}
