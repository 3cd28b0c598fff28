/* curate.c - near names, unused questions, appending questions and records
 * (curate.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <csv.h>
#include <jansson.h>
#include <utf8proc.h>

#include "hindsight/hindsight.h"
#include "hindsight/curate.h"
#include "internal.h"

/* ---- edit distance ---- */

size_t hs_edit_distance_cp(const unsigned long *a, size_t na, const unsigned long *b,
                           size_t nb, size_t max)
{
    size_t *row, i, j, d;

    if ((na > nb ? na - nb : nb - na) > max)
        return max + 1;
    if (!(row = hs_malloc((nb + 1) * sizeof(*row))))
        return (size_t)-1;
    for (j = 0; j <= nb; j++)
        row[j] = j;
    for (i = 1; i <= na; i++) {
        size_t diag = row[0], best;

        row[0] = best = i;
        for (j = 1; j <= nb; j++) {
            size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);

            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            diag = up;
            row[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max) {   /* every later row is at least this */
            hs_free(row);
            return max + 1;
        }
    }
    d = row[nb];
    hs_free(row);
    return d > max ? max + 1 : d;
}

/* s case folded (NFC) as code points: a new array (hs_free) with its length
 * in *n, or NULL when out of memory.  Bytes that are not UTF-8 count as one
 * character each. */
static unsigned long *folded_cps(const char *s, size_t *n)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                                        UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                        UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    const unsigned char *u = len < 0 ? (const unsigned char *)s : m;
    size_t total = len < 0 ? strlen(s) : (size_t)len, i = 0, k = 0;
    unsigned long *out;

    if (len == UTF8PROC_ERROR_NOMEM)
        return NULL;
    if (!(out = hs_malloc((total + 1) * sizeof(*out)))) {
        free(m);
        return NULL;
    }
    while (i < total) {
        unsigned long c;
        size_t step = hs_utf8_decode(u + i, total - i, &c);

        if (step == 0) {
            c = u[i];
            step = 1;
        }
        out[k++] = c;
        i += step;
    }
    free(m);
    *n = k;
    return out;
}

char *hs_name_fold(const char *s)
{
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t len = utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
                                        UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                        UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    char *out;

    if (len == UTF8PROC_ERROR_NOMEM)
        return NULL;
    out = hs_strdup(len < 0 ? s : (const char *)m);
    free(m);
    return out;
}

size_t hs_name_distance(const char *a, const char *b, size_t max)
{
    size_t na, nb, d = (size_t)-1;
    unsigned long *ca = folded_cps(a, &na), *cb = ca ? folded_cps(b, &nb) : NULL;

    if (ca && cb)
        d = hs_edit_distance_cp(ca, na, cb, nb, max);
    hs_free(ca);
    hs_free(cb);
    return d;
}

/* ---- looking a name up ---- */

/* Does the code point array h[0..nh) contain n[0..nn)? */
static int cps_contain(const unsigned long *h, size_t nh, const unsigned long *n, size_t nn)
{
    size_t i;

    if (nn == 0 || nn > nh)
        return 0;
    for (i = 0; i + nn <= nh; i++)
        if (memcmp(h + i, n, nn * sizeof(*n)) == 0)
            return 1;
    return 0;
}

