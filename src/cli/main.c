/* main.c - hindsight's entry point: global options and command dispatch. */
#include <errno.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

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

/*
 * The one place where standard output is checked, after every command and
 * every other way out (help, version, usage errors): whatever was written
 * must have reached the file, pipe or terminal.  A write error seen on the
 * way (the stream's error flag), at the final flush or at close is
 * reported once, with the reason, and makes the exit status 1; a command
 * that failed otherwise keeps its own status.  As in gnulib's close_stdout,
 * a standard output closed from the start (">&-") is no error when nothing
 * was written to it.
 */
static int finish_output(int status)
{
    int err = 0, pending = __fpending(stdout) > 0, had_error;

    errno = 0;
    if (fflush(stdout) != 0)
        err = errno ? errno : EIO;
    had_error = ferror(stdout);
    errno = 0;
    if (fclose(stdout) != 0 && !err && (had_error || pending || errno != EBADF))
        err = errno ? errno : EIO;
    if (had_error && !err)   /* an earlier write failed: why, if a command saw it */
        err = cli_output_errno ? cli_output_errno : EIO;
    if (!err)
        return status;
    fprintf(stderr, "hindsight: cannot write the output: %s\n", strerror(err));
    return status == EXIT_OK || status == EXIT_CHANGED ? EXIT_DATA : status;
}

static int run(int argc, char **argv)
{
    const cli_command *cmd;
    cli_options opt;
    int status, i;

    i = cli_parse_global(argc, argv, &opt, &status);
    if (i < 0)
        return status;
    cmd = cli_find_command(argv[i]);
    if (!cmd) {
        fprintf(stderr, "hindsight: '%s' is not a command; see 'hindsight --help'\n",
                cli_esc(argv[i]));
        return EXIT_USAGE;
    }
    return cmd->run(argc - i, argv + i, &opt);
}

int main(int argc, char **argv)
{
    int fail_alloc, status;

    hs_library_init();
    fail_alloc = fail_alloc_from_env();
    if (fail_alloc < 0)
        return finish_output(EXIT_USAGE);
    status = finish_output(run(argc, argv));
    cli_esc_release();
    if (fail_alloc)
        fprintf(stderr, "hindsight: HINDSIGHT_FAIL_ALLOC_AT: %lu allocations made\n",
                hs_alloc_count());
    return status;
}
