/* fuzz_timestamp.c - smm_time_parse() on any bytes: no read past len, and
 * a time it accepts is a finite number of seconds. */
#include <math.h>

#include "fuzz.h"
#include "smm/timestamp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double t = 0;
    if (smm_time_parse((const char *)data, size, &t))
        FUZZ_CHECK(isfinite(t));
    return 0;
}
