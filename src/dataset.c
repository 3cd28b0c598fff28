/* dataset.c - load a data directory and check references across files. */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "internal.h"

/* Does file name end in ".csv"? */
/* DIR/outcomes/questions.json, then every DIR/outcomes/ *.csv (records). */
static void load_outcome_files(hs_dataset *ds, const char *odir, const char *qfile,
                               hs_diags *diags)
{
    char **rec = NULL;
    size_t n_rec = 0, i;

    hs_load_questions_json(ds, qfile, diags);
    if (hs_list_dir(odir, ".csv", &rec, &n_rec, diags) == 0)
        for (i = 0; i < n_rec; i++)
            hs_load_records_csv(ds, rec[i], diags);
    hs_free_list(rec, n_rec);
}

int hs_dataset_load_outcomes(hs_dataset *ds, const char *dir, hs_diags *diags)
{
    char *odir = hs_path_join(dir, "outcomes");
    char *qfile = hs_path_join(dir, "outcomes/questions.json");
    size_t errors_before = diags->n_errors;
    int ret = -1;

    if (!odir || !qfile)
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
    else {
        load_outcome_files(ds, odir, qfile, diags);
        hs_dataset_link(ds, NULL, diags);
        ret = diags->n_errors > errors_before || diags->out_of_memory ? -1 : 0;
    }
    hs_free(qfile);
    hs_free(odir);
    return ret;
}

int hs_dataset_load(hs_dataset *ds, const char *dir, const hs_lexicon *lex,
                    hs_diags *diags)
{
    char *fdir = hs_path_join(dir, "forecasts");
    char *odir = hs_path_join(dir, "outcomes");
    char *qfile = hs_path_join(dir, "outcomes/questions.json");
    char **json = NULL, **csv = NULL;
    size_t n_json = 0, n_csv = 0, i, errors_before = diags->n_errors;
    int ret = -1;

    if (!fdir || !odir || !qfile) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
        goto cleanup;
    }
    /* Questions first, so forecasts can be checked against them. */
    load_outcome_files(ds, odir, qfile, diags);
    if (hs_list_dir(fdir, ".json", &json, &n_json, diags) == 0 &&
        hs_list_dir(fdir, ".csv", &csv, &n_csv, diags) == 0) {
        /* every source file before any bulk file, so bulk rows can point at
         * sources described in JSON */
        for (i = 0; i < n_json; i++)
            hs_load_forecasts_json(ds, json[i], diags);
        for (i = 0; i < n_csv; i++)
            hs_load_forecasts_csv(ds, csv[i], diags);
    }
    hs_dataset_link(ds, lex, diags);
    ret = diags->n_errors > errors_before || diags->out_of_memory ? -1 : 0;
cleanup:
    hs_free_list(json, n_json);
    hs_free_list(csv, n_csv);
    hs_free(fdir);
    hs_free(odir);
    hs_free(qfile);
    return ret;
}

/* Ids of one kind by their loose form (hs_name_loose), built on the first
 * unknown reference, to say which id a reference probably meant. */
struct loose_ids {
    hs_strmap map;         /* loose form -> index into ids */
    char **keys;           /* owned loose forms */
    size_t n;
    int built, failed;
};

static void loose_ids_release(struct loose_ids *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        hs_free(l->keys[i]);
    hs_free(l->keys);
    hs_strmap_release(&l->map);
}

static const char *question_id(const hs_dataset *ds, size_t i)
{
    return ds->questions[i].id;
}

static const char *source_id(const hs_dataset *ds, size_t i)
{
    return ds->sources[i].id;
}

/* The one of n ids (id_of) that looks like id, or NULL (also when out of
 * memory, which is noted in diags). */
static const char *look_alike(struct loose_ids *l, const hs_dataset *ds, size_t n,
                              const char *(*id_of)(const hs_dataset *, size_t), const char *id,
                              hs_diags *diags)
{
    char *key;
    size_t i;
    const char *found = NULL;

    if (!l->built) {
        l->built = 1;
        if (!(l->keys = hs_calloc(n + 1, sizeof(*l->keys)))) {
            l->failed = diags->out_of_memory = 1;
            return NULL;
        }
        for (i = 0; i < n; i++) {
            if (!(l->keys[l->n] = hs_name_loose(id_of(ds, i))) ||
                hs_strmap_put(&l->map, l->keys[l->n], i, NULL) < 0) {
                if (l->keys[l->n])
                    l->n++;   /* released with the others */
                l->failed = diags->out_of_memory = 1;
                return NULL;
            }
            l->n++;
        }
    }
    if (l->failed)
        return NULL;
    if (!(key = hs_name_loose(id))) {
        diags->out_of_memory = 1;
        return NULL;
    }
    if (hs_strmap_get(&l->map, key, &i))
        found = id_of(ds, i);
    hs_free(key);
    return found;
}

