/* main.c - hindsight's entry point: global options and command dispatch. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

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
        fprintf(out, "  %-11s %s\n", c->name, c->summary);
    fprintf(out,
            "\n"
            "Global options:\n"
            "  --data DIR     data directory holding forecasts/, outcomes/, lexicons/ (default .)\n"
            "  -h, --help     show this help; 'hindsight COMMAND -h' for a command's\n"
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

int main(int argc, char **argv)
{
    cli_options opt;
    const cli_command *cmd;
    int i = 1;

    hs_library_init();
    memset(&opt, 0, sizeof(opt));
    opt.data_dir = ".";
    opt.lexicon = "default";
    opt.as_of = today();
    opt.horizon.count = 2;
    opt.horizon.unit = 'y';
    opt.format = FORMAT_TABLE;
    opt.by = HS_BY_FORECASTER;
    hs_group_options_init(&opt.groups);
    opt.bins = 10;

    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            print_help(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("hindsight %s\n", HS_VERSION);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            opt.data_dir = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--data=", 7) == 0) {
            opt.data_dir = argv[i] + 7;
            i++;
        } else {
            fprintf(stderr, "hindsight: unknown option '%s'\n", argv[i]);
            fprintf(stderr, "usage: hindsight [--data DIR] COMMAND [options]; see 'hindsight --help'\n");
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    cmd = cli_find_command(argv[i]);
    if (!cmd) {
        fprintf(stderr, "hindsight: '%s' is not a command; see 'hindsight --help'\n", argv[i]);
        return EXIT_USAGE;
    }
    return cmd->run(argc - i, argv + i, &opt);
}
