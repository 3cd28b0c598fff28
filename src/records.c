/* records.c - load outcome records, outcomes/NAME.csv (version 1). */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "hindsight/names.h"
#include "internal.h"

enum {
    OC_QUESTION, OC_STATUS, OC_DATE, OC_EVIDENCE, OC_EVIDENCE_SOURCE, OC_RECORDED, OC_VALUE,
    OC_COUNT
};
static const char *const oc_names[OC_COUNT] = {
    "question", "status", "date", "evidence", "evidence_source", "recorded", "value"};
static const int oc_required[OC_COUNT] = {1, 1, 1, 1, 1, 1, 0};
/* evidence and its source are text that may run over lines */
static const int oc_multiline[OC_COUNT] = {[OC_EVIDENCE] = 1, [OC_EVIDENCE_SOURCE] = 1};

struct rec_loader {
    hs_dataset *ds;
    const char *file;
    hs_diags *diags;
    int index[OC_COUNT];
    size_t header_n;
    int seen_header, header_bad, errors;
};

static int bad_cell(struct rec_loader *ld, const hs_csv_field *f, const char *name,
                    const char *tail)
{
    char *q = hs_quote_value(f->text, f->len, 60);

    hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, f->line, f->column, "%s '%s' %s",
                 name, q ? q : "?", tail);
    hs_free(q);
    ld->errors++;
    return 0;
}

/* Does the data have a dated question (loaded before the records)?  Only
 * then do messages mention the dated statuses. */
static int any_dated(const hs_dataset *ds)
{
    size_t i;

    for (i = 0; i < ds->n_questions; i++)
        if (ds->questions[i].dated)
            return 1;
    return 0;
}

