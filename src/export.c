/* export.c - the export tables (hindsight(1), EXPORT FILES) and their files. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/export.h"
#include "hindsight/format.h"
#include "hindsight/report.h"
#include "hindsight/strmap.h"
#include "internal.h"

const char *const hs_export_files[] = {
    "forecasters.csv", "organizations.csv", "forecasts.csv", "questions.csv", "tags.csv",
    "scores.json", NULL};
#define N_CSV_FILES 5   /* the CSV files come first, then scores.json */

typedef struct column {
    const char *name;
    int precision;
} column;

static int add_columns(hs_table *t, const column *cols, size_t n)
{
    size_t c;

    for (c = 0; c < n; c++)
        if (hs_table_column(t, cols[c].name, cols[c].precision) < 0)
            return -1;
    return 0;
}

void hs_export_init(hs_export *ex)
{
    memset(ex, 0, sizeof(*ex));
    hs_table_init(&ex->forecasters);
    hs_table_init(&ex->organizations);
    hs_table_init(&ex->forecasts);
    hs_table_init(&ex->questions);
    hs_table_init(&ex->tags);
}

void hs_export_release(hs_export *ex)
{
    hs_table_release(&ex->forecasters);
    hs_table_release(&ex->organizations);
    hs_table_release(&ex->forecasts);
    hs_table_release(&ex->questions);
    hs_table_release(&ex->tags);
    hs_free(ex->lexicon);
    json_decref(ex->json);
    hs_export_init(ex);
}

/* forecasters.csv, organizations.csv and tags.csv: the columns of
 * 'hindsight score'. */
static int group_table(hs_export *ex, hs_table *t, const hs_run *run, enum hs_group_key key,
                       const hs_group_options *gopt)
{
    hs_groups g;
    int ret;

    memset(&g, 0, sizeof(g));
    if ((ret = hs_groups_compute(&g, run, key, gopt)) == 0)
        ret = hs_report_groups(t, &g);
    if (ret == 1) {
        ex->name_taken = g.name_taken;
        ex->taken_by = key;
    }
    hs_groups_release(&g);
    return ret;
}

enum {
    FX_ID, FX_FORECASTER, FX_ORGANIZATION, FX_ROLE, FX_SOURCE, FX_OUTLET, FX_PUBLISHED,
    FX_ALSO, FX_QUOTE, FX_QUESTION, FX_CONDITION, FX_STANCE, FX_HEDGE, FX_PROBABILITY,
    FX_BASIS, FX_BASIS_REASON, FX_P_YES, FX_MADE, FX_DEADLINE, FX_DEADLINE_KIND, FX_STATUS,
    FX_VOID_REASON, FX_OUTCOME, FX_BRIER, FX_EVIDENCE_DATE, FX_EVIDENCE, FX_EVIDENCE_SOURCE,
    FX_EVIDENCE_RECORD, FX_COUNT
};

/*
 * "a; b; c" from n strings, the i-th being the char * found stride bytes
 * after the (i-1)-th at first: a char ** array (stride sizeof(char *)) or a
 * field of an array of structs.  A new string, or NULL when out of memory.
 */
static char *join_list(const void *first, size_t n, size_t stride)
{
    const char *base = first;
    size_t i, len = 1;
    char *s;

    for (i = 0; i < n; i++)
        len += strlen(*(char *const *)(const void *)(base + i * stride)) + 2;
    if (!(s = hs_malloc(len)))
        return NULL;
    s[0] = '\0';
    for (i = 0; i < n; i++) {
        if (i)
            strcat(s, "; ");
        strcat(s, *(char *const *)(const void *)(base + i * stride));
    }
    return s;
}

/* Fill the evidence columns from record r (HS_NONE: leave them empty). */
static void evidence_cells(hs_table *t, const hs_dataset *ds, size_t r, size_t col_date,
                           size_t col_text)
{
    const hs_record *rec;
    char date[HS_DATE_TEXT_SIZE], where[512];

    if (r == HS_NONE)
        return;
    rec = &ds->records[r];
    hs_date_format(rec->date, date);
    snprintf(where, sizeof(where), "%s:%lu", rec->pos.file, rec->pos.line);
    hs_table_text(t, col_date, date);
    hs_table_text(t, col_text, rec->evidence);
    hs_table_text(t, col_text + 1, rec->evidence_source);
    hs_table_text(t, col_text + 2, where);
}

