/*
 * csvread.c - streaming CSV reading through libcsv, with positions.
 *
 * libcsv reports fields and records but no positions, so the reader feeds
 * it one segment at a time, each ending at the next ',' or '\n'.  A field
 * callback can then only fire for the delimiter that ends the segment, and
 * a field always begins right after the delimiter that ended the previous
 * one: that is where errors about a field (an unterminated quote above all)
 * point, as SQLite's CSV import does.
 */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "internal.h"

/* libcsv's default growth block (MEM_BLK_SIZE in libcsv.c). */
#define LIBCSV_BLOCK 128

struct field_slot {
    size_t off, len;
    unsigned long line, column;
};

struct reader {
    const char *path;
    hs_diags *diags;
    hs_csv_row_fn fn;
    void *ctx;
    char *buf;                  /* the current record's field bytes */
    size_t buf_len, buf_alloc;
    struct field_slot *slots;
    size_t n_slots, alloc_slots;
    hs_csv_field *fields;       /* handed to fn */
    size_t alloc_fields;
    unsigned long start_line, start_column;  /* where the next field begins */
    unsigned long next_line, next_column;    /* just past the fed segment */
    unsigned long seg_line;     /* line of the fed segment's last byte */
    int row_bad;                /* a field of this record was rejected */
    int halt;                   /* a limit was passed: read no further */
    size_t errors_before;       /* diags->n_errors when the file was opened */
    int failed;                 /* an error was reported */
    int stop;                   /* out of memory */
};

static void on_field(void *data, size_t len, void *rd_)
{
    struct reader *rd = rd_;
    struct field_slot *s;
    const char *text = data ? data : "";

    if (rd->stop || rd->halt)
        return;
    if (hs_grow((void **)&rd->slots, &rd->alloc_slots, rd->n_slots + 1,
                sizeof(*rd->slots)) < 0 ||
        hs_grow((void **)&rd->buf, &rd->buf_alloc, rd->buf_len + len + 1, 1) < 0) {
        rd->stop = 1;
        return;
    }
    s = &rd->slots[rd->n_slots++];
    s->off = rd->buf_len;
    s->len = len;
    s->line = rd->start_line;
    s->column = rd->start_column;
    memcpy(rd->buf + rd->buf_len, text, len);
    rd->buf[rd->buf_len + len] = '\0';
    rd->buf_len += len + 1;
    rd->start_line = rd->next_line;
    rd->start_column = rd->next_column;
    if (rd->n_slots > HS_MAX_CSV_FIELDS && !rd->row_bad) {
        hs_diags_add(rd->diags, HS_SEV_ERROR, rd->path, s->line, s->column,
                     "row has more than %d fields; the rest of the file was not read",
                     HS_MAX_CSV_FIELDS);
        rd->failed = rd->row_bad = rd->halt = 1;
    }
}

