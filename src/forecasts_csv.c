/*
 * forecasts_csv.c - load bulk forecasts, forecasts/NAME.csv (version 1).
 * Rows are checked and stored one at a time as libcsv streams them.
 */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "hindsight/names.h"
#include "internal.h"

const char *const hs_bulk_names[BF_COUNT] = {
    "id", "forecaster", "organization", "role", "quote", "question", "stance",
    "hedge", "probability", "basis", "basis_reason", "condition", "made",
    "deadline", "note", "deadline_set_by", "p_yes", "p_yes_percent", "source", "published",
    "outlet", "title"};
/* Required of every file; a file with a 'stance' column also needs
 * stance_required, and 'source' and 'published' come together. */
const int hs_bulk_required[BF_COUNT] = {
    [RF_ID] = 1, [RF_FORECASTER] = 1, [RF_QUESTION] = 1};
static const int stance_required[] = {RF_ORGANIZATION, RF_QUOTE, RF_HEDGE, BF_SOURCE,
                                      BF_PUBLISHED};

struct fc_loader {
    hs_dataset *ds;
    const char *file;
    hs_diags *diags;
    int index[BF_COUNT];
    size_t header_n;
    int seen_header, header_bad, errors;
    int warned_rounding;        /* a probability was rounded (warned once) */
    size_t n_percent_like;      /* probabilities in (1, 100] (reported once) */
};

/* The header checks beyond single columns: how the probability is given
 * (p_yes, p_yes_percent or stance, one of them) and the columns a stance
 * needs.  Reports; returns the number of errors. */
static int header_rules(struct fc_loader *ld, const hs_csv_field *f, size_t n)
{
    const int *ix = ld->index;
    unsigned long line = n ? f[0].line : 1;
    int given = (ix[RF_P_YES] >= 0) + (ix[BF_P_YES_PERCENT] >= 0) + (ix[RF_STANCE] >= 0);
    int errors = 0;
    size_t k;

    if (given == 0) {
        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, line, 0,
                     "header has no 'p_yes' column (the probability of yes) and no 'stance' column (with 'hedge'); add one of them");
        return 1;
    }
    if (given > 1) {
        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, line, 0,
                     "header has more than one of 'p_yes', 'p_yes_percent' and 'stance'; a file gives the probability one way");
        return 1;
    }
    if (ix[RF_STANCE] >= 0) {
        for (k = 0; k < sizeof(stance_required) / sizeof(stance_required[0]); k++) {
            if (ix[stance_required[k]] < 0) {
                hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, line, 0,
                             "header lacks required column '%s'", hs_bulk_names[stance_required[k]]);
                errors++;
            }
        }
    } else if ((ix[BF_SOURCE] >= 0) != (ix[BF_PUBLISHED] >= 0)) {
        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, line, 0,
                     "header has '%s' without '%s'; give both or neither",
                     ix[BF_SOURCE] >= 0 ? "source" : "published",
                     ix[BF_SOURCE] >= 0 ? "published" : "source");
        errors++;
    }
    return errors;
}

/* Report "NAME 'VALUE' TAIL" at the cell. */
static void cell_error(struct fc_loader *ld, const hs_csv_field *f, const char *name,
                       const char *tail)
{
    char *q = hs_quote_value(f->text, f->len, 60);

    hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, f->line, f->column, "%s '%s' %s",
                 name, q ? q : "?", tail);
    hs_free(q);
    ld->errors++;
}

/* The row's source: found by id, or created from the row.  Returns its
 * index, HS_NONE when the row is rejected, or sets *oom. */