static int forecast_table(hs_table *t, const hs_run *run)
{
    static const column cols[FX_COUNT] = {
        {"id", 0}, {"forecaster", 0}, {"organization", 0}, {"role", 0}, {"source", 0},
        {"outlet", 0}, {"published", 0}, {"also_reported_by", 0}, {"quote", 0},
        {"question", 0}, {"condition", 0}, {"stance", 0}, {"hedge", 0},
        {"probability", 3}, {"basis", 0}, {"basis_reason", 0}, {"p_yes", 3}, {"made", 0},
        {"deadline", 0}, {"deadline_kind", 0}, {"status", 0}, {"void_reason", 0},
        {"outcome", 0}, {"brier", 4}, {"evidence_date", 0}, {"evidence", 0},
        {"evidence_source", 0}, {"evidence_record", 0}};
    const hs_dataset *ds = run->ds;
    size_t i;

    if (add_columns(t, cols, FX_COUNT) < 0)
        return -1;
    for (i = 0; i < run->n; i++) {
        const hs_forecast *f = &ds->forecasts[i];
        const hs_source *src = f->source == HS_NONE ? NULL : &ds->sources[f->source];
        const hs_scored *s = &run->items[i];
        char date[HS_DATE_TEXT_SIZE], *also;

        if (hs_table_row(t) < 0)
            return -1;
        hs_table_text(t, FX_ID, f->id);
        hs_table_text(t, FX_FORECASTER, f->forecaster);
        hs_table_text(t, FX_ORGANIZATION, f->organization);
        hs_table_text(t, FX_ROLE, f->role);
        if (src) {    /* a plain bulk row may have no source */
            hs_table_text(t, FX_SOURCE, src->id);
            hs_table_text(t, FX_OUTLET, src->outlet);
            hs_date_format(src->published, date);
            hs_table_text(t, FX_PUBLISHED, date);
        }
        if (f->n_also) {
            if (!(also = join_list(&f->also[0].source_id, f->n_also, sizeof(*f->also))))
                return -1;
            hs_table_text(t, FX_ALSO, also);
            hs_free(also);
        }
        hs_table_text(t, FX_QUOTE, f->quote);
        hs_table_text(t, FX_QUESTION, f->question_id);
        hs_table_text(t, FX_CONDITION, f->condition_id);
        if (!f->plain) {    /* p_yes alone: no stance, hedge or basis */
            hs_table_text(t, FX_STANCE, f->stance_yes ? "yes" : "no");
            hs_table_text(t, FX_HEDGE, f->hedge);
            hs_table_real(t, FX_PROBABILITY, hs_prob_to_double(s->p_stance));
            hs_table_text(t, FX_BASIS, hs_basis_name(f->basis));
        }
        hs_table_text(t, FX_BASIS_REASON, f->basis_reason);
        hs_table_real(t, FX_P_YES, hs_prob_to_double(s->p_yes));
        hs_date_format(f->made, date);
        hs_table_text(t, FX_MADE, date);
        hs_table_resolution(t, FX_DEADLINE, s);
        evidence_cells(t, ds, s->res.evidence, FX_EVIDENCE_DATE, FX_EVIDENCE);
    }
    return t->oom ? -1 : 0;
}

enum {
    QX_ID, QX_TITLE, QX_CRITERIA, QX_TAGS, QX_RESOLUTION, QX_RESOLUTION_DATE, QX_EVIDENCE,
    QX_EVIDENCE_SOURCE, QX_EVIDENCE_RECORD, QX_FORECASTS, QX_SCORED, QX_PENDING, QX_VOID,
    QX_BRIER, QX_COUNT
};

