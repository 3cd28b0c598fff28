/* lexicon.c - hedge lexicon tables: load and look up. */
#include <ctype.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/lexicon.h"
#include "hindsight/names.h"
#include "internal.h"

void hs_lexicon_init(hs_lexicon *lx)
{
    memset(lx, 0, sizeof(*lx));
}

void hs_lexicon_release(hs_lexicon *lx)
{
    size_t i;

    for (i = 0; i < lx->n; i++) {
        hs_free(lx->hedges[i].phrase);
        hs_free(lx->hedges[i].key);
        hs_free(lx->hedges[i].source);
    }
    hs_free(lx->hedges);
    hs_strmap_release(&lx->by_key);
    if (lx->owned_fallback) {
        hs_lexicon_release(lx->owned_fallback);
        hs_free(lx->owned_fallback);
    }
    hs_free(lx->name);
    hs_free(lx->path);
    hs_lexicon_init(lx);
}

char *hs_hedge_key(const char *phrase_in)
{
    /* one normal form first (NFC, trimmed): "peut-\u00EAtre" = "peut-e\u0302tre" */
    char *normal;
    const char *phrase;
    size_t n, i, o = 0;
    char *key;
    int space = 0;

    if (hs_name_normalize(phrase_in, strlen(phrase_in), &normal) < 0)
        return NULL;
    phrase = normal ? normal : phrase_in;
    n = strlen(phrase);
    key = hs_malloc(n + 1);
    if (!key) {
        hs_free(normal);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)phrase[i];

        /* U+2018 and U+2019, typographic apostrophes, become ASCII ' */
        if (c == 0xe2 && i + 2 < n && (unsigned char)phrase[i + 1] == 0x80 &&
            ((unsigned char)phrase[i + 2] == 0x98 || (unsigned char)phrase[i + 2] == 0x99)) {
            c = '\'';
            i += 2;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = o > 0;
            continue;
        }
        if (space)
            key[o++] = ' ';
        space = 0;
        key[o++] = (char)(c < 0x80 ? tolower(c) : c);
    }
    key[o] = '\0';
    hs_free(normal);
    return key;
}

const hs_hedge *hs_lexicon_find(const hs_lexicon *lx, const char *phrase)
{
    char *key = hs_hedge_key(phrase);
    const hs_hedge *found = NULL;
    size_t i;

    if (!key)
        return NULL;
    for (; lx && !found; lx = lx->fallback)
        if (hs_strmap_get(&lx->by_key, key, &i))
            found = &lx->hedges[i];
    hs_free(key);
    return found;
}

int hs_hedge_memo_find(hs_hedge_memo *m, const hs_lexicon *lx, const char *phrase,
                       const hs_hedge **row)
{
    size_t i;
    char *key;

    if (hs_strmap_get(&m->index, phrase, &i)) {
        *row = m->rows[i];
        return 0;
    }
    /* hs_lexicon_find(), telling out of memory from not found */
    if (!(key = hs_hedge_key(phrase)))
        return -1;
    for (*row = NULL; lx && !*row; lx = lx->fallback)
        if (hs_strmap_get(&lx->by_key, key, &i))
            *row = &lx->hedges[i];
    hs_free(key);
    if (hs_grow((void **)&m->rows, &m->alloc, m->n + 1, sizeof(*m->rows)) < 0 ||
        hs_strmap_put(&m->index, phrase, m->n, NULL) < 0)
        return -1;
    m->rows[m->n++] = *row;
    return 0;
}

void hs_hedge_memo_release(hs_hedge_memo *m)
{
    hs_strmap_release(&m->index);
    hs_free(m->rows);
    memset(m, 0, sizeof(*m));
}

int hs_lexicon_owns(const hs_lexicon *lx, const hs_hedge *h)
{
    /* a table with no rows has hedges NULL, and NULL + 0 is undefined */
    return lx->n > 0 && h >= lx->hedges && h < lx->hedges + lx->n;
}

const hs_lexicon *hs_lexicon_owner(const hs_lexicon *lx, const hs_hedge *h)
{
    for (; lx; lx = lx->fallback)
        if (hs_lexicon_owns(lx, h))
            return lx;
    return NULL;
}

int hs_lexicon_is_default(const hs_lexicon *lx)
{
    return lx->name && strcmp(lx->name, HS_LEXICON_DEFAULT) == 0;
}

void hs_lexicon_chain(hs_lexicon *lx, const hs_lexicon *default_table)
{
    lx->fallback = hs_lexicon_is_default(lx) || lx == default_table ? NULL : default_table;
}

enum { LX_PHRASE, LX_PROBABILITY, LX_LOW, LX_HIGH, LX_SOURCE, LX_POLARITY, LX_COUNT };
static const char *const lx_names[LX_COUNT] = {"phrase", "probability", "low", "high", "source",
                                               "polarity"};
static const int lx_required[LX_COUNT] = {1, 1, 1, 1, 1, 0};

