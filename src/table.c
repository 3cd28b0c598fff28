/* table.c - typed tables and their text, CSV and JSON writers. */
#include <csv.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/format.h"
#include "hindsight/strmap.h"
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
    c[t->n_cols].text_width = 0;
    c[t->n_cols].text_middle = 0;
    c[t->n_cols].text_after = 0;
    c[t->n_cols].empty_text = NULL;
    c[t->n_cols].text_hidden = 0;
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
    if (t->n_rows)
        hs_table_set_text(t, t->n_rows - 1, col, s);
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

void hs_table_set_text(hs_table *t, size_t row, size_t col, const char *s)
{
    hs_cell *c;

    if (row >= t->n_rows || col >= t->n_cols || !s)
        return;
    c = &t->cells[row * t->n_cols + col];
    hs_free(c->text);
    c->type = HS_CELL_TEXT;
    if (!(c->text = hs_strdup(s))) {
        c->type = HS_CELL_NULL;
        t->oom = 1;
    }
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

void hs_table_shorten(hs_table *t, size_t col, size_t width, int middle)
{
    if (col < t->n_cols) {
        t->cols[col].text_width = width;
        t->cols[col].text_middle = middle;
    }
}

void hs_table_place_after(hs_table *t, size_t col, size_t after)
{
    if (col < t->n_cols && after < t->n_cols && after != col)
        t->cols[col].text_after = after + 1;
}

void hs_table_hide_text(hs_table *t, size_t col)
{
    if (col < t->n_cols)
        t->cols[col].text_hidden = 1;
}

void hs_table_empty_text(hs_table *t, size_t col, const char *text)
{
    if (col < t->n_cols)
        t->cols[col].empty_text = text;
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
 * characters shown escaped, then shortened to the column's width.  *owned
 * is set when the result must be freed; NULL when out of memory. */
static const char *text_cell(const hs_table *t, size_t r, size_t c, size_t width, char *buf,
                             char **owned)
{
    const hs_column *col = &t->cols[c];
    const hs_cell *cell = r ? &t->cells[(r - 1) * t->n_cols + c] : NULL;
    const char *s = cell ? cell_string(t, cell, c, buf, col->empty_text ? col->empty_text : "-", 0)
                         : col->name;
    char *e, *cut;

    if (cell && cell->type == HS_CELL_TEXT && !s[0] && col->empty_text)
        s = col->empty_text;
    e = hs_text_escape(s);
    *owned = e != s ? e : NULL;
    if (!e || !cell || cell->type != HS_CELL_TEXT || s == col->empty_text || !width ||
        hs_utf8_width(e) <= width)
        return e;
    if (!(cut = hs_utf8_shorten(e, width, col->text_middle))) {
        hs_free(*owned);
        *owned = NULL;
        return NULL;
    }
    hs_free(*owned);
    *owned = cut;
    return cut;
}

/* Do the cells of column c, shortened to width, stay as distinct as they
 * are whole?  1 yes, 0 no, -1 out of memory. */
static int stays_distinct(const hs_table *t, size_t c, size_t width)
{
    hs_strmap seen;
    char **cut = hs_calloc(t->n_rows + 1, sizeof(*cut));
    char buf[64];
    size_t r, k;
    int ret = -1;

    hs_strmap_init(&seen);
    if (!cut)
        goto cleanup;
    ret = 1;
    for (r = 0; r < t->n_rows && ret == 1; r++) {
        const hs_cell *cell = &t->cells[r * t->n_cols + c];
        char *owned = NULL;
        const char *s;
        int rc;

        if (cell->type != HS_CELL_TEXT)
            continue;
        if (!(s = text_cell(t, r + 1, c, width, buf, &owned))) {
            ret = -1;
            break;
        }
        cut[r] = owned ? owned : hs_strdup(s);
        if (!cut[r] || (rc = hs_strmap_put(&seen, cut[r], r, &k)) < 0)
            ret = -1;
        else if (rc == 0 && strcmp(cell->text, t->cells[k * t->n_cols + c].text) != 0)
            ret = 0;   /* two texts shown alike */
    }
cleanup:
    for (r = 0; cut && r < t->n_rows; r++)
        hs_free(cut[r]);
    hs_free(cut);
    hs_strmap_release(&seen);
    return ret;
}

/* The width column c's cells are shortened to: its text_width, or, for ids
 * (shortened in the middle), as much more as keeps distinct ids apart.
 * (size_t)-1 when out of memory. */
static size_t shorten_width(const hs_table *t, size_t c)
{
    size_t w = t->cols[c].text_width, widest = 0, r;
    int rc;

    if (!w || !t->cols[c].text_middle)
        return w;
    for (r = 0; r < t->n_rows; r++) {
        const hs_cell *cell = &t->cells[r * t->n_cols + c];

        if (cell->type == HS_CELL_TEXT && hs_utf8_width(cell->text) > widest)
            widest = hs_utf8_width(cell->text);
    }
    for (; w < widest; w++)
        if ((rc = stays_distinct(t, c, w)) != 0)
            return rc < 0 ? (size_t)-1 : w;
    return w;
}

/* Place column c in order[*n], then the columns shown right after it. */
static void place_column(const hs_table *t, size_t c, size_t *order, size_t *n, char *placed)
{
    size_t d;

    placed[c] = 1;
    if (!t->cols[c].text_hidden)
        order[(*n)++] = c;
    for (d = 0; d < t->n_cols; d++)
        if (!placed[d] && t->cols[d].text_after == c + 1)
            place_column(t, d, order, n, placed);
}

int hs_table_write_text(const hs_table *t, FILE *out)
{
    size_t *width, *order, *cut_width, r, c, k, i, n = 0;
    char *numeric, *placed, *owned = NULL;
    char buf[64];
    int ret = -1;

    if (t->oom)
        return -1;
    width = hs_calloc(t->n_cols + 1, sizeof(*width));
    order = hs_calloc(t->n_cols + 1, sizeof(*order));
    cut_width = hs_calloc(t->n_cols + 1, sizeof(*cut_width));
    numeric = hs_calloc(t->n_cols + 1, 1);
    placed = hs_calloc(t->n_cols + 1, 1);
    if (!width || !order || !cut_width || !numeric || !placed)
        goto cleanup;
    for (c = 0; c < t->n_cols; c++)
        if ((cut_width[c] = shorten_width(t, c)) == (size_t)-1)
            goto cleanup;
    /* the text form's column order: each column, then those placed after it */
    for (c = 0; c < t->n_cols; c++)
        if (!placed[c] && (t->cols[c].text_after == 0 || t->cols[c].text_after > t->n_cols))
            place_column(t, c, order, &n, placed);
    for (c = 0; c < t->n_cols; c++)   /* placed after each other in a ring */
        if (!placed[c])
            place_column(t, c, order, &n, placed);
    for (c = 0; c < t->n_cols; c++) {
        for (r = 0; r <= t->n_rows; r++) {
            const char *s = text_cell(t, r, c, cut_width[c], buf, &owned);
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
        for (i = 0; i < n; i++) {
            const char *s;
            size_t pad;

            c = order[i];
            if (!(s = text_cell(t, r, c, cut_width[c], buf, &owned)))
                goto cleanup;
            pad = width[c] - hs_utf8_width(s);
            if (numeric[c])
                for (k = 0; k < pad; k++)
                    fputc(' ', out);
            fputs(s, out);
            hs_free(owned);
            if (i + 1 < n) {
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
    hs_free(order);
    hs_free(cut_width);
    hs_free(numeric);
    hs_free(placed);
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

/* Row r of t as a JSON object: a new reference, or NULL when out of
 * memory. */
static json_t *row_json(const hs_table *t, size_t r)
{
    json_t *obj = json_object(), *v;
    size_t c;

    if (!obj)
        return NULL;
    for (c = 0; c < t->n_cols; c++) {
        const hs_cell *cell = &t->cells[r * t->n_cols + c];

        switch (cell->type) {
        case HS_CELL_TEXT: v = json_string(cell->text); break;
        case HS_CELL_INT: v = json_integer(cell->i); break;
        case HS_CELL_REAL: v = json_real(cell->r); break;
        default: v = json_null(); break;
        }
        if (!v || json_object_set_new(obj, t->cols[c].name, v) < 0) {
            json_decref(obj);
            return NULL;
        }
    }
    return obj;
}

json_t *hs_table_json(const hs_table *t)
{
    json_t *arr = json_array(), *obj;
    size_t r;

    if (t->oom || !arr)
        goto fail;
    for (r = 0; r < t->n_rows; r++)
        if (!(obj = row_json(t, r)) || json_array_append_new(arr, obj) < 0)
            goto fail;
    return arr;
fail:
    json_decref(arr);
    return NULL;
}

/* A new line indented for depth (2 spaces a level), as hs_json_write. */
static int json_indent(FILE *out, size_t depth)
{
    return fprintf(out, "\n%*s", (int)(depth * 2), "") < 0 ? -1 : 0;
}

int hs_table_write_json_at(const hs_table *t, FILE *out, size_t depth)
{
    json_t *obj;
    size_t r;
    int rc;

    if (t->oom)
        return -1;
    if (t->n_rows == 0)
        return fputs("[]", out) < 0 ? -1 : 0;
    if (fputc('[', out) == EOF)
        return -1;
    for (r = 0; r < t->n_rows; r++) {
        if ((r && fputc(',', out) == EOF) || json_indent(out, depth + 1) < 0 ||
            !(obj = row_json(t, r)))
            return -1;
        rc = hs_json_write_at(obj, out, depth + 1);
        json_decref(obj);
        if (rc < 0)
            return -1;
    }
    if (json_indent(out, depth) < 0)
        return -1;
    return fputc(']', out) == EOF ? -1 : 0;
}
