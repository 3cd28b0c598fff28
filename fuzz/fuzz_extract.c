/*
 * fuzz_extract.c - hindsight extract on arbitrary bytes.  Either the input
 * is refused with an error (not UTF-8, NUL, empty) or every candidate lies
 * inside the text: its byte range is within it, its quote is exactly those
 * bytes, its code point offsets count to it, and its speaker and hedge are
 * set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/hindsight.h"
#include "hindsight/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static hs_lexicon lex;
    static int loaded;
    hs_extract_options xo;
    hs_extraction ex;
    hs_diags d;
    size_t i, off = size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    int rc;

    if (!loaded) {
        hs_diags dl;
        hs_library_init();
        hs_lexicon_init(&lex);
        hs_diags_init(&dl);
        hs_lexicon_load(&lex, FUZZ_DATA_DIR "/../../../lexicons/default.csv", &dl);
        hs_diags_release(&dl);
        loaded = 1;
    }
    memset(&xo, 0, sizeof(xo));
    xo.lexicon = &lex;
    hs_extraction_init(&ex);
    hs_diags_init(&d);
    rc = hs_extract(&ex, "fuzz.txt", (const char *)data, size, &xo, &d);
    if (rc < 0 && d.n_errors == 0)
        abort();
    for (i = 0; rc == 0 && i < ex.n; i++) {
        const hs_candidate *c = &ex.items[i];
        size_t k, cps = 0;
        if (c->byte_start > c->byte_end || c->byte_end + off > size || !c->speaker || !c->hedge)
            abort();
        if (strlen(c->quote) != c->byte_end - c->byte_start ||
            memcmp(c->quote, data + off + c->byte_start, strlen(c->quote)) != 0)
            abort();
        for (k = 0; k < c->byte_start; k++)
            cps += (data[off + k] & 0xc0) != 0x80;
        if (cps != c->start || c->end - c->start > c->byte_end - c->byte_start)
            abort();
    }
    hs_extraction_release(&ex);
    hs_diags_release(&d);
    return 0;
}
