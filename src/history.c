/*
 * history.c - snapshots of a run, the changes between two, and the
 * append-only history.csv (see history.h for the promises).
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hindsight/alloc.h"
#include "hindsight/atomicfile.h"
#include "hindsight/export.h"
#include "hindsight/history.h"
#include "hindsight/strmap.h"
#include "hindsight/table.h"
#include "internal.h"

#define ABSENT ((size_t)-1)

/* ---- snapshots ---- */

void hs_snapshot_init(hs_snapshot *s)
{
    memset(s, 0, sizeof(*s));
}

void hs_snapshot_release(hs_snapshot *s)
{
    size_t i;
    int k;

    for (i = 0; i < s->n_forecasts; i++) {
        hs_snap_forecast *f = &s->forecasts[i];

        hs_free(f->id);
        hs_free(f->forecaster);
        hs_free(f->organization);
        hs_free(f->question);
        hs_free(f->status);
        hs_free(f->void_reason);
        hs_free(f->evidence);
    }
    hs_free(s->forecasts);
    for (k = 0; k < HS_SNAP_KINDS; k++) {
        for (i = 0; i < s->n_groups[k]; i++)
            hs_free(s->groups[k][i].name);
        hs_free(s->groups[k]);
    }
    hs_snapshot_init(s);
}

const char *hs_snap_kind_name(int kind)
{
    return kind == HS_SNAP_FORECASTER ? "forecaster" : "organization";
}

/* Reading an export's JSON: where messages point and whether one failed. */
struct jread {
    const char *file;
    hs_diags *diags;
    int failed;
};

/* A copy of obj[key] when it is a string, "" when absent or null; NULL
 * (reported) when it has another type or memory runs out.  required: an
 * absent or null member is an error too. */
static char *jtext(struct jread *jr, json_t *obj, const char *array, size_t i,
                   const char *key, int required)
{
    json_t *v = json_object_get(obj, key);
    char *s;

    if (json_is_string(v))
        s = hs_strdup(json_string_value(v));
    else if (!required && (!v || json_is_null(v)))
        s = hs_strdup("");
    else {
        hs_diags_add(jr->diags, HS_SEV_ERROR, jr->file, 0, 0,
                     "'%s[%zu].%s' is missing or not %s; this is not an export hindsight wrote",
                     array, i, key, required ? "a string" : "a string or null");
        jr->failed = 1;
        return NULL;
    }
    if (!s) {
        hs_diags_add(jr->diags, HS_SEV_ERROR, jr->file, 0, 0, "out of memory");
        jr->failed = 1;
    }
    return s;
}

/* obj[key] as a number; NaN when null or absent. */
static double jreal(struct jread *jr, json_t *obj, const char *array, size_t i, const char *key)
{
    json_t *v = json_object_get(obj, key);

    if (json_is_number(v))
        return json_number_value(v);
    if (v && !json_is_null(v)) {
        hs_diags_add(jr->diags, HS_SEV_ERROR, jr->file, 0, 0,
                     "'%s[%zu].%s' is not a number or null; this is not an export hindsight wrote",
                     array, i, key);
        jr->failed = 1;
    }
    return NAN;
}

static long jint(struct jread *jr, json_t *obj, const char *array, size_t i, const char *key)
{
    double v = jreal(jr, obj, array, i, key);

    return isnan(v) ? 0 : (long)v;
}

/* root[key] as an array; NULL (reported) otherwise. */
static json_t *jarray(struct jread *jr, const json_t *root, const char *key)
{
    json_t *a = json_object_get(root, key);

    if (!json_is_array(a)) {
        hs_diags_add(jr->diags, HS_SEV_ERROR, jr->file, 0, 0,
                     "'%s' is missing or not an array; this is not an export hindsight wrote", key);
        jr->failed = 1;
        return NULL;
    }
    return a;
}

