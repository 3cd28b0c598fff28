/*
 * extract_rules.c - the rules of hindsight extract, as data.
 *
 * What makes a candidate (docs/data.md, "Extracting candidates"):
 *   1. a speaker: the sentence is inside quotation marks attributed to
 *      someone, or it contains a reporting verb (below) whose subject is a
 *      person or a distinguishable anonymous speaker;
 *   2. the future: it contains a lexicon phrase that is not only a belief
 *      marker, or a future marker (below) not followed by a past participle
 *      marker ("would have");
 *   3. not a question, not a prescription ("should", "must", "would be to").
 */
#include <stddef.h>

#include "extract_rules.h"

const char *const hs_rule_reporting_verbs[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "argued", "argues",
    "believes", "believed", "believe", "warned", "warns", "predicted", "predicts",
    "expects", "expected", "claimed", "claims", "reckons", "thinks", "reasons",
    "cautioned", "cautions", "agreed", "agrees", "insisted", "insists", "wrote",
    "explained", "stated", "suggested", "suggests", "fears", "feared", "dismissed",
    "promised", "forecast", "forecasts", "announced", "is sure", "is convinced", "is certain",
    "was sure", "was convinced", NULL,
};

const char *const hs_rule_reporting_preps[] = {
    "according to", "in the opinion of", "in the view of", NULL,
};

const char *const hs_rule_honorifics[] = {
    "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "professor", "prof.", "president",
    "prime", "minister", "general", "gen.", "colonel", "col.", "sir", "dame", "lord",
    "senator", "sen.", "rep.", "ambassador", NULL,
};

const char *const hs_rule_pronouns[] = { "he", "she", NULL };

const char *const hs_rule_speaker_nouns[] = {
    "official", "officials", "officer", "officers", "source", "sources", "expert",
    "experts", "analyst", "analysts", "diplomat", "diplomats", "representative",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "aide",
    "individuals", "minister", "commander", "general", "insider", "strategist", NULL,
};

const char *const hs_rule_future_markers[] = {
    "will", "won't", "'ll", "would", "wouldn't", "could", "may", "might", "shall",
    "going to", "bound to", "set to", "poised to", "expect", "expects", "predict", "predicts",
    "predicted", "forecast", "forecasts", NULL,
};

const char *const hs_rule_belief_only[] = {
    "i think", "i believe", "sure", "certain", "probably", "maybe", "possibly", NULL,
};

const char *const hs_rule_past_after_modal[] = {
    "have", "'ve", "not have", NULL,
};

const char *const hs_rule_prescriptive[] = {
    "should", "must", "would be to", "will be to", "have to", "has to", "need to", "needs to",
    "otherwise", NULL,
};

const char *const hs_rule_evaluative[] = {
    "difficult", "hard", "easy", "naive", "unpredictable", "necessary", "important", "key",
    "crucial", "vital", "essential", "like", "wise", "foolish", "problematic", "good", "bad",
    NULL,
};

const char *const hs_rule_negations[] = {
    "will not", "won't", "would not", "wouldn't", "cannot", "can't", "could not",
    "not be able", "never", "no way", "no real way", "almost no way", "impossible",
    "dismissed the idea", "not going to", "unlikely", "no chance", "no longer", "may not",
    "might not",
    "don't expect", "do not expect", "doesn't expect", "does not expect", "don't think",
    "do not think", "doesn't think", "does not think", NULL,
};

const char *const hs_rule_conditions[] = {
    "if", "unless", "in the event of", "as long as", "once", "whenever", "should", NULL,
};

const char *const hs_rule_months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", NULL,
};

const char *const hs_rule_numbers[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    NULL,
};

const char *const hs_rule_seasons[][2] = {
    { "spring", "05-31" }, { "summer", "08-31" }, { "autumn", "11-30" }, { "fall", "11-30" },
    { NULL, NULL },
};
