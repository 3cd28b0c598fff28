/*
 * stream.c - a data directory loaded with its bulk forecasts streamed
 * (stream.h).  The questions, outcome records and JSON forecasts are
 * loaded by the usual loaders; each bulk row then passes the checks of
 * forecasts_csv.c and dataset.c (the same functions where they can be
 * shared), is scored and handed to the aggregator.  The first problem
 * stops everything: the caller re-reads with hs_dataset_load(), whose
 * messages carry positions the stream never keeps.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hindsight/alloc.h"
#include "hindsight/names.h"
#include "hindsight/stream.h"
#include "internal.h"

/* Sources first named by a bulk row: id -> published. */
struct bulk_sources {
    hs_strmap index;
    char **ids;              /* owned */
    hs_date *published;
    size_t n, alloc, alloc_published;
};

/* Hedge phrases seen so far -> lexicon rows (normalising a phrase for the
 * lexicon costs more than a hash lookup). */
struct hedge_cache {
    hs_strmap index;
    char **phrases;          /* owned */
    const hs_hedge **rows;
    size_t n, alloc, alloc_rows;
};

/* Forecaster and organization names already found plain (in normal form,
 * no control characters): such a name is not checked again, which saves
 * its Unicode normalisation on every row. */
struct name_cache {
    hs_strmap index;
    char **names;            /* owned */
    size_t n, alloc;
};

struct streamer {
    hs_dataset *ds;
    const hs_lexicon *lex;
    const hs_run_options *opt;
    hs_agg *agg;
    hs_diags *diags;
    hs_knowledge *know;
    const char *file;
    int index[BF_COUNT];
    size_t header_n;
    int header_seen;
    struct bulk_sources sources;
    struct hedge_cache hedges;
    struct name_cache names;
    /* the hash of every bulk row's id, in 256 lists by its top byte, so
     * that sorting one at the end (qsort may copy it) costs little memory */
    uint64_t *ids[256];
    size_t n_ids[256], alloc_ids[256];
    size_t n_rows;           /* bulk rows, all lists */
    char *qdate_name;        /* the last (question, date) group name made */
};

/* Intern key in map (with parallel arrays grown by the caller).  Returns
 * the new index, or HS_NONE when out of memory. */
static size_t intern(hs_strmap *map, char ***keys, size_t *n, size_t *alloc, const char *key)
{
    char *copy;

    if (hs_grow((void **)keys, alloc, *n + 1, sizeof(**keys)) < 0 || !(copy = hs_strdup(key)))
        return HS_NONE;
    if (hs_strmap_put(map, copy, *n, NULL) < 0) {
        hs_free(copy);
        return HS_NONE;
    }
    (*keys)[*n] = copy;
    return (*n)++;
}

static void release_interned(hs_strmap *map, char **keys, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        hs_free(keys[i]);
    hs_free(keys);
    hs_strmap_release(map);
}

/* The lexicon row of a hedge, cached; sets *row NULL when it is not in the
 * lexicon.  Returns 0 or -1 (out of memory). */
static int hedge_row(struct streamer *st, const char *phrase, const hs_hedge **row)
{
    struct hedge_cache *c = &st->hedges;
    size_t i;

    if (hs_strmap_get(&c->index, phrase, &i)) {
        *row = c->rows[i];
        return 0;
    }
    *row = hs_lexicon_find(st->lex, phrase);
    if ((i = intern(&c->index, &c->phrases, &c->n, &c->alloc, phrase)) == HS_NONE ||
        hs_grow((void **)&c->rows, &c->alloc_rows, c->n, sizeof(*c->rows)) < 0)
        return -1;
    c->rows[i] = *row;
    return 0;
}

/* The published date a row's source must have: from its JSON or earlier
 * bulk definition, or this row's, which then defines it.  Returns 0, 1 on
 * disagreement, -1 out of memory. */
