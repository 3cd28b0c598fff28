/*
 * site.h - the static HTML report (hindsight(1), REPORT): leaderboards, a
 * page per forecaster, organization and question, calibration and
 * sensitivity, every datum escaped through html.h.
 *
 * The pages are plain files in one directory (no subdirectories): inline
 * CSS and SVG, no script, no request to any other host (a
 * Content-Security-Policy of default-src 'none' says so to the browser
 * too), links only between pages and to http(s) sources.  The same run and
 * options give the same bytes.  Long lists (leaderboards, a forecaster's,
 * an organization's or a question's forecasts) are cut into numbered
 * pages of at most page_rows rows (HS_SITE_ROWS by default), and a page
 * ends early where its next row would take it past HS_SITE_PAGE_BYTES, by
 * an upper bound of each row's size worked out before writing; so no page
 * is larger than HS_SITE_PAGE_BYTES unless one row, or the text and
 * outcome records of one question, is that large by itself.  A question's
 * page lists its forecasts briefly (who, probability, deadline, status,
 * Brier), each linked to its full entry on its forecaster's page: every
 * quote is written twice (forecaster and organization), not three times.
 * Writing takes time and space linear in the forecasts.
 *
 * Ownership: nothing is kept; run, options and lexicons are borrowed for
 * the call.
 */
#ifndef HINDSIGHT_SITE_H
#define HINDSIGHT_SITE_H

#include "diag.h"
#include "lexicon.h"
#include "score.h"

/* Rows per page of a forecast list or leaderboard, by default. */
#define HS_SITE_ROWS 500
/* The size no page passes (bytes, 2 MB), but for a single row that is
 * larger by itself. */
#define HS_SITE_PAGE_BYTES 2000000
/* Leaderboard rows on the index page; the rest are on the leaderboard pages. */
#define HS_SITE_INDEX_ROWS 100
/* A group with fewer scored forecasts than this is marked "small n". */
#define HS_SITE_SMALL_N 5

typedef struct hs_site_options {
    hs_group_options groups;           /* ranking and intervals, as `score` */
    size_t bins;                       /* calibration bins (10 by default) */
    const hs_lexicon *const *lexicons; /* other hedge tables for the
                                          sensitivity page (may be none) */
    size_t n_lexicons;
    size_t page_rows;                  /* rows per page of long lists; 0:
                                          HS_SITE_ROWS */
} hs_site_options;

/* What was written. */
typedef struct hs_site_stats {
    size_t pages;
    unsigned long long bytes, largest;  /* total and largest page, bytes */
} hs_site_stats;

/*
 * Write every page into dir, an existing directory the caller made for it
 * (files of the same names are an error: dir should be new and empty).
 * The files are synced to disk (one syncfs(2) of the file system).  stats may be NULL.  Returns 0, or -1 with
 * the problem in diags (pages already written stay: the caller removes
 * the directory).
 */
int hs_site_write(const hs_run *run, const hs_site_options *opt, const char *dir,
                  hs_site_stats *stats, hs_diags *diags);

/*
 * Replace the report in dir as a whole: the pages are written to a new
 * hidden directory beside it, then dir (a symbolic link hindsight keeps,
 * atomicfile.h, hs_afdir) is switched to it with one rename.  dir may not
 * exist yet, or be an empty directory; anything else that is not the link
 * is an error.  On any error dir is as it was.  Returns 0 or -1 (diags).
 */
int hs_site_publish(const hs_run *run, const hs_site_options *opt, const char *dir,
                    hs_site_stats *stats, hs_diags *diags);

#endif
