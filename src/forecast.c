/*
 * forecast.c - the dataset's storage, and the checks every forecast passes
 * whichever file format it came from.
 */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "hindsight/names.h"
#include "internal.h"

void hs_dataset_init(hs_dataset *ds)
{
    memset(ds, 0, sizeof(*ds));
}

static void source_release(hs_source *s)
{
    hs_free(s->id);
    hs_free(s->outlet);
    hs_free(s->title);
    hs_free(s->url);
    hs_free(s->seed);
    hs_free(s->published_note);
}

static void forecast_release(hs_forecast *f)
{
    size_t i;

    hs_free(f->id);   /* forecaster, organization, role, hedge and the
                         question ids are shared (hs_dataset.strings) */
    hs_free(f->quote);
    hs_free(f->basis_reason);
    hs_free(f->note);
    for (i = 0; i < f->n_also; i++) {
        hs_free(f->also[i].source_id);
        hs_free(f->also[i].quote);
    }
    hs_free(f->also);
    hs_free(f->also_pos);
}

void hs_dataset_release(hs_dataset *ds)
{
    size_t i, j;

    for (i = 0; i < ds->n_sources; i++)
        source_release(&ds->sources[i]);
    for (i = 0; i < ds->n_forecasts; i++)
        forecast_release(&ds->forecasts[i]);
    for (i = 0; i < ds->n_questions; i++) {
        hs_question *q = &ds->questions[i];

        hs_free(q->id);
        hs_free(q->title);
        hs_free(q->criteria);
        for (j = 0; j < q->n_tags; j++)
            hs_free(q->tags[j]);
        hs_free(q->tags);
        hs_free(q->dated_records);
    }
    for (i = 0; i < ds->n_records; i++) {
        hs_free(ds->records[i].question_id);
        hs_free(ds->records[i].evidence);
        hs_free(ds->records[i].evidence_source);
    }
    hs_free_list(ds->files, ds->n_files);
    hs_free_list(ds->strings, ds->n_strings);
    hs_strmap_release(&ds->string_ids);
    hs_free(ds->sources);
    hs_free(ds->forecasts);
    hs_free(ds->questions);
    hs_free(ds->records);
    hs_strmap_release(&ds->source_ids);
    hs_strmap_release(&ds->forecast_ids);
    hs_strmap_release(&ds->question_ids);
    for (i = 0; i < HS_SPELL_COUNT; i++)
        hs_spellings_free(ds->spellings[i]);
    hs_dataset_init(ds);
}

const char *hs_dataset_add_file(hs_dataset *ds, const char *path)
{
    char *copy;

    if (hs_grow((void **)&ds->files, &ds->alloc_files, ds->n_files + 1,
                sizeof(*ds->files)) < 0 ||
        !(copy = hs_strdup(path)))
        return NULL;
    ds->files[ds->n_files++] = copy;
    return copy;
}

/* The dataset's one copy of text s (hs_forecast's repeated fields),
 * made on first use; NULL when out of memory. */
static char *shared_text(hs_dataset *ds, const char *s)
{
    size_t i;
    char *copy;

    if (hs_strmap_get(&ds->string_ids, s, &i))
        return ds->strings[i];
    if (hs_grow((void **)&ds->strings, &ds->alloc_strings, ds->n_strings + 1,
                sizeof(*ds->strings)) < 0 ||
        !(copy = hs_strdup(s)))
        return NULL;
    if (hs_strmap_put(&ds->string_ids, copy, ds->n_strings, NULL) < 0) {
        hs_free(copy);
        return NULL;
    }
    return ds->strings[ds->n_strings++] = copy;
}

/* p as a position relative to the forecast at where (same file). */
static hs_field_pos field_pos(const hs_pos *where, const hs_pos *p)
{
    hs_field_pos fp = {0, 0};

    if (p->file && p->line >= where->line) {
        fp.lines = (unsigned int)(p->line - where->line + 1);
        fp.column = (unsigned int)p->column;
    }
    return fp;
}

hs_pos hs_forecast_pos(const hs_forecast *f, hs_field_pos at)
{
    hs_pos p = {NULL, 0, 0};

    if (at.lines) {
        p.file = f->pos.file;
        p.line = f->pos.line + at.lines - 1;
        p.column = at.column;
    }
    return p;
}

