/* common.c - option parsing, loading and output shared by the commands. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    char msg[1024];

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);   /* arguments come from the user: escaped */
    va_end(ap);
    fprintf(stderr, "hindsight %s: %s\nsee 'hindsight %s -h'\n", cmd->name, cli_esc(msg),
            cmd->name);
    return EXIT_USAGE;
}

static const struct option all_options[] = {
    {"as-of", required_argument, NULL, 'a'},
    {"replay", required_argument, NULL, 'R'},
    {"horizon", required_argument, NULL, 'H'},
    {"format", required_argument, NULL, 'f'},
    {"lexicon", required_argument, NULL, 'l'},
    {"by", required_argument, NULL, 'b'},
    {"min-n", required_argument, NULL, 'n'},
    {"data", required_argument, NULL, 'd'},
    {"bootstrap", required_argument, NULL, 'B'},
    {"seed", required_argument, NULL, 's'},
    {"reference", required_argument, NULL, 'r'},
    {"bins", required_argument, NULL, 'k'},
    {"page-rows", required_argument, NULL, 'G'},
    {"profile", no_argument, NULL, 'P'},
    {"adjust", required_argument, NULL, 'J'},
    {"out", required_argument, NULL, 'o'},
    {"excel", no_argument, NULL, 'x'},
    {"state", required_argument, NULL, 'S'},
    {"exit-code", no_argument, NULL, 'e'},
    {"stale-after", required_argument, NULL, 'A'},
    {"allow-earlier", no_argument, NULL, 'E'},
    {"source-id", required_argument, NULL, 'I'},
    {"outlet", required_argument, NULL, 'O'},
    {"published", required_argument, NULL, 'p'},
    {"articles", required_argument, NULL, 'C'},
    {"crowd", required_argument, NULL, 'c'},
    {"overall", no_argument, NULL, 'w'},
    {"help", no_argument, NULL, 'h'},
};

#define N_OPTIONS (sizeof(all_options) / sizeof(all_options[0]))

