/* commands.c - the command table: the one place to add a command. */
#include "cli.h"

const cli_command cli_commands[] = {
    {"check", "validate every data file; errors as FILE:LINE:COLUMN", cmd_check_usage, cmd_check},
    {"score", "leaderboard: mean Brier score per forecaster, organization, ...", cmd_score_usage, cmd_score},
    {"forecasts", "every forecast with its status, probability and Brier score", cmd_forecasts_usage, cmd_forecasts},
    {"calibration", "calibration table, chart and Brier decomposition", cmd_calibration_usage, cmd_calibration},
    {"compare", "two forecasters head to head on the questions both answered", cmd_compare_usage, cmd_compare},
    {"sensitivity", "scores and rankings under every hedge table and horizon", cmd_sensitivity_usage, cmd_sensitivity},
    {"profile", "one forecaster's record: rates, boldness, every quote and its evidence", cmd_profile_usage, cmd_profile},
    {"export", "CSV files for spreadsheets (and JSON): forecasts, scores, questions", cmd_export_usage, cmd_export},
    {"report", "static HTML report: leaderboards, every quote and its evidence, charts", cmd_report_usage, cmd_report},
    {"rescore", "the scheduled job: re-score, keep a history, report what changed", cmd_rescore_usage, cmd_rescore},
    {"questions", "list the questions, or search them by word, with their use", cmd_questions_usage, cmd_questions},
    {"add-question", "add a question to outcomes/questions.json, keeping the rest", cmd_add_question_usage, cmd_add_question},
    {"add-record", "append an outcome record to outcomes/records.csv", cmd_add_record_usage, cmd_add_record},
    {0, 0, 0, 0},
};
