/* fuzz_questions_json.c - a questions file (hindsight-questions/1) under the
 * fixture's records and forecasts. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_files f = {NULL, FIXTURE("outcomes/records.csv"),
                           {FIXTURE("forecasts/s1.json"), FIXTURE("forecasts/s2.json")},
                           NULL};

    f.questions = fuzz_file(data, size);
    fuzz_dataset(&f, &fuzz_lexicon);
    return 0;
}
