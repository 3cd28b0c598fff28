/*
 * fuzz_prob.c - exact probability parsing (prob.h).  Whatever the input:
 * a parsed value lies in [0, 1]; it formats to a text that parses back to
 * itself exactly; an exact parse agrees with strtod to the last bit (both
 * round the same decimal once); and the bin of every K from 2 to 100 is
 * floor(p K).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/hindsight.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[128], buf[HS_PROB_TEXT_MAX];
    hs_prob p, back;
    int rc = hs_prob_parse((const char *)data, size, &p);
    size_t k;

    if (rc < HS_PROB_EPERCENT || rc > HS_PROB_ROUNDED)
        abort();
    if (rc < 0)
        return 0;
    if (p < 0 || p > HS_PROB_ONE)
        abort();
    hs_prob_format(p, buf);
    if (hs_prob_parse(buf, strlen(buf), &back) != HS_PROB_EXACT || back != p)
        abort();
    if (hs_prob_to_double(p) != strtod(buf, NULL))
        abort();
    if (rc == HS_PROB_EXACT && size < sizeof(text)) {
        memcpy(text, data, size);
        text[size] = '\0';
        if (strtod(text, NULL) != hs_prob_to_double(p) && !(p == 0 && strtod(text, NULL) == 0))
            abort();
    }
    for (k = 2; k <= 100; k++) {
        size_t b = hs_prob_bin(p, k);

        if (b >= k || (b + 1 < k && (uint64_t)p * k < (uint64_t)b * HS_PROB_ONE) ||
            (b + 1 < k && (uint64_t)p * k >= (uint64_t)(b + 1) * HS_PROB_ONE))
            abort();
    }
    return 0;
}
