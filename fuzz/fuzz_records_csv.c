/* fuzz_records_csv.c - an outcome record CSV under the fixture's questions
 * and forecasts. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_files f = {FIXTURE("outcomes/questions.json"), NULL,
                           {FIXTURE("forecasts/s1.json"), FIXTURE("forecasts/s2.json")},
                           NULL};

    f.records = fuzz_file(data, size);
    fuzz_dataset(&f, &fuzz_lexicon);
    return 0;
}