int hs_snapshot_from_json(hs_snapshot *s, const json_t *root, const char *file, hs_diags *diags)
{
    static const char *const group_keys[HS_SNAP_KINDS] = {"forecasters", "organizations"};
    struct jread jr = {file, diags, 0};
    json_t *arr, *o, *as_of;
    size_t i, n;
    int k, ret = -1;

    hs_snapshot_init(s);
    as_of = json_object_get(root, "as_of");
    if (!json_is_object(root) || !json_is_string(as_of) ||
        strlen(json_string_value(as_of)) >= sizeof(s->as_of)) {
        hs_diags_add(diags, HS_SEV_ERROR, file, 0, 0,
                     "no 'as_of' date at the top level; this is not an export hindsight wrote");
        goto cleanup;
    }
    strcpy(s->as_of, json_string_value(as_of));
    if (!(arr = jarray(&jr, root, "forecasts")))
        goto cleanup;
    n = json_array_size(arr);
    if (!(s->forecasts = hs_calloc(n + 1, sizeof(*s->forecasts)))) {
        hs_diags_add(diags, HS_SEV_ERROR, file, 0, 0, "out of memory");
        goto cleanup;
    }
    json_array_foreach(arr, i, o) {
        hs_snap_forecast *f = &s->forecasts[i];

        s->n_forecasts = i + 1;
        f->id = jtext(&jr, o, "forecasts", i, "id", 1);
        f->forecaster = jtext(&jr, o, "forecasts", i, "forecaster", 0);
        f->organization = jtext(&jr, o, "forecasts", i, "organization", 0);
        f->question = jtext(&jr, o, "forecasts", i, "question", 0);
        f->status = jtext(&jr, o, "forecasts", i, "status", 1);
        f->void_reason = jtext(&jr, o, "forecasts", i, "void_reason", 0);
        f->evidence = jtext(&jr, o, "forecasts", i, "evidence_record", 0);
        f->brier = jreal(&jr, o, "forecasts", i, "brier");
        if (jr.failed)
            goto cleanup;
    }
    for (k = 0; k < HS_SNAP_KINDS; k++) {
        if (!(arr = jarray(&jr, root, group_keys[k])))
            goto cleanup;
        n = json_array_size(arr);
        if (!(s->groups[k] = hs_calloc(n + 1, sizeof(*s->groups[k])))) {
            hs_diags_add(diags, HS_SEV_ERROR, file, 0, 0, "out of memory");
            goto cleanup;
        }
        json_array_foreach(arr, i, o) {
            hs_snap_group *g = &s->groups[k][i];

            s->n_groups[k] = i + 1;
            g->name = jtext(&jr, o, group_keys[k], i, hs_snap_kind_name(k), 1);
            g->rank = jint(&jr, o, group_keys[k], i, "rank");
            g->forecasts = jint(&jr, o, group_keys[k], i, "forecasts");
            g->scored = jint(&jr, o, group_keys[k], i, "scored");
            g->pending = jint(&jr, o, group_keys[k], i, "pending");
            g->n_void = jint(&jr, o, group_keys[k], i, "void");
            g->brier = jreal(&jr, o, group_keys[k], i, "brier");
            if (jr.failed)
                goto cleanup;
        }
    }
    ret = 0;
cleanup:
    if (ret < 0)
        hs_snapshot_release(s);
    return ret;
}

int hs_snapshot_load(hs_snapshot *s, const char *path, hs_diags *diags)
{
    json_t *root = hs_json_file_load(path, HS_EXPORT_FORMAT, diags);
    int ret;

    hs_snapshot_init(s);
    if (!root)
        return -1;
    ret = hs_snapshot_from_json(s, root, path, diags);
    json_decref(root);
    return ret;
}

/* ---- changes ---- */

void hs_changes_init(hs_changes *c)
{
    memset(c, 0, sizeof(*c));
}

void hs_changes_release(hs_changes *c)
{
    hs_free(c->items);
    hs_changes_init(c);
}

static int add_change(hs_changes *c, enum hs_change_kind kind, int group, size_t prev, size_t cur)
{
    hs_change *ch;

    if (hs_grow((void **)&c->items, &c->alloc, c->n + 1, sizeof(*c->items)) < 0)
        return -1;
    ch = &c->items[c->n++];
    ch->kind = kind;
    ch->group = group;
    ch->prev = prev;
    ch->cur = cur;
    return 0;
}