static void on_record(int terminator, void *rd_)
{
    struct reader *rd = rd_;
    size_t i;
    int rc;

    (void)terminator;
    if (!rd->stop && !rd->halt && !rd->row_bad && rd->n_slots > 0) {
        if (hs_grow((void **)&rd->fields, &rd->alloc_fields, rd->n_slots,
                    sizeof(*rd->fields)) < 0) {
            rd->stop = 1;
        } else {
            for (i = 0; i < rd->n_slots; i++) {
                rd->fields[i].text = rd->buf + rd->slots[i].off;
                rd->fields[i].len = rd->slots[i].len;
                rd->fields[i].line = rd->slots[i].line;
                rd->fields[i].column = rd->slots[i].column;
            }
            rc = rd->fn(rd->ctx, rd->fields, rd->n_slots);
            if (rc < 0)
                rd->stop = 1;
            else if (rc > 0)
                rd->halt = 1;
        }
    }
    rd->n_slots = 0;
    rd->buf_len = 0;
    rd->row_bad = 0;
    rd->start_line = rd->next_line;
    rd->start_column = rd->next_column;
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Feed one segment; returns 0, or -1 when reading must stop. */
static int feed(struct reader *rd, struct csv_parser *p, const char *s, size_t n)
{
    /* libcsv grows a field's buffer by a fixed block: make the block the
     * buffer's size, so that a 50 MB field takes linear time, not quadratic. */
    if (csv_get_buffer_size(p) > LIBCSV_BLOCK)
        csv_set_blk_size(p, csv_get_buffer_size(p));
    if (csv_parse(p, s, n, on_field, on_record, rd) != n) {
        if (csv_error(p) == CSV_EPARSE) {
            if (rd->seg_line > rd->start_line)
                hs_diags_add(rd->diags, HS_SEV_ERROR, rd->path, rd->start_line,
                             rd->start_column,
                             "quoted field starting here runs on to line %lu: a closing '\"' is probably missing; the rest of the file was not read",
                             rd->seg_line);
            else
                hs_diags_add(rd->diags, HS_SEV_ERROR, rd->path, rd->start_line,
                             rd->start_column,
                             "malformed quoted field: a field with quotes must start with '\"' and double every '\"' inside it; the rest of the file was not read");
            rd->failed = 1;
        } else {
            rd->stop = 1;
        }
        return -1;
    }
    if (p->pstate == LIBCSV_ROW_NOT_BEGUN) {
        /* Blank lines between records: the next record starts later. */
        rd->start_line = rd->next_line;
        rd->start_column = rd->next_column;
    }
    /* Limits (docs/formats.md): memory stays bounded whatever the input,
     * a pipe that never ends included. */
    if (!rd->halt && p->entry_pos > HS_MAX_CSV_FIELD) {
        hs_diags_add(rd->diags, HS_SEV_ERROR, rd->path, rd->start_line, rd->start_column,
                     p->quoted ? "quoted field starting here is longer than %zu MiB: a closing '\"' is probably missing; the rest of the file was not read"
                               : "field starting here is longer than %zu MiB; the rest of the file was not read",
                     HS_MAX_CSV_FIELD >> 20);
        rd->failed = rd->halt = 1;
    } else if (!rd->halt && rd->buf_len + p->entry_pos > HS_MAX_CSV_RECORD) {
        hs_diags_add(rd->diags, HS_SEV_ERROR, rd->path, rd->slots[0].line,
                     rd->slots[0].column,
                     "row starting here is longer than %zu MiB; the rest of the file was not read",
                     HS_MAX_CSV_RECORD >> 20);
        rd->failed = rd->halt = 1;
    } else if (!rd->halt &&
               rd->diags->n_errors - rd->errors_before >= HS_MAX_FILE_ERRORS) {
        hs_diags_add(rd->diags, HS_SEV_ERROR, rd->path, rd->next_line, 0,
                     "more than %d errors in this file; the rest of the file was not read",
                     HS_MAX_FILE_ERRORS);
        rd->failed = rd->halt = 1;
    }
    return rd->stop || rd->halt ? -1 : 0;
}

int hs_csv_read(const char *path, hs_csv_row_fn fn, void *ctx, hs_diags *diags)
{
    struct reader rd;
    struct csv_parser p;
    FILE *fp = NULL;
    char chunk[65536];
    size_t got;
    size_t held = 0;            /* bytes of a cut UTF-8 sequence, kept */
    int first = 1, parser_ready = 0, ret = -1, after_cr = 0;
    unsigned long line = 1, column = 1;

    memset(&rd, 0, sizeof(rd));
    rd.path = path;
    rd.diags = diags;
    rd.fn = fn;
    rd.ctx = ctx;
    rd.start_line = rd.start_column = 1;
    rd.errors_before = diags->n_errors;

    fp = hs_open_data_file(path, diags);
    if (!fp)
        goto cleanup;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        goto oom;
    parser_ready = 1;
    /* libcsv trims spaces and tabs around unquoted fields unless told that
     * nothing is a space: keep every byte, as RFC 4180 does */
    csv_set_space_func(&p, no_space);
    csv_set_realloc_func(&p, hs_realloc);
    csv_set_free_func(&p, hs_free);

    for (;;) {
        size_t i = 0, seg = 0, bad, complete;
        int final;

        got = fread(chunk + held, 1, sizeof(chunk) - held, fp);
        final = got == 0;
        got += held;
        if (got == 0)
            break;
        if (first) {
            first = 0;
            if (got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
                i = seg = 3;
        }
        /* A NUL or a byte that is not UTF-8 stops the file where it is, so
         * a feeder writing binary for ever is refused at once.  A sequence
         * cut by the chunk's end waits for the next chunk. */
        bad = i + hs_utf8_scan(chunk + i, got - i, final, &complete);
        held = got - i - complete;
        got = i + complete;
        for (; i < got; i++) {
            char c = chunk[i];

            if (i == bad) {
                hs_report_bad_byte(diags, path, line, column, (unsigned char *)chunk + i,
                                   got - i);
                rd.failed = 1;
                goto stopped;
            }

            /* A line ends at LF, CRLF or a lone CR (old Mac files), as
             * libcsv's records do. */
            if (c == '\r' || (c == '\n' && !after_cr)) {
                line++;
                column = 1;
            } else if (c != '\n' && ((unsigned char)c & 0xc0) != 0x80) {
                column++;
            }
            after_cr = c == '\r';
            if (c == ',' || c == '\n' || c == '\r') {
                rd.seg_line = c == ',' ? line : line - 1;
                rd.next_line = line;
                rd.next_column = column;
                if (feed(&rd, &p, chunk + seg, i + 1 - seg) < 0)
                    goto stopped;
                seg = i + 1;
            }
        }
        if (seg < got) {
            rd.seg_line = line;
            rd.next_line = line;
            rd.next_column = column;
            if (feed(&rd, &p, chunk + seg, got - seg) < 0)
                goto stopped;
        }
        memmove(chunk, chunk + got, held);
        if (final)
            break;
    }
    if (ferror(fp)) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "cannot read file: %s",
                     strerror(errno));
        goto cleanup;
    }
    rd.next_line = line;
    rd.next_column = column;
    if (csv_fini(&p, on_field, on_record, &rd) != 0) {
        if (csv_error(&p) == CSV_EPARSE) {
            hs_diags_add(diags, HS_SEV_ERROR, path, rd.start_line, rd.start_column,
                         "unterminated quoted field: no closing '\"' before the end of the file");
            rd.failed = 1;
        } else {
            goto oom;
        }
    }
stopped:
    if (rd.stop)
        goto oom;
    ret = rd.failed ? -1 : 0;
    goto cleanup;
oom:
    hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
cleanup:
    if (parser_ready)
        csv_free(&p);
    if (fp)
        fclose(fp);
    hs_free(rd.buf);
    hs_free(rd.slots);
    hs_free(rd.fields);
    return ret;
}