const char *hs_forecast_source_id(const hs_dataset *ds, const hs_forecast *f)
{
    return f->source == HS_NONE ? "" : ds->sources[f->source].id;
}

int hs_dataset_note_name(hs_dataset *ds, enum hs_spell_kind kind, const char *raw,
                         const char *normal, const hs_pos *pos, hs_diags *diags)
{
    static const char *const what[HS_SPELL_COUNT] = {"forecaster", "organization", "tag"};

    if (!ds->spellings[kind] && !(ds->spellings[kind] = hs_spellings_new()))
        return -1;
    return hs_spellings_note(ds->spellings[kind], what[kind], raw, normal, pos, diags);
}

const char *hs_basis_name(enum hs_basis b)
{
    return b == HS_BASIS_EXPLICIT ? "explicit" : b == HS_BASIS_CURATOR ? "curator" : "lexicon";
}

const char *hs_record_status_name(enum hs_record_status s)
{
    static const char *const names[] = {"occurred", "not_occurred", "annulled",
                                        "yes", "no", "value"};

    return names[s];
}

const char *hs_precision_name(enum hs_precision p)
{
    static const char *const names[] = {"day", "month", "year", "estimated"};

    return names[p];
}

size_t hs_source_add(hs_dataset *ds, hs_source *src, hs_diags *diags, int *oom)
{
    size_t first;
    int rc;

    *oom = 0;
    if (hs_grow((void **)&ds->sources, &ds->alloc_sources, ds->n_sources + 1,
                sizeof(*ds->sources)) < 0 ||
        (rc = hs_strmap_put(&ds->source_ids, src->id, ds->n_sources, &first)) < 0) {
        *oom = 1;
        return HS_NONE;
    }
    if (rc == 0) {
        const hs_pos *p = &ds->sources[first].pos;

        hs_diags_add(diags, HS_SEV_ERROR, src->pos.file, src->pos.line, src->pos.column,
                     "duplicate source id '%s' (first defined at %s:%lu)", src->id,
                     p->file, p->line);
        return HS_NONE;
    }
    ds->sources[ds->n_sources] = *src;
    return ds->n_sources++;
}

static const char *const field_names[RF_COUNT] = {
    "id", "forecaster", "organization", "role", "quote", "question", "stance",
    "hedge", "probability", "basis", "basis_reason", "condition", "made",
    "deadline", "note", "deadline_set_by", "p_yes"};

/* How each field's text is read: a name or key (one line, normalised), one
 * line as written, or multi-line text.  The probability is a number, which
 * its loader parses. */
enum { TEXT_NAME, TEXT_LINE, TEXT_MULTI, TEXT_NUMBER };
static const int field_text[RF_COUNT] = {
    [RF_ID] = TEXT_NAME, [RF_FORECASTER] = TEXT_NAME, [RF_ORGANIZATION] = TEXT_NAME,
    [RF_ROLE] = TEXT_NAME, [RF_QUOTE] = TEXT_MULTI, [RF_QUESTION] = TEXT_NAME,
    [RF_STANCE] = TEXT_LINE, [RF_HEDGE] = TEXT_LINE, [RF_PROBABILITY] = TEXT_NUMBER,
    [RF_BASIS] = TEXT_LINE, [RF_BASIS_REASON] = TEXT_MULTI, [RF_CONDITION] = TEXT_NAME,
    [RF_MADE] = TEXT_LINE, [RF_DEADLINE] = TEXT_LINE, [RF_NOTE] = TEXT_MULTI,
    [RF_DEADLINE_SET_BY] = TEXT_LINE, [RF_P_YES] = TEXT_NUMBER};

/* Required of every forecast, and of one given by stance (not p_yes). */
static const int field_required[RF_COUNT] = {
    [RF_ID] = 1, [RF_FORECASTER] = 1, [RF_QUESTION] = 1};
static const int stance_required[RF_COUNT] = {
    [RF_ORGANIZATION] = 1, [RF_QUOTE] = 1, [RF_STANCE] = 1, [RF_HEDGE] = 1};