int hs_name_lookup_run(const hs_run *run, enum hs_group_key key, const char *query,
                       hs_name_lookup *out)
{
    hs_strmap seen;
    size_t i, nq, max, dist[HS_NAME_SUGGESTIONS];
    unsigned long *cq = NULL;
    int ret = -1;

    memset(out, 0, sizeof(*out));
    hs_strmap_init(&seen);
    for (i = 0; i < run->ds->n_forecasts; i++)
        if (strcmp(hs_group_name_of(run, i, key), query) == 0) {
            out->match = hs_group_name_of(run, i, key);
            return 0;
        }
    if (!(cq = folded_cps(query, &nq)))
        goto cleanup;
    max = nq / 3 > 2 ? nq / 3 : 2;
    for (i = 0; i < run->ds->n_forecasts; i++) {
        const char *name = hs_group_name_of(run, i, key);
        unsigned long *cn;
        size_t nn, d, k;
        int put = hs_strmap_put(&seen, name, i, NULL);

        if (put < 0)
            goto cleanup;
        if (put == 0)
            continue;
        if (!(cn = folded_cps(name, &nn)))
            goto cleanup;
        d = hs_edit_distance_cp(cq, nq, cn, nn, max);
        if (d == (size_t)-1) {
            hs_free(cn);
            goto cleanup;
        }
        if (d == 0 && nn == nq && memcmp(cq, cn, nn * sizeof(*cn)) == 0) {
            hs_free(cn);
            out->match = name;
            out->by_case = 1;
            out->n_near = 0;
            ret = 0;
            goto cleanup;
        }
        if (d > max && cps_contain(cn, nn, cq, nq))
            d = max + 1;   /* a substring: after every near spelling */
        else if (d > max)
            d = (size_t)-1;
        hs_free(cn);
        if (d == (size_t)-1)
            continue;
        /* insert into the sorted suggestions */
        for (k = out->n_near; k > 0; k--) {
            if (dist[k - 1] < d || (dist[k - 1] == d && strcmp(out->near[k - 1], name) < 0))
                break;
            if (k < HS_NAME_SUGGESTIONS) {
                out->near[k] = out->near[k - 1];
                dist[k] = dist[k - 1];
            }
        }
        if (k < HS_NAME_SUGGESTIONS) {
            out->near[k] = name;
            dist[k] = d;
            if (out->n_near < HS_NAME_SUGGESTIONS)
                out->n_near++;
        }
    }
    ret = 0;
cleanup:
    hs_free(cq);
    hs_strmap_release(&seen);
    return ret;
}

/* ---- unused questions ---- */

size_t hs_check_unused_questions(const hs_dataset *ds, hs_diags *diags)
{
    unsigned char *used;
    size_t i, n = 0;

    if (ds->n_questions == 0)
        return 0;
    if (!(used = hs_calloc(ds->n_questions, 1))) {
        diags->out_of_memory = 1;
        return 0;
    }
    for (i = 0; i < ds->n_forecasts; i++) {
        const hs_forecast *f = &ds->forecasts[i];

        if (f->question != HS_NONE)
            used[f->question] = 1;
        if (f->condition_id && f->condition != HS_NONE)
            used[f->condition] = 1;
    }
    for (i = 0; i < ds->n_records; i++)
        if (ds->records[i].question != HS_NONE)
            used[ds->records[i].question] = 1;
    for (i = 0; i < ds->n_questions; i++) {
        const hs_question *q = &ds->questions[i];

        if (used[i])
            continue;
        hs_diags_add(diags, HS_SEV_WARNING, q->pos.file, q->pos.line, q->pos.column,
                     "question '%s' is used by no forecast (as question or condition) and has no outcome record; point a forecast at it or remove it",
                     q->id);
        n++;
    }
    hs_free(used);
    return n;
}

/* ---- near-duplicate names ---- */

#define NEAR_MAX_CHARS 256
#define NEAR_MIN_CHARS 6
/* Candidates looked at per name at most: keeps adversarial data (many
 * names from a few letters) near linear; real names rarely share a
 * segment with more than a few others. */
#define NEAR_MAX_CANDIDATES 100

struct near_name {
    const char *name;
    const hs_pos *pos;
    unsigned long *cp;
    size_t n;
    char *loose;
};

struct seg {
    size_t name;      /* index into the names */
    size_t start, len;
};

/* Segment i (of 3) of a string of n code points: start and length. */
static void segment(size_t n, size_t i, size_t *start, size_t *len)
{
    size_t part = n / 3;

    *start = i * part;
    *len = i < 2 ? part : n - 2 * part;
}

static const struct near_name *seg_names;

static int seg_key_cmp(size_t na, size_t ia, const unsigned long *a, size_t la,
                       size_t nb, size_t ib, const unsigned long *b, size_t lb)
{
    size_t k;

    if (na != nb)
        return na < nb ? -1 : 1;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    if (la != lb)
        return la < lb ? -1 : 1;
    for (k = 0; k < la; k++)
        if (a[k] != b[k])
            return a[k] < b[k] ? -1 : 1;
    return 0;
}

static size_t seg_index(const struct seg *s)
{
    const struct near_name *nm = &seg_names[s->name];

    return s->start == 0 ? 0 : s->start == nm->n / 3 ? 1 : 2;
}

static int seg_cmp_key(const struct seg *a, const struct seg *b)
{
    const struct near_name *na = &seg_names[a->name], *nb = &seg_names[b->name];

    return seg_key_cmp(na->n, seg_index(a), na->cp + a->start, a->len, nb->n, seg_index(b),
                       nb->cp + b->start, b->len);
}