/* ---- the scanner: no positions, stops at the first problem ---- */

struct scanner {
    hs_csv_row_fn fn;
    void *ctx;
    char *buf;                  /* the current record's field bytes */
    size_t buf_len, buf_alloc;
    hs_csv_field *fields;       /* column holds the offset into buf until
                                   the record is complete */
    size_t n, alloc;
    int stop;                   /* 1 a problem, -1 out of memory */
};

static void scan_field(void *data, size_t len, void *sc_)
{
    struct scanner *sc = sc_;
    const char *text = data ? data : "";
    hs_csv_field *f;

    if (sc->stop)
        return;
    if (memchr(text, '\0', len) || hs_utf8_check(text, len) < len) {
        sc->stop = 1;
        return;
    }
    if (hs_grow((void **)&sc->fields, &sc->alloc, sc->n + 1, sizeof(*sc->fields)) < 0 ||
        hs_grow((void **)&sc->buf, &sc->buf_alloc, sc->buf_len + len + 1, 1) < 0) {
        sc->stop = -1;
        return;
    }
    f = &sc->fields[sc->n++];
    f->len = len;
    f->line = 0;
    f->column = sc->buf_len;
    memcpy(sc->buf + sc->buf_len, text, len);
    sc->buf[sc->buf_len + len] = '\0';
    sc->buf_len += len + 1;
}

