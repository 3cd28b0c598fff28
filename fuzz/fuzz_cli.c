/*
 * fuzz_cli.c - command-line parsing: the input is split at NUL bytes into
 * arguments after "hindsight", then parsed as main() and the commands do:
 * cli_parse_global() for the global options and the command's name, then
 * cli_begin() for the command found (or "check") with every option
 * accepted and the command's operand count.  Commands are not run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    hs_library_init();
    /* help and usage errors are printed: keep them out of the fuzzer's log */
    if (!freopen("/dev/null", "w", stdout))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char name[] = "hindsight";
    char *buf = malloc(size + 1), *argv[MAX_ARGS + 2];
    const cli_command *cmd;
    cli_options opt;
    int argc = 0, i, status;
    size_t start = 0, k;

    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[argc++] = name;
    for (k = 0; k <= size && argc <= MAX_ARGS; k++) {
        if (buf[k] == '\0') {
            argv[argc++] = buf + start;
            start = k + 1;
        }
    }
    argv[argc] = NULL;
    i = cli_parse_global(argc, argv, &opt, &status);
    if (i >= 0) {
        int operands;

        cmd = cli_find_command(argv[i]);
        if (!cmd)
            cmd = &cli_commands[0];
        operands = strcmp(cmd->name, "compare") == 0 ? 2 : strcmp(cmd->name, "profile") == 0;
        cli_begin(argc - i, argv + i, cmd->name,
                  "as-of horizon format lexicon by min-n bootstrap seed reference bins "
                  "profile out excel state exit-code",
                  operands, operands, &opt);
    }
    free(buf);
    return 0;
}