struct lx_loader {
    hs_lexicon *lx;
    hs_diags *diags;
    int index[LX_COUNT];
    size_t header_n;
    int seen_header, header_bad, errors;
    int warned_rounding;        /* a value was rounded to 9 places (warned once) */
};

/* Parse a probability cell exactly (prob.h); reports and returns -1 when it
 * is not a number in [0, 1].  More than 9 decimal places are rounded half
 * to even, with one warning per table. */
static int lx_number(struct lx_loader *ld, const hs_csv_field *f, const char *what,
                     hs_prob *out)
{
    int rc = hs_prob_parse(f->text, f->len, out);
    char *q;

    if (rc == HS_PROB_EXACT || (rc == HS_PROB_ROUNDED && ld->warned_rounding))
        return 0;
    q = hs_quote_value(f->text, f->len, 40);
    if (rc == HS_PROB_ROUNDED) {
        char text[HS_PROB_TEXT_MAX];

        ld->warned_rounding = 1;
        hs_diags_add(ld->diags, HS_SEV_WARNING, ld->lx->path, f->line, f->column,
                     "%s '%s' has more than 9 decimal places; it is rounded to %s (hindsight keeps probabilities exact to 9 places; further such values in this table are rounded without a warning)",
                     what, q ? q : "?", hs_prob_format(*out, text));
    } else {
        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->lx->path, f->line, f->column,
                     "%s '%s' is not a number in [0, 1]%s", what, q ? q : "?",
                     rc == HS_PROB_EPERCENT ? "; write a percentage as a decimal, like 0.75" : "");
    }
    hs_free(q);
    return rc < 0 ? -1 : 0;
}

static int lx_row(void *ctx, hs_csv_field *f, size_t n)
{
    struct lx_loader *ld = ctx;
    const hs_csv_field *cell[LX_COUNT];
    const hs_hedge *dup;
    hs_hedge h;
    size_t k;
    int bad = 0;

    if (!ld->seen_header) {
        ld->seen_header = 1;
        ld->header_n = n;
        if (hs_csv_header(ld->lx->path, f, n, lx_names, lx_required, LX_COUNT,
                          ld->index, ld->diags) < 0)
            ld->header_bad = ld->errors = 1;
        return ld->header_bad;   /* no row can be read without a header */
    }
    if (ld->header_bad)
        return 0;
    if (hs_csv_row_width(ld->lx->path, f, n, ld->header_n, ld->diags) < 0) {
        ld->errors = 1;
        return 0;
    }
    for (k = LX_PROBABILITY; k <= LX_HIGH; k++)   /* numbers: spaces warned about, dropped */
        if (ld->index[k] >= 0 && (size_t)ld->index[k] < n)
            hs_csv_key(ld->lx->path, &f[ld->index[k]], lx_names[k], ld->diags);
    if (ld->index[LX_POLARITY] >= 0 && (size_t)ld->index[LX_POLARITY] < n)   /* a keyword too */
        hs_csv_key(ld->lx->path, &f[ld->index[LX_POLARITY]], "polarity", ld->diags);
    if (ld->index[LX_PHRASE] >= 0 && (size_t)ld->index[LX_PHRASE] < n)
        hs_csv_warn_spaces(ld->lx->path, &f[ld->index[LX_PHRASE]], "phrase",
                           "hedges still match it, spaces ignored; remove them", ld->diags);
    for (k = 0; k < LX_COUNT; k++) {
        cell[k] = hs_csv_get(f, n, ld->index[k]);
        if (!cell[k] && lx_required[k]) {
            hs_diags_add(ld->diags, HS_SEV_ERROR, ld->lx->path, f[0].line,
                         (unsigned long)ld->index[k] < n ? f[ld->index[k]].column : 0,
                         "'%s' is empty; every lexicon row needs a %s", lx_names[k],
                         lx_names[k]);
            bad = 1;
        }
    }
    if (bad) {
        ld->errors = 1;
        return 0;
    }
    /* control characters: the phrase is one line, the source may run over lines */
    if ((hs_text_check("phrase", cell[LX_PHRASE]->text, cell[LX_PHRASE]->len, 0,
                       ld->lx->path, cell[LX_PHRASE]->line, cell[LX_PHRASE]->column,
                       ld->diags) |
         hs_text_check("source", cell[LX_SOURCE]->text, cell[LX_SOURCE]->len, 1,
                       ld->lx->path, cell[LX_SOURCE]->line, cell[LX_SOURCE]->column,
                       ld->diags)) < 0) {
        ld->errors = 1;
        return 0;
    }
    memset(&h, 0, sizeof(h));
    if (lx_number(ld, cell[LX_PROBABILITY], "probability", &h.probability) < 0 ||
        lx_number(ld, cell[LX_LOW], "low", &h.low) < 0 ||
        lx_number(ld, cell[LX_HIGH], "high", &h.high) < 0) {
        ld->errors = 1;
        return 0;
    }
    if (h.low > h.high) {
        char lo[HS_PROB_TEXT_MAX], hi[HS_PROB_TEXT_MAX];

        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->lx->path, cell[LX_LOW]->line,
                     cell[LX_LOW]->column, "low %s is above high %s; swap them",
                     hs_prob_format(h.low, lo), hs_prob_format(h.high, hi));
        ld->errors = 1;
        return 0;
    }
    if (!(h.low <= h.probability && h.probability <= h.high)) {
        char pr[HS_PROB_TEXT_MAX], lo[HS_PROB_TEXT_MAX], hi[HS_PROB_TEXT_MAX];

        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->lx->path, cell[LX_PROBABILITY]->line,
                     cell[LX_PROBABILITY]->column,
                     "probability %s is outside its range [%s, %s]; low <= probability <= high",
                     hs_prob_format(h.probability, pr), hs_prob_format(h.low, lo),
                     hs_prob_format(h.high, hi));
        ld->errors = 1;
        return 0;
    }
    if (cell[LX_POLARITY]) {
        if (strcmp(cell[LX_POLARITY]->text, "negative") == 0)
            h.polarity = -1;
        else if (strcmp(cell[LX_POLARITY]->text, "positive") == 0)
            h.polarity = 1;
        else {
            char *q = hs_quote_value(cell[LX_POLARITY]->text, cell[LX_POLARITY]->len, 40);
            hs_diags_add(ld->diags, HS_SEV_ERROR, ld->lx->path, cell[LX_POLARITY]->line,
                         cell[LX_POLARITY]->column,
                         "polarity '%s' is not 'positive', 'negative' or empty",
                         q ? q : "?");
            hs_free(q);
            ld->errors = 1;
            return 0;
        }
    }
    h.phrase = hs_strdup(cell[LX_PHRASE]->text);
    h.key = h.phrase ? hs_hedge_key(h.phrase) : NULL;
    h.source = hs_strdup(cell[LX_SOURCE]->text);
    if (!h.phrase || !h.key || !h.source)
        goto oom;
    h.line = f[0].line;
    if (hs_strmap_get(&ld->lx->by_key, h.key, &k)) {
        dup = &ld->lx->hedges[k];
        char *q = hs_quote_value(h.phrase, strlen(h.phrase), 60);

        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->lx->path, cell[LX_PHRASE]->line,
                     cell[LX_PHRASE]->column,
                     "phrase '%s' is already in the table at line %lu (phrases match ignoring case, spacing and apostrophe style)",
                     q ? q : "?", dup->line);
        hs_free(q);
        ld->errors = 1;
        goto drop;
    }
    if (hs_grow((void **)&ld->lx->hedges, &ld->lx->alloc, ld->lx->n + 1,
                sizeof(h)) < 0 ||
        hs_strmap_put(&ld->lx->by_key, h.key, ld->lx->n, NULL) < 0)
        goto oom;
    ld->lx->hedges[ld->lx->n++] = h;
    return 0;
