/*
 * stream.h - load a data directory for the commands that list no
 * forecasts (score, check) without holding the bulk forecasts in memory.
 * This is the one place hindsight streams; hs_agg (aggregate.h) is the one
 * place it aggregates.
 *
 * Ownership: the caller owns ds, agg and diags; the stream borrows lex and
 * opt for the call only.
 */
#ifndef HINDSIGHT_STREAM_H
#define HINDSIGHT_STREAM_H

#include "aggregate.h"
#include "dataset.h"
#include "lexicon.h"
#include "score.h"

typedef struct hs_stream_counts {
    size_t n_forecasts;      /* JSON and bulk, as hs_dataset.n_forecasts */
    size_t n_sources;        /* as hs_dataset.n_sources */
} hs_stream_counts;

/*
 * Load DIR as hs_dataset_load() does, except that forecasts/ *.csv are
 * streamed: each row is checked, linked to ds's questions, scored as of opt
 * (when opt is not NULL), added to agg (when not NULL) under agg's key, and
 * dropped.  ds ends up with the questions, the outcome records and the JSON
 * sources and forecasts, which are scored and added to agg first, in load
 * order, so that agg holds exactly what hs_groups_compute() would build.
 * What stays in memory besides: one 64-bit hash per bulk row (to find
 * duplicate ids) and each bulk source id with its date.
 *
 * Anything hs_dataset_load() would report as an error (and a hash
 * collision between two ids) stops the stream, which returns 1 without
 * saying what it was: the caller must then start again on fresh structures
 * with hs_dataset_load(), which reads everything again and reports every
 * problem with its position.  Warnings are left in diags, as
 * hs_dataset_load() gives them.  lex may be NULL (no lexicon table): a
 * forecast that takes its probability from a hedge then returns 1, so the
 * classic load can say which table is missing.
 *
 * Returns 0 (counts filled in), 1 (start again with hs_dataset_load()), or
 * -1 when out of memory (in diags).
 */
int hs_stream_load(hs_dataset *ds, const char *dir, const hs_lexicon *lex,
                   const hs_run_options *opt, hs_agg *agg, hs_stream_counts *counts,
                   hs_diags *diags);

#endif
