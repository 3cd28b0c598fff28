/*
 * cli.h - the command-line front end: shared options and the command table.
 * Only the CLI prints and exits; it is a plain user of the core library.
 */
#ifndef HINDSIGHT_CLI_H
#define HINDSIGHT_CLI_H

#include <stdio.h>
#include "hindsight/hindsight.h"

/* Exit statuses (documented in hindsight(1)). */
enum {
    EXIT_OK = 0,
    EXIT_DATA = 1,      /* bad data, or a run that failed */
    EXIT_USAGE = 2,     /* the command line was wrong */
    EXIT_CHANGED = 3,   /* rescore --exit-code: something changed */
    EXIT_TEMPFAIL = 75  /* rescore, export: another run holds the lock (EX_TEMPFAIL) */
};

enum output_format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

/* Options every command understands (not all use every one). */
typedef struct cli_options {
    const char *data_dir;        /* --data, default "." */
    const char *lexicon;         /* --lexicon NAME or PATH, default "default" */
    hs_date as_of;               /* --as-of, default today (UTC) */
    enum hs_replay replay;       /* --replay, default happened */
    hs_horizon horizon;          /* --horizon, default 2y */
    hs_horizon stale_after;      /* --stale-after (check); count 0: not asked */
    enum output_format format;   /* --format */
    enum hs_group_key by;        /* --by */
    hs_group_options groups;     /* --min-n, --bootstrap, --seed, --reference,
                                    --crowd, --overall */
    size_t bins;                 /* --bins */
    size_t page_rows;            /* report --page-rows; 0: the default */
    int profile;                 /* --profile */
    int adjust_difficulty;       /* score --adjust difficulty */
    const char *out_dir;         /* export --out */
    int excel;                   /* export --excel */
    const char *state_dir;       /* rescore --state */
    int exit_code;               /* rescore --exit-code */
    int as_of_given;             /* --as-of was on the command line */
    int allow_earlier;           /* rescore --allow-earlier */
    const char *source_id;       /* extract --source-id */
    const char *outlet;          /* extract --outlet */
    hs_date published;           /* extract --published, when has_published */
    int has_published;
    const char *articles_dir;    /* check --articles: where seed files are */
} cli_options;

typedef struct cli_command {
    const char *name;
    const char *summary;         /* one line for the command list */
    const char *usage;           /* full help: serves -h and usage errors */
    int (*run)(int argc, char **argv, cli_options *opt);
} cli_command;

extern const cli_command cli_commands[];

/* The commands (cmd_NAME.c each), listed in commands.c. */
extern const char cmd_check_usage[], cmd_score_usage[], cmd_forecasts_usage[],
    cmd_calibration_usage[], cmd_compare_usage[], cmd_sensitivity_usage[], cmd_profile_usage[];
int cmd_check(int argc, char **argv, cli_options *opt);
int cmd_calibration(int argc, char **argv, cli_options *opt);
int cmd_compare(int argc, char **argv, cli_options *opt);
int cmd_sensitivity(int argc, char **argv, cli_options *opt);
int cmd_profile(int argc, char **argv, cli_options *opt);
int cmd_score(int argc, char **argv, cli_options *opt);
int cmd_forecasts(int argc, char **argv, cli_options *opt);
extern const char cmd_export_usage[], cmd_rescore_usage[];
int cmd_export(int argc, char **argv, cli_options *opt);
int cmd_rescore(int argc, char **argv, cli_options *opt);
extern const char cmd_extract_usage[];
int cmd_extract(int argc, char **argv, cli_options *opt);
extern const char cmd_questions_usage[], cmd_add_question_usage[], cmd_add_record_usage[];
int cmd_questions(int argc, char **argv, cli_options *opt);
int cmd_add_question(int argc, char **argv, cli_options *opt);
int cmd_add_record(int argc, char **argv, cli_options *opt);
extern const char cmd_report_usage[];
int cmd_report(int argc, char **argv, cli_options *opt);

/* Test hooks (hindsight(1), ENVIRONMENT): HINDSIGHT_TEST_CRASH_AT=N kills
 * the process with SIGKILL at the N-th checkpoint of the core's file
 * writing, HINDSIGHT_TEST_STOP_AT=N stops it with SIGSTOP there, and
 * HINDSIGHT_TEST_TRACE=1 names each checkpoint on standard error. */
void cli_test_hooks(void);

/* export and rescore: Ctrl-C, SIGTERM and SIGHUP while files are staged
 * are noted, the core puts everything back, then cli_reraise_signal()
 * (called last) dies by the signal; SIGXFSZ is ignored (signals.c). */
void cli_catch_signals(void);
void cli_reraise_signal(void);

/* Set opt to the defaults, then parse the global options (--data, -h,
 * --version) that come before the command name.  Returns the index of the
 * command name in argv, or -1 when the run is over (help or the version
 * printed, or a usage error reported) with its exit status in *status. */
int cli_parse_global(int argc, char **argv, cli_options *opt, int *status);

/* The help lines of --as-of and --replay, the same in every command that
 * replays a date (docs/resolution.md). */
#define CLI_HELP_AS_OF_REPLAY \
    "  --as-of DATE         replay that date (YYYY-MM-DD; default today, UTC):\n" \
    "                       forecasts made after it are left out, and only\n" \
    "                       outcome records dated on or before it count\n" \
    "  --replay WHAT        happened (default): every record dated by the as-of\n" \
    "                       date; known: only those also recorded by then (what\n" \
    "                       the data set knew on that date)\n"