/* The fields p_yes replaces: given with p_yes, they are an error. */
static const int stance_only[RF_COUNT] = {
    [RF_STANCE] = 1, [RF_HEDGE] = 1, [RF_PROBABILITY] = 1, [RF_BASIS] = 1,
    [RF_BASIS_REASON] = 1};

/* Report a bad value at its position, quoting it. */
static void bad_value(hs_diags *diags, const hs_pos *p, const char *value,
                      const char *fmt_head, const char *tail)
{
    char *q = hs_quote_value(value, strlen(value), 60);

    hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column, "%s '%s' %s",
                 fmt_head, q ? q : "?", tail);
    hs_free(q);
}

/* Parse a date field; reports and returns -1 when invalid. */
static int date_field(const hs_raw_forecast *raw, int k, hs_date *out, hs_diags *diags)
{
    const char *v = raw->val[k];

    if (hs_date_parse(v, strlen(v), out) == 0)
        return 0;
    bad_value(diags, &raw->pos[k], v, field_names[k],
              "is not a valid date; use YYYY-MM-DD with a real day of the month");
    return -1;
}

/* Check every text field for control characters and put names and keys in
 * their normal form (new strings in norm[], which v[] then points at).
 * Returns the number of errors reported, or -1 when out of memory. */
static int forecast_text(hs_raw_forecast *raw, char **norm, hs_diags *diags)
{
    size_t k;
    int errors = 0;

    for (k = 0; k < RF_COUNT; k++) {
        const char *v = raw->val[k];
        const hs_pos *p = &raw->pos[k];

        if (!v || field_text[k] == TEXT_NUMBER)
            continue;
        if (hs_text_check(field_names[k], v, strlen(v), field_text[k] == TEXT_MULTI, p->file,
                          p->line, p->column, diags) < 0) {
            errors++;
            continue;
        }
        if (field_text[k] != TEXT_NAME)
            continue;
        if (hs_name_normalize(v, strlen(v), &norm[k]) < 0)
            return -1;
        if (norm[k])
            raw->val[k] = norm[k];
    }
    return errors;
}

/* Parse "NUMBER" or "NUMBER%" as a percentage, exactly: the number's
 * decimal point moves two places left (no exponent allowed). */
static int percent_parse(const char *v, hs_prob *out)
{
    char buf[64];
    size_t len = strlen(v);

    if (len && v[len - 1] == '%')
        len--;
    if (len == 0 || len + 4 > sizeof(buf) || strcspn(v, "eE") < len)
        return HS_PROB_ESYNTAX;
    memcpy(buf, v, len);
    memcpy(buf + len, "e-2", 4);
    return hs_prob_parse(buf, len + 3, out);
}

/* A value in (1, 100]: most likely a percentage. */
static int percent_like(const char *v)
{
    hs_prob p;

    return percent_parse(v, &p) >= 0 && p > HS_PROB_ONE / 100;
}

/*
 * Parse field k (probability or p_yes) exactly (prob.h).  Reports and
 * returns -1 when it is not a number in [0, 1] (a percentage for p_yes from
 * the p_yes_percent column); a value with more than 9 decimal places is
 * rounded half to even with one warning per file (*warned set).  Of the
 * values in (1, 100] in one file only the first is reported, with the way
 * to read them as percentages; the others are counted in
 * *raw->n_percent_like for the loader's closing note.
 */