static void unknown_ref(hs_diags *diags, hs_pos at, const char *what,
                        const char *id, const char *where, const char *alike)
{
    const hs_pos *p = &at;
    char *q = hs_quote_value(id, strlen(id), 60);

    if (alike)
        hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                     "unknown %s '%s'; it must be an id in %s (ids must match exactly, apart from surrounding white space; did you mean '%s'?)",
                     what, q ? q : "?", where, alike);
    else
        hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                     "unknown %s '%s'; it must be an id in %s", what, q ? q : "?", where);
    hs_free(q);
}

/* Report records of one question that contradict each other: occurred on E
 * and not occurred as of A >= E, or occurred on two different dates. */
static void check_contradictions(const hs_dataset *ds, hs_diags *diags)
{
    size_t *first_occ = hs_malloc(ds->n_questions * sizeof(size_t) + 1);
    size_t i, q;

    if (!first_occ) {
        diags->out_of_memory = 1;
        diags->n_errors++;
        return;
    }
    for (q = 0; q < ds->n_questions; q++)
        first_occ[q] = HS_NONE;
    for (i = 0; i < ds->n_records; i++) {
        const hs_record *r = &ds->records[i];

        if (r->question == HS_NONE || r->status != HS_REC_OCCURRED)
            continue;
        if (first_occ[r->question] == HS_NONE) {
            first_occ[r->question] = i;
        } else if (ds->records[first_occ[r->question]].date != r->date) {
            const hs_record *o = &ds->records[first_occ[r->question]];
            char d1[HS_DATE_TEXT_SIZE], d2[HS_DATE_TEXT_SIZE];

            hs_date_format(r->date, d1);
            hs_date_format(o->date, d2);
            hs_diags_add(diags, HS_SEV_ERROR, r->pos.file, r->pos.line, r->pos.column,
                         "contradictory records for question '%s': occurred on %s here but on %s at %s:%lu",
                         r->question_id, d1, d2, o->pos.file, o->pos.line);
        }
    }
    for (i = 0; i < ds->n_records; i++) {
        const hs_record *r = &ds->records[i], *o;
        char d1[HS_DATE_TEXT_SIZE], d2[HS_DATE_TEXT_SIZE];

        if (r->question == HS_NONE || r->status != HS_REC_NOT_OCCURRED ||
            first_occ[r->question] == HS_NONE)
            continue;
        o = &ds->records[first_occ[r->question]];
        if (r->date < o->date)
            continue;
        hs_date_format(r->date, d1);
        hs_date_format(o->date, d2);
        hs_diags_add(diags, HS_SEV_ERROR, r->pos.file, r->pos.line, r->pos.column,
                     "contradictory records for question '%s': not occurred as of %s here, but occurred on %s at %s:%lu",
                     r->question_id, d1, d2, o->pos.file, o->pos.line);
    }
    hs_free(first_occ);
}

struct dated_key {
    size_t question;
    hs_date date;
    size_t record;
};

/* By question, then date, then file order. */
static int dated_cmp(const void *a, const void *b)
{
    const struct dated_key *x = a, *y = b;

    if (x->question != y->question)
        return x->question < y->question ? -1 : 1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->record < y->record ? -1 : x->record > y->record;
}

/* Two records of a dated question for one date must give one answer. */
static int same_answer(const hs_record *a, const hs_record *b)
{
    return a->status == b->status && (a->status != HS_REC_VALUE || a->value == b->value);
}

/* Check that each record's status fits its question's kind, and give each
 * dated question its records in date order (ds->questions[q].dated_records),
 * reporting two records for one date that disagree.  Returns -1 when out
 * of memory. */
