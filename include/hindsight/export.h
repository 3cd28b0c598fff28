/*
 * export.h - a run as spreadsheet-ready files (hindsight(1), EXPORT FILES):
 * forecasters.csv, organizations.csv, forecasts.csv, questions.csv,
 * tags.csv and scores.json with the same tables and the run's settings.
 *
 * File names, column names and column order are a stable interface: new
 * columns are only ever added at the end.  CSV is RFC 4180 through libcsv,
 * UTF-8, numbers with a '.' decimal point and fixed decimals; text cells a
 * spreadsheet would run as a formula are made inert (hs_csv_style).
 *
 * Ownership: an hs_export owns copies of everything in it; it does not
 * point into the run or the dataset it was built from.
 */
#ifndef HINDSIGHT_EXPORT_H
#define HINDSIGHT_EXPORT_H

#include "atomicfile.h"
#include "date.h"
#include "diag.h"
#include "score.h"
#include "table.h"

#define HS_EXPORT_FORMAT "hindsight-export/1"

typedef struct hs_export {
    hs_table forecasters;        /* one row per forecaster, best first */
    hs_table organizations;      /* one row per organization, best first */
    hs_table forecasts;          /* one row per forecast, in data order */
    hs_table questions;          /* one row per question, in data order */
    hs_table tags;               /* one row per question tag (and untagged),
                                    best first, as 'score --by tag' */
    char as_of[HS_DATE_TEXT_SIZE];
    enum hs_replay replay;       /* which records counted as of as_of */
    char horizon[24];            /* default horizon, as "2y" */
    char *lexicon;               /* name of the hedge table used, owned */
    hs_group_options groups;     /* how groups were ranked and intervals made */
    struct json_t *json;         /* scores.json's settings, owned (its tables
                                    are written from the tables above) */
    const char *name_taken;      /* when hs_export_build() returned 1: the
                                    name of the crowd or an overall row that
                                    a group of the data already has, static */
    enum hs_group_key taken_by;  /* and the grouping that group is of */
} hs_export;

/* The files an export writes, in order; NULL-terminated. */
extern const char *const hs_export_files[];

void hs_export_init(hs_export *ex);
void hs_export_release(hs_export *ex);

/* Build every table, and scores.json's settings, from a scored run; gopt
 * ranks the groups and sets the intervals, and with gopt->crowd adds the
 * crowd to forecasters.csv, organizations.csv and tags.csv, a
 * relative_brier column to each, and "crowd" to scores.json's settings;
 * with gopt->overall the two overall rows (hs_agg_overall) end those three
 * tables, and scores.json says "overall": true.
 * Returns 0, -1 when out of memory, or 1 when gopt->crowd is set and a
 * forecaster, organization or tag is called HS_CROWD_NAME. */
int hs_export_build(hs_export *ex, const hs_run *run, const hs_group_options *gopt);

/* scores.json's whole content as one JSON tree (the settings and one array
 * per table): a new reference, or NULL when out of memory.  It holds every
 * forecast; hs_export_add() writes the file without it. */
struct json_t *hs_export_json(const hs_export *ex);

/*
 * Stage the export's files in set's directory, not yet committed (the
 * caller may add files, then commits).  excel adds a byte-order mark and
 * CR LF line ends to the CSV files.  Returns 0 or -1 (diags).
 */
int hs_export_add(const hs_export *ex, hs_afset *set, int excel, hs_diags *diags);

/* Into out (opened and locked by the caller): remove what an interrupted
 * export left, hs_export_add() and commit, so that the five files are
 * replaced together, or (on an error or a signal, reported in diags) none
 * is.  Returns 0 or -1. */
int hs_export_write(const hs_export *ex, const hs_outdir *out, int excel, hs_diags *diags);

#endif
