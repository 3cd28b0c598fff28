/* cmd_add.c - `hindsight add-question` and `hindsight add-record`: append
 * to outcomes/ with validation (the work is curate.h's). */
#include <getopt.h>
#include <string.h>

#include "cli.h"

const char cmd_add_question_usage[] =
    "usage: hindsight [--data DIR] add-question --id ID --title TITLE --criteria TEXT\n"
    "                 [--tag TAG]...\n"
    "\n"
    "Add a question to outcomes/questions.json, after the last one.  The rest of\n"
    "the file is kept byte for byte; the file is replaced atomically.  outcomes/\n"
    "must load without errors first (the forecasts are not read: they may name\n"
    "the new question already).  Refused: an id already used (also apart from\n"
    "case), an id or tag with white space, empty text, control characters.\n"
    "\n"
    "Options:\n"
    "  --id ID              the new question's id, such as putin-leaves-office\n"
    "  --title TITLE        one line saying what is asked\n"
    "  --criteria TEXT      how it is resolved, and its event date\n"
    "  --tag TAG            a tag (repeat for more)\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 added, 1 refused or data errors, 2 usage error.\n";

const char cmd_add_record_usage[] =
    "usage: hindsight [--data DIR] add-record --question ID --status STATUS --date DATE\n"
    "                 --evidence TEXT --evidence-source TEXT [--recorded DATE]\n"
    "\n"
    "Append an outcome record to outcomes/records.csv, quoted as CSV needs.  The\n"
    "existing rows are kept byte for byte; the file is replaced atomically.  The\n"
    "outcomes/ must load without errors first.  Refused: an unknown question, a bad\n"
    "status or date, a recorded date before the event date, a record already\n"
    "there, empty text, control characters.\n"
    "\n"
    "Options:\n"
    "  --question ID        the question resolved\n"
    "  --status STATUS      occurred, not_occurred or annulled\n"
    "  --date DATE          the event date, YYYY-MM-DD\n"
    "  --evidence TEXT      what happened\n"
    "  --evidence-source TEXT  where that is reported\n"
    "  --recorded DATE      when the record is made (default today, UTC)\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 added, 1 refused or data errors, 2 usage error.\n";

enum { A_ID, A_TITLE, A_CRITERIA, A_TAG, A_QUESTION, A_STATUS, A_DATE, A_EVIDENCE,
       A_EVIDENCE_SOURCE, A_RECORDED, A_DATA, A_HELP, A_COUNT };

/* Parse the options of an add command into vals (the last given wins,
 * --tag collects into tags).  Returns 0, or -1 - exit status. */
static int parse(int argc, char **argv, const cli_command *cmd, const struct option *longs,
                 const char **vals, const char **tags, size_t *n_tags, cli_options *opt)
{
    int c;

    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        if (c == 'h' || c == A_HELP) {
            fputs(cmd->usage, stdout);
            return -1 - EXIT_OK;
        }
        if (c == '?' || c == ':') {
            if (optopt)
                cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
            else
                cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            return -1 - EXIT_USAGE;
        }
        if (c == A_DATA)
            opt->data_dir = optarg;
        else if (c == A_TAG)
            tags[(*n_tags)++] = optarg;
        else
            vals[c] = optarg;
    }
    if (optind < argc) {
        cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
        return -1 - EXIT_USAGE;
    }
    return 0;
}

/* Load outcomes/ (questions and records, not the forecasts: they may name
 * the question about to be added); report and return non-zero unless it
 * loads cleanly. */
static int load(const cli_options *opt, hs_diags *diags, hs_dataset *ds)
{
    int rc = hs_dataset_load_outcomes(ds, opt->data_dir, diags);

    hs_diags_sort(diags);
    cli_print_diags(diags);
    if (rc < 0 || diags->n_errors) {
        fprintf(stderr, "hindsight: outcomes/ has errors ('hindsight check' lists them); nothing added\n");
        return -1;
    }
    return 0;
}

static int finish(int rc, hs_diags *diags, size_t before, const char *what)
{
    hs_diags tail;

    tail = *diags;
    tail.items += before;
    tail.n -= before;
    tail.out_of_memory = 0;
    cli_print_diags(&tail);
    if (rc < 0) {
        fprintf(stderr, "hindsight: nothing added\n");
        return EXIT_DATA;
    }
    printf("%s\n", what);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_DATA;
}

