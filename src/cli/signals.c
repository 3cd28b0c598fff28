/*
 * signals.c - what export and rescore do on Ctrl-C, SIGTERM or SIGHUP:
 * while the core has files staged, the signal is only noted; the core puts
 * everything back at its next step and the command then dies by the same
 * signal (exit status 128 + N, as a shell reports it).  At any other moment
 * the signal acts at once, as usual.  SIGXFSZ (a file-size limit) is
 * ignored so that an oversized write fails like a full disk.
 */
#include <signal.h>
#include <string.h>

#include "cli.h"

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

static void on_signal(int sig)
{
    if (hs_af_busy()) {
        hs_af_interrupt(sig);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_catch_signals(void)
{
    struct sigaction sa, old;
    size_t i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
        /* a signal ignored on entry (nohup, a background job) stays ignored */
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(caught[i], &sa, NULL);
    }
    signal(SIGXFSZ, SIG_IGN);
}

void cli_reraise_signal(void)
{
    int sig = hs_af_interrupted();

    if (sig) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
}