static int question_table(hs_table *t, const hs_run *run)
{
    static const column cols[QX_COUNT] = {
        {"id", 0}, {"title", 0}, {"criteria", 0}, {"tags", 0}, {"resolution", 0},
        {"resolution_date", 0}, {"evidence", 0}, {"evidence_source", 0},
        {"evidence_record", 0}, {"forecasts", 0}, {"scored", 0}, {"pending", 0},
        {"void", 0}, {"brier", 4}};
    const hs_dataset *ds = run->ds;
    hs_knowledge *know = hs_calloc(ds->n_questions + 1, sizeof(*know));
    hs_group_options gopt;
    hs_groups g;
    hs_strmap by_id;
    size_t i, k;
    int ret = -1;

    memset(&g, 0, sizeof(g));
    hs_strmap_init(&by_id);
    hs_group_options_init(&gopt);
    gopt.bootstrap = 0;   /* counts and means only */
    if (!know || add_columns(t, cols, QX_COUNT) < 0 ||
        hs_groups_compute(&g, run, HS_BY_QUESTION, &gopt) < 0)
        goto cleanup;
    for (i = 0; i < g.n; i++)
        if (hs_strmap_put(&by_id, g.items[i].name, i, NULL) < 0)
            goto cleanup;
    hs_knowledge_compute(ds, run->opt.as_of, run->opt.replay, know);
    for (i = 0; i < ds->n_questions; i++) {
        const hs_question *q = &ds->questions[i];
        const hs_knowledge *kn = &know[i];
        const char *resolution = "unknown";
        size_t rec = HS_NONE;
        char *tags;

        if (hs_table_row(t) < 0 || !(tags = join_list(q->tags, q->n_tags, sizeof(*q->tags))))
            goto cleanup;
        hs_table_text(t, QX_ID, q->id);
        hs_table_text(t, QX_TITLE, q->title);
        hs_table_text(t, QX_CRITERIA, q->criteria);
        hs_table_text(t, QX_TAGS, tags);
        hs_free(tags);
        if (kn->annulled) {
            resolution = "annulled";
            rec = kn->annulled_record;
        } else if (kn->occurred) {
            resolution = "occurred";
            rec = kn->occurred_record;
        } else if (kn->not_occurred) {
            resolution = "not_occurred";
            rec = kn->not_record;
        }
        hs_table_text(t, QX_RESOLUTION, resolution);
        evidence_cells(t, ds, rec, QX_RESOLUTION_DATE, QX_EVIDENCE);
        if (hs_strmap_get(&by_id, q->id, &k)) {
            hs_table_int(t, QX_FORECASTS, (long long)g.items[k].n_forecasts);
            hs_table_int(t, QX_SCORED, (long long)g.items[k].n_scored);
            hs_table_int(t, QX_PENDING, (long long)g.items[k].n_pending);
            hs_table_int(t, QX_VOID, (long long)g.items[k].n_void);
            hs_table_real(t, QX_BRIER, g.items[k].brier);
        } else {
            hs_table_int(t, QX_FORECASTS, 0);
            hs_table_int(t, QX_SCORED, 0);
            hs_table_int(t, QX_PENDING, 0);
            hs_table_int(t, QX_VOID, 0);
        }
    }
    ret = t->oom ? -1 : 0;
cleanup:
    hs_strmap_release(&by_id);
    hs_groups_release(&g);
    hs_free(know);
    return ret;
}

/* scores.json's settings (its tables follow them, written straight from
 * the tables by write_json); NULL when out of memory. */
static json_t *export_json(const hs_export *ex)
{
    json_t *root = json_object();

    if (!root ||
        json_object_set_new(root, "format", json_string(HS_EXPORT_FORMAT)) < 0 ||
        json_object_set_new(root, "as_of", json_string(ex->as_of)) < 0 ||
        json_object_set_new(root, "horizon", json_string(ex->horizon)) < 0 ||
        json_object_set_new(root, "lexicon", json_string(ex->lexicon)) < 0 ||
        json_object_set_new(root, "brier_scale", json_string("0-1: 0 perfect, 0.25 coin flip, 1 always wrong")) < 0 ||
        json_object_set_new(root, "skill_reference",
                            json_string(ex->groups.reference == HS_REF_BASE_RATE ? "base-rate" : "coin")) < 0 ||
        json_object_set_new(root, "min_n", json_integer((json_int_t)ex->groups.min_n)) < 0 ||
        json_object_set_new(root, "bootstrap", json_integer((json_int_t)ex->groups.bootstrap)) < 0 ||
        json_object_set_new(root, "seed", json_integer((json_int_t)ex->groups.seed)) < 0 ||
        json_object_set_new(root, "replay", json_string(hs_replay_name(ex->replay))) < 0 ||
        (ex->groups.crowd != HS_CROWD_NONE &&
         json_object_set_new(root, "crowd", json_string(hs_crowd_kind_name(ex->groups.crowd))) < 0) ||
        (ex->groups.overall && json_object_set_new(root, "overall", json_true()) < 0))
        goto fail;
    return root;
fail:
    json_decref(root);
    return NULL;
}

