/*
 * history.h - what the scheduled job (`hindsight rescore`) remembers between
 * runs, and what changed since the last one.
 *
 *  - hs_snapshot: the statuses and scores a run exported, read from an
 *    export's scores.json (or built from one in memory), enough to tell
 *    what changed.
 *  - hs_changes: the differences between two snapshots.
 *  - hs_history: history.csv, one row per forecaster and organization for
 *    every run that changed something.  Each run writes its history into
 *    its new state generation (a copy of the last one, then its own rows),
 *    so the history and latest/ are committed together by one rename
 *    (hindsight(1), STATE DIRECTORY); the rows only ever grow.
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
    char *path;                  /* STATE/history.csv, for messages */
    int fd;                      /* the copy being written; -1 */
    long long size;              /* bytes in the copy */
    size_t rows;                 /* data rows in the copy */
    unsigned long last_run;      /* run number of its last row; 0 if none */
    size_t repaired_bytes;       /* a torn last line, not copied */
    size_t dropped_rows;         /* rows of runs after the committed one, not copied */
    unsigned long dropped_run;   /* the first such run */
} hs_history;

void hs_history_init(hs_history *h);
/* Close the copy (it stays where it is) and free everything. */
void hs_history_release(hs_history *h);

/*
 * Start a new generation's history: check every row of the history
 * src_name of src_dirfd (absent, or src_dirfd < 0: an empty history; never
 * read through a link, a FIFO does not block; path names it in messages)
 * and copy it into a new file dst_name of dst_dirfd, which must not exist.
 * Not copied, each with a warning: a torn last line, and the rows of runs
 * after committed (the last run whose state was committed), which a run
 * killed before it finished could leave in a history of the layout before
 * generations.  A malformed complete row or header is an error.  The copy
 * is synced and stays open for hs_history_append().  Returns 0 or -1 (diags).
 */
int hs_history_copy(hs_history *h, int src_dirfd, const char *src_name, const char *path,
                    int dst_dirfd, const char *dst_name, unsigned long committed,
                    hs_diags *diags);

/*
 * Append to the copy one row per group of snap (forecasters, then
 * organizations) as run number run (greater than h->last_run), dated
 * snap->as_of, with the header first when the copy is empty, and sync it.
 * *written gets the rows written.  Returns 0 or -1 (diags).
 */
int hs_history_append(hs_history *h, unsigned long run, const hs_snapshot *snap,
                      size_t *written, hs_diags *diags);

#endif