static int link_dated(hs_dataset *ds, hs_diags *diags)
{
    struct dated_key *keys = hs_malloc(ds->n_records * sizeof(*keys) + 1);
    size_t i, j, n = 0, q, first = 0;

    if (!keys)
        return -1;
    for (q = 0; q < ds->n_questions; q++) {   /* linked again: start afresh */
        hs_free(ds->questions[q].dated_records);
        ds->questions[q].dated_records = NULL;
        ds->questions[q].n_dated_records = 0;
    }
    for (i = 0; i < ds->n_records; i++) {
        const hs_record *r = &ds->records[i];
        int dated_status = r->status == HS_REC_YES || r->status == HS_REC_NO ||
                           r->status == HS_REC_VALUE;
        const hs_question *qu;

        if (r->question == HS_NONE)
            continue;
        qu = &ds->questions[r->question];
        if (qu->dated && !dated_status && r->status != HS_REC_ANNULLED) {
            hs_diags_add(diags, HS_SEV_ERROR, r->pos.file, r->pos.line, r->pos.column,
                         "status '%s' is for event questions, but question '%s' is dated; say 'yes', 'no' or 'value' as of the record's date",
                         hs_record_status_name(r->status), r->question_id);
        } else if (!qu->dated && dated_status) {
            hs_diags_add(diags, HS_SEV_ERROR, r->pos.file, r->pos.line, r->pos.column,
                         "status '%s' is for dated questions, but question '%s' is an event question; use 'occurred' or 'not_occurred', or give the question \"kind\": \"dated\"",
                         hs_record_status_name(r->status), r->question_id);
        } else if (qu->dated) {
            keys[n].question = r->question;
            keys[n].date = r->date;
            keys[n++].record = i;
        }
    }
    qsort(keys, n, sizeof(*keys), dated_cmp);
    for (i = 0; i < n; i = j) {
        hs_question *qu = &ds->questions[keys[i].question];

        for (j = i; j < n && keys[j].question == keys[i].question; j++)
            ;
        qu->n_dated_records = j - i;
        qu->dated_records = hs_malloc((j - i) * sizeof(size_t));
        if (!qu->dated_records) {
            qu->n_dated_records = 0;
            hs_free(keys);
            return -1;
        }
        for (q = i; q < j; q++) {
            const hs_record *a = &ds->records[keys[i].record], *b = &ds->records[keys[q].record];
            char d[HS_DATE_TEXT_SIZE];

            qu->dated_records[q - i] = keys[q].record;
            if (q == i || keys[q - 1].date != b->date) {
                first = q;
                continue;
            }
            a = &ds->records[keys[first].record];
            if (same_answer(a, b))
                continue;
            hs_date_format(a->date, d);
            hs_diags_add(diags, HS_SEV_ERROR, b->pos.file, b->pos.line, b->pos.column,
                         "contradictory records for question '%s' as of %s: '%s' here but '%s' at %s:%lu",
                         b->question_id, d, hs_record_status_name(b->status),
                         hs_record_status_name(a->status), a->pos.file, a->pos.line);
        }
    }
    hs_free(keys);
    return 0;
}

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           (unsigned char)c >= 0x80;
}

int hs_hedge_in_words(const char *hedge, const char *text)
{
    char *h, *t;
    const char *at;
    size_t hn;
    int found = 0;

    if (!text)
        return 0;
    h = hs_hedge_key(hedge);
    t = hs_hedge_key(text);
    if (!h || !t) {
        hs_free(h);
        hs_free(t);
        return -1;
    }
    hn = strlen(h);
    for (at = hn ? strstr(t, h) : NULL; at && !found; at = strstr(at + 1, h))
        found = (at == t || !is_word_char(at[-1]) || !is_word_char(h[0])) &&
                (!is_word_char(at[hn]) || !is_word_char(h[hn - 1]));
    hs_free(h);
    hs_free(t);
    return found;
}

/* A probability taken from a hedge must rest on the speaker's own words for
 * the claim: the hedge has to occur in the forecast's quote or in one of its
 * also_reported_by quotes (docs/data.md, rule 8).  Only a curator's number,
 * which carries its own reason, may rest on other words.  A warning, so that
 * scores still run while the curator fixes the record.  Returns -1 when out
 * of memory. */
static int check_hedge_in_quote(const hs_forecast *f, hs_diags *diags)
{
    size_t j;
    int found;
    char *q;
    hs_pos at;

    if (f->basis == HS_BASIS_CURATOR || f->plain)
        return 0;
    found = hs_hedge_in_words(f->hedge, f->quote);
    for (j = 0; found == 0 && j < f->n_also; j++)
        found = hs_hedge_in_words(f->hedge, f->also[j].quote);
    if (found != 0)
        return found < 0 ? -1 : 0;
    q = hs_quote_value(f->hedge, strlen(f->hedge), 60);
    at = hs_forecast_pos(f, f->pos_hedge);
    hs_diags_add(diags, HS_SEV_WARNING, at.file, at.line, at.column,
                 "hedge '%s' does not occur in the forecast's quote or its also_reported_by quotes; take the hedge from the speaker's own words for this claim, or set basis 'curator' with a 'basis_reason'",
                 q ? q : "?");
    hs_free(q);
    return 0;
}