static int probability_field(const hs_raw_forecast *raw, int k, hs_prob *out,
                             hs_diags *diags)
{
    const char *v = raw->val[k];
    const hs_pos *p = &raw->pos[k];
    const char *name = k == RF_P_YES && raw->p_yes_percent ? "p_yes_percent" : field_names[k];
    char text[HS_PROB_TEXT_MAX];
    int rc = k == RF_P_YES && raw->p_yes_percent ? percent_parse(v, out)
                                                 : hs_prob_parse(v, strlen(v), out);

    switch (rc) {
    case HS_PROB_EXACT:
        return 0;
    case HS_PROB_ROUNDED:
        if (raw->warned_rounding && !*raw->warned_rounding) {
            char *q = hs_quote_value(v, strlen(v), 60);

            *raw->warned_rounding = 1;
            hs_diags_add(diags, HS_SEV_WARNING, p->file, p->line, p->column,
                         "%s '%s' has more than 9 decimal places; it is rounded to %s (hindsight keeps probabilities exact to 9 places; further such values in this file are rounded without a warning)",
                         name, q ? q : "?", hs_prob_format(*out, text));
            hs_free(q);
        }
        return 0;
    case HS_PROB_ERANGE:
        if (raw->p_yes_percent && k == RF_P_YES) {
            bad_value(diags, p, v, name, "is outside [0, 100]");
        } else if (raw->n_percent_like && percent_like(v)) {
            if ((*raw->n_percent_like)++ > 0)
                return -1;
            bad_value(diags, p, v, name,
                      k == RF_P_YES
                          ? "is outside [0, 1] and looks like a percentage; if the column holds percentages, name it 'p_yes_percent' (hindsight never guesses which values are percentages)"
                          : "is outside [0, 1] and looks like a percentage; write the column as decimals between 0 and 1 (hindsight never guesses which values are percentages)");
        } else {
            bad_value(diags, p, v, name, "is outside [0, 1]");
        }
        return -1;
    case HS_PROB_EPERCENT:
        bad_value(diags, p, v, name,
                  "is a percentage; write it as a decimal between 0 and 1, like 0.75");
        return -1;
    default:
        /* following "like 0.75" in a percent column would give 0.75 % */
        bad_value(diags, p, v, name,
                  k == RF_P_YES && raw->p_yes_percent
                      ? "is not a number; write it like 62.5 or 62.5% (the column holds percentages)"
                      : "is not a number; write it like 0.75");
        return -1;
    }
}

int hs_forecast_check(const hs_raw_forecast *raw, const hs_date *published, hs_forecast *out,
                      hs_diags *diags)
{
    hs_forecast f;
    size_t k;
    int errors = 0;
    const char *const *v = raw->val;

    memset(&f, 0, sizeof(f));
    f.plain = v[RF_P_YES] != NULL;
    for (k = 0; k < RF_COUNT; k++) {
        if (f.plain && stance_only[k] && v[k]) {
            const hs_pos *p = &raw->pos[k];

            hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                         "'%s' is given beside '%s'; a forecast gives either 'p_yes' (the probability of yes) or a 'stance' with its 'hedge', not both",
                         field_names[k], raw->p_yes_percent ? "p_yes_percent" : "p_yes");
            errors++;
        }
        if ((field_required[k] || (!f.plain && stance_required[k])) && (!v[k] || !*v[k])) {
            const hs_pos *p = v[k] ? &raw->pos[k] : &raw->where;

            hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                         v[k] ? "'%s' is empty; every forecast needs one"
                              : "forecast lacks required field '%s'",
                         field_names[k]);
            errors++;
        }
    }
    if (errors)
        return errors;

    if (f.plain) {
        f.stance_yes = 1;
        f.basis = HS_BASIS_EXPLICIT;
        if (probability_field(raw, RF_P_YES, &f.probability, diags) < 0)
            errors++;
        goto dates;
    }
    if (strcmp(v[RF_STANCE], "yes") == 0)
        f.stance_yes = 1;
    else if (strcmp(v[RF_STANCE], "no") != 0) {
        bad_value(diags, &raw->pos[RF_STANCE], v[RF_STANCE], "stance",
                  "is not 'yes' or 'no'");
        errors++;
    }

    f.basis = HS_BASIS_LEXICON;
    if (v[RF_BASIS]) {
        if (strcmp(v[RF_BASIS], "explicit") == 0)
            f.basis = HS_BASIS_EXPLICIT;
        else if (strcmp(v[RF_BASIS], "curator") == 0)
            f.basis = HS_BASIS_CURATOR;
        else if (strcmp(v[RF_BASIS], "lexicon") != 0) {
            bad_value(diags, &raw->pos[RF_BASIS], v[RF_BASIS], "basis",
                      "is not 'lexicon', 'explicit' or 'curator'");
            errors++;
        }
    }
    if (v[RF_PROBABILITY]) {
        const hs_pos *p = &raw->pos[RF_PROBABILITY];

        if (probability_field(raw, RF_PROBABILITY, &f.probability, diags) < 0) {
            errors++;
        } else if (!v[RF_BASIS]) {
            hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                         "probability needs a 'basis': 'explicit' (the speaker gave the number) or 'curator' (with a 'basis_reason')");
            errors++;
        } else if (strcmp(v[RF_BASIS], "lexicon") == 0) {
            hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                         "probability given with basis 'lexicon'; remove it to use the lexicon, or set basis to 'explicit' or 'curator'");
            errors++;
        }
    } else if (v[RF_BASIS] && f.basis != HS_BASIS_LEXICON) {
        const hs_pos *p = &raw->pos[RF_BASIS];

        hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                     "basis '%s' needs a 'probability'", v[RF_BASIS]);
        errors++;
    }
    if (f.basis == HS_BASIS_CURATOR && (!v[RF_BASIS_REASON] || !*v[RF_BASIS_REASON])) {
        const hs_pos *p = &raw->pos[RF_BASIS];

        hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                     "basis 'curator' needs a 'basis_reason' saying why the curator set the number");
        errors++;
    }