/* Is name in the space-separated list? */
static int accepts(const char *list, const char *name)
{
    size_t n = strlen(name);
    const char *p = list;

    while ((p = strstr(p, name)) != NULL) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

/* A decimal whole number in [0, max]; returns 0 or -1. */
static int whole_number(const char *arg, unsigned long max, unsigned long *out)
{
    char *end;

    errno = 0;
    *out = strtoul(arg, &end, 10);
    if (arg[0] < '0' || arg[0] > '9' || *end || errno || *out > max)
        return -1;
    return 0;
}

static int parse_value(const cli_command *cmd, int c, const char *arg, cli_options *opt)
{
    const char *why;
    unsigned long n;

    switch (c) {
    case 'a':
        if (hs_date_parse(arg, strlen(arg), &opt->as_of) < 0)
            return cli_usage_error(cmd, "--as-of '%s' is not a date; use YYYY-MM-DD", arg);
        opt->as_of_given = 1;
        return 0;
    case 'R':
        if (hs_replay_parse(arg, &opt->replay) < 0)
            return cli_usage_error(cmd, "--replay '%s' is not 'happened' or 'known'", arg);
        return 0;
    case 'H':
        if (hs_horizon_parse(arg, &opt->horizon, &why) < 0)
            return cli_usage_error(cmd, "--horizon '%s': %s", arg, why);
        return 0;
    case 'A':
        if (hs_horizon_parse(arg, &opt->stale_after, &why) < 0)
            return cli_usage_error(cmd, "--stale-after '%s': %s", arg, why);
        return 0;
    case 'f':
        if (strcmp(arg, "table") == 0)
            opt->format = FORMAT_TABLE;
        else if (strcmp(arg, "csv") == 0)
            opt->format = FORMAT_CSV;
        else if (strcmp(arg, "json") == 0)
            opt->format = FORMAT_JSON;
        else
            return cli_usage_error(cmd, "--format '%s' is not one of table, csv, json", arg);
        return 0;
    case 'l':
        opt->lexicon = arg;
        return 0;
    case 'b':
        if (hs_group_key_parse(arg, &opt->by) < 0)
            return cli_usage_error(cmd,
                                   "--by '%s' is not one of forecaster, organization, source, question, question-date, tag",
                                   arg);
        return 0;
    case 'n':
        if (whole_number(arg, 1000000, &n) < 0)
            return cli_usage_error(cmd, "--min-n '%s' is not a whole number from 0 to 1000000",
                                   arg);
        opt->groups.min_n = n;
        return 0;
    case 'B':
        if (whole_number(arg, 1000000, &n) < 0)
            return cli_usage_error(cmd, "--bootstrap '%s' is not a whole number from 0 (no intervals) to 1000000",
                                   arg);
        opt->groups.bootstrap = n;
        return 0;
    case 's':
        if (whole_number(arg, 4294967295UL, &n) < 0)
            return cli_usage_error(cmd, "--seed '%s' is not a whole number from 0 to 4294967295", arg);
        opt->groups.seed = n;
        return 0;
    case 'r':
        if (strcmp(arg, "coin") == 0)
            opt->groups.reference = HS_REF_COIN;
        else if (strcmp(arg, "base-rate") == 0)
            opt->groups.reference = HS_REF_BASE_RATE;
        else
            return cli_usage_error(cmd, "--reference '%s' is not 'coin' or 'base-rate'", arg);
        return 0;
    case 'c':
        if (hs_crowd_kind_parse(arg, &opt->groups.crowd) < 0)
            return cli_usage_error(cmd, "--crowd '%s' is not 'median' or 'mean'", arg);
        return 0;
    case 'w':
        opt->groups.overall = 1;
        return 0;
    case 'k':
        if (whole_number(arg, 100, &n) < 0 || n < 2)
            return cli_usage_error(cmd, "--bins '%s' is not a whole number from 2 to 100", arg);
        opt->bins = n;
        return 0;
    case 'G':
        if (whole_number(arg, 100000, &n) < 0 || n < 1)
            return cli_usage_error(cmd, "--page-rows '%s' is not a whole number from 1 to 100000",
                                   arg);
        opt->page_rows = n;
        return 0;
    case 'd':
        opt->data_dir = arg;
        return 0;
    case 'o':
        opt->out_dir = arg;
        return 0;
    case 'x':
        opt->excel = 1;
        return 0;
    case 'S':
        opt->state_dir = arg;
        return 0;
    case 'e':
        opt->exit_code = 1;
        return 0;
    case 'E':
        opt->allow_earlier = 1;
        return 0;
    case 'P':
        opt->profile = 1;
        return 0;
    case 'J':
        if (strcmp(arg, "difficulty") != 0)
            return cli_usage_error(cmd, "--adjust '%s' is not 'difficulty'", arg);
        opt->adjust_difficulty = 1;
        return 0;
    case 'I':
        opt->source_id = arg;
        return 0;
    case 'O':
        opt->outlet = arg;
        return 0;
    case 'p':
        if (hs_date_parse(arg, strlen(arg), &opt->published) < 0)
            return cli_usage_error(cmd, "--published '%s' is not a date; use YYYY-MM-DD", arg);
        opt->has_published = 1;
        return 0;
    case 'C':
        opt->articles_dir = arg;
        return 0;
    }
    return 0;
}

int cli_parse(int argc, char **argv, const cli_command *cmd, const char *accepted,
              cli_options *opt)
{
    struct option longs[N_OPTIONS + 1];
    size_t i, n = 0;
    int c;

    for (i = 0; i < N_OPTIONS; i++)
        if (all_options[i].val == 'h' || all_options[i].val == 'd' ||
            accepts(accepted, all_options[i].name))
            longs[n++] = all_options[i];
    memset(&longs[n], 0, sizeof(longs[n]));
    optind = 0;   /* 0, not 1: glibc then also forgets a previous parse's state */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        if (c == 'h') {
            fputs(cmd->usage, stdout);
            return -2;
        }
        if (c == '?' || c == ':') {
            if (optopt && strchr("aRHAflbndBsrkoSIOpCJc", optopt))
                cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
            else
                cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            return -1;
        }
        if (parse_value(cmd, c, optarg, opt) != 0)
            return -1;
    }
    return optind;
}