int hs_dataset_link(hs_dataset *ds, const hs_lexicon *lex, hs_diags *diags)
{
    size_t i, j, errors_before = diags->n_errors;
    struct loose_ids lq, ls;   /* questions, sources */
    hs_hedge_memo memo;

    memset(&memo, 0, sizeof(memo));
    memset(&lq, 0, sizeof(lq));
    memset(&ls, 0, sizeof(ls));
    for (i = 0; i < ds->n_forecasts; i++) {
        hs_forecast *f = &ds->forecasts[i];
        const hs_hedge *h = NULL;

        if (!hs_strmap_get(&ds->question_ids, f->question_id, &f->question)) {
            f->question = HS_NONE;
            if (!ds->questions_incomplete)
                unknown_ref(diags, hs_forecast_pos(f, f->pos_question), "question",
                            f->question_id,
                            "outcomes/questions.json",
                            look_alike(&lq, ds, ds->n_questions, question_id,
                                       f->question_id, diags));
        }
        if (f->condition_id &&
            !hs_strmap_get(&ds->question_ids, f->condition_id, &f->condition)) {
            f->condition = HS_NONE;
            if (!ds->questions_incomplete)
                unknown_ref(diags, hs_forecast_pos(f, f->pos_condition), "condition question",
                            f->condition_id,
                            "outcomes/questions.json",
                            look_alike(&lq, ds, ds->n_questions, question_id,
                                       f->condition_id, diags));
        }
        for (j = 0; j < f->n_also; j++) {
            hs_also *a = &f->also[j];

            if (!hs_strmap_get(&ds->source_ids, a->source_id, &a->source)) {
                a->source = HS_NONE;
                if (!ds->sources_incomplete)
                    unknown_ref(diags, f->also_pos[j], "source", a->source_id,
                                "a forecast file's \"source\"",
                                look_alike(&ls, ds, ds->n_sources, source_id,
                                           a->source_id, diags));
            } else if (a->source == f->source) {
                hs_diags_add(diags, HS_SEV_ERROR, f->also_pos[j].file, f->also_pos[j].line,
                             f->also_pos[j].column,
                             "also_reported_by names the forecast's own source '%s'",
                             a->source_id);
            }
        }
        if (lex && f->basis == HS_BASIS_LEXICON &&
            hs_hedge_memo_find(&memo, lex, f->hedge, &h) < 0) {
            diags->out_of_memory = 1;
            diags->n_errors++;
            break;
        }
        if (lex && f->basis == HS_BASIS_LEXICON && !h) {
            char *q = hs_quote_value(f->hedge, strlen(f->hedge), 60);
            hs_pos at = hs_forecast_pos(f, f->pos_hedge);

            hs_diags_add(diags, HS_SEV_ERROR, at.file, at.line, at.column,
                         "hedge '%s' is not in lexicon '%s'; add it to the lexicon, or give a probability with basis 'explicit' or 'curator'",
                         q ? q : "?", lex->name);
            hs_free(q);
        }
        if (lex && f->basis == HS_BASIS_LEXICON && f->stance_yes) {
            if (h && h->polarity < 0) {
                char *q = hs_quote_value(f->hedge, strlen(f->hedge), 60);
                hs_pos at = hs_forecast_pos(f, f->pos_hedge);

                hs_diags_add(diags, HS_SEV_WARNING, at.file, at.line, at.column,
                             "stance 'yes' with hedge '%s', which lexicon '%s' marks negative (it denies what follows it); the stance is probably 'no', or the hedge is not the speaker's word for this claim",
                             q ? q : "?", lex->name);
                hs_free(q);
            }
        }
        if (check_hedge_in_quote(f, diags) < 0)
            hs_diags_add(diags, HS_SEV_ERROR, f->pos.file, 0, 0, "out of memory");
    }
    for (i = 0; i < ds->n_records; i++) {
        hs_record *r = &ds->records[i];

        if (!hs_strmap_get(&ds->question_ids, r->question_id, &r->question)) {
            r->question = HS_NONE;
            if (!ds->questions_incomplete)
                unknown_ref(diags, r->pos, "question", r->question_id,
                            "outcomes/questions.json",
                            look_alike(&lq, ds, ds->n_questions, question_id,
                                       r->question_id, diags));
        }
    }
    if (link_dated(ds, diags) < 0) {
        diags->out_of_memory = 1;
        diags->n_errors++;
    }
    for (i = 0; i < ds->n_forecasts; i++) {
        const hs_forecast *f = &ds->forecasts[i];

        hs_pos at = hs_forecast_pos(f, f->pos_condition);

        if (f->condition != HS_NONE && ds->questions[f->condition].dated)
            hs_diags_add(diags, HS_SEV_ERROR, at.file, at.line, at.column,
                         "condition '%s' is a dated question; a condition must be an event question (one that occurs or not by the deadline)",
                         f->condition_id);
    }
    check_contradictions(ds, diags);
    loose_ids_release(&lq);
    loose_ids_release(&ls);
    hs_hedge_memo_release(&memo);
    return diags->n_errors > errors_before ? -1 : 0;
}