/* Equal as exported: both absent, or the same rounded value. */
static int same_real(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* What changed for one forecast present in both runs; -1 when nothing. */
static int forecast_change(const hs_snap_forecast *p, const hs_snap_forecast *c)
{
    int is_scored = strcmp(c->status, "yes") == 0 || strcmp(c->status, "no") == 0;

    if (strcmp(p->status, c->status) == 0 && strcmp(p->void_reason, c->void_reason) == 0)
        return same_real(p->brier, c->brier) ? -1 : HS_CHANGE_RESCORED;
    if (strcmp(p->status, "pending") == 0 && is_scored)
        return HS_CHANGE_RESOLVED;
    if (strcmp(c->status, "void") == 0)
        return HS_CHANGE_VOIDED;
    return HS_CHANGE_STATUS;
}

static int same_group(const hs_snap_group *p, const hs_snap_group *c)
{
    return p->rank == c->rank && p->forecasts == c->forecasts && p->scored == c->scored &&
           p->pending == c->pending && p->n_void == c->n_void && same_real(p->brier, c->brier);
}

int hs_changes_compute(hs_changes *c, const hs_snapshot *prev, const hs_snapshot *cur)
{
    hs_strmap ids;
    char *seen = NULL;
    size_t i, j;
    int k, kind, ret = -1;

    hs_changes_init(c);
    hs_strmap_init(&ids);
    if (!(seen = hs_calloc(prev->n_forecasts + 1, 1)))
        goto cleanup;
    for (i = 0; i < prev->n_forecasts; i++)
        if (hs_strmap_put(&ids, prev->forecasts[i].id, i, NULL) < 0)
            goto cleanup;
    for (i = 0; i < cur->n_forecasts; i++) {
        if (!hs_strmap_get(&ids, cur->forecasts[i].id, &j)) {
            if (add_change(c, HS_CHANGE_NEW, 0, ABSENT, i) < 0)
                goto cleanup;
            continue;
        }
        seen[j] = 1;
        kind = forecast_change(&prev->forecasts[j], &cur->forecasts[i]);
        if (kind >= 0 && add_change(c, (enum hs_change_kind)kind, 0, j, i) < 0)
            goto cleanup;
    }
    for (j = 0; j < prev->n_forecasts; j++)
        if (!seen[j] && add_change(c, HS_CHANGE_REMOVED, 0, j, ABSENT) < 0)
            goto cleanup;
    for (k = 0; k < HS_SNAP_KINDS; k++) {
        hs_strmap_release(&ids);
        hs_free(seen);
        if (!(seen = hs_calloc(prev->n_groups[k] + 1, 1)))
            goto cleanup;
        for (i = 0; i < prev->n_groups[k]; i++)
            if (hs_strmap_put(&ids, prev->groups[k][i].name, i, NULL) < 0)
                goto cleanup;
        for (i = 0; i < cur->n_groups[k]; i++) {
            if (!hs_strmap_get(&ids, cur->groups[k][i].name, &j)) {
                if (add_change(c, HS_CHANGE_GROUP, k, ABSENT, i) < 0)
                    goto cleanup;
                continue;
            }
            seen[j] = 1;
            if (!same_group(&prev->groups[k][j], &cur->groups[k][i]) &&
                add_change(c, HS_CHANGE_GROUP, k, j, i) < 0)
                goto cleanup;
        }
        for (j = 0; j < prev->n_groups[k]; j++)
            if (!seen[j] && add_change(c, HS_CHANGE_GROUP, k, j, ABSENT) < 0)
                goto cleanup;
    }
    ret = 0;
cleanup:
    hs_strmap_release(&ids);
    hs_free(seen);
    if (ret < 0)
        hs_changes_release(c);
    return ret;
}

/* ---- history.csv ---- */

#define HISTORY_FIELDS 10

void hs_history_init(hs_history *h)
{
    memset(h, 0, sizeof(*h));
    h->fd = -1;
}

void hs_history_release(hs_history *h)
{
    if (h->fd >= 0)
        close(h->fd);
    hs_free(h->path);
    hs_history_init(h);
}

/* The state of a scan: libcsv reports fields and records, the scanner
 * knows offsets and lines (records always end at a '\n' it fed last). */
struct scan {
    hs_history *h;
    hs_diags *diags;
    unsigned long committed;      /* rows of later runs are not copied */
    size_t n_fields;              /* in the current record */
    char header[128];             /* the first record's fields, joined */
    char first[32];               /* field 0 of the current record */
    long long record_start;       /* offset where the current record began */
    long long boundary;           /* offset just past the last complete record */
    long long cut;                /* offset of the first row of a later run; -1 */
    unsigned long line;           /* line where the current record began */
    unsigned long boundary_line;
    unsigned long last_run;       /* of the rows read so far */
    size_t records;
    int failed;
};

static void scan_field(void *data, size_t len, void *ctx)
{
    struct scan *sc = ctx;

    if (sc->records == 0) {
        size_t have = strlen(sc->header);

        if (have + len + 2 < sizeof(sc->header)) {
            if (sc->n_fields)
                strcat(sc->header, ",");
            strncat(sc->header, data ? (const char *)data : "", len);
        } else {
            sc->header[0] = '?';   /* far too long to be ours */
        }
    } else if (sc->n_fields == 0) {
        size_t n = len < sizeof(sc->first) - 1 ? len : sizeof(sc->first) - 1;

        memcpy(sc->first, data ? data : "", n);
        sc->first[n] = '\0';
    }
    sc->n_fields++;
}

static void scan_record(int terminator, void *ctx)
{
    struct scan *sc = ctx;
    hs_history *h = sc->h;
    char *end;
    unsigned long run;

    (void)terminator;
    if (sc->failed)
        return;
    if (sc->records++ == 0) {
        if (strcmp(sc->header, HS_HISTORY_HEADER) != 0) {
            hs_diags_add(sc->diags, HS_SEV_ERROR, h->path, sc->line, 0,
                         "the header is not '%s'; this is not a history hindsight wrote: move it away",
                         HS_HISTORY_HEADER);
            sc->failed = 1;
        }
    } else if (sc->n_fields != HISTORY_FIELDS) {
        hs_diags_add(sc->diags, HS_SEV_ERROR, h->path, sc->line, 0,
                     "%zu fields, expected %d; the row was changed by hand: restore the file from a backup",
                     sc->n_fields, HISTORY_FIELDS);
        sc->failed = 1;
    } else {
        errno = 0;
        run = strtoul(sc->first, &end, 10);
        if (sc->first[0] < '0' || sc->first[0] > '9' || *end || errno || run == 0 ||
            run < sc->last_run) {
            hs_diags_add(sc->diags, HS_SEV_ERROR, h->path, sc->line, 1,
                         "run number '%s' is not a whole number at least %lu; the row was changed by hand: restore the file from a backup",
                         sc->first, sc->last_run ? sc->last_run : 1);
            sc->failed = 1;
        } else {
            sc->last_run = run;
            if (run > sc->committed) {
                /* a run that did not complete: its rows are not copied */
                if (sc->cut < 0) {
                    sc->cut = sc->record_start;
                    h->dropped_run = run;
                }
                h->dropped_rows++;
            } else {
                h->last_run = run;
                h->rows++;
            }
        }
    }
    sc->n_fields = 0;
}

/* Feed bytes that end at a '\n' (or at the end of what was read); note a
 * record boundary when the parser is between records after a '\n'. */
static int scan_feed(struct scan *sc, struct csv_parser *p, const char *s, size_t n,
                     long long end_offset, unsigned long line_after)
{
    if (csv_parse(p, s, n, scan_field, scan_record, sc) != n) {
        if (csv_error(p) == CSV_EPARSE)
            hs_diags_add(sc->diags, HS_SEV_ERROR, sc->h->path, sc->line, 0,
                         "malformed quoted field; this is not a history hindsight wrote: restore it from a backup");
        else
            hs_diags_add(sc->diags, HS_SEV_ERROR, sc->h->path, 0, 0, "out of memory");
        sc->failed = 1;
        return -1;
    }
    if (n && s[n - 1] == '\n' && p->pstate == LIBCSV_ROW_NOT_BEGUN) {
        sc->boundary = sc->record_start = end_offset;
        sc->boundary_line = sc->line = line_after;
    }
    return sc->failed ? -1 : 0;
}

/* Check every row of the history open at fd; set *keep to the bytes to
 * copy.  Returns 0 or -1 (diags). */
static int history_scan(hs_history *h, int fd, unsigned long committed, long long *keep,
                        hs_diags *diags)
{
    struct scan sc;
    struct csv_parser p;
    char chunk[65536];
    long long offset = 0;
    unsigned long line = 1;
    ssize_t got;
    int ret = -1;

    memset(&sc, 0, sizeof(sc));
    sc.h = h;
    sc.diags = diags;
    sc.committed = committed;
    sc.cut = -1;
    sc.line = sc.boundary_line = 1;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
        hs_diags_add(diags, HS_SEV_ERROR, h->path, 0, 0, "out of memory");
        return -1;
    }
    csv_set_realloc_func(&p, hs_realloc);
    csv_set_free_func(&p, hs_free);
    while ((got = read(fd, chunk, sizeof(chunk))) > 0) {
        size_t i, seg = 0;

        /* a byte-order mark (a spreadsheet saved it) is skipped, and kept */
        if (offset == 0 && got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
            seg = 3;
        for (i = seg; i < (size_t)got; i++) {
            if (chunk[i] != '\n')
                continue;
            line++;
            if (scan_feed(&sc, &p, chunk + seg, i + 1 - seg, offset + (long long)i + 1, line) < 0)
                goto cleanup;
            seg = i + 1;
        }
        if (seg < (size_t)got &&
            scan_feed(&sc, &p, chunk + seg, (size_t)got - seg, offset + got, line) < 0)
            goto cleanup;
        offset += got;
    }
    if (got < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, h->path, 0, 0, "cannot read: %s", strerror(errno));
        goto cleanup;
    }
    /* whatever follows the last complete record is a torn write */
    if (sc.boundary < offset) {
        h->repaired_bytes = (size_t)(offset - sc.boundary);
        hs_diags_add(diags, HS_SEV_WARNING, h->path, sc.boundary_line, 0,
                     "cut off a torn last line (%zu bytes) left by an interrupted run; every complete row is kept",
                     h->repaired_bytes);
    }
    if (h->dropped_rows)
        hs_diags_add(diags, HS_SEV_WARNING, h->path, 0, 0,
                     "dropped %zu row%s of run %lu and later: those runs did not complete (the last one that did is run %lu)",
                     h->dropped_rows, h->dropped_rows == 1 ? "" : "s", h->dropped_run, committed);
    *keep = sc.cut >= 0 ? sc.cut : sc.boundary;
    ret = 0;
cleanup:
    csv_free(&p);
    return ret;
}