static int rec_row(void *ctx, hs_csv_field *f, size_t n)
{
    struct rec_loader *ld = ctx;
    const hs_csv_field *cell[OC_COUNT];
    hs_record r;
    size_t k;
    const char *st;
    char *question = NULL;
    int bad = 0;

    if (!ld->seen_header) {
        ld->seen_header = 1;
        ld->header_n = n;
        if (hs_csv_header(ld->file, f, n, oc_names, oc_required, OC_COUNT, ld->index,
                          ld->diags) < 0)
            ld->header_bad = ld->errors = 1;
        return ld->header_bad;   /* no row can be read without a header */
    }
    if (ld->header_bad)
        return 0;
    if (hs_csv_row_width(ld->file, f, n, ld->header_n, ld->diags) < 0) {
        ld->errors++;
        return 0;
    }
    for (k = 0; k < OC_COUNT; k++) {
        const hs_csv_field *c;

        /* keys: spaces around them are warned about and dropped */
        if (k != OC_EVIDENCE && k != OC_EVIDENCE_SOURCE && ld->index[k] >= 0)
            hs_csv_key(ld->file, &f[ld->index[k]], oc_names[k], ld->diags);
        c = hs_csv_get(f, n, ld->index[k]);
        if (c && hs_text_check(oc_names[k], c->text, c->len, oc_multiline[k], ld->file,
                               c->line, c->column, ld->diags) < 0)
            bad = 1;
    }
    if (bad) {
        ld->errors++;
        return 0;
    }
    for (k = 0; k < OC_COUNT; k++) {
        cell[k] = hs_csv_get(f, n, ld->index[k]);
        if (!cell[k] && oc_required[k]) {
            hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, f[ld->index[k]].line,
                         f[ld->index[k]].column,
                         "'%s' is empty; every outcome record needs one", oc_names[k]);
            ld->errors++;
            return 0;
        }
    }
    memset(&r, 0, sizeof(r));
    st = cell[OC_STATUS]->text;
    if (strcmp(st, "occurred") == 0)
        r.status = HS_REC_OCCURRED;
    else if (strcmp(st, "not_occurred") == 0)
        r.status = HS_REC_NOT_OCCURRED;
    else if (strcmp(st, "annulled") == 0)
        r.status = HS_REC_ANNULLED;
    else if (strcmp(st, "yes") == 0)
        r.status = HS_REC_YES;
    else if (strcmp(st, "no") == 0)
        r.status = HS_REC_NO;
    else if (strcmp(st, "value") == 0)
        r.status = HS_REC_VALUE;
    else if (any_dated(ld->ds))
        return bad_cell(ld, cell[OC_STATUS], "status",
                        "is not 'occurred', 'not_occurred' or 'annulled' (event questions) or 'yes', 'no', 'value' or 'annulled' (dated questions)");
    else
        return bad_cell(ld, cell[OC_STATUS], "status",
                        "is not 'occurred', 'not_occurred' or 'annulled'");
    if (r.status == HS_REC_VALUE) {
        if (!cell[OC_VALUE]) {
            int col = ld->index[OC_VALUE] >= 0 ? ld->index[OC_VALUE] : ld->index[OC_STATUS];

            hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, f[col].line, f[col].column,
                         "status 'value' needs the outcome in a 'value' column, a number in [0, 1]");
            ld->errors++;
            return 0;
        }
        if (hs_prob_parse(cell[OC_VALUE]->text, cell[OC_VALUE]->len, &r.value) != HS_PROB_EXACT)
            return bad_cell(ld, cell[OC_VALUE], "value",
                            "is not a number in [0, 1] with at most 9 decimal places");
    } else if (cell[OC_VALUE]) {
        return bad_cell(ld, cell[OC_VALUE], "value",
                        "is given but status is not 'value'; empty the cell or set status 'value'");
    }
    if (hs_date_parse(cell[OC_DATE]->text, cell[OC_DATE]->len, &r.date) < 0)
        return bad_cell(ld, cell[OC_DATE], "date",
                        "is not a valid date; use YYYY-MM-DD with a real day of the month");
    if (hs_date_parse(cell[OC_RECORDED]->text, cell[OC_RECORDED]->len, &r.recorded) < 0)
        return bad_cell(ld, cell[OC_RECORDED], "recorded",
                        "is not a valid date; use YYYY-MM-DD with a real day of the month");
    r.question = HS_NONE;
    r.pos.file = ld->file;
    r.pos.line = f[0].line;
    r.pos.column = cell[OC_QUESTION]->column;
    if (hs_name_normalize(cell[OC_QUESTION]->text, cell[OC_QUESTION]->len, &question) < 0)
        return -1;
    if (question && !*question) {
        hs_free(question);
        hs_diags_add(ld->diags, HS_SEV_ERROR, ld->file, cell[OC_QUESTION]->line,
                     cell[OC_QUESTION]->column,
                     "'question' is empty; every outcome record needs one");
        ld->errors++;
        return 0;
    }
    r.question_id = question ? question : hs_strdup(cell[OC_QUESTION]->text);
    r.evidence = hs_strdup(cell[OC_EVIDENCE]->text);
    r.evidence_source = hs_strdup(cell[OC_EVIDENCE_SOURCE]->text);
    if (!r.question_id || !r.evidence || !r.evidence_source ||
        hs_grow((void **)&ld->ds->records, &ld->ds->alloc_records, ld->ds->n_records + 1,
                sizeof(r)) < 0) {
        hs_free(r.question_id);
        hs_free(r.evidence);
        hs_free(r.evidence_source);
        return -1;
    }
    ld->ds->records[ld->ds->n_records++] = r;
    return 0;
}

int hs_load_records_csv(hs_dataset *ds, const char *path, hs_diags *diags)
{
    struct rec_loader ld;
    int rc;

    memset(&ld, 0, sizeof(ld));
    ld.ds = ds;
    ld.diags = diags;
    ld.file = hs_dataset_add_file(ds, path);
    if (!ld.file) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
        return -1;
    }
    rc = hs_csv_read(ld.file, rec_row, &ld, diags);
    if (rc == 0 && !ld.seen_header) {
        hs_diags_add(diags, HS_SEV_ERROR, ld.file, 0, 0,
                     "file is empty; expected the header 'question,status,date,evidence,evidence_source,recorded'");
        return -1;
    }
    return rc < 0 || ld.errors ? -1 : 0;
}