dates:
    if (published)
        f.made = *published;
    if (v[RF_MADE]) {
        if (date_field(raw, RF_MADE, &f.made, diags) < 0)
            errors++;
    } else if (!published) {
        hs_diags_add(diags, HS_SEV_ERROR, raw->where.file, raw->where.line, raw->where.column,
                     "forecast has no 'made' date and no 'source' to take it from; add a 'made' column (YYYY-MM-DD)");
        errors++;
    }
    if (v[RF_DEADLINE]) {
        if (date_field(raw, RF_DEADLINE, &f.deadline, diags) < 0) {
            errors++;
        } else if (f.deadline < f.made) {
            char d1[HS_DATE_TEXT_SIZE], d2[HS_DATE_TEXT_SIZE];
            const hs_pos *p = &raw->pos[RF_DEADLINE];

            hs_date_format(f.deadline, d1);
            hs_date_format(f.made, d2);
            hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                         "deadline %s is before the date the forecast was made, %s", d1, d2);
            errors++;
        } else {
            f.has_deadline = 1;
        }
    }
    if (v[RF_DEADLINE_SET_BY]) {
        const hs_pos *p = &raw->pos[RF_DEADLINE_SET_BY];

        if (strcmp(v[RF_DEADLINE_SET_BY], "curator") == 0) {
            f.deadline_set_by = HS_DEADLINE_BY_CURATOR;
        } else if (strcmp(v[RF_DEADLINE_SET_BY], "speaker") != 0) {
            bad_value(diags, p, v[RF_DEADLINE_SET_BY], "deadline_set_by",
                      "is not 'speaker' or 'curator'");
            errors++;
        }
        if (!v[RF_DEADLINE]) {
            hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                         "deadline_set_by is given but there is no 'deadline'; add the deadline or remove deadline_set_by");
            errors++;
        }
    }
    if (v[RF_CONDITION] && *v[RF_CONDITION] && strcmp(v[RF_CONDITION], v[RF_QUESTION]) == 0) {
        const hs_pos *p = &raw->pos[RF_CONDITION];

        hs_diags_add(diags, HS_SEV_ERROR, p->file, p->line, p->column,
                     "condition '%s' is the forecast's own question; a forecast cannot be conditional on itself",
                     v[RF_CONDITION]);
        errors++;
    }
    if (errors)
        return errors;

    f.stance_yes = f.plain || strcmp(v[RF_STANCE], "yes") == 0;
    f.source = raw->source;
    f.question = f.condition = HS_NONE;
    *out = f;
    return errors;
}

int hs_forecast_plain_text(hs_raw_forecast *raw, hs_diags *diags)
{
    char *norm[RF_COUNT] = {NULL};
    size_t k;
    int errors = forecast_text(raw, norm, diags), plain = errors == 0;

    for (k = 0; k < RF_COUNT; k++) {
        plain = plain && !norm[k];
        hs_free(norm[k]);
    }
    return errors < 0 ? -1 : plain;
}