/* Parse a command's options.  accepted is a space-separated subset of
 * "as-of replay horizon format lexicon by min-n bootstrap seed reference bins"
 * ("data" and "help" are always accepted).
 * Returns the index of the first operand, -1 after printing a usage error,
 * or -2 when help was printed. */
int cli_parse(int argc, char **argv, const cli_command *cmd, const char *accepted,
              cli_options *opt);

/* Print a usage error for cmd and return EXIT_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Load the lexicon and the dataset named by opt, printing every diagnostic
 * to stderr.  Returns 0 when there are no errors. */
/* The directory the hedge tables are read from: DATA/lexicons ("lexicons"
 * for the current directory), or, when that does not exist, the tables
 * `make install` puts in $(DATADIR)/lexicons (compiled in as HS_DATADIR;
 * the environment variable HINDSIGHT_DATADIR overrides it).
 * Returns a new string (hs_free), NULL when out of memory. */
char *cli_lexicon_dir(const cli_options *opt);
/* Load the hedge table named by opt (with the default table as its
 * fallback), problems to diags.  Returns 0, or -1 (memory problems printed). */
int cli_load_lexicon(const cli_options *opt, hs_lexicon *lex, hs_diags *diags);
int cli_load(const cli_options *opt, hs_lexicon *lex, hs_diags *diags, hs_dataset *ds);
void cli_print_diags(const hs_diags *diags);

/* What every scoring command loads: the lexicon, the data and, scored with
 * the options' as-of date, horizon and lexicon, the run. */
typedef struct cli_session {
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags diags;
    hs_run run;              /* empty after a streamed load */
    hs_agg agg;              /* cli_session_open_agg() only */
} cli_session;

/* An empty session, safe to close: for a command that may stop before
 * cli_session_open(). */
void cli_session_init(cli_session *s);
/* Load and score, printing every diagnostic; on data errors also says that
 * nothing was scored.  Returns 0, or the exit status to leave with.  Always
 * pair with cli_session_close(). */
int cli_session_open(cli_session *s, const cli_options *opt);
void cli_session_close(cli_session *s);
/* For commands that list no forecasts: the groups under key and the totals
 * in s->agg.  The bulk files are streamed (stream.h) when the data has no
 * error; else it is loaded as cli_session_open() does, with the same
 * messages.  Returns as cli_session_open(); pair with cli_session_close(). */
int cli_session_open_agg(cli_session *s, const cli_options *opt, enum hs_group_key key);

/* Parse a command's options and check it got between min and max operands.
 * Returns the index of the first operand, or -1 - (exit status) when the
 * command must stop now (help shown: -1 - EXIT_OK; usage error: -1 - EXIT_USAGE). */
int cli_begin(int argc, char **argv, const char *name, const char *accepted, int min,
              int max, cli_options *opt);

/* Every hedge table in DATA/lexicons/ (into *all, n_all; release each and
 * free the array) and, in *out (n_out, free the array), pointers to those
 * other than def, each falling back to def for phrases it lacks: the
 * scenarios of the sensitivity analysis.  Returns 0 or -1 (diags; out of
 * memory when diags is empty). */
int cli_load_tables(const cli_options *opt, const hs_lexicon *def, hs_lexicon **all,
                    size_t *n_all, const hs_lexicon ***out, size_t *n_out, hs_diags *diags);

/* Write t to stdout in the chosen format.  Returns an exit status; out of
 * memory is reported here, a write error on standard output by main()
 * (every command's output is checked there, once). */
int cli_write_table(const hs_table *t, enum output_format format);
/* The errno of the first failed write to standard output a command saw
 * (stdio may have dropped it by the final flush), or 0. */
extern int cli_output_errno;

/* Look a name given on the command line (in normal form) up among the
 * names of the session run's groups under opt->by: exactly (also without
 * export's formula guard, cli_group_name), else ignoring case; *name then
 * points at the data's spelling.  With no match, say on stderr why: the
 * group's forecasts were all made after the as-of date (a replay), or no
 * group has that name, with the nearest names.  Returns EXIT_OK or
 * EXIT_DATA. */
int cli_resolve_name(const cli_session *s, const cli_options *opt, const char **name);

const cli_command *cli_find_command(const char *name);

/* Say that --crowd or --overall cannot add its row because a group under
 * key is already called name (hs_agg_name_taken(); hs_agg_close() returned
 * 1); NULL reads as HS_CROWD_NAME. */
void cli_name_taken(enum hs_group_key key, const char *name);

/* Write the HTML report of a session's run into dir (cmd_report.c): with
 * publish, replacing dir as a whole (hs_site_publish); without, into dir, an
 * existing new directory (hs_site_write).  Loads the other hedge tables for
 * the sensitivity page.  Returns 0 or -1 (diags). */
int cli_write_site(const cli_session *s, const cli_options *opt, const char *dir,
                   hs_site_stats *stats, int publish, hs_diags *diags);

/* The group a name given on the command line means: name itself, or, when
 * no group has that name, the name without the spreadsheet formula guard
 * export writes ("'=Gus Gill" -> "=Gus Gill") if that one exists.  Returns
 * name or a pointer into it. */
const char *cli_group_name(const hs_run *run, enum hs_group_key by, const char *name);

/* Text from data, a file name or an argument, safe to print to a terminal
 * or a text report: control characters shown escaped (hs_text_escape()).
 * Returns s itself when it is clean, else an escaped copy that stays valid
 * for the next 15 calls (enough for one printf); "?" when out of memory.
 * cli_esc_release() frees the copies (main() calls it at the end). */
const char *cli_esc(const char *s);
void cli_esc_release(void);

#endif