static int row_source(struct streamer *st, const char *id, hs_date published)
{
    struct bulk_sources *b = &st->sources;
    size_t i;

    /* an id is in one map or neither: the bulk one, larger, first */
    if (hs_strmap_get(&b->index, id, &i))
        return b->published[i] == published ? 0 : 1;
    if (hs_strmap_get(&st->ds->source_ids, id, &i))
        return st->ds->sources[i].published == published ? 0 : 1;
    if ((i = intern(&b->index, &b->ids, &b->n, &b->alloc, id)) == HS_NONE ||
        hs_grow((void **)&b->published, &b->alloc_published, b->n, sizeof(*b->published)) < 0)
        return -1;
    b->published[i] = published;
    return 0;
}

/* The group name of one forecast under the aggregate's key (hs_group_each);
 * a (question, date) name is made in st->qdate_name.  NULL when out of
 * memory. */
static const char *group_name(struct streamer *st, const hs_raw_forecast *raw,
                              const char *source, const hs_forecast *fc, const hs_scored *s)
{
    switch (st->agg->key) {
    case HS_BY_FORECASTER: return raw->val[RF_FORECASTER];
    case HS_BY_ORGANIZATION:   /* a p_yes row may have none */
        return raw->val[RF_ORGANIZATION] ? raw->val[RF_ORGANIZATION] : "";
    case HS_BY_QUESTION: return raw->val[RF_QUESTION];
    case HS_BY_QUESTION_DATE:
        if (!st->ds->questions[fc->question].dated)
            return raw->val[RF_QUESTION];
        hs_free(st->qdate_name);
        return st->qdate_name = hs_question_date_name(raw->val[RF_QUESTION], s->res.deadline);
    default: return source;
    }
}

/* The header, read with positions (for its warnings); stops after it.
 * A header the classic loader would refuse (hs_csv_header, and its rules:
 * the probability given one way, a stance file's columns, source and
 * published together) is left to the classic load (header_n stays 0). */
static int header_row(void *ctx, hs_csv_field *f, size_t n)
{
    static const int stance_cols[] = {RF_ORGANIZATION, RF_QUOTE, RF_HEDGE, BF_SOURCE,
                                      BF_PUBLISHED};
    struct streamer *st = ctx;
    const int *ix = st->index;
    size_t k;

    st->header_seen = 1;
    st->header_n = n;
    if (hs_csv_header(st->file, f, n, hs_bulk_names, hs_bulk_required, BF_COUNT, st->index,
                      st->diags) < 0 ||
        (ix[RF_P_YES] >= 0) + (ix[BF_P_YES_PERCENT] >= 0) + (ix[RF_STANCE] >= 0) != 1 ||
        (ix[BF_SOURCE] >= 0) != (ix[BF_PUBLISHED] >= 0))
        st->header_n = 0;
    for (k = 0; ix[RF_STANCE] >= 0 && k < sizeof(stance_cols) / sizeof(stance_cols[0]); k++)
        if (ix[stance_cols[k]] < 0)
            st->header_n = 0;
    return 1;
}