void cli_print_diags(const hs_diags *diags)
{
    size_t i;

    for (i = 0; i < diags->n; i++) {
        const hs_diag *d = &diags->items[i];
        const char *sev = d->severity == HS_SEV_WARNING ? "warning: " : "";

        const char *file = cli_esc(d->file), *msg = cli_esc(d->message);

        if (d->line == 0)
            fprintf(stderr, "hindsight: %s: %s%s\n", file, sev, msg);
        else if (d->column == 0)
            fprintf(stderr, "hindsight: %s:%lu: %s%s\n", file, d->line, sev, msg);
        else
            fprintf(stderr, "hindsight: %s:%lu:%lu: %s%s\n", file, d->line, d->column,
                    sev, msg);
    }
    if (diags->out_of_memory)
        fprintf(stderr, "hindsight: out of memory; some messages were lost\n");
}

#ifndef HS_DATADIR
#define HS_DATADIR "/usr/local/share/hindsight"
#endif

char *cli_lexicon_dir(const cli_options *opt)
{
    const char *datadir = getenv("HINDSIGHT_DATADIR");
    struct stat st;
    char *p = hs_malloc(strlen(opt->data_dir) + sizeof("/lexicons")), *q;

    if (!p)
        return NULL;
    if (!datadir || !*datadir)
        datadir = HS_DATADIR;
    if (strcmp(opt->data_dir, ".") == 0)
        strcpy(p, "lexicons");
    else
        sprintf(p, "%s/lexicons", opt->data_dir);
    if (stat(p, &st) == 0 || errno != ENOENT)
        return p;
    q = hs_malloc(strlen(datadir) + sizeof("/lexicons"));
    if (!q) {
        hs_free(p);
        return NULL;
    }
    sprintf(q, "%s/lexicons", datadir);
    if (stat(q, &st) == 0 && S_ISDIR(st.st_mode)) {
        hs_free(p);
        return q;
    }
    hs_free(q);
    return p;
}

/* The lexicon file named by --lexicon: a path when it looks like one, else
 * LEXICON_DIR/NAME.csv (cli_lexicon_dir).  Returns a new string. */
static char *lexicon_path(const cli_options *opt, const char *name)
{
    size_t n = strlen(name);
    char *dir, *p;

    if (strchr(name, '/') || (n > 4 && strcmp(name + n - 4, ".csv") == 0))
        return hs_strdup(name);
    dir = cli_lexicon_dir(opt);
    p = dir ? hs_malloc(strlen(dir) + n + 8) : NULL;
    if (p)
        sprintf(p, "%s/%s.csv", dir, name);
    hs_free(dir);
    return p;
}

/* Load the lexicon opt names, with the default table as its fallback when
 * it is another.  Returns 1 when usable, 0 when not (problems in diags), 2
 * when the default table was asked for and does not exist (lex stays empty,
 * *missing gets its path, owned by the caller), -1 when out of memory (said
 * on stderr). */
static int load_lexicon(const cli_options *opt, hs_lexicon *lex, hs_diags *diags,
                        char **missing)
{
    char *path = lexicon_path(opt, opt->lexicon);
    int lex_ok;

    *missing = NULL;
    if (!path) {
        fprintf(stderr, "hindsight: out of memory\n");
        return -1;
    }
    if (strcmp(opt->lexicon, "default") == 0 && access(path, F_OK) != 0 && errno == ENOENT) {
        /* No default table: fine until a forecast needs a hedge's value. */
        *missing = path;
        return 2;
    }
    lex_ok = hs_lexicon_load(lex, path, diags) == 0;
    hs_free(path);
    if (lex_ok && !hs_lexicon_is_default(lex)) {
        /* Another table: phrases it lacks keep the default table's value. */
        path = lexicon_path(opt, HS_LEXICON_DEFAULT);
        lex->owned_fallback = hs_calloc(1, sizeof(*lex->owned_fallback));
        if (!path || !lex->owned_fallback) {
            hs_free(path);
            fprintf(stderr, "hindsight: out of memory\n");
            return -1;
        }
        hs_lexicon_init(lex->owned_fallback);
        lex_ok = hs_lexicon_load(lex->owned_fallback, path, diags) == 0;
        hs_lexicon_chain(lex, lex->owned_fallback);
        hs_free(path);
    }
    return lex_ok;
}

