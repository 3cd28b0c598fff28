/* fuzz_forecasts_json.c - a forecast file (hindsight-forecasts/1) beside the
 * fixture's questions, records and other source file. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_files f = {FIXTURE("outcomes/questions.json"),
                           FIXTURE("outcomes/records.csv"),
                           {FIXTURE("forecasts/s1.json"), NULL}, NULL};

    f.forecasts_json[1] = fuzz_file(data, size);
    fuzz_dataset(&f, &fuzz_lexicon);
    return 0;
}