/* One row of the fast pass: 0 go on, 1 a problem, -1 out of memory. */
static int bulk_row(void *ctx, hs_csv_field *f, size_t n)
{
    struct streamer *st = ctx;
    const hs_csv_field *id = NULL, *pub;
    hs_raw_forecast raw;
    hs_forecast fc;
    hs_date published;
    const hs_hedge *hedge = NULL;
    static const int source_cols[] = {BF_SOURCE, BF_PUBLISHED, BF_OUTLET, BF_TITLE};
    static const int cached[2] = {RF_FORECASTER, RF_ORGANIZATION};
    const char *held[2];
    char *norm_id = NULL;
    size_t ignored, k;
    int rc, warned = 0;

    if (!st->header_seen) {
        st->header_seen = 1;   /* the header: read already */
        return 0;
    }
    if (n != st->header_n)
        return 1;
    /* a plain probability file may have no source (then every row has a
     * 'made' date, which hs_forecast_check() asks for) */
    if (st->index[BF_SOURCE] >= 0) {
        for (k = 0; k < sizeof(source_cols) / sizeof(source_cols[0]); k++) {
            const hs_csv_field *c = hs_csv_get(f, n, st->index[source_cols[k]]);

            if (c && hs_text_check(hs_bulk_names[source_cols[k]], c->text, c->len, 0,
                                   st->file, 0, 0, st->diags) < 0)
                return 1;
        }
        id = hs_csv_get(f, n, st->index[BF_SOURCE]);
        pub = hs_csv_get(f, n, st->index[BF_PUBLISHED]);
        if (!id || !pub || hs_date_parse(pub->text, pub->len, &published) < 0)
            return 1;
        /* a source id not in its normal form: left to the classic load */
        if (hs_name_normalize(id->text, id->len, &norm_id) < 0)
            return -1;
        if (norm_id) {
            hs_free(norm_id);
            return 1;
        }
        if ((rc = row_source(st, id->text, published)) != 0)
            return rc;
    }
    /* spaces around a key or a hedge get a warning with its position
     * (hs_csv_key, hs_csv_warn_spaces): left to the classic load */
    for (k = 0; k < HS_BULK_N_KEYS; k++) {
        const hs_csv_field *c = hs_csv_get(f, n, st->index[hs_bulk_keys[k]]);

        if (c && hs_csv_has_spaces(c))
            return 1;
    }
    if (st->index[RF_HEDGE] >= 0 && hs_csv_has_spaces(&f[st->index[RF_HEDGE]]))
        return 1;
    hs_bulk_raw(st->index, f, st->file, &raw);
    /* a probability rounded to 9 places gets a warning with its position:
     * leave that to the classic load */
    raw.warned_rounding = &warned;
    /* a name written in another spelling than its normal form is noted with
     * its position (hs_dataset_note_name): left to the classic load */
    for (k = 0; k < 2; k++) {
        held[k] = raw.val[cached[k]];
        if (held[k] && hs_strmap_get(&st->names.index, held[k], &ignored))
            raw.val[cached[k]] = NULL;   /* known plain: not checked again */
    }
    rc = hs_forecast_plain_text(&raw, st->diags);
    for (k = 0; k < 2; k++)
        if (held[k] && !raw.val[cached[k]])
            raw.val[cached[k]] = held[k];
        else if (rc == 1 && held[k] &&
                 intern(&st->names.index, &st->names.names, &st->names.n, &st->names.alloc,
                        held[k]) == HS_NONE)
            return -1;
    if (rc != 1)
        return rc < 0 ? -1 : 1;
    if (hs_forecast_check(&raw, id ? &published : NULL, &fc, st->diags) > 0 || warned ||
        hs_strmap_get(&st->ds->forecast_ids, raw.val[RF_ID], &ignored) ||
        !hs_strmap_get(&st->ds->question_ids, raw.val[RF_QUESTION], &fc.question) ||
        (raw.val[RF_CONDITION] &&
         !hs_strmap_get(&st->ds->question_ids, raw.val[RF_CONDITION], &fc.condition)))
        return 1;
    if (fc.basis == HS_BASIS_LEXICON) {
        /* no lexicon table: the classic load says which hedge needs one */
        if (!st->lex)
            return 1;
        if (hedge_row(st, raw.val[RF_HEDGE], &hedge) < 0)
            return -1;
        if (!hedge)
            return 1;
        /* hs_dataset_link() warns of stance yes with a hedge the lexicon
         * marks negative: left to the classic load */
        if (fc.stance_yes && hedge->polarity < 0)
            return 1;
    }
    /* hs_dataset_link() warns, with a position, of a hedge not in the quote
     * (a bulk row has no also_reported_by quotes): left to the classic load */
    if (!fc.plain && fc.basis != HS_BASIS_CURATOR &&
        (rc = hs_hedge_in_words(raw.val[RF_HEDGE], raw.val[RF_QUOTE])) != 1)
        return rc < 0 ? -1 : 1;
    {
        uint64_t h = hs_strmap_hash(raw.val[RF_ID]);
        size_t b = (size_t)(h >> 56);

        if (hs_grow((void **)&st->ids[b], &st->alloc_ids[b], st->n_ids[b] + 1,
                    sizeof(*st->ids[b])) < 0)
            return -1;
        st->ids[b][st->n_ids[b]++] = h;
        st->n_rows++;
    }
    /* a forecast made after the as-of date is not in the run at all
     * (hs_forecast_exists), as in hs_run_compute() */
    if (st->opt && st->agg && hs_forecast_exists(&fc, st->opt->as_of)) {
        const char *name;
        hs_scored s;

        hs_score_forecast(&fc, hedge, hedge && !hs_lexicon_owns(st->lex, hedge), st->know,
                          st->opt->horizon, &s);
        if (!(name = group_name(st, &raw, id ? id->text : "", &fc, &s)) ||
            hs_agg_add(st->agg, &name, 1, fc.question, &s) < 0)
            return -1;
    }
    return 0;
}