int cli_load_lexicon(const cli_options *opt, hs_lexicon *lex, hs_diags *diags)
{
    char *missing;
    int rc = load_lexicon(opt, lex, diags, &missing);

    if (rc == 2) {
        /* no default table where one is needed: the loader says so */
        hs_lexicon_load(lex, missing, diags);
        hs_free(missing);
        return -1;
    }
    return rc == 1 ? 0 : -1;
}

int cli_load(const cli_options *opt, hs_lexicon *lex, hs_diags *diags, hs_dataset *ds)
{
    char *missing;
    int lex_ok = load_lexicon(opt, lex, diags, &missing), rc;
    size_t i;

    if (lex_ok < 0)
        return -1;
    if (lex_ok == 2) {
        /* no default table: an error only for a forecast that needs a hedge's value */
        rc = hs_dataset_load(ds, opt->data_dir, NULL, diags);
        for (i = 0; i < ds->n_forecasts; i++) {
            const hs_forecast *f = &ds->forecasts[i];

            if (f->basis == HS_BASIS_LEXICON) {
                hs_pos at = hs_forecast_pos(f, f->pos_hedge);

                hs_diags_add(diags, HS_SEV_ERROR, at.file, at.line, at.column,
                             "hedge '%s' takes its probability from the lexicon, but there is no lexicon table '%s'; add it, or give the forecast a 'probability' with a 'basis'",
                             f->hedge, missing);
                rc = -1;
                break;
            }
        }
        hs_free(missing);
        hs_diags_sort(diags);
        cli_print_diags(diags);
        return rc == 0 ? 0 : -1;
    }
    /* Without a usable lexicon every hedge would be reported: skip that. */
    rc = hs_dataset_load(ds, opt->data_dir, lex_ok ? lex : NULL, diags);
    hs_diags_sort(diags);
    cli_print_diags(diags);
    return lex_ok && rc == 0 ? 0 : -1;
}

/* HINDSIGHT_TEST_NO_STREAM=1 (hindsight(1), ENVIRONMENT): never stream, so
 * tests can compare both ways of loading. */
static int may_stream(void)
{
    const char *v = getenv("HINDSIGHT_TEST_NO_STREAM");

    return !v || !*v || strcmp(v, "0") == 0;
}

/* Try hs_stream_load(): 0 streamed (warnings printed), 1 when the caller
 * must load the classic way on fresh structures, -1 out of memory
 * (printed).  ro and agg NULL for a check only. */
static int try_stream(const cli_options *opt, hs_lexicon *lex, hs_diags *diags,
                      hs_dataset *ds, hs_run_options *ro, hs_agg *agg,
                      hs_stream_counts *counts)
{
    char *missing;
    int rc;

    if (!may_stream())
        return 1;
    rc = load_lexicon(opt, lex, diags, &missing);
    hs_free(missing);
    if (rc != 1 && rc != 2)
        return rc < 0 ? -1 : 1;
    /* no default table (rc 2): fine until a forecast needs a hedge's value,
     * and then the stream stops and the classic load says so */
    if (ro)
        ro->lexicon = rc == 1 ? lex : NULL;
    rc = hs_stream_load(ds, opt->data_dir, rc == 1 ? lex : NULL, ro, agg, counts, diags);
    if (getenv("HINDSIGHT_TEST_TRACE"))
        fprintf(stderr, "hindsight: trace: %s\n",
                rc == 0 ? "bulk files streamed" : "loading without streaming");
    if (rc <= 0) {
        hs_diags_sort(diags);
        cli_print_diags(diags);
    }
    return rc;
}

/* Every table in DATA/lexicons/ except the default one, as pointers into
 * *all (which the caller releases). */
