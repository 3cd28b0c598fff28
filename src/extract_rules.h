/*
 * extract_rules.h - the word lists hindsight extract decides with, kept in
 * one readable file (extract_rules.c).  All lists are lowercase, ASCII
 * apostrophes, NULL-terminated.  Not installed.
 */
#ifndef HINDSIGHT_EXTRACT_RULES_H
#define HINDSIGHT_EXTRACT_RULES_H

/* Verbs that report what someone said or thinks ("X said", "said X"). */
extern const char *const hs_rule_reporting_verbs[];
/* Phrases after which the speaker follows ("according to X"). */
extern const char *const hs_rule_reporting_preps[];
/* Titles before a name, dropped from it ("Mr", "Professor"). */
extern const char *const hs_rule_honorifics[];
/* Pronouns that refer back to the last person introduced. */
extern const char *const hs_rule_pronouns[];
/* Nouns that head an anonymous but distinguishable speaker. */
extern const char *const hs_rule_speaker_nouns[];
/* Modal and future markers, used as the hedge when no lexicon phrase is there. */
extern const char *const hs_rule_future_markers[];
/* Lexicon phrases that state belief but not, on their own, the future. */
extern const char *const hs_rule_belief_only[];
/* Words after a modal that make it past or counterfactual ("would have"). */
extern const char *const hs_rule_past_after_modal[];
/* Prescriptions, not predictions ("would be to", "should"). */
extern const char *const hs_rule_prescriptive[];
/* Words after "will be" / "would be" that make a judgement, not an event
 * ("it will be difficult", "would be the key"). */
extern const char *const hs_rule_evaluative[];
/* Negations that turn a claim's stance to "no". */
extern const char *const hs_rule_negations[];
/* Words opening a condition ("if", "unless", "in the event of"). */
extern const char *const hs_rule_conditions[];
/* Month names, January first ("by August"). */
extern const char *const hs_rule_months[];
/* Small numbers in words, zero first ("within two years"). */
extern const char *const hs_rule_numbers[];
/* Seasons and their last day as "MM-DD" (northern hemisphere). */
extern const char *const hs_rule_seasons[][2];

#endif