/* Free what a streamer holds besides its borrowed pointers. */
static void release_streamer(struct streamer *st)
{
    size_t b;

    for (b = 0; b < 256; b++)
        hs_free(st->ids[b]);
    release_interned(&st->sources.index, st->sources.ids, st->sources.n);
    hs_free(st->sources.published);
    release_interned(&st->hedges.index, st->hedges.phrases, st->hedges.n);
    hs_free(st->hedges.rows);
    release_interned(&st->names.index, st->names.names, st->names.n);
    hs_free(st->qdate_name);
}

/* Files smaller than this are read by one thread. */
#define SPLIT_MIN_BYTES (1L << 20)

/* HINDSIGHT_THREADS=1 (docs/scale.md): read each bulk file with one
 * thread.  Two by default. */
static int threads_wanted(void)
{
    const char *v = getenv("HINDSIGHT_THREADS");

    return v && strcmp(v, "1") == 0 ? 1 : 2;
}

/* Where a second thread may start reading path: just past the first line
 * feed at or after the middle, or 0 (one thread: a small file, none found
 * in the next MiB, or a read error).  Whether it is a record boundary, not
 * a line feed inside a quoted cell, is known only once the first thread
 * has read up to it (hs_csv_scan_part). */
static long long split_point(const char *path)
{
    struct stat sb;
    FILE *fp;
    char buf[65536];
    long long at, found = 0;
    size_t got, i, read_total = 0;

    if (stat(path, &sb) != 0 || sb.st_size < SPLIT_MIN_BYTES || !(fp = fopen(path, "rb")))
        return 0;
    at = (long long)sb.st_size / 2;
    if (fseeko(fp, (off_t)at, SEEK_SET) == 0)
        while (!found && read_total < (1u << 20) && (got = fread(buf, 1, sizeof(buf), fp)) > 0) {
            for (i = 0; i < got && !found; i++)
                if (buf[i] == '\n')
                    found = at + (long long)(read_total + i) + 1;
            read_total += got;
        }
    fclose(fp);
    return found < (long long)sb.st_size ? found : 0;
}

/* The second half of a file, read by its own thread into its own
 * streamer, aggregate and diagnostics. */
struct part {
    struct streamer st;
    hs_agg agg;
    hs_diags diags;
    long long from;
    int rc;
};

static void *part_main(void *p_)
{
    struct part *p = p_;

    p->rc = hs_csv_scan_part(p->st.file, p->from, 0, NULL, bulk_row, &p->st, &p->diags);
    return NULL;
}

/* Add the second half's sources, ids and aggregate to st's, in file
 * order.  Returns 0, 1 (a source dated two ways) or -1. */