/* Write all of s, retrying short writes.  Returns 0 or -1 (errno). */
static int write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);

        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Copy bytes [0, n) of src to dst's current position.  Returns 0 or -1 (errno). */
static int copy_prefix(int src, int dst, long long n)
{
    char buf[65536];
    long long at = 0;

    while (at < n) {
        size_t want = n - at < (long long)sizeof(buf) ? (size_t)(n - at) : sizeof(buf);
        ssize_t got = pread(src, buf, want, (off_t)at);

        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            if (got == 0)
                errno = EIO;   /* the file shrank under us */
            return -1;
        }
        if (write_all(dst, buf, (size_t)got) < 0)
            return -1;
        at += got;
    }
    return 0;
}

int hs_history_copy(hs_history *h, int src_dirfd, const char *src_name, const char *path,
                    int dst_dirfd, const char *dst_name, unsigned long committed,
                    hs_diags *diags)
{
    struct stat st;
    long long keep = 0;
    int src = -1, ret = -1;

    hs_history_init(h);
    if (!(h->path = hs_strdup(path))) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
        goto cleanup;
    }
    if (src_dirfd >= 0 && src_name) {
        /* read as the loaders read: no link, no waiting on a FIFO */
        src = openat(src_dirfd, src_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (src < 0 && errno != ENOENT) {
            hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "%s",
                         errno == ELOOP ? "is a symbolic link, not the file hindsight keeps; move it away"
                                        : strerror(errno));
            goto cleanup;
        }
        if (src >= 0 && (fstat(src, &st) < 0 || !S_ISREG(st.st_mode))) {
            hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "is not a regular file; move it away");
            goto cleanup;
        }
        if (src >= 0 && history_scan(h, src, committed, &keep, diags) < 0)
            goto cleanup;
    }
    h->fd = openat(dst_dirfd, dst_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                   0666);
    if (h->fd < 0 || copy_prefix(src, h->fd, keep) < 0 || fsync(h->fd) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "cannot copy into the new state: %s",
                     strerror(errno));
        goto cleanup;
    }
    h->size = keep;
    hs_checkpoint("history-copied");
    ret = 0;