int hs_export_build(hs_export *ex, const hs_run *run, const hs_group_options *gopt)
{
    int rc;

    hs_date_format(run->opt.as_of, ex->as_of);
    ex->replay = run->opt.replay;
    hs_horizon_format(run->opt.horizon, ex->horizon, sizeof(ex->horizon));
    ex->groups = *gopt;
    if (!(ex->lexicon = hs_strdup(run->opt.lexicon && run->opt.lexicon->name ? run->opt.lexicon->name : "")))
        return -1;
    /* a group called like the crowd or an overall row: 1, whichever table
     * finds it (ex->name_taken) */
    if ((rc = group_table(ex, &ex->forecasters, run, HS_BY_FORECASTER, gopt)) != 0 ||
        (rc = group_table(ex, &ex->organizations, run, HS_BY_ORGANIZATION, gopt)) != 0)
        return rc;
    if (forecast_table(&ex->forecasts, run) < 0 || question_table(&ex->questions, run) < 0)
        return -1;
    if ((rc = group_table(ex, &ex->tags, run, HS_BY_TAG, gopt)) != 0)
        return rc;
    if (!(ex->json = export_json(ex)))
        return -1;
    return 0;
}

/* scores.json's tables, by key, in the order they are written. */
typedef struct export_part {
    const char *key;
    const hs_table *t;
} export_part;
enum { N_PARTS = 5 };

static void export_parts(const hs_export *ex, export_part parts[N_PARTS])
{
    export_part p[N_PARTS] = {{"forecasters", &ex->forecasters},
                              {"organizations", &ex->organizations},
                              {"forecasts", &ex->forecasts},
                              {"questions", &ex->questions},
                              {"tags", &ex->tags}};

    memcpy(parts, p, sizeof(p));
}

json_t *hs_export_json(const hs_export *ex)
{
    export_part parts[N_PARTS];
    json_t *root = ex->json ? json_copy(ex->json) : NULL;
    size_t i;

    if (!root)
        return NULL;
    export_parts(ex, parts);
    for (i = 0; i < N_PARTS; i++)
        if (json_object_set_new(root, parts[i].key, hs_table_json(parts[i].t)) < 0) {
            json_decref(root);
            return NULL;
        }
    return root;
}

/* scores.json: the settings, then one array per table, written as
 * hs_json_write() writes the whole object (the tables' rows one at a time:
 * a jansson tree of every forecast would take gigabytes).  Returns 0 or
 * -1. */
static int write_json(const hs_export *ex, FILE *fp)
{
    export_part parts[N_PARTS];
    const char *key;
    json_t *value;
    size_t i;

    if (fputc('{', fp) == EOF)
        return -1;
    i = 0;
    json_object_foreach(ex->json, key, value) {   /* keys are plain ASCII names */
        if (fprintf(fp, "%s\n  \"%s\": ", i++ ? "," : "", key) < 0 ||
            hs_json_write_at(value, fp, 1) < 0)
            return -1;
    }
    export_parts(ex, parts);
    for (i = 0; i < N_PARTS; i++)
        if (fprintf(fp, ",\n  \"%s\": ", parts[i].key) < 0 ||
            hs_table_write_json_at(parts[i].t, fp, 1) < 0)
            return -1;
    return fputs("\n}\n", fp) < 0 ? -1 : 0;
}

int hs_export_add(const hs_export *ex, hs_afset *set, int excel, hs_diags *diags)
{
    const char *dir = set->dir;
    const hs_table *tables[N_CSV_FILES] = {&ex->forecasters, &ex->organizations,
                                           &ex->forecasts, &ex->questions, &ex->tags};
    hs_csv_style style;
    FILE *fp;
    size_t i;

    memset(&style, 0, sizeof(style));
    style.neutralise = 1;
    style.bom = style.crlf = excel;
    for (i = 0; i < N_CSV_FILES; i++) {
        if (!(fp = hs_afset_add(set, hs_export_files[i], diags)))
            return -1;
        errno = 0;
        if (hs_table_write_csv_style(tables[i], fp, &style) < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "cannot write '%s': %s",
                         hs_export_files[i], tables[i]->oom ? "out of memory"
                                             : errno ? strerror(errno) : "write error");
            return -1;
        }
    }
    if (!(fp = hs_afset_add(set, hs_export_files[N_CSV_FILES], diags)))
        return -1;
    errno = 0;
    if (write_json(ex, fp) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "cannot write '%s': %s",
                     hs_export_files[N_CSV_FILES], errno ? strerror(errno) : "write error");
        return -1;
    }
    return 0;
}

int hs_export_write(const hs_export *ex, const hs_outdir *out, int excel, hs_diags *diags)
{
    hs_afset set;
    int ret;

    hs_afset_init(&set, out->fd, out->path);
    hs_af_clean(out->fd, out->path, hs_export_files, NULL, NULL, diags);
    ret = hs_export_add(ex, &set, excel, diags) == 0 && hs_afset_commit(&set, diags) == 0
              ? 0 : -1;
    hs_afset_release(&set);
    return ret;
}