static int merge_part(struct streamer *st, struct part *p)
{
    size_t i, b;
    int rc;

    for (i = 0; i < p->st.sources.n; i++)
        if ((rc = row_source(st, p->st.sources.ids[i], p->st.sources.published[i])) != 0)
            return rc;
    for (b = 0; b < 256; b++) {
        if (p->st.n_ids[b] == 0)
            continue;
        if (hs_grow((void **)&st->ids[b], &st->alloc_ids[b], st->n_ids[b] + p->st.n_ids[b],
                    sizeof(*st->ids[b])) < 0)
            return -1;
        memcpy(st->ids[b] + st->n_ids[b], p->st.ids[b], p->st.n_ids[b] * sizeof(*st->ids[b]));
        st->n_ids[b] += p->st.n_ids[b];
    }
    st->n_rows += p->st.n_rows;
    return hs_agg_merge(st->agg, &p->agg);
}

/* Read the file's rows with two threads when it is large, there is an
 * aggregate without sums (intervals want each pair's sum in file order),
 * without a crowd or overall rows (their per-question values and sums are
 * not merged) and the split is a record boundary; else with one.  0, 1 or
 * -1. */
static int scan_rows(struct streamer *st)
{
    struct part *p;
    pthread_t tid;
    long long split;
    int rc, clean = 0;

    if (threads_wanted() < 2 || !st->opt || !st->agg || st->agg->keep_sums ||
        st->agg->crowd.kind != HS_CROWD_NONE || st->agg->overall ||
        (split = split_point(st->file)) == 0 || !(p = hs_calloc(1, sizeof(*p))))
        return hs_csv_scan(st->file, bulk_row, st, st->diags);
    p->st.ds = st->ds;
    p->st.lex = st->lex;
    p->st.opt = st->opt;
    p->st.know = st->know;
    p->st.file = st->file;
    memcpy(p->st.index, st->index, sizeof(st->index));
    p->st.header_n = st->header_n;
    p->st.header_seen = 1;    /* no header in the second half */
    p->st.agg = &p->agg;
    p->st.diags = &p->diags;
    hs_agg_init(&p->agg, st->agg->key, 0);
    p->agg.keep_sums = 0;
    p->agg.record_logs = 1;
    hs_diags_init(&p->diags);
    p->from = split;
    if (pthread_create(&tid, NULL, part_main, p) != 0) {
        rc = hs_csv_scan(st->file, bulk_row, st, st->diags);
    } else {
        rc = hs_csv_scan_part(st->file, 0, split, &clean, bulk_row, st, st->diags);
        pthread_join(tid, NULL);
        /* not a record boundary: the first thread has read everything */
        if (clean && rc == 0)
            rc = p->rc != 0 ? p->rc : merge_part(st, p);
    }
    release_streamer(&p->st);
    hs_agg_release(&p->agg);
    hs_diags_release(&p->diags);
    hs_free(p);
    return rc;
}

/* Stream one bulk file: 0, 1 (a problem) or -1. */
static int stream_file(struct streamer *st, const char *path)
{
    if (!(st->file = hs_dataset_add_file(st->ds, path)))
        return -1;
    st->header_seen = 0;
    st->header_n = 0;
    if (hs_csv_read(st->file, header_row, st, st->diags) < 0 || !st->header_seen ||
        st->header_n == 0)
        return 1;
    st->header_seen = 0;
    return scan_rows(st);
}

/* Score the JSON forecasts loaded into ds and add them to the aggregate,
 * as hs_groups_compute() would.  Returns 0 or -1. */
static int add_loaded(struct streamer *st)
{
    hs_run run;
    int ret;

    if (hs_run_compute(&run, st->ds, st->opt) < 0)
        return -1;
    ret = hs_agg_add_run(st->agg, &run);
    hs_run_release(&run);
    return ret;
}

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

/* Are all these regular files?  Anything else (a FIFO above all) can be
 * read only once, and a fallback must read it again. */