int cli_load_tables(const cli_options *opt, const hs_lexicon *def, hs_lexicon **all,
                    size_t *n_all, const hs_lexicon ***out, size_t *n_out, hs_diags *diags)
{
    char *dir = cli_lexicon_dir(opt);
    const hs_lexicon *fallback;
    struct stat st;
    size_t i;
    int rc;

    *out = NULL;
    *n_out = 0;
    if (!dir)
        return -1;
    /* a data set without hedges needs no lexicons/ (docs/formats.md): no
     * table, no lexicon scenario; with hedges the default table was
     * required before this */
    if (stat(dir, &st) != 0 && errno == ENOENT) {
        hs_free(dir);
        *all = NULL;
        *n_all = 0;
        return (*out = hs_calloc(1, sizeof(**out))) ? 0 : -1;
    }
    rc = hs_lexicon_load_dir(dir, all, n_all, diags);
    hs_free(dir);
    if (rc < 0 || !(*out = hs_calloc(*n_all + 1, sizeof(**out))))
        return -1;
    /* the default table of the data directory: what every other table falls
     * back to, as under 'score --lexicon' (hs_lexicon_chain) */
    for (i = 0; i < *n_all && !hs_lexicon_is_default(&(*all)[i]); i++)
        ;
    fallback = i < *n_all ? &(*all)[i] : def->fallback ? def->fallback : def;
    for (i = 0; i < *n_all; i++) {
        hs_lexicon_chain(&(*all)[i], fallback);
        if (strcmp((*all)[i].path, def->path) != 0)
            (*out)[(*n_out)++] = &(*all)[i];
    }
    return 0;
}

int cli_output_errno;

int cli_write_table(const hs_table *t, enum output_format format)
{
    int rc;

    /* CSV on standard output is for scripts: exact text, no formula guard
     * (that belongs to the files export writes for spreadsheets), so a
     * name printed here can be passed back to compare or profile. */
    switch (format) {
    case FORMAT_CSV: rc = hs_table_write_csv(t, stdout); break;
    case FORMAT_JSON: rc = hs_table_write_json(t, stdout); break;
    default: rc = hs_table_write_text(t, stdout); break;
    }
    if (rc == 0)
        return EXIT_OK;
    if (ferror(stdout) && !cli_output_errno)
        cli_output_errno = errno;   /* main() reports it */
    if (t->oom || !ferror(stdout)) {
        /* a write error is reported once, by main */
        fprintf(stderr, "hindsight: out of memory\n");
    }
    return EXIT_DATA;
}

void cli_name_taken(enum hs_group_key key, const char *name)
{
    int crowd = !name || strcmp(name, HS_CROWD_NAME) == 0;

    fprintf(stderr, "hindsight: a %s in the data is called '%s', the name %s gives %s; rename it, or leave out %s\n",
            hs_group_key_name(key), name ? name : HS_CROWD_NAME, crowd ? "--crowd" : "--overall",
            crowd ? "the crowd" : "an overall row", crowd ? "--crowd" : "--overall");
}

