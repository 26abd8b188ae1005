/* test_buf.c: bg_buf_num (PDF numbers) prints exactly what rounding and printf print:
 * edge cases, then 300,000 pseudo-random values at every precision; bg_fixed prints
 * exactly what printf's %.*f prints: ties (k/8), signed zeros, edges and 600,000
 * pseudo-random values at 0 to 4 decimals. */
#include "base/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

/* The definition: round to decimals, %.*f, no trailing zeros, no "-0". */
static void S_reference(char *out, size_t cap, double v, int decimals)
{
    double scale = pow(10, decimals);
    double r = round(v * scale) / scale;
    if (r == 0)
        r = 0;
    snprintf(out, cap, "%.*f", decimals, r);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
}

static void S_check(double v, int decimals)
{
    char want[64]; /* the size bg_buf_num has always printed into */
    S_reference(want, sizeof want, v, decimals);
    bg_buf b;
    bg_buf_init(&b);
    bg_buf_num(&b, v, decimals);
    if (strcmp(b.data, want) != 0)
        fail_msg("bg_buf_num(%.17g, %d) = %s, want %s", v, decimals, b.data, want);
    bg_buf_free(&b);
}

static void test_edges(void **state)
{
    (void)state;
    static const double values[] = {0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.0004, -0.0004, 0.0005, -0.0005,
                                    1e-9, 123.456789, -123.456789, 99999999.9999, -99999999.9999, 1e8,
                                    -1e8, 1e15, 1e300, -1e300, 841.889, 595.276, 0.1, 0.2, 0.3, 1.005,
                                    2.675, 1.0000005, 65535, 4294967296.0};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        for (int d = 0; d <= 8; d++)
            S_check(values[i], d);
}

static void test_random(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 300000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double unit = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
        double magnitude = pow(10, (double)(x % 11) - 3);      /* 1e-3 .. 1e7 */
        double v = (unit - 0.5) * 2 * magnitude;
        S_check(v, (int)((x >> 5) % 7));
    }
}

static void S_check_fixed(double v, int decimals)
{
    char want[BG_FIXED_MAX], got[BG_FIXED_MAX];
    int n = snprintf(want, sizeof want, "%.*f", decimals, v);
    size_t len = bg_fixed(got, v, decimals);
    if (strcmp(got, want) != 0 || len != (size_t)n)
        fail_msg("bg_fixed(%.17g, %d) = %s (%zu), want %s", v, decimals, got, len, want);
}

static void test_fixed_edges(void **state)
{
    (void)state;
    static const double values[] = {0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.625, 0.875,
                                    0.0625, 1.0625, 0.00049, -0.0004, 0.0005, -0.0005, 0.005, 0.015,
                                    0.025, 1.005, 2.675, 841.889, 595.276, 1e-9, -1e-9, 1e-310,
                                    99999999.995, 999999999999999.9, 1e15, -1e15, 1e300, -1e300,
                                    4294967296.5, 9007199254740993.0};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        for (int d = 0; d <= 4; d++)
            S_check_fixed(values[i], d);
    for (int k = -4000; k <= 4000; k++) /* every multiple of 1/8 (ties at 2 decimals) */
        for (int d = 0; d <= 3; d++)
            S_check_fixed(k / 8.0, d);
    for (int k = -2000; k <= 2000; k++) /* values a hair off the half */
        for (int d = 0; d <= 3; d++) {
            S_check_fixed(nextafter((k + 0.5) / pow(10, d), 1e300), d);
            S_check_fixed(nextafter((k + 0.5) / pow(10, d), -1e300), d);
        }
}

static void test_fixed_random(void **state)
{
    (void)state;
    uint64_t x = 2463534242ull;
    for (int i = 0; i < 600000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double unit = (double)(x >> 11) / 9007199254740992.0;
        double magnitude = pow(10, (double)(x % 17) - 4); /* 1e-4 .. 1e12 */
        S_check_fixed((unit - 0.5) * 2 * magnitude, (int)((x >> 7) % 5));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_fixed_edges),
        cmocka_unit_test(test_fixed_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