cleanup:
    if (src >= 0)
        close(src);
    return ret;
}

/* The rows of one run, as history.csv holds them, in a new buffer. */
static int render_batch(const hs_snapshot *snap, unsigned long run, int header, char **buf,
                        size_t *len)
{
    static const struct {
        const char *name;
        int precision;
    } cols[HISTORY_FIELDS] = {{"run", 0},     {"as_of", 0},   {"kind", 0},    {"name", 0},
                              {"forecasts", 0}, {"scored", 0}, {"pending", 0}, {"void", 0},
                              {"brier", 4},   {"rank", 0}};
    hs_table t;
    hs_csv_style style;
    FILE *fp = NULL;
    size_t c, i;
    int k, ret = -1;

    *buf = NULL;
    *len = 0;
    hs_table_init(&t);
    memset(&style, 0, sizeof(style));
    style.neutralise = 1;   /* people open history.csv in spreadsheets too */
    style.no_header = !header;
    for (c = 0; c < HISTORY_FIELDS; c++)
        if (hs_table_column(&t, cols[c].name, cols[c].precision) < 0)
            goto cleanup;
    for (k = 0; k < HS_SNAP_KINDS; k++) {
        for (i = 0; i < snap->n_groups[k]; i++) {
            const hs_snap_group *g = &snap->groups[k][i];

            if (hs_table_row(&t) < 0)
                goto cleanup;
            hs_table_int(&t, 0, (long long)run);
            hs_table_text(&t, 1, snap->as_of);
            hs_table_text(&t, 2, hs_snap_kind_name(k));
            hs_table_text(&t, 3, g->name);
            hs_table_int(&t, 4, g->forecasts);
            hs_table_int(&t, 5, g->scored);
            hs_table_int(&t, 6, g->pending);
            hs_table_int(&t, 7, g->n_void);
            hs_table_real(&t, 8, g->brier);
            if (g->rank)
                hs_table_int(&t, 9, g->rank);
        }
    }
    if (!(fp = open_memstream(buf, len)))
        goto cleanup;
    ret = hs_table_write_csv_style(&t, fp, &style);
cleanup:
    if (fp && fclose(fp) != 0)
        ret = -1;
    hs_table_release(&t);
    if (ret < 0) {
        free(*buf);   /* open_memstream allocates with malloc */
        *buf = NULL;
    }
    return ret;
}