const cli_command *cli_find_command(const char *name)
{
    const cli_command *c;

    for (c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void print_help(FILE *out)
{
    const cli_command *c;

    fprintf(out,
            "usage: hindsight [--data DIR] COMMAND [options]\n"
            "\n"
            "Score forecasts made in the press against what happened.\n"
            "\n"
            "Commands:\n");
    for (c = cli_commands; c->name; c++)
        fprintf(out, "  %-13s %s\n", c->name, c->summary);
    fprintf(out,
            "\n"
            "Global options:\n"
            "  --data DIR     data directory holding forecasts/, outcomes/, lexicons/ (default .)\n"
            "  -h, --help     show this help; 'hindsight COMMAND -h' shows a command's options\n"
            "  --version      print the version\n"
            "\n"
            "Exit status: 0 success, 1 data or run error, 2 usage error.\n");
}

/* Today's date in UTC: the default --as-of.  Tests always pass --as-of. */
static hs_date today(void)
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    return hs_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int cli_parse_global(int argc, char **argv, cli_options *opt, int *status)
{
    int i = 1;

    memset(opt, 0, sizeof(*opt));
    opt->data_dir = ".";
    opt->lexicon = "default";
    opt->as_of = today();
    opt->replay = HS_REPLAY_HAPPENED;
    opt->horizon.count = 2;
    opt->horizon.unit = 'y';
    opt->format = FORMAT_TABLE;
    opt->by = HS_BY_FORECASTER;
    hs_group_options_init(&opt->groups);
    opt->bins = 10;

    *status = EXIT_OK;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            print_help(stdout);
            return -1;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("hindsight %s\n", HS_VERSION);
            return -1;
        } else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            opt->data_dir = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--data=", 7) == 0) {
            opt->data_dir = argv[i] + 7;
            i++;
        } else {
            fprintf(stderr, "hindsight: unknown option '%s'\n", cli_esc(argv[i]));
            fprintf(stderr, "usage: hindsight [--data DIR] COMMAND [options]; see 'hindsight --help'\n");
            *status = EXIT_USAGE;
            return -1;
        }
    }
    if (i >= argc) {
        print_help(stderr);
        *status = EXIT_USAGE;
        return -1;
    }
    return i;
}

void cli_session_init(cli_session *s)
{
    hs_lexicon_init(&s->lex);
    hs_dataset_init(&s->ds);
    hs_diags_init(&s->diags);
    memset(&s->run, 0, sizeof(s->run));
    hs_agg_init(&s->agg, HS_BY_FORECASTER, 0);
}