int cmd_add_question(int argc, char **argv, cli_options *opt)
{
    static const struct option longs[] = {
        {"id", required_argument, NULL, A_ID},
        {"title", required_argument, NULL, A_TITLE},
        {"criteria", required_argument, NULL, A_CRITERIA},
        {"tag", required_argument, NULL, A_TAG},
        {"data", required_argument, NULL, A_DATA},
        {"help", no_argument, NULL, A_HELP},
        {0, 0, 0, 0}};
    const cli_command *cmd = cli_find_command("add-question");
    const char *vals[A_COUNT] = {0}, **tags;
    size_t n_tags = 0, before;
    hs_dataset ds;
    hs_diags diags;
    hs_new_question q;
    int rc, status;
    char msg[200];

    if (!(tags = hs_calloc((size_t)argc + 1, sizeof(*tags)))) {
        fprintf(stderr, "hindsight: out of memory\n");
        return EXIT_DATA;
    }
    if ((rc = parse(argc, argv, cmd, longs, vals, tags, &n_tags, opt)) < 0) {
        hs_free(tags);
        return -1 - rc;
    }
    if (!vals[A_ID] || !vals[A_TITLE] || !vals[A_CRITERIA]) {
        hs_free(tags);
        return cli_usage_error(cmd, "--id, --title and --criteria are required");
    }
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    status = EXIT_DATA;
    if (load(opt, &diags, &ds) == 0) {
        q.id = vals[A_ID];
        q.title = vals[A_TITLE];
        q.criteria = vals[A_CRITERIA];
        q.tags = tags;
        q.n_tags = n_tags;
        before = diags.n;
        rc = hs_question_append(&ds, opt->data_dir, &q, &diags);
        snprintf(msg, sizeof(msg), "added question '%.120s' to outcomes/questions.json",
                 q.id);
        status = finish(rc, &diags, before, msg);
    }
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    hs_free(tags);
    return status;
}

int cmd_add_record(int argc, char **argv, cli_options *opt)
{
    static const struct option longs[] = {
        {"question", required_argument, NULL, A_QUESTION},
        {"status", required_argument, NULL, A_STATUS},
        {"date", required_argument, NULL, A_DATE},
        {"evidence", required_argument, NULL, A_EVIDENCE},
        {"evidence-source", required_argument, NULL, A_EVIDENCE_SOURCE},
        {"recorded", required_argument, NULL, A_RECORDED},
        {"data", required_argument, NULL, A_DATA},
        {"help", no_argument, NULL, A_HELP},
        {0, 0, 0, 0}};
    const cli_command *cmd = cli_find_command("add-record");
    const char *vals[A_COUNT] = {0}, *tags[1];
    size_t n_tags = 0, before;
    hs_dataset ds;
    hs_diags diags;
    hs_new_record r;
    char today[HS_DATE_TEXT_SIZE], msg[200];
    int rc, status;

    (void)tags;
    if ((rc = parse(argc, argv, cmd, longs, vals, tags, &n_tags, opt)) < 0)
        return -1 - rc;
    if (!vals[A_QUESTION] || !vals[A_STATUS] || !vals[A_DATE] || !vals[A_EVIDENCE] ||
        !vals[A_EVIDENCE_SOURCE])
        return cli_usage_error(cmd,
                               "--question, --status, --date, --evidence and --evidence-source are required");
    hs_date_format(opt->as_of, today);   /* the default as-of date: today, UTC */
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    status = EXIT_DATA;
    if (load(opt, &diags, &ds) == 0) {
        r.question = vals[A_QUESTION];
        r.status = vals[A_STATUS];
        r.date = vals[A_DATE];
        r.evidence = vals[A_EVIDENCE];
        r.evidence_source = vals[A_EVIDENCE_SOURCE];
        r.recorded = vals[A_RECORDED] ? vals[A_RECORDED] : today;
        before = diags.n;
        rc = hs_record_append(&ds, opt->data_dir, &r, &diags);
        snprintf(msg, sizeof(msg), "added a record '%s' for question '%.120s' to outcomes/records.csv",
                 r.status, r.question);
        status = finish(rc, &diags, before, msg);
    }
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    return status;
}