static size_t row_source(struct fc_loader *ld, const hs_csv_field *f, size_t n, int *oom)
{
    const hs_csv_field *id = hs_csv_get(f, n, ld->index[BF_SOURCE]);
    const hs_csv_field *pub = hs_csv_get(f, n, ld->index[BF_PUBLISHED]);
    const hs_csv_field *outlet = hs_csv_get(f, n, ld->index[BF_OUTLET]);
    const hs_csv_field *title = hs_csv_get(f, n, ld->index[BF_TITLE]);
    hs_source src;
    hs_date published;
    size_t idx;
    char *norm_id = NULL;
    const char *id_text;

    *oom = 0;
    {
        /* the source's cells: control characters first */
        static const int cols[] = {BF_SOURCE, BF_PUBLISHED, BF_OUTLET, BF_TITLE};
        size_t k;
        int bad = 0;

        for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
            const hs_csv_field *c = hs_csv_get(f, n, ld->index[cols[k]]);

            if (c && hs_text_check(hs_bulk_names[cols[k]], c->text, c->len, 0, ld->file, c->line,
                                   c->column, ld->diags) < 0)
                bad = 1;
        }
        if (bad) {
            ld->errors++;
            return HS_NONE;
        }
    }
    if (!id || !pub) {
        const char *name = !id ? "source" : "published";
        int col = ld->index[!id ? BF_SOURCE : BF_PUBLISHED];

        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, f[col].line, f[col].column,
                     "'%s' is empty; every forecast row needs one", name);
        ld->errors++;
        return HS_NONE;
    }
    if (hs_date_parse(pub->text, pub->len, &published) < 0) {
        cell_error(ld, pub, "published",
                   "is not a valid date; use YYYY-MM-DD with a real day of the month");
        return HS_NONE;
    }
    if (hs_name_normalize(id->text, id->len, &norm_id) < 0) {
        *oom = 1;
        return HS_NONE;
    }
    id_text = norm_id ? norm_id : id->text;
    if (!*id_text) {
        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, id->line, id->column,
                     "'source' is empty; every forecast row needs one");
        ld->errors++;
        idx = HS_NONE;
        goto done;
    }
    if (hs_strmap_get(&ld->ds->source_ids, id_text, &idx)) {
        hs_source *known = &ld->ds->sources[idx];

        if (known->published != published) {
            char d[HS_DATE_TEXT_SIZE];

            hs_date_format(known->published, d);
            hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, pub->line, pub->column,
                         "source '%s' was published on %s (%s:%lu), not %s", known->id, d,
                         known->pos.file, known->pos.line, pub->text);
            ld->errors++;
            idx = HS_NONE;
        }
        goto done;
    }
    memset(&src, 0, sizeof(src));
    src.published = published;
    src.precision = HS_PREC_DAY;
    src.pos.file = ld->file;
    src.pos.line = id->line;
    src.pos.column = id->column;
    src.id = hs_strdup(id_text);
    src.outlet = hs_name_normal(outlet ? outlet->text : id_text);
    src.title = hs_strdup(title ? title->text : "");
    if (!src.id || !src.outlet || !src.title ||
        (idx = hs_source_add(ld->ds, &src, ld->diags, oom)) == HS_NONE) {
        hs_free(src.id);
        hs_free(src.outlet);
        hs_free(src.title);
        *oom = 1;
        idx = HS_NONE;
    }
done:
    hs_free(norm_id);
    return idx;
}

void hs_bulk_raw(const int *index, const hs_csv_field *f, const char *file,
                 hs_raw_forecast *raw)
{
    size_t k;

    memset(raw, 0, sizeof(*raw));
    raw->where.file = file;
    raw->where.line = f[0].line;
    raw->where.column = 0;
    for (k = 0; k < RF_COUNT; k++) {
        int col = index[k];

        if (col < 0)
            continue;
        raw->pos[k].file = file;
        raw->pos[k].line = f[col].line;
        raw->pos[k].column = f[col].column;
        raw->val[k] = f[col].text;
        if (f[col].len == 0 && !hs_bulk_required[k])
            raw->val[k] = NULL;    /* an empty optional cell is an absent value */
    }
    if (index[BF_P_YES_PERCENT] >= 0) {
        const hs_csv_field *c = &f[index[BF_P_YES_PERCENT]];

        raw->p_yes_percent = 1;
        raw->pos[RF_P_YES].file = file;
        raw->pos[RF_P_YES].line = c->line;
        raw->pos[RF_P_YES].column = c->column;
        raw->val[RF_P_YES] = c->len ? c->text : NULL;
    }
}

