/*
 * dataset.h - the data model: sources, forecasts, questions and outcome
 * records, loaded from a data directory (docs/formats.md).
 *
 * Ownership: an hs_dataset owns every string and array reachable from it.
 * Pointers into it stay valid until hs_dataset_release().  Cross references
 * (question, condition, sources) are resolved to array indices by
 * hs_dataset_load(); HS_NONE marks an absent or unknown reference.
 */
#ifndef HINDSIGHT_DATASET_H
#define HINDSIGHT_DATASET_H

#include <stddef.h>
#include "date.h"
#include "diag.h"
#include "lexicon.h"
#include "prob.h"
#include "strmap.h"

#define HS_NONE ((size_t)-1)

enum hs_precision { HS_PREC_DAY, HS_PREC_MONTH, HS_PREC_YEAR, HS_PREC_ESTIMATED };
enum hs_basis { HS_BASIS_LEXICON, HS_BASIS_EXPLICIT, HS_BASIS_CURATOR };
/* Who chose a forecast's stated deadline: the speaker ("by the end of 2024")
 * or the curator, reading a time frame the speaker implied ("a long war"). */
enum hs_deadline_by { HS_DEADLINE_BY_SPEAKER, HS_DEADLINE_BY_CURATOR };
/* occurred, not_occurred: event questions; yes, no, value: dated questions
 * (the answer as of the record's date); annulled: either. */
enum hs_record_status {
    HS_REC_OCCURRED, HS_REC_NOT_OCCURRED, HS_REC_ANNULLED, HS_REC_YES, HS_REC_NO, HS_REC_VALUE
};
/* The kinds of name whose spellings are compared (hs_dataset.spellings). */
enum hs_spell_kind { HS_SPELL_FORECASTER, HS_SPELL_ORGANIZATION, HS_SPELL_TAG, HS_SPELL_COUNT };

/* Where something was defined, for messages. */
typedef struct hs_pos {
    const char *file;       /* borrowed from hs_dataset.files */
    unsigned long line, column;
} hs_pos;

/* Where one field of a forecast is, in the forecast's own file and
 * relative to its line (a quarter of an hs_pos: a bulk file's rows are
 * many); hs_forecast_pos() turns it into an hs_pos. */
typedef struct hs_field_pos {
    unsigned int lines;     /* 0: not given; else 1 + lines after
                               hs_forecast.pos.line */
    unsigned int column;
} hs_field_pos;

typedef struct hs_source {
    char *id, *outlet, *title, *url, *seed, *published_note;
    hs_date published;
    enum hs_precision precision;
    hs_pos pos;
} hs_source;

typedef struct hs_also {
    size_t source;          /* index into sources, HS_NONE if unknown */
    char *source_id;
    char *quote;            /* may be NULL */
} hs_also;

typedef struct hs_forecast {
    /* forecaster, organization, role, hedge, question_id and condition_id
     * repeat from forecast to forecast: each distinct text is stored once
     * in hs_dataset.strings and shared (never free them one by one); id,
     * quote, basis_reason and note are the forecast's own. */
    char *id, *forecaster, *organization, *role, *quote, *hedge;
    char *question_id, *condition_id;   /* condition_id may be NULL */
    char *basis_reason, *note;          /* may be NULL */
    int stance_yes;                     /* 1 = "yes", 0 = "no" */
    int plain;                          /* given as p_yes (docs/formats.md):
                                           stance_yes is 1, basis explicit,
                                           probability is p_yes; hedge and
                                           quote are "" and no hedge was
                                           spoken */
    enum hs_basis basis;
    hs_prob probability;                /* confidence in the stance, exact
                                           (prob.h); only when basis is not
                                           lexicon */
    hs_date made;
    hs_date deadline;                   /* only when has_deadline */
    int has_deadline;
    enum hs_deadline_by deadline_set_by;  /* only when has_deadline */
    size_t source;                      /* primary source index, HS_NONE
                                           for a bulk row without a source */
    hs_also *also;                      /* other sources, same statement */
    size_t n_also;
    size_t question, condition;         /* indices, HS_NONE when absent */
    hs_pos pos;                         /* the forecast object or row */
    hs_field_pos pos_question, pos_condition, pos_hedge, pos_quote;
    hs_pos *also_pos;                   /* one per also entry */
} hs_forecast;

typedef struct hs_question {
    char *id, *title, *criteria;
    char **tags;
    size_t n_tags;
    int dated;                          /* kind "dated": answered as of each
                                           forecast's deadline */
    size_t *dated_records;              /* dated: its record indices, by
                                           date then file order; owned */
    size_t n_dated_records;
    hs_pos pos;
} hs_question;

