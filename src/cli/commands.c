/* commands.c - the command table: the one place to add a command. */
#include "cli.h"

const cli_command cli_commands[] = {
    {"check", "validate every data file; errors as FILE:LINE:COLUMN", cmd_check_usage, cmd_check},
    {"score", "leaderboard: mean Brier score per forecaster, organization, ...", cmd_score_usage, cmd_score},
    {"forecasts", "every forecast with its status, probability and Brier score", cmd_forecasts_usage, cmd_forecasts},
    {0, 0, 0, 0},
};
