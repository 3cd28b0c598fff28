/* main.c - hindsight's entry point: global options and command dispatch. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

/*
 * HINDSIGHT_FAIL_ALLOC_AT=N, a test mode (tests/run-alloc-fail.sh): the N-th
 * allocation of the run and every later one fail (0: none fail), and the
 * number of allocations made is reported on standard error at the end.  The
 * environment is read here, once, never by the core.  Returns 1 when the
 * mode is on, 0 when off, -1 after reporting a bad value.
 */
static int fail_alloc_from_env(void)
{
    const char *s = getenv("HINDSIGHT_FAIL_ALLOC_AT");
    unsigned long n;
    char *end;

    if (!s)
        return 0;
    errno = 0;
    n = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno) {
        fprintf(stderr, "hindsight: HINDSIGHT_FAIL_ALLOC_AT '%s' is not a whole number\n", s);
        return -1;
    }
    hs_alloc_fail_at(n);
    return 1;
}

int main(int argc, char **argv)
{
    const cli_command *cmd;
    cli_options opt;
    int fail_alloc, status, i;

    hs_library_init();
    fail_alloc = fail_alloc_from_env();
    if (fail_alloc < 0)
        return EXIT_USAGE;
    i = cli_parse_global(argc, argv, &opt, &status);
    if (i < 0)
        return status;
    cmd = cli_find_command(argv[i]);
    if (!cmd) {
        fprintf(stderr, "hindsight: '%s' is not a command; see 'hindsight --help'\n", argv[i]);
        return EXIT_USAGE;
    }
    status = cmd->run(argc - i, argv + i, &opt);
    if (fail_alloc)
        fprintf(stderr, "hindsight: HINDSIGHT_FAIL_ALLOC_AT: %lu allocations made\n",
                hs_alloc_count());
    return status;
}