/* How many '\n' in s[0 .. n). */
static size_t count_lines(const char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

int hs_history_append(hs_history *h, unsigned long run, const hs_snapshot *snap,
                      size_t *written, hs_diags *diags)
{
    char *batch = NULL;
    size_t len = 0, half;
    int ret = -1, header = h->size == 0;

    *written = 0;
    if (h->fd < 0 || run <= h->last_run) {
        hs_diags_add(diags, HS_SEV_ERROR, h->path, 0, 0,
                     "run %lu cannot follow run %lu (an internal error)", run, h->last_run);
        return -1;
    }
    if (render_batch(snap, run, header, &batch, &len) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, h->path, 0, 0, "out of memory");
        goto cleanup;
    }
    /* two writes, so the crash tests can stop between them */
    half = len / 2;
    if (write_all(h->fd, batch, half) < 0)
        goto failed;
    hs_checkpoint("history-half-written");
    if (write_all(h->fd, batch + half, len - half) < 0 || fsync(h->fd) < 0)
        goto failed;
    hs_checkpoint("history-synced");
    *written = count_lines(batch, len) - (size_t)header;
    h->rows += *written;
    h->size += (long long)len;
    h->last_run = run;
    ret = 0;
    goto cleanup;
failed:
    hs_diags_add(diags, HS_SEV_ERROR, h->path, 0, 0, "cannot append: %s", strerror(errno));
cleanup:
    free(batch);
    return ret;
}
