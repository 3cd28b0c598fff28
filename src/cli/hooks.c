/*
 * hooks.c - test hooks for the crash-safety tests (hindsight(1),
 * ENVIRONMENT).  The core calls hs_checkpoint() at every step of its file
 * writing where a crash could leave something half done; these variables
 * stop the program there, as a power cut or `kill -9` would.
 */
#include <signal.h>
#include <stdlib.h>

#include "cli.h"

static unsigned long crash_at, stop_at, reached;
static int trace;

static void on_checkpoint(const char *where, void *ctx)
{
    (void)ctx;
    reached++;
    if (trace)
        fprintf(stderr, "hindsight: checkpoint %lu: %s\n", reached, where);
    if (reached == crash_at)
        raise(SIGKILL);   /* no flushing, no clean-up: a real crash */
    if (reached == stop_at)
        raise(SIGSTOP);
}

static unsigned long env_number(const char *name)
{
    const char *v = getenv(name);

    return v ? strtoul(v, NULL, 10) : 0;
}

void cli_test_hooks(void)
{
    crash_at = env_number("HINDSIGHT_TEST_CRASH_AT");
    stop_at = env_number("HINDSIGHT_TEST_STOP_AT");
    trace = env_number("HINDSIGHT_TEST_TRACE") != 0;
    if (crash_at || stop_at || trace)
        hs_checkpoint_set(on_checkpoint, NULL);
}