oom:
    hs_free(h.phrase);
    hs_free(h.key);
    hs_free(h.source);
    return -1;
drop:
    hs_free(h.phrase);
    hs_free(h.key);
    hs_free(h.source);
    return 0;
}

int hs_lexicon_load(hs_lexicon *lx, const char *path, hs_diags *diags)
{
    struct lx_loader ld;
    const char *base = strrchr(path, '/');
    size_t bl;
    int rc;

    memset(&ld, 0, sizeof(ld));
    ld.lx = lx;
    ld.diags = diags;
    base = base ? base + 1 : path;
    bl = strlen(base);
    if (bl > 4 && strcmp(base + bl - 4, ".csv") == 0)
        bl -= 4;
    lx->path = hs_strdup(path);
    lx->name = hs_strndup(base, bl);
    if (!lx->path || !lx->name) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
        return -1;
    }
    rc = hs_csv_read(path, lx_row, &ld, diags);
    if (rc == 0 && !ld.seen_header) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                     "file is empty; expected the header 'phrase,probability,low,high,source'");
        return -1;
    }
    return rc < 0 || ld.errors ? -1 : 0;
}

int hs_lexicon_load_dir(const char *dir, hs_lexicon **tables, size_t *n, hs_diags *diags)
{
    char **paths = NULL;
    size_t n_paths = 0, i;
    int ret = -1;

    *tables = NULL;
    *n = 0;
    if (hs_list_dir(dir, ".csv", &paths, &n_paths, diags) < 0)
        return -1;
    if (!(*tables = hs_calloc(n_paths + 1, sizeof(**tables)))) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
        goto cleanup;
    }
    ret = 0;
    for (i = 0; i < n_paths; i++) {
        hs_lexicon_init(&(*tables)[i]);
        (*n)++;
        if (hs_lexicon_load(&(*tables)[i], paths[i], diags) < 0)
            ret = -1;
    }
cleanup:
    hs_free_list(paths, n_paths);
    return ret;
}