int cli_session_open(cli_session *s, const cli_options *opt)
{
    cli_session_init(s);
    if (cli_load(opt, &s->lex, &s->diags, &s->ds) < 0) {
        fprintf(stderr, "hindsight: not scoring: the data has errors (listed above)\n");
        return EXIT_DATA;
    }
    if (report_run(&s->run, &s->ds, &s->lex, opt) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int cli_session_open_agg(cli_session *s, const cli_options *opt, enum hs_group_key key)
{
    hs_run_options ro;
    hs_stream_counts counts;
    int rc, status;

    cli_session_init(s);
    hs_agg_init(&s->agg, key, 0);
    /* only intervals and the difficulty fit need them */
    s->agg.keep_sums = opt->groups.bootstrap > 0 || opt->adjust_difficulty;
    s->agg.crowd.kind = opt->groups.crowd;
    s->agg.overall = opt->groups.overall;
    memset(&ro, 0, sizeof(ro));
    ro.as_of = opt->as_of;
    ro.replay = opt->replay;
    ro.horizon = opt->horizon;
    rc = try_stream(opt, &s->lex, &s->diags, &s->ds, &ro, &s->agg, &counts);
    if (rc == 0)
        return EXIT_OK;
    cli_session_close(s);
    if (rc < 0)
        return EXIT_DATA;
    if ((status = cli_session_open(s, opt)) != EXIT_OK)
        return status;
    hs_agg_init(&s->agg, key, 0);
    s->agg.keep_sums = opt->groups.bootstrap > 0 || opt->adjust_difficulty;
    s->agg.crowd.kind = opt->groups.crowd;
    s->agg.overall = opt->groups.overall;
    if (hs_agg_add_run(&s->agg, &s->run) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        return EXIT_DATA;
    }
    return EXIT_OK;
}

/* In a replay, a group whose forecasts were all made after the as-of date
 * is not in the run: say so (returns 1), rather than that it does not
 * exist (returns 0, nothing printed). */
static int not_made_yet(const cli_session *s, const cli_options *opt, const char *name)
{
    hs_run all;   /* the whole data set, for group membership only */
    hs_date first = 0;
    int found = 0;
    size_t i;
    char as_of[HS_DATE_TEXT_SIZE], made[HS_DATE_TEXT_SIZE];

    memset(&all, 0, sizeof(all));
    all.ds = &s->ds;
    all.n = s->ds.n_forecasts;
    all.opt = s->run.opt;
    /* (question, date) groups need the names; out of memory: ids only */
    if (opt->by == HS_BY_QUESTION_DATE)
        hs_run_question_dates(&all);
    for (i = 0; i < all.n; i++)
        if (hs_group_has(&all, i, opt->by, name) && (!found || s->ds.forecasts[i].made < first)) {
            first = s->ds.forecasts[i].made;
            found = 1;
        }
    hs_run_release(&all);
    if (!found || first <= opt->as_of)
        return 0;
    hs_date_format(opt->as_of, as_of);
    hs_date_format(first, made);
    fprintf(stderr, "hindsight: %s '%s' had made no forecast by %s (the first is from %s); a replay leaves out statements not yet made\n",
            hs_group_key_name(opt->by), cli_esc(name), as_of, made);
    return 1;
}

void cli_session_close(cli_session *s)
{
    hs_agg_release(&s->agg);
    hs_run_release(&s->run);
    hs_diags_release(&s->diags);
    hs_dataset_release(&s->ds);
    hs_lexicon_release(&s->lex);
}

int cli_begin(int argc, char **argv, const char *name, const char *accepted, int min,
              int max, cli_options *opt)
{
    const cli_command *cmd = cli_find_command(name);
    int first = cli_parse(argc, argv, cmd, accepted, opt), n;

    if (first == -2)
        return -1 - EXIT_OK;
    if (first < 0)
        return -1 - EXIT_USAGE;
    n = argc - first;
    if (n > max && max == 0)
        return -1 - cli_usage_error(cmd, "unexpected argument '%s'", argv[first]);
    if (n < min || n > max)
        return -1 - cli_usage_error(cmd, "expected %s, got %d",
                                    min == 1 && max == 1 ? "one name" : "two names to compare", n);
    return first;
}

/* Does any forecast of the run belong to the group called name? */
static int group_exists(const hs_run *run, enum hs_group_key by, const char *name)
{
    size_t i;

    for (i = 0; i < run->n; i++)
        if (hs_group_has(run, i, by, name))
            return 1;
    return 0;
}

const char *cli_group_name(const hs_run *run, enum hs_group_key by, const char *name)
{
    if (!group_exists(run, by, name) && name[0] == '\'' && name[1] &&
        strchr("=+-@\t\r", name[1]) && group_exists(run, by, name + 1))
        return name + 1;
    return name;
}

/* The last few escaped copies cli_esc() handed out, freed in turn. */
#define ESC_SLOTS 16
static char *esc_slot[ESC_SLOTS];
static size_t esc_next;

const char *cli_esc(const char *s)
{
    char *e;

    if (!s || !hs_text_needs_escape(s))
        return s;
    if (!(e = hs_text_escape(s)))
        return "?";
    hs_free(esc_slot[esc_next]);
    esc_slot[esc_next] = e;
    esc_next = (esc_next + 1) % ESC_SLOTS;
    return e;
}

void cli_esc_release(void)
{
    size_t i;

    for (i = 0; i < ESC_SLOTS; i++) {
        hs_free(esc_slot[i]);
        esc_slot[i] = NULL;
    }
}

int cli_resolve_name(const cli_session *s, const cli_options *opt, const char **name)
{
    const hs_run *run = &s->run;
    enum hs_group_key key = opt->by;
    hs_name_lookup m;
    size_t i;

    *name = cli_group_name(run, key, *name);   /* a name with export's formula guard */

    if (hs_name_lookup_run(run, key, *name, &m) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        return EXIT_DATA;
    }
    if (m.match) {
        *name = m.match;
        return EXIT_OK;
    }
    if (not_made_yet(s, opt, *name))
        return EXIT_DATA;
    fprintf(stderr, "hindsight: no %s is called '%s' (ignoring case)", hs_group_key_name(key),
            cli_esc(*name));
    for (i = 0; i < m.n_near; i++)
        fprintf(stderr, "%s'%s'", i == 0 ? "; did you mean " : i + 1 == m.n_near ? " or " : ", ",
                cli_esc(m.near[i]));
    fprintf(stderr, "%s 'hindsight score --by %s' lists them all\n", m.n_near ? "?" : ";",
            hs_group_key_name(key));
    return EXIT_DATA;
}
