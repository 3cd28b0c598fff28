/*
 * history.h - what the scheduled job (`hindsight rescore`) remembers between
 * runs, and what changed since the last one.
 *
 *  - hs_snapshot: the statuses and scores a run exported, read from an
 *    export's scores.json (or built from one in memory), enough to tell
 *    what changed.
 *  - hs_changes: the differences between two snapshots.
 *  - hs_history: history.csv, one row per forecaster and organization for
 *    every run that changed something.  Append-only and synced to disk; a
 *    torn last line left by a crash is cut off when the file is next
 *    opened, and every complete row is kept.
 *
 * Ownership: snapshots own copies of their strings; hs_changes refers to
 * snapshot rows by index, so it is valid while both snapshots are.
 */
#ifndef HINDSIGHT_HISTORY_H
#define HINDSIGHT_HISTORY_H

#include <stddef.h>
#include "date.h"
#include "diag.h"

typedef struct hs_snap_forecast {
    char *id, *forecaster, *organization, *question;
    char *status;           /* pending, yes, no or void */
    char *void_reason;      /* "" unless void */
    char *evidence;         /* FILE:LINE of the deciding record, "" if none */
    double brier;           /* NaN unless scored; rounded as exported */
} hs_snap_forecast;

typedef struct hs_snap_group {
    char *name;
    long rank;              /* 0 = unranked */
    long forecasts, scored, pending, n_void;
    double brier;           /* NaN when nothing is scored; rounded as exported */
} hs_snap_group;

enum { HS_SNAP_FORECASTER, HS_SNAP_ORGANIZATION, HS_SNAP_KINDS };

typedef struct hs_snapshot {
    char as_of[16];         /* "YYYY-MM-DD"; "" for the empty snapshot */
    hs_snap_forecast *forecasts;
    size_t n_forecasts;
    hs_snap_group *groups[HS_SNAP_KINDS];
    size_t n_groups[HS_SNAP_KINDS];
} hs_snapshot;

/* An empty snapshot: what there is before the first run. */
void hs_snapshot_init(hs_snapshot *s);
void hs_snapshot_release(hs_snapshot *s);

/* "forecaster" or "organization". */
const char *hs_snap_kind_name(int kind);

/*
 * Fill s from an export's JSON (hs_export.json, or scores.json read back);
 * file names it in messages.  Returns 0, or -1 with the problem in diags
 * (a missing member, a wrong type, out of memory).
 */
struct json_t;
int hs_snapshot_from_json(hs_snapshot *s, const struct json_t *root, const char *file,
                          hs_diags *diags);
/* Read scores.json at path into s.  Returns 0 or -1 (diags). */
int hs_snapshot_load(hs_snapshot *s, const char *path, hs_diags *diags);

/*
 * Read a JSON file that hindsight wrote and keeps (scores.json, rescore's
 * state.json) the way the loaders read data files: a FIFO does not block, a
 * directory is an error, duplicate keys are rejected, and messages carry the
 * line and column.  The top level must be an object whose "format" is
 * format.  Returns a new reference, or NULL with the problem in diags.
 */
struct json_t *hs_json_file_load(const char *path, const char *format, hs_diags *diags);

enum hs_change_kind {
    HS_CHANGE_RESOLVED,     /* pending -> yes or no */
    HS_CHANGE_VOIDED,       /* became void, or void for another reason */
    HS_CHANGE_STATUS,       /* any other status change (yes <-> no, back to pending) */
    HS_CHANGE_RESCORED,     /* same status, another Brier score (lexicon, horizon) */
    HS_CHANGE_NEW,          /* a forecast the previous run did not have */
    HS_CHANGE_REMOVED,      /* a forecast gone since the previous run */
    HS_CHANGE_GROUP         /* a forecaster's or organization's score, rank or
                               counts changed, or it appeared or went */
};

typedef struct hs_change {
    enum hs_change_kind kind;
    int group;              /* HS_SNAP_FORECASTER or _ORGANIZATION (HS_CHANGE_GROUP) */
    size_t prev, cur;       /* rows in the previous / current snapshot; HS_NONE-like
                               (size_t)-1 when absent */
} hs_change;

typedef struct hs_changes {
    hs_change *items;
    size_t n, alloc;
} hs_changes;

void hs_changes_init(hs_changes *c);
void hs_changes_release(hs_changes *c);

/*
 * Everything that differs from prev to cur: forecasts in cur's order (then
 * those removed, in prev's), then forecasters, then organizations, each in
 * cur's order (then those gone).  Returns 0, or -1 when out of memory.
 */
int hs_changes_compute(hs_changes *c, const hs_snapshot *prev, const hs_snapshot *cur);

/* history.csv columns, in order (a stable interface, hindsight(1)). */
#define HS_HISTORY_HEADER "run,as_of,kind,name,forecasts,scored,pending,void,brier,rank"

typedef struct hs_history {
    char *path;
    long long size;              /* bytes of complete rows (after repair) */
    size_t rows;                 /* data rows */
    unsigned long last_run;      /* run number of the last row; 0 if none */
    long long last_run_start;    /* offset of the trailing rows of last_run */
    size_t last_run_rows;        /* how many they are */
    size_t repaired_bytes;       /* torn bytes cut off by hs_history_open() */
} hs_history;

void hs_history_init(hs_history *h);
void hs_history_release(hs_history *h);

/*
 * Open history.csv at path (a missing file is an empty history), check
 * every complete row and cut off a torn last line (a warning in diags,
 * repaired_bytes set).  A malformed complete row or header is an error:
 * the file is left alone.  Returns 0 or -1 (diags).
 */
int hs_history_open(hs_history *h, const char *path, hs_diags *diags);

/*
 * Append one row per group of snap (forecasters, then organizations) as
 * run number run, dated snap->as_of, and sync the file.  When the file
 * already ends with rows of that run number (left by a run killed before
 * it finished) and they begin the same batch, only the missing rows are
 * written; when they differ, or the file has a later run, the batch takes
 * the next free number.  *used_run gets the number used, *written the rows
 * written.  Returns 0 or -1 (diags).
 */
int hs_history_append(hs_history *h, unsigned long run, const hs_snapshot *snap,
                      unsigned long *used_run, size_t *written, hs_diags *diags);

#endif
