/* fuzz_snapshot_json.c - a rescore state's scores.json read back, and the
 * changes computed from it to itself and to the empty snapshot. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size);
    hs_snapshot snap, empty;
    hs_changes c;
    hs_diags d;

    hs_snapshot_init(&snap);
    hs_snapshot_init(&empty);
    hs_diags_init(&d);
    if (hs_snapshot_load(&snap, path, &d) == 0) {
        hs_changes_init(&c);
        /* not asserted: a snapshot with a repeated forecast id (a hand-made
         * scores.json) differs from itself */
        hs_changes_compute(&c, &snap, &snap);
        hs_changes_release(&c);
        hs_changes_init(&c);
        hs_changes_compute(&c, &empty, &snap);
        hs_changes_release(&c);
        hs_changes_init(&c);
        hs_changes_compute(&c, &snap, &empty);
        hs_changes_release(&c);
    }
    hs_diags_release(&d);
    hs_snapshot_release(&empty);
    hs_snapshot_release(&snap);
    return 0;
}