static void scan_record(int terminator, void *sc_)
{
    struct scanner *sc = sc_;
    size_t i;
    int rc;

    (void)terminator;
    if (!sc->stop && sc->n > 0) {
        for (i = 0; i < sc->n; i++) {
            sc->fields[i].text = sc->buf + sc->fields[i].column;
            sc->fields[i].column = 0;
        }
        rc = sc->fn(sc->ctx, sc->fields, sc->n);
        if (rc != 0)
            sc->stop = rc < 0 ? -1 : 1;
    }
    sc->n = 0;
    sc->buf_len = 0;
}

int hs_csv_scan_part(const char *path, long long from, long long to, int *clean,
                     hs_csv_row_fn fn, void *ctx, hs_diags *diags)
{
    enum { CHUNK = 1 << 20 };
    struct scanner sc;
    struct csv_parser p;
    FILE *fp = NULL;
    char *chunk = NULL;
    size_t got;
    long long pos = from;       /* file offset of the next byte read */
    int parser_ready = 0, ret = 1, skip = from == 0, stopped_at_cut = 0;

    memset(&sc, 0, sizeof(sc));
    sc.fn = fn;
    sc.ctx = ctx;
    if (clean)
        *clean = 1;
    if (!(fp = hs_open_data_file(path, diags)))
        goto cleanup;
    if (from > 0 && fseeko(fp, (off_t)from, SEEK_SET) != 0)
        goto cleanup;
    if (!(chunk = hs_malloc(CHUNK)) ||
        csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        ret = -1;
        goto cleanup;
    }
    parser_ready = 1;
    csv_set_realloc_func(&p, hs_realloc);
    csv_set_free_func(&p, hs_free);
    /* spaces are part of a cell, as in feed(): never trimmed by libcsv */
    csv_set_space_func(&p, no_space);
    while (!sc.stop && !stopped_at_cut && (got = fread(chunk, 1, CHUNK, fp)) > 0) {
        size_t from_i = 0, end = got;
        int at_cut = 0;

        if (skip) {
            skip = 0;
            if (got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
                from_i = 3;
        }
        if (to > 0 && clean && *clean && pos + (long long)got >= to) {
            end = (size_t)(to - pos);
            at_cut = 1;
        }
        pos += (long long)got;
        for (;;) {
            /* as in feed(): a long field's buffer grows by its own size */
            if (csv_get_buffer_size(&p) > LIBCSV_BLOCK)
                csv_set_blk_size(&p, csv_get_buffer_size(&p));
            if (csv_parse(&p, chunk + from_i, end - from_i, scan_field, scan_record, &sc) !=
                end - from_i)
                sc.stop = csv_error(&p) == CSV_EPARSE ? 1 : -1;
            /* past hs_csv_read()'s limits: an error it reports */
            else if (p.entry_pos > HS_MAX_CSV_FIELD ||
                     sc.buf_len + p.entry_pos > HS_MAX_CSV_RECORD)
                sc.stop = 1;
            if (sc.stop || !at_cut)
                break;
            /* the cut: a record boundary only if the parser, which has read
             * the file from its start, is between records there; else the
             * rest of the file is read here too */
            at_cut = 0;
            if (p.pstate == LIBCSV_ROW_NOT_BEGUN) {
                stopped_at_cut = 1;
                break;
            }
            *clean = 0;
            from_i = end;
            end = got;
        }
    }
    if (!sc.stop && !stopped_at_cut && ferror(fp))
        sc.stop = 1;
    if (!sc.stop && csv_fini(&p, scan_field, scan_record, &sc) != 0)
        sc.stop = csv_error(&p) == CSV_EPARSE ? 1 : -1;
    ret = sc.stop;
cleanup:
    if (ret < 0)
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
    if (parser_ready)
        csv_free(&p);
    if (fp)
        fclose(fp);
    hs_free(chunk);
    hs_free(sc.buf);
    hs_free(sc.fields);
    return ret;
}

int hs_csv_scan(const char *path, hs_csv_row_fn fn, void *ctx, hs_diags *diags)
{
    return hs_csv_scan_part(path, 0, 0, NULL, fn, ctx, diags);
}

int hs_csv_header(const char *path, hs_csv_field *f, size_t n,
                  const char *const *names, const int *required, size_t count,
                  int *index, hs_diags *diags)
{
    size_t i, k;
    int ret = 0;

    for (i = 0; i < n; i++)
        hs_csv_key(path, &f[i], "column name", diags);
    for (k = 0; k < count; k++)
        index[k] = -1;
    for (i = 0, k = count; i < n && k == count; i++)
        for (k = 0; k < count && strcmp(f[i].text, names[k]) != 0; k++)
            ;
    if (k == count) {
        /* Not one known column: this is data, not a header. */
        char want[512];
        size_t o = 0;

        for (k = 0; k < count && o + 64 < sizeof(want); k++)
            if (required[k])
                o += (size_t)snprintf(want + o, sizeof(want) - o, "%s%s", o ? "," : "", names[k]);
        hs_diags_add(diags, HS_SEV_ERROR, path, n ? f[0].line : 1, n ? f[0].column : 0,
                     "the first line is not a header; the file must start with the column names, such as '%s'",
                     want);
        return -1;
    }
    for (i = 0; i < n; i++) {
        for (k = 0; k < count; k++)
            if (strcmp(f[i].text, names[k]) == 0)
                break;
        if (k == count) {
            char *q = hs_quote_value(f[i].text, f[i].len, 40);

            hs_diags_add(diags, HS_SEV_WARNING, path, f[i].line, f[i].column,
                         "unknown column '%s' is ignored", q ? q : "?");
            hs_free(q);
        } else if (index[k] >= 0) {
            hs_diags_add(diags, HS_SEV_ERROR, path, f[i].line, f[i].column,
                         "column '%s' appears twice in the header", names[k]);
            ret = -1;
        } else {
            index[k] = (int)i;
        }
    }
    for (k = 0; k < count; k++) {
        if (required[k] && index[k] < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, path, n ? f[0].line : 1, 0,
                         "header lacks required column '%s'", names[k]);
            ret = -1;
        }
    }
    return ret;
}

