/* fuzz_forecasts_csv.c - a bulk forecast CSV, loaded after the fixture's
 * source files so its rows can name their sources. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_files f = {FIXTURE("outcomes/questions.json"),
                           FIXTURE("outcomes/records.csv"),
                           {FIXTURE("forecasts/s1.json"), FIXTURE("forecasts/s2.json")},
                           NULL};

    f.forecasts_csv = fuzz_file(data, size);
    fuzz_dataset(&f, &fuzz_lexicon);
    return 0;
}