static int all_regular(char **paths, size_t n)
{
    struct stat st;
    size_t i;

    for (i = 0; i < n; i++)
        if (stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode))
            return 0;
    return 1;
}

int hs_stream_load(hs_dataset *ds, const char *dir, const hs_lexicon *lex,
                   const hs_run_options *opt, hs_agg *agg, hs_stream_counts *counts,
                   hs_diags *diags)
{
    struct streamer st;
    char *fdir = hs_path_join(dir, "forecasts");
    char *odir = hs_path_join(dir, "outcomes");
    char *qfile = hs_path_join(dir, "outcomes/questions.json");
    char **json = NULL, **csv = NULL, **rec = NULL;
    size_t n_json = 0, n_csv = 0, n_rec = 0, i, b, errors_before = diags->n_errors;
    int ret = 1;

    memset(&st, 0, sizeof(st));
    st.ds = ds;
    st.lex = lex;
    st.opt = opt;
    st.agg = agg;
    st.diags = diags;
    if (!fdir || !odir || !qfile) {
        ret = -1;
        goto cleanup;
    }
    /* by tag: a row's groups are its question's tags, which the stream does
     * not follow; the classic load groups them (hs_group_each) */
    if (agg && agg->key == HS_BY_TAG)
        goto cleanup;
    /* only regular files: a fallback reads everything again */
    if (hs_list_dir(odir, ".csv", &rec, &n_rec, diags) < 0 ||
        hs_list_dir(fdir, ".json", &json, &n_json, diags) < 0 ||
        hs_list_dir(fdir, ".csv", &csv, &n_csv, diags) < 0 || !all_regular(&qfile, 1) ||
        !all_regular(rec, n_rec) || !all_regular(json, n_json) || !all_regular(csv, n_csv))
        goto cleanup;
    /* everything but the bulk files, as hs_dataset_load() reads them */
    hs_load_questions_json(ds, qfile, diags);
    for (i = 0; i < n_rec; i++)
        hs_load_records_csv(ds, rec[i], diags);
    for (i = 0; i < n_json; i++)
        hs_load_forecasts_json(ds, json[i], diags);
    hs_dataset_link(ds, lex, diags);
    if (diags->n_errors > errors_before || diags->out_of_memory)
        goto cleanup;
    /* no lexicon table: the classic load says which hedge needs one */
    for (i = 0; !lex && i < ds->n_forecasts; i++)
        if (ds->forecasts[i].basis == HS_BASIS_LEXICON)
            goto cleanup;
    if (opt && agg) {
        if (!(st.know = hs_calloc(ds->n_questions + 1, sizeof(*st.know)))) {
            ret = -1;
            goto cleanup;
        }
        hs_knowledge_compute(ds, opt->as_of, opt->replay, st.know);
        if ((ret = add_loaded(&st)) != 0)
            goto cleanup;
    }
    for (i = 0; i < n_csv; i++)
        if ((ret = stream_file(&st, csv[i])) != 0)
            goto cleanup;
    /* duplicate ids among bulk rows (against JSON ids: checked per row) */
    for (b = 0; b < 256; b++) {
        if (st.n_ids[b] > 1)
            qsort(st.ids[b], st.n_ids[b], sizeof(*st.ids[b]), by_value);
        for (i = 1; i < st.n_ids[b]; i++)
            if (st.ids[b][i] == st.ids[b][i - 1]) {
                ret = 1;
                goto cleanup;
            }
    }
    ret = diags->n_errors > errors_before || diags->out_of_memory ? 1 : 0;
    counts->n_forecasts = ds->n_forecasts + st.n_rows;
    counts->n_sources = ds->n_sources + st.sources.n;
cleanup:
    if (ret < 0)
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
    hs_free(st.know);
    release_streamer(&st);
    hs_free_list(json, n_json);
    hs_free_list(csv, n_csv);
    hs_free_list(rec, n_rec);
    hs_free(fdir);
    hs_free(odir);
    hs_free(qfile);
    return ret;
}