int hs_csv_row_width(const char *path, const hs_csv_field *f, size_t n,
                     size_t header_n, hs_diags *diags)
{
    if (n == header_n)
        return 0;
    hs_diags_add(diags, HS_SEV_ERROR, path, f[0].line, f[0].column,
                 "row has %zu field%s but the header has %zu", n, n == 1 ? "" : "s",
                 header_n);
    return -1;
}

const hs_csv_field *hs_csv_get(const hs_csv_field *f, size_t n, int idx)
{
    if (idx < 0 || (size_t)idx >= n || f[idx].len == 0)
        return NULL;
    return &f[idx];
}

/* Only the space: a tab is a control character, which the loaders refuse
 * in one-line fields (hs_text_check). */
static int is_blank(char c)
{
    return c == ' ';
}

/* Spaces at the start and the end of f's text. */
static void spaces_around(const hs_csv_field *f, size_t *lead, size_t *trail)
{
    *lead = *trail = 0;
    while (*lead < f->len && is_blank(f->text[*lead]))
        (*lead)++;
    while (*trail < f->len - *lead && is_blank(f->text[f->len - 1 - *trail]))
        (*trail)++;
}

int hs_csv_has_spaces(const hs_csv_field *f)
{
    size_t lead, trail;

    spaces_around(f, &lead, &trail);
    return lead || trail;
}

void hs_csv_warn_spaces(const char *path, const hs_csv_field *f, const char *name,
                        const char *tail, hs_diags *diags)
{
    size_t lead, trail;
    char *q;

    spaces_around(f, &lead, &trail);
    if (!lead && !trail)
        return;
    q = hs_quote_value(f->text, f->len, 60);
    hs_diags_add(diags, HS_SEV_WARNING, path, f->line, f->column,
                 "%s '%s' has surrounding spaces; %s", name, q ? q : "?", tail);
    hs_free(q);
}

void hs_csv_key(const char *path, hs_csv_field *f, const char *name, hs_diags *diags)
{
    size_t lead, trail;

    spaces_around(f, &lead, &trail);
    if (!lead && !trail)
        return;
    hs_csv_warn_spaces(path, f, name, "they are ignored; remove them", diags);
    f->text += lead;
    f->len -= lead + trail;
    ((char *)f->text)[f->len] = '\0';   /* the reader's own buffer */
}
