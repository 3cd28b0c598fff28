/* fuzz_history_csv.c - a rescore state's history.csv: opened (checked, a
 * torn last line cut off), then one more run appended to it. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    hs_history h;
    hs_snapshot snap;
    hs_diags d;
    unsigned long used;
    size_t written;

    hs_history_init(&h);
    hs_snapshot_init(&snap);
    hs_diags_init(&d);
    if (hs_history_open(&h, path, &d) == 0) {
        memcpy(snap.as_of, "2026-11-22", 11);
        hs_history_append(&h, h.last_run + 1, &snap, &used, &written, &d);
    }
    hs_diags_release(&d);
    hs_snapshot_release(&snap);
    hs_history_release(&h);
    return 0;
}