/* Cells whose text is a key: spaces around them are warned about and
 * dropped (hs_csv_key); names are left to the name rules, free text kept. */
const int hs_bulk_keys[HS_BULK_N_KEYS] = {RF_ID, RF_QUESTION, RF_STANCE, RF_PROBABILITY,
                                          RF_P_YES, BF_P_YES_PERCENT, RF_BASIS, RF_CONDITION,
                                          RF_MADE, RF_DEADLINE, BF_SOURCE, BF_PUBLISHED};

static int fc_row(void *ctx, hs_csv_field *f, size_t n)
{
    struct fc_loader *ld = ctx;
    hs_raw_forecast raw;
    size_t k;
    int oom, rc;

    if (!ld->seen_header) {
        ld->seen_header = 1;
        ld->header_n = n;
        if (hs_csv_header(ld->file, f, n, hs_bulk_names, hs_bulk_required, BF_COUNT, ld->index,
                          ld->diags) < 0)
            ld->header_bad = ld->errors = 1;
        if (header_rules(ld, f, n) > 0)
            ld->header_bad = ld->errors = 1;
        return ld->header_bad;   /* no row can be read without a header */
    }
    if (ld->header_bad)
        return 0;
    if (hs_csv_row_width(ld->file, f, n, ld->header_n, ld->diags) < 0) {
        ld->errors++;
        return 0;
    }
    for (k = 0; k < HS_BULK_N_KEYS; k++)
        if (ld->index[hs_bulk_keys[k]] >= 0)
            hs_csv_key(ld->file, &f[ld->index[hs_bulk_keys[k]]], hs_bulk_names[hs_bulk_keys[k]],
                       ld->diags);
    if (ld->index[RF_HEDGE] >= 0)
        hs_csv_warn_spaces(ld->file, &f[ld->index[RF_HEDGE]], "hedge",
                           "it still matches the lexicon, which ignores spaces; remove them",
                           ld->diags);
    hs_bulk_raw(ld->index, f, ld->file, &raw);
    if (ld->index[BF_SOURCE] < 0) {
        raw.source = HS_NONE;
    } else {
        raw.source = row_source(ld, f, n, &oom);
        if (oom)
            return -1;
        if (raw.source == HS_NONE)
            return 0;
    }
    if (!raw.val[RF_P_YES] && !raw.val[RF_STANCE] && (ld->index[RF_P_YES] >= 0 ||
                                                      ld->index[BF_P_YES_PERCENT] >= 0)) {
        const hs_pos *p = &raw.pos[RF_P_YES];

        hs_diags_add(ld->diags, HS_SEV_ERROR, p->file, p->line, p->column,
                     "'%s' is empty; every forecast row needs one",
                     raw.p_yes_percent ? "p_yes_percent" : "p_yes");
        ld->errors++;
        return 0;
    }
    raw.warned_rounding = &ld->warned_rounding;
    raw.n_percent_like = &ld->n_percent_like;
    rc = hs_forecast_add(ld->ds, &raw, ld->diags);
    if (rc < 0)
        return -1;
    if (rc == 0)
        ld->errors++;
    return 0;
}

int hs_load_forecasts_csv(hs_dataset *ds, const char *path, hs_diags *diags)
{
    struct fc_loader ld;
    int rc;

    memset(&ld, 0, sizeof(ld));
    ld.ds = ds;
    ld.diags = diags;
    ld.file = hs_dataset_add_file(ds, path);
    if (!ld.file) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
        return -1;
    }
    rc = hs_csv_read(ld.file, fc_row, &ld, diags);
    if (ld.n_percent_like > 1)
        hs_diags_add(diags, HS_SEV_ERROR, ld.file, 0, 0,
                     "%zu more probabilities in this file are outside [0, 1] and look like percentages (only the first is shown)",
                     ld.n_percent_like - 1);
    if (rc == 0 && !ld.seen_header) {
        hs_diags_add(diags, HS_SEV_ERROR, ld.file, 0, 0,
                     "file is empty; expected a header row naming the columns (docs/formats.md)");
        return -1;
    }
    return rc < 0 || ld.errors ? -1 : 0;
}