int hs_forecast_add(hs_dataset *ds, hs_raw_forecast *raw, hs_diags *diags)
{
    hs_forecast f;
    size_t first, k;
    int errors, rc, ret = 0;
    const char **v = raw->val;
    const char *as_written[RF_COUNT];
    char *norm[RF_COUNT] = {NULL};
    const hs_date *published;

    memset(&f, 0, sizeof(f));
    memcpy(as_written, raw->val, sizeof(as_written));
    errors = forecast_text(raw, norm, diags);
    if (errors < 0)
        goto oom;
    if (errors)
        goto done;
    published = raw->source != HS_NONE ? &ds->sources[raw->source].published : NULL;
    if (hs_forecast_check(raw, published, &f, diags) > 0)
        goto done;
    f.pos = raw->where;
    f.id = hs_strdup(v[RF_ID]);
    f.forecaster = shared_text(ds, v[RF_FORECASTER]);
    f.organization = shared_text(ds, v[RF_ORGANIZATION] ? v[RF_ORGANIZATION] : "");
    f.quote = hs_strdup(v[RF_QUOTE] ? v[RF_QUOTE] : "");
    f.hedge = shared_text(ds, f.plain ? "" : v[RF_HEDGE]);
    f.question_id = shared_text(ds, v[RF_QUESTION]);
    if (!f.id || !f.forecaster || !f.organization || !f.quote || !f.hedge || !f.question_id)
        goto oom;
    if (v[RF_ROLE] && *v[RF_ROLE] && !(f.role = shared_text(ds, v[RF_ROLE])))
        goto oom;
    if (v[RF_CONDITION] && *v[RF_CONDITION] &&
        !(f.condition_id = shared_text(ds, v[RF_CONDITION])))
        goto oom;
#define OPTIONAL_COPY(field, k) \
    if (v[k] && *v[k] && !(f.field = hs_strdup(v[k]))) \
        goto oom
    OPTIONAL_COPY(basis_reason, RF_BASIS_REASON);
    OPTIONAL_COPY(note, RF_NOTE);
#undef OPTIONAL_COPY
    f.pos_question = field_pos(&f.pos, &raw->pos[RF_QUESTION]);
    f.pos_condition = field_pos(&f.pos, &raw->pos[RF_CONDITION]);
    f.pos_hedge = field_pos(&f.pos, &raw->pos[RF_HEDGE]);
    f.pos_quote = field_pos(&f.pos, &raw->pos[RF_QUOTE]);

    if (hs_grow((void **)&ds->forecasts, &ds->alloc_forecasts, ds->n_forecasts + 1,
                sizeof(f)) < 0)
        goto oom;
    rc = hs_strmap_put(&ds->forecast_ids, f.id, ds->n_forecasts, &first);
    if (rc < 0)
        goto oom;
    if (rc == 0) {
        const hs_pos *p = &ds->forecasts[first].pos;

        hs_diags_add(diags, HS_SEV_ERROR, raw->pos[RF_ID].file, raw->pos[RF_ID].line,
                     raw->pos[RF_ID].column,
                     "duplicate forecast id '%s' (first defined at %s:%lu)", f.id,
                     p->file, p->line);
        forecast_release(&f);
        goto done;
    }
    f.also = raw->also;
    f.n_also = raw->n_also;
    f.also_pos = raw->also_pos;
    raw->also = NULL;
    raw->also_pos = NULL;
    raw->n_also = 0;
    ds->forecasts[ds->n_forecasts++] = f;
    ret = 1;
    if (hs_dataset_note_name(ds, HS_SPELL_FORECASTER, as_written[RF_FORECASTER],
                             v[RF_FORECASTER], &raw->pos[RF_FORECASTER], diags) < 0 ||
        (v[RF_ORGANIZATION] &&    /* a p_yes forecast may have none */
         hs_dataset_note_name(ds, HS_SPELL_ORGANIZATION, as_written[RF_ORGANIZATION],
                              v[RF_ORGANIZATION], &raw->pos[RF_ORGANIZATION], diags) < 0))
        ret = -1;
    goto done;
oom:
    forecast_release(&f);
    ret = -1;
done:
    memcpy(raw->val, as_written, sizeof(as_written));
    for (k = 0; k < RF_COUNT; k++)
        hs_free(norm[k]);
    return ret;
}
