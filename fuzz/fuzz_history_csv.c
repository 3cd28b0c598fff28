/* fuzz_history_csv.c - a rescore state's history.csv: copied into a new
 * generation (checked, a torn last line and uncommitted runs cut off),
 * then one more run appended to the copy. */
#include <fcntl.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    hs_history h;
    hs_snapshot snap;
    hs_diags d;
    char copy[4200];
    size_t written;

    hs_history_init(&h);
    hs_snapshot_init(&snap);
    hs_diags_init(&d);
    snprintf(copy, sizeof(copy), "%s.copy", path);
    unlink(copy);
    if (hs_history_copy(&h, AT_FDCWD, path, path, AT_FDCWD, copy, 1000, &d) == 0) {
        memcpy(snap.as_of, "2026-11-22", 11);
        hs_history_append(&h, h.last_run + 1, &snap, &written, &d);
    }
    hs_diags_release(&d);
    hs_snapshot_release(&snap);
    hs_history_release(&h);
    unlink(copy);
    return 0;
}