static int seg_cmp(const void *x, const void *y)
{
    const struct seg *a = x, *b = y;
    int c = seg_cmp_key(a, b);

    if (c)
        return c;
    return a->name < b->name ? -1 : a->name > b->name;
}

static size_t threshold(size_t shorter)
{
    return shorter >= 12 ? 2 : shorter >= NEAR_MIN_CHARS ? 1 : 0;
}

/* Collect the distinct names of one kind with the first forecast naming
 * them.  Returns 0 or -1. */
static int collect_names(const hs_dataset *ds, int organization, struct near_name **out,
                         size_t *n_out)
{
    hs_strmap seen;
    struct near_name *v = NULL;
    size_t alloc = 0, n = 0, i;
    int ret = -1;

    hs_strmap_init(&seen);
    for (i = 0; i < ds->n_forecasts; i++) {
        const hs_forecast *f = &ds->forecasts[i];
        const char *name = organization ? f->organization : f->forecaster;
        int put;

        if (!name || !*name)
            continue;
        if ((put = hs_strmap_put(&seen, name, i, NULL)) < 0)
            goto cleanup;
        if (put == 0)
            continue;
        if (hs_grow((void **)&v, &alloc, n + 1, sizeof(*v)) < 0)
            goto cleanup;
        memset(&v[n], 0, sizeof(v[n]));
        v[n].name = name;
        v[n].pos = &f->pos;
        if (!(v[n].cp = folded_cps(name, &v[n].n)) || !(v[n].loose = hs_name_loose(name))) {
            n++;
            goto cleanup;
        }
        n++;
    }
    ret = 0;
cleanup:
    hs_strmap_release(&seen);
    *out = v;
    *n_out = n;
    return ret;
}

static void free_names(struct near_name *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        hs_free(v[i].cp);
        hs_free(v[i].loose);
    }
    hs_free(v);
}

/* FNV-1a over a segment key: the name's length, the segment's index and
 * its code points. */
static size_t seg_hash(size_t len, size_t idx, const unsigned long *cp, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t k;

    h = (h ^ len) * 1099511628211ULL;
    h = (h ^ idx) * 1099511628211ULL;
    for (k = 0; k < n; k++)
        h = (h ^ cp[k]) * 1099511628211ULL;
    return (size_t)h;
}

/* A hash table from segment keys to the first entry of their run in the
 * sorted segments: slots hold that index + 1, 0 when empty. */
struct seg_table {
    size_t *slot;
    size_t mask;
};

static int seg_table_build(struct seg_table *t, const struct seg *segs, size_t n)
{
    size_t cap = 16, i;

    while (cap < 2 * n)
        cap *= 2;
    if (!(t->slot = hs_calloc(cap, sizeof(*t->slot))))
        return -1;
    t->mask = cap - 1;
    for (i = 0; i < n; i++) {
        const struct near_name *nm = &seg_names[segs[i].name];
        size_t h;

        if (i > 0 && seg_cmp_key(&segs[i - 1], &segs[i]) == 0)
            continue;   /* the run's first entry is in the table */
        h = seg_hash(nm->n, seg_index(&segs[i]), nm->cp + segs[i].start, segs[i].len) & t->mask;
        while (t->slot[h])
            h = (h + 1) & t->mask;
        t->slot[h] = i + 1;
    }
    return 0;
}

/* The first entry with the key, or n when there is none. */
static size_t seg_find(const struct seg_table *t, const struct seg *segs, size_t n, size_t len,
                       size_t idx, const unsigned long *key, size_t klen)
{
    size_t h = seg_hash(len, idx, key, klen) & t->mask;

    for (; t->slot[h]; h = (h + 1) & t->mask) {
        const struct seg *g = &segs[t->slot[h] - 1];
        const struct near_name *nm = &seg_names[g->name];

        if (seg_key_cmp(nm->n, seg_index(g), nm->cp + g->start, g->len, len, idx, key,
                        klen) == 0)
            return t->slot[h] - 1;
    }
    return n;
}