typedef struct hs_record {
    char *question_id;
    size_t question;                    /* index, HS_NONE when unknown */
    enum hs_record_status status;
    hs_date date, recorded;
    hs_prob value;                      /* HS_REC_VALUE: the outcome in [0, 1] */
    char *evidence, *evidence_source;
    hs_pos pos;
} hs_record;

typedef struct hs_dataset {
    char **files;                       /* every path read, owned */
    size_t n_files, alloc_files;
    hs_source *sources;
    size_t n_sources, alloc_sources;
    hs_forecast *forecasts;
    size_t n_forecasts, alloc_forecasts;
    hs_question *questions;
    size_t n_questions, alloc_questions;
    hs_record *records;
    size_t n_records, alloc_records;
    hs_strmap source_ids, forecast_ids, question_ids;
    /* A source or question definition was rejected (reported): references
     * to ids that are missing are then not reported again, since the
     * missing id is most likely the rejected one. */
    int sources_incomplete, questions_incomplete;
    /* Spellings of forecaster, organisation and tag names seen so far, for
     * check's look-alike warnings (names.c); NULL until the first. */
    struct hs_spellings *spellings[HS_SPELL_COUNT];
    /* The shared copies of the forecasts' repeated texts (hs_forecast),
     * owned, and the map from a text to its index in strings. */
    char **strings;
    size_t n_strings, alloc_strings;
    hs_strmap string_ids;
} hs_dataset;

void hs_dataset_init(hs_dataset *ds);
void hs_dataset_release(hs_dataset *ds);

/*
 * Load DIR/forecasts/ *.json and *.csv, DIR/outcomes/questions.json and
 * DIR/outcomes/ *.csv, then check cross references against each other and
 * against lex (hedges without a probability must be in it; lex may be NULL
 * to skip that check).  Every problem goes to diags.  Returns 0 when there
 * is no error (warnings allowed), -1 otherwise.
 */
int hs_dataset_load(hs_dataset *ds, const char *dir, const hs_lexicon *lex,
                    hs_diags *diags);

/*
 * Load only DIR/outcomes: the questions and every outcome record file, and
 * link the records to the questions (hs_dataset_load without forecasts):
 * what adding a question or a record checks against, so that forecasts
 * already naming a question not yet added do not stand in the way.
 * Returns 0, or -1 with errors in diags.
 */
int hs_dataset_load_outcomes(hs_dataset *ds, const char *dir, hs_diags *diags);

/* The loaders hs_dataset_load() is made of, for tests and tools. */
int hs_load_forecasts_json(hs_dataset *ds, const char *path, hs_diags *diags);
int hs_load_forecasts_csv(hs_dataset *ds, const char *path, hs_diags *diags);
int hs_load_questions_json(hs_dataset *ds, const char *path, hs_diags *diags);
int hs_load_records_csv(hs_dataset *ds, const char *path, hs_diags *diags);
/*
 * Verify quotes against their articles (docs/formats.md, "Quotes and their
 * articles"): for every source with a `seed`, read DIR/seed and check that
 * each forecast's quote, and each also_reported_by quote pointing at that
 * source, occurs in it after the normalisation of textmatch.h.  A quote that
 * does not is an error at the quote, naming the closest passage with its
 * FILE:LINE:COLUMN and the number of edits; an article that cannot be read
 * or is not UTF-8 is an error at the source.  Returns 0 when every quote was
 * found, -1 otherwise (out of memory included).
 */
int hs_dataset_verify_quotes(const hs_dataset *ds, const char *dir, hs_diags *diags);

/* Resolve ids to indices and report cross-reference errors. */
int hs_dataset_link(hs_dataset *ds, const hs_lexicon *lex, hs_diags *diags);

/* Register a path in ds->files; returns the stored copy or NULL. */
const char *hs_dataset_add_file(hs_dataset *ds, const char *path);

const char *hs_basis_name(enum hs_basis b);
/* The id of f's primary source, or "" when it has none (a plain bulk row). */
const char *hs_forecast_source_id(const hs_dataset *ds, const hs_forecast *f);
/* Where field at of forecast f is (at is one of f's pos_* members); file
 * NULL and line 0 when the field was not given. */
hs_pos hs_forecast_pos(const hs_forecast *f, hs_field_pos at);
const char *hs_record_status_name(enum hs_record_status s);
const char *hs_precision_name(enum hs_precision p);

#endif
