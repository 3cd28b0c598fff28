/* library.c - one-time set-up of the libraries the core uses. */
#include <gsl/gsl_errno.h>
#include <jansson.h>

#include "hindsight/hindsight.h"

void hs_library_init(void)
{
    /* GSL aborts on error by default; the core checks return codes. */
    gsl_set_error_handler_off();
    /* jansson allocates through our wrapper, so failure injection and
     * accounting see its memory too. */
    json_set_alloc_funcs(hs_malloc, hs_free);
}
