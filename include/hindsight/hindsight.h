/*
 * hindsight.h - the hindsight core library: load forecasts and outcomes,
 * resolve, score, write tables.  The library never prints and never exits;
 * every function reports through its return value and an hs_diags.
 */
#ifndef HINDSIGHT_H
#define HINDSIGHT_H

#include "aggregate.h"
#include "alloc.h"
#include "analysis.h"
#include "atomicfile.h"
#include "curate.h"
#include "dataset.h"
#include "date.h"
#include "diag.h"
#include "difficulty.h"
#include "export.h"
#include "format.h"
#include "history.h"
#include "html.h"
#include "lexicon.h"
#include "names.h"
#include "prob.h"
#include "report.h"
#include "resolve.h"
#include "score.h"
#include "strmap.h"
#include "stats.h"
#include "site.h"
#include "stream.h"
#include "table.h"

#define HS_VERSION "0.1.0"

/* Call once before anything else: routes jansson's allocations through
 * hs_malloc and turns off GSL's aborting error handler. */
void hs_library_init(void);

#endif