static long near_names_of(const hs_dataset *ds, int organization, hs_diags *diags)
{
    struct near_name *v;
    struct seg *segs = NULL;
    struct seg_table table = {NULL, 0};
    size_t n, i, n_segs = 0, *stamp = NULL, capped = 0;
    long found = 0;
    const char *what = organization ? "organization" : "forecaster";

    if (collect_names(ds, organization, &v, &n) < 0)
        goto oom;
    if (!(segs = hs_malloc((3 * n + 1) * sizeof(*segs))) ||
        !(stamp = hs_malloc((n + 1) * sizeof(*stamp))))
        goto oom;
    for (i = 0; i < n; i++) {
        size_t k;

        stamp[i] = (size_t)-1;
        if (v[i].n < NEAR_MIN_CHARS || v[i].n > NEAR_MAX_CHARS)
            continue;
        for (k = 0; k < 3; k++) {
            segs[n_segs].name = i;
            segment(v[i].n, k, &segs[n_segs].start, &segs[n_segs].len);
            n_segs++;
        }
    }
    seg_names = v;
    qsort(segs, n_segs, sizeof(*segs), seg_cmp);
    if (seg_table_build(&table, segs, n_segs) < 0)
        goto oom;
    for (i = 0; i < n; i++) {
        size_t la, lb = v[i].n, seen = 0;

        if (lb < NEAR_MIN_CHARS || lb > NEAR_MAX_CHARS)
            continue;
        for (la = lb > NEAR_MIN_CHARS + 2 ? lb - 2 : NEAR_MIN_CHARS; la <= lb + 2; la++) {
            size_t k, t = threshold(la < lb ? la : lb);

            if (t < (la > lb ? la - lb : lb - la))
                continue;
            for (k = 0; k < 3; k++) {
                size_t start, len, s;

                segment(la, k, &start, &len);
                for (s = start > 2 ? start - 2 : 0; s <= start + 2 && s + len <= lb; s++) {
                    size_t at = seg_find(&table, segs, n_segs, la, k, v[i].cp + s, len);

                    for (; at < n_segs; at++) {
                        const struct seg *g = &segs[at];
                        const struct near_name *o = &v[g->name];
                        size_t d;
                        char *qa, *qb;

                        if (o->n != la || seg_index(g) != k || g->len != len ||
                            memcmp(o->cp + g->start, v[i].cp + s, len * sizeof(*o->cp)) != 0)
                            break;
                        if (g->name >= i || stamp[g->name] == i)
                            continue;
                        stamp[g->name] = i;
                        if (strcmp(o->loose, v[i].loose) == 0)
                            continue;   /* a look-alike, reported by the loaders */
                        if (++seen > NEAR_MAX_CANDIDATES) {
                            capped++;
                            goto next_name;
                        }
                        d = hs_edit_distance_cp(o->cp, o->n, v[i].cp, v[i].n, t);
                        if (d == (size_t)-1)
                            goto oom;
                        if (d > t)
                            continue;
                        qa = hs_quote_value(v[i].name, strlen(v[i].name), 60);
                        qb = hs_quote_value(o->name, strlen(o->name), 60);
                        hs_diags_add(diags, HS_SEV_WARNING, v[i].pos->file, v[i].pos->line,
                                     v[i].pos->column,
                                     "%s '%s' is %zu edit%s away from '%s' at %s:%lu:%lu; if they are one %s, use one spelling",
                                     what, qa ? qa : "?", d, d == 1 ? "" : "s", qb ? qb : "?",
                                     o->pos->file, o->pos->line, o->pos->column, what);
                        hs_free(qa);
                        hs_free(qb);
                        found++;
                    }
                }
            }
        }
next_name:;
    }
    if (capped)
        hs_diags_add(diags, HS_SEV_WARNING, v[0].pos->file, 0, 0,
                     "%zu %s names share parts with more than %d others; the near-duplicate check compared only the first %d of each",
                     capped, what, NEAR_MAX_CANDIDATES, NEAR_MAX_CANDIDATES);
    hs_free(table.slot);
    hs_free(segs);
    hs_free(stamp);
    free_names(v, n);
    return found;
oom:
    hs_free(table.slot);
    hs_free(segs);
    hs_free(stamp);
    free_names(v, n);
    diags->out_of_memory = 1;
    return -1;
}

long hs_check_near_names(const hs_dataset *ds, hs_diags *diags)
{
    long a = near_names_of(ds, 0, diags), b;

    if (a < 0)
        return -1;
    if ((b = near_names_of(ds, 1, diags)) < 0)
        return -1;
    return a + b;
}
