/*
 * The C test suite of libxuhui, compiled against the installed header and
 * library (pkg-config --cflags --libs xuhui) by scripts/test-c.sh, and run
 * plainly, under -fsanitize=address,undefined and under valgrind.
 *
 * Usage: test_xuhui VECTORS.txt
 *   VECTORS.txt is tests/vectors/growth*.json as dumped by
 *   `cargo run -p xh-c --example dump_vectors` (one case per line, doubles as
 *   hex bit patterns, with xh-core's own result for bit-identity).
 *
 * Checks do not use assert() (which NDEBUG would remove): CHECK prints the
 * location and aborts. The last line is "N passed, 0 failed".
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xuhui.h>

#include "check.h"

/* Checks a status, printing both tags and the last error on mismatch. */
#define CHECK_STATUS(call, want)                                              \
    do {                                                                      \
        xh_status got_ = (call);                                              \
        char msg_[512];                                                       \
        xh_last_error_message(msg_, sizeof msg_);                             \
        CHECK(got_ == (xh_status)(want), "%s returned %s (%u), expected %s; " \
              "last error: %s", #call, xh_status_name(got_), (unsigned)got_,  \
              xh_status_name(want), msg_);                                    \
    } while (0)

static uint64_t bits(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static double from_bits(uint64_t b) {
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static int same(double a, double b) { return bits(a) == bits(b); }

/* Distance in units in the last place, counting across zero. */
static uint64_t ulp_distance(double a, double b) {
    int64_t ka = (int64_t)bits(a), kb = (int64_t)bits(b);
    if (ka < 0) ka = INT64_MIN - ka;
    if (kb < 0) kb = INT64_MIN - kb;
    return ka > kb ? (uint64_t)ka - (uint64_t)kb : (uint64_t)kb - (uint64_t)ka;
}

static const double SENTINEL = -12345.5;

/* ------------------------------------------------------------------ */

static void test_version(void) {
    int major = -1, minor = -1, patch = -1;
    CHECK(strcmp(xh_version(), XUHUI_VERSION) == 0, "library %s, header %s",
          xh_version(), XUHUI_VERSION);
    CHECK(sscanf(xh_version(), "%d.%d.%d", &major, &minor, &patch) == 3, "%s",
          xh_version());
    CHECK(major == XUHUI_VERSION_MAJOR && minor == XUHUI_VERSION_MINOR &&
              patch == XUHUI_VERSION_PATCH,
          "%d.%d.%d", major, minor, patch);
}

static void test_status_names(void) {
    static const struct {
        xh_status status;
        unsigned code;
        const char *name;
    } table[] = {
        {XH_STATUS_OK, 0, "ok"},
        {XH_STATUS_NULL_ARGUMENT, 1, "null_argument"},
        {XH_STATUS_PANIC, 2, "panic"},
        {XH_STATUS_BUFFER_TOO_SMALL, 3, "buffer_too_small"},
        {XH_STATUS_INVALID_UTF8, 4, "invalid_utf8"},
        {XH_STATUS_UNKNOWN, 5, "unknown"},
        {XH_STATUS_NON_FINITE, 100, "non_finite"},
        {XH_STATUS_OUT_OF_DOMAIN, 101, "out_of_domain"},
        {XH_STATUS_UNREACHABLE, 102, "unreachable"},
        {XH_STATUS_OVERFLOW, 103, "overflow"},
        {XH_STATUS_EMPTY_INPUT, 104, "empty_input"},
        {XH_STATUS_LENGTH_MISMATCH, 105, "length_mismatch"},
        {XH_STATUS_UNKNOWN_UNIT, 106, "unknown_unit"},
        {XH_STATUS_UNIT_MISMATCH, 107, "unit_mismatch"},
        {XH_STATUS_EXCHANGE_RATE_REQUIRED, 108, "exchange_rate_required"},
        {XH_STATUS_UNKNOWN_ID, 109, "unknown_id"},
        {XH_STATUS_INVALID_CATALOG, 110, "invalid_catalog"},
        {XH_STATUS_INVALID_OBSERVATIONS, 111, "invalid_observations"},
        {XH_STATUS_PRICE_BASIS_MISMATCH, 112, "price_basis_mismatch"},
        {XH_STATUS_INVALID_YEAR, 113, "invalid_year"},
        {XH_STATUS_INVALID_ARGUMENT, 114, "invalid_argument"},
    };
    size_t i;
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        CHECK((unsigned)table[i].status == table[i].code, "%s", table[i].name);
        CHECK(strcmp(xh_status_name(table[i].status), table[i].name) == 0,
              "code %u: %s", table[i].code, xh_status_name(table[i].status));
    }
    CHECK(strcmp(xh_status_name(6), "unknown") == 0, "6");
    CHECK(strcmp(xh_status_name(99), "unknown") == 0, "99");
    CHECK(strcmp(xh_status_name(0xFFFFFFFFu), "unknown") == 0, "max");
}

/* Must run before any failing call on the main thread. */
static void test_last_error_initially_empty(void) {
    char buf[8];
    memset(buf, 'x', sizeof buf);
    CHECK(xh_last_error_message(NULL, 0) == 1, "no message yet");
    CHECK(xh_last_error_message(buf, sizeof buf) == 1, "no message yet");
    CHECK(buf[0] == '\0', "empty string");
}

static void test_last_error_buffers(void) {
    double out = SENTINEL;
    const char *want = "start must be positive and finite, got -3";
    size_t need, n;
    char buf[128], small[8];

    CHECK_STATUS(xh_cagr(-3.0, 5.0, 1.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK(out == SENTINEL, "out written on failure");
    need = xh_last_error_message(NULL, 0);
    CHECK(need == strlen(want) + 1, "need %zu", need);
    /* NULL buffer with a length is a size query too. */
    CHECK(xh_last_error_message(NULL, 50) == need, "NULL buf");
    /* exact size */
    memset(buf, 'x', sizeof buf);
    CHECK(xh_last_error_message(buf, need) == need, "exact");
    CHECK(strcmp(buf, want) == 0, "got %s", buf);
    /* one byte too small: truncated, still terminated */
    memset(buf, 'x', sizeof buf);
    CHECK(xh_last_error_message(buf, need - 1) == need, "one too small");
    CHECK(strlen(buf) == need - 2, "len %zu", strlen(buf));
    CHECK(strncmp(buf, want, need - 2) == 0, "prefix %s", buf);
    CHECK(buf[need - 1] == 'x', "wrote past len");
    /* zero length: nothing written */
    memset(small, 'x', sizeof small);
    CHECK(xh_last_error_message(small, 0) == need, "len 0");
    CHECK(small[0] == 'x', "wrote with len 0");
    /* length 1: just the terminator */
    CHECK(xh_last_error_message(small, 1) == need, "len 1");
    CHECK(small[0] == '\0' && small[1] == 'x', "len 1 writes only NUL");

    /* truncation never splits a UTF-8 character: 万平光 is 9 bytes */
    CHECK_STATUS(xh_unit_convert("万平光", 1.0, "元", &out), XH_STATUS_UNKNOWN_UNIT);
    n = xh_last_error_message(buf, sizeof buf);
    CHECK(strcmp(buf, "unknown unit \"万平光\"") == 0, "%s", buf);
    /* "unknown unit \"" is 14 bytes; a 17-byte buffer has room for 16:
       14 + 2 bytes of 万 would split it, so only 14 are kept. */
    CHECK(xh_last_error_message(small, 8) == n, "size");
    CHECK(strcmp(small, "unknown") == 0, "%s", small);
    {
        char mid[17];
        xh_last_error_message(mid, sizeof mid);
        CHECK(strcmp(mid, "unknown unit \"") == 0, "%s", mid);
    }
    /* success does not clear it */
    CHECK_STATUS(xh_cagr(1.0, 2.0, 1.0, &out), XH_STATUS_OK);
    CHECK(strcmp(last_error(), "unknown unit \"万平光\"") == 0, "%s", last_error());
}

/* ------------------------------------------------------------------ */

static void test_scalar_values(void) {
    double v = SENTINEL;
    double rates[] = {0.10, -0.10};

    CHECK_STATUS(xh_project(350.0, 0.15, 5.0, &v), XH_STATUS_OK);
    CHECK(fabs(v - 703.975015625) < 1e-9, "%.17g", v);
    CHECK_STATUS(xh_project(650.0, 0.09, 5.0, &v), XH_STATUS_OK);
    CHECK(fabs(v - 1000.105570685) < 1e-8, "%.17g", v);
    CHECK_STATUS(xh_project(7.0, 0.3, 0.0, &v), XH_STATUS_OK);
    CHECK(v == 7.0, "project(s, r, 0) == s: %.17g", v);
    CHECK_STATUS(xh_cagr(60.0, 118.0, 5.0, &v), XH_STATUS_OK);
    CHECK(ulp_distance(v, 0.14484357556762653) <= 2, "%.17g", v);
    CHECK_STATUS(xh_cagr(100.0, 110.0, 1.0, &v), XH_STATUS_OK);
    CHECK(v == 0.1, "cagr(100,110,1) = %.17g", v);
    CHECK_STATUS(xh_years_to_reach(350.0, 1000.0, 0.15, &v), XH_STATUS_OK);
    CHECK(fabs(v - 7.5115) < 1e-4, "%.17g", v);
    CHECK_STATUS(xh_years_to_reach(5.0, 5.0, 0.0, &v), XH_STATUS_OK);
    CHECK(v == 0.0, "%.17g", v);
    CHECK_STATUS(xh_annualize(-0.426, 5.0, &v), XH_STATUS_OK);
    CHECK(ulp_distance(v, -0.10508378224184999) <= 2, "%.17g", v);
    CHECK_STATUS(xh_cumulate(0.05, 5.0, &v), XH_STATUS_OK);
    CHECK(fabs(v - 0.2762815625) < 1e-12, "%.17g", v);
    CHECK_STATUS(xh_chain(rates, 2, &v), XH_STATUS_OK);
    CHECK(fabs(v + 0.01) < 1e-15, "%.17g", v);
    CHECK_STATUS(xh_chain(rates, 1, &v), XH_STATUS_OK);
    CHECK(v == 0.10, "%.17g", v);
    CHECK_STATUS(xh_chain(NULL, 0, &v), XH_STATUS_OK);
    CHECK(v == 0.0, "empty chain is no change: %.17g", v);
    CHECK_STATUS(xh_implied_previous(198.1, 0.02, &v), XH_STATUS_OK);
    CHECK(ulp_distance(v, 194.2156862745098) <= 2, "%.17g", v);
    CHECK_STATUS(xh_doubling_time(0.15, &v), XH_STATUS_OK);
    CHECK(fabs(v - 4.959) < 1e-3, "%.17g", v);
}

typedef xh_status (*fn3)(double, double, double, double *);
typedef xh_status (*fn2)(double, double, double *);

static void check_nonfinite3(const char *name, fn3 f, const double ok[3]) {
    const double bad[] = {NAN, INFINITY, -INFINITY};
    int arg, k;
    double out;
    for (arg = 0; arg < 3; arg++) {
        for (k = 0; k < 3; k++) {
            double a[3];
            memcpy(a, ok, sizeof a);
            a[arg] = bad[k];
            out = SENTINEL;
            CHECK(f(a[0], a[1], a[2], &out) == XH_STATUS_NON_FINITE,
                  "%s arg %d = %g", name, arg, bad[k]);
            CHECK(out == SENTINEL, "%s wrote out on failure", name);
        }
    }
    CHECK(f(ok[0], ok[1], ok[2], NULL) == XH_STATUS_NULL_ARGUMENT, "%s NULL out", name);
    CHECK(strcmp(last_error(), "out must not be NULL") == 0, "%s", last_error());
}

static void check_nonfinite2(const char *name, fn2 f, const double ok[2]) {
    const double bad[] = {NAN, INFINITY, -INFINITY};
    int arg, k;
    double out;
    for (arg = 0; arg < 2; arg++) {
        for (k = 0; k < 3; k++) {
            double a[2];
            memcpy(a, ok, sizeof a);
            a[arg] = bad[k];
            out = SENTINEL;
            CHECK(f(a[0], a[1], &out) == XH_STATUS_NON_FINITE, "%s arg %d = %g", name, arg,
                  bad[k]);
            CHECK(out == SENTINEL, "%s wrote out on failure", name);
        }
    }
    CHECK(f(ok[0], ok[1], NULL) == XH_STATUS_NULL_ARGUMENT, "%s NULL out", name);
}

static void test_scalar_errors(void) {
    const double c3[] = {100.0, 110.0, 5.0};
    const double p3[] = {100.0, 0.05, 5.0};
    const double y3[] = {100.0, 200.0, 0.05};
    const double a2[] = {0.3, 5.0};
    const double u2[] = {0.05, 5.0};
    const double i2[] = {198.1, 0.02};
    double out = SENTINEL;
    double rates[] = {0.1, -1.5, NAN};
    double nan_rates[] = {0.1, NAN};

    check_nonfinite3("cagr", xh_cagr, c3);
    check_nonfinite3("project", xh_project, p3);
    check_nonfinite3("years_to_reach", xh_years_to_reach, y3);
    check_nonfinite2("annualize", xh_annualize, a2);
    check_nonfinite2("cumulate", xh_cumulate, u2);
    check_nonfinite2("implied_previous", xh_implied_previous, i2);
    CHECK_STATUS(xh_doubling_time(NAN, &out), XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_doubling_time(INFINITY, &out), XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_doubling_time(0.1, NULL), XH_STATUS_NULL_ARGUMENT);

    CHECK_STATUS(xh_cagr(0.0, 1.0, 1.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_cagr(1.0, -1.0, 1.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_cagr(1.0, 2.0, 0.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_cagr(1e-300, 1e300, 1e-300, &out), XH_STATUS_OVERFLOW);
    CHECK_STATUS(xh_project(1.0, -1.0, 1.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_project(1.0, 0.1, -1.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_project(1e300, 1.0, 1e10, &out), XH_STATUS_OVERFLOW);
    CHECK_STATUS(xh_years_to_reach(350.0, 1000.0, -0.02, &out), XH_STATUS_UNREACHABLE);
    CHECK_STATUS(xh_years_to_reach(350.0, 1000.0, 0.0, &out), XH_STATUS_UNREACHABLE);
    CHECK_STATUS(xh_years_to_reach(-1.0, 1000.0, 0.1, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_annualize(-1.0, 5.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_annualize(0.5, 0.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_cumulate(-2.0, 5.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_implied_previous(1.0, -1.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_doubling_time(0.0, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_doubling_time(-0.5, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_doubling_time(-1.0, &out), XH_STATUS_OUT_OF_DOMAIN);

    CHECK_STATUS(xh_chain(rates, 3, &out), XH_STATUS_OUT_OF_DOMAIN);
    CHECK(strstr(last_error(), "element 1") != NULL, "%s", last_error());
    CHECK_STATUS(xh_chain(nan_rates, 2, &out), XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_chain(NULL, 2, &out), XH_STATUS_NULL_ARGUMENT);
    CHECK(strcmp(last_error(), "rates must not be NULL") == 0, "%s", last_error());
    CHECK_STATUS(xh_chain(rates, 1, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL, "out written by a failing call");
}

/* ------------------------------------------------------------------ */

static void test_batch(void) {
    const double start[] = {100.0, 60.0, -1.0, 542.0, 350.0};
    const double end[] = {110.0, 118.0, 5.0, 596.0, 704.0};
    const double years = 5.0;
    double out[5], scalar;
    size_t bad = 999, i;
    double empty_out[1] = {SENTINEL};

    /* raise: stops at index 2 */
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 5, &years, 1, out, 5, XH_ERROR_POLICY_RAISE, &bad),
                 XH_STATUS_OUT_OF_DOMAIN);
    CHECK(bad == 2, "bad_index %zu", bad);
    CHECK(strncmp(last_error(), "element 2: start", 16) == 0, "%s", last_error());
    /* raise with bad_index NULL is fine */
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 5, &years, 1, out, 5, XH_ERROR_POLICY_RAISE, NULL),
                 XH_STATUS_OUT_OF_DOMAIN);
    /* nan: computes the rest, bit-identical to the scalar function */
    bad = 999;
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 5, &years, 1, out, 5, XH_ERROR_POLICY_NAN, &bad),
                 XH_STATUS_OK);
    CHECK(bad == 999, "bad_index written on success");
    for (i = 0; i < 5; i++) {
        if (i == 2) {
            CHECK(isnan(out[i]), "out[2] = %g", out[i]);
            continue;
        }
        CHECK_STATUS(xh_cagr(start[i], end[i], years, &scalar), XH_STATUS_OK);
        CHECK(same(out[i], scalar), "out[%zu] %.17g != %.17g", i, out[i], scalar);
    }
    /* length mismatch, unknown policy, NULLs */
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 4, &years, 1, out, 5, XH_ERROR_POLICY_NAN, NULL),
                 XH_STATUS_LENGTH_MISMATCH);
    CHECK(strcmp(last_error(), "end has length 4, expected 1 or 5") == 0, "%s", last_error());
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 5, &years, 1, out, 5, 2, NULL),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_cagr_batch(NULL, 5, end, 5, &years, 1, out, 5, 0, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 5, NULL, 1, out, 5, 0, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 5, &years, 1, NULL, 5, 0, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    /* zero-length: NULLs allowed, nothing written */
    CHECK_STATUS(xh_cagr_batch(NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0, NULL), XH_STATUS_OK);
    CHECK_STATUS(xh_cagr_batch(start, 1, end, 1, &years, 1, empty_out, 0, 0, NULL), XH_STATUS_OK);
    CHECK(empty_out[0] == SENTINEL, "n_out 0 wrote");
    CHECK_STATUS(xh_cagr_batch(start, 5, end, 5, &years, 1, empty_out, 0, 0, NULL),
                 XH_STATUS_LENGTH_MISMATCH);
    /* NaN and inf elements under both policies */
    {
        const double s[] = {1.0, NAN, INFINITY, 2.0};
        double o[4];
        CHECK_STATUS(xh_doubling_time_batch(s, 4, o, 4, XH_ERROR_POLICY_RAISE, &bad),
                     XH_STATUS_NON_FINITE);
        CHECK(bad == 1, "%zu", bad);
        CHECK_STATUS(xh_doubling_time_batch(s, 4, o, 4, XH_ERROR_POLICY_NAN, &bad), XH_STATUS_OK);
        CHECK(o[0] == 1.0 && isnan(o[1]) && isnan(o[2]) && o[3] > 0.0, "%g %g %g %g", o[0], o[1],
              o[2], o[3]);
    }
}

/* Every batch function against its scalar function, including in place. */
static void test_batch_each_function(void) {
    enum { N = 7 };
    const double a[N] = {100.0, 0.5, 3.0, 1e-3, 1e6, -0.2, 42.0};
    const double b[N] = {121.0, 0.7, 1.0, 0.04, 2e6, 0.1, 0.0};
    const double c[N] = {2.0, 3.0, 0.5, 10.0, 7.0, 1.0, 4.0};
    double out[N], s;
    size_t i;

#define BATCH3(name, x, y, z)                                                   \
    do {                                                                       \
        CHECK_STATUS(xh_##name##_batch(x, N, y, N, z, N, out, N, XH_ERROR_POLICY_NAN, NULL), \
                     XH_STATUS_OK);                                            \
        for (i = 0; i < N; i++) {                                              \
            xh_status st = xh_##name(x[i], y[i], z[i], &s);                    \
            CHECK(st == XH_STATUS_OK ? same(out[i], s) : isnan(out[i]),       \
                  #name "[%zu]: batch %.17g scalar %.17g (%s)", i, out[i], s,  \
                  xh_status_name(st));                                         \
        }                                                                      \
    } while (0)
#define BATCH2(name, x, y)                                                      \
    do {                                                                       \
        CHECK_STATUS(xh_##name##_batch(x, N, y, N, out, N, XH_ERROR_POLICY_NAN, NULL), \
                     XH_STATUS_OK);                                            \
        for (i = 0; i < N; i++) {                                              \
            xh_status st = xh_##name(x[i], y[i], &s);                          \
            CHECK(st == XH_STATUS_OK ? same(out[i], s) : isnan(out[i]),       \
                  #name "[%zu]: batch %.17g scalar %.17g (%s)", i, out[i], s,  \
                  xh_status_name(st));                                         \
        }                                                                      \
    } while (0)

    BATCH3(cagr, a, b, c);
    BATCH3(project, a, b, c);
    BATCH3(years_to_reach, a, b, c);
    BATCH2(annualize, a, b);
    BATCH2(cumulate, b, c);
    BATCH2(implied_previous, a, b);
    CHECK_STATUS(xh_doubling_time_batch(b, N, out, N, XH_ERROR_POLICY_NAN, NULL), XH_STATUS_OK);
    for (i = 0; i < N; i++) {
        xh_status st = xh_doubling_time(b[i], &s);
        CHECK(st == XH_STATUS_OK ? same(out[i], s) : isnan(out[i]), "doubling_time[%zu]", i);
    }

    /* in place: out is the first input */
    {
        double x[N];
        memcpy(x, a, sizeof x);
        CHECK_STATUS(xh_project_batch(x, N, b, N, c, N, x, N, XH_ERROR_POLICY_NAN, NULL),
                     XH_STATUS_OK);
        for (i = 0; i < N; i++) {
            xh_status st = xh_project(a[i], b[i], c[i], &s);
            CHECK(st == XH_STATUS_OK ? same(x[i], s) : isnan(x[i]), "in place [%zu]", i);
        }
        /* partly overlapping: out starts one element into the input */
        {
            double y[N + 1];
            memcpy(y, b, sizeof b);
            y[N] = 0.0;
            CHECK_STATUS(xh_doubling_time_batch(y, N, y + 1, N, XH_ERROR_POLICY_NAN, NULL),
                         XH_STATUS_OK);
            for (i = 0; i < N; i++) {
                xh_status st = xh_doubling_time(b[i], &s);
                CHECK(st == XH_STATUS_OK ? same(y[i + 1], s) : isnan(y[i + 1]),
                      "overlap [%zu]", i);
            }
        }
    }
}

/* Large enough for xh-core to split the work across threads. */
static void test_batch_large(void) {
    enum { N = 200000 };
    double *start = malloc(N * sizeof *start);
    double *out = malloc(N * sizeof *out);
    double end = 2.0, years = 3.0, s;
    size_t i, bad = 0;
    CHECK(start && out, "malloc");
    for (i = 0; i < N; i++) start[i] = 0.5 + (double)i / N;
    CHECK_STATUS(xh_cagr_batch(start, N, &end, 1, &years, 1, out, N, XH_ERROR_POLICY_RAISE, &bad),
                 XH_STATUS_OK);
    for (i = 0; i < N; i += 997) {
        CHECK_STATUS(xh_cagr(start[i], end, years, &s), XH_STATUS_OK);
        CHECK(same(out[i], s), "[%zu]", i);
    }
    /* the lowest bad index wins even when the split puts it in a later chunk */
    start[150001] = -1.0;
    start[180000] = NAN;
    CHECK_STATUS(xh_cagr_batch(start, N, &end, 1, &years, 1, out, N, XH_ERROR_POLICY_RAISE, &bad),
                 XH_STATUS_OUT_OF_DOMAIN);
    CHECK(bad == 150001, "%zu", bad);
    free(start);
    free(out);
}

/* ------------------------------------------------------------------ */

static void check_text(xh_status (*f)(const char *, char *, size_t, size_t *),
                       const char *unit, const char *want) {
    size_t need = 0, n = 0;
    size_t wlen = strlen(want);
    char *buf;
    char zero[4] = {'x', 'x', 'x', 'x'};

    /* size query */
    CHECK_STATUS(f(unit, NULL, 0, &need), XH_STATUS_OK);
    CHECK(need == wlen + 1, "%s: need %zu", unit, need);
    buf = malloc(need + 1);
    CHECK(buf != NULL, "malloc");
    /* exactly one byte too small: error, buffer untouched, need reported */
    memset(buf, 'x', need + 1);
    CHECK_STATUS(f(unit, buf, need - 1, &n), XH_STATUS_BUFFER_TOO_SMALL);
    CHECK(n == need, "%zu", n);
    CHECK(buf[0] == 'x' && buf[need - 2] == 'x', "partial write");
    /* zero-length non-NULL buffer */
    n = 0;
    CHECK_STATUS(f(unit, zero, 0, &n), XH_STATUS_BUFFER_TOO_SMALL);
    CHECK(n == need && zero[0] == 'x', "len 0");
    /* exact size */
    CHECK_STATUS(f(unit, buf, need, &n), XH_STATUS_OK);
    CHECK(n == need && strcmp(buf, want) == 0 && buf[need] == 'x', "%s -> %s", unit, buf);
    /* NULLs */
    CHECK_STATUS(f(unit, buf, need, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(f(unit, NULL, 5, &n), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(f(NULL, buf, need, &n), XH_STATUS_NULL_ARGUMENT);
    free(buf);
}

static void test_units(void) {
    double v = SENTINEL;
    size_t n;
    char buf[64];

    CHECK_STATUS(xh_unit_convert("亿元", 198.1, "万元", &v), XH_STATUS_OK);
    CHECK(v == 1981000.0, "%.17g", v);
    CHECK_STATUS(xh_unit_convert("公顷", 10.0, "平方米", &v), XH_STATUS_OK);
    CHECK(v == 100000.0, "%.17g", v);
    CHECK_STATUS(xh_unit_convert("100 million yuan", 1.0, "元", &v), XH_STATUS_OK);
    CHECK(v == 1e8, "%.17g", v);
    v = SENTINEL;
    CHECK_STATUS(xh_unit_convert("公顷", 1.0, "亿元", &v), XH_STATUS_UNIT_MISMATCH);
    CHECK(strstr(last_error(), "different dimensions") != NULL, "%s", last_error());
    CHECK_STATUS(xh_unit_convert("%", 1.0, "个百分点", &v), XH_STATUS_UNIT_MISMATCH);
    CHECK_STATUS(xh_unit_convert("亿美元", 1.0, "亿元", &v), XH_STATUS_EXCHANGE_RATE_REQUIRED);
    CHECK_STATUS(xh_unit_convert("万平光", 1.0, "元", &v), XH_STATUS_UNKNOWN_UNIT);
    CHECK_STATUS(xh_unit_convert("", 1.0, "元", &v), XH_STATUS_UNKNOWN_UNIT);
    CHECK_STATUS(xh_unit_convert("亿元", NAN, "元", &v), XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_unit_convert("亿元", INFINITY, "元", &v), XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_unit_convert("\xff\xfe", 1.0, "元", &v), XH_STATUS_INVALID_UTF8);
    CHECK(strncmp(last_error(), "from is not valid UTF-8", 23) == 0, "%s", last_error());
    CHECK_STATUS(xh_unit_convert("元", 1.0, "\xe4\xba", &v), XH_STATUS_INVALID_UTF8);
    CHECK_STATUS(xh_unit_convert(NULL, 1.0, "元", &v), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_unit_convert("元", 1.0, NULL, &v), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_unit_convert("元", 1.0, "元", NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK(v == SENTINEL, "out written on failure");

    CHECK_STATUS(xh_unit_convert_with_rate("亿美元", 12.5, "亿元", 6.9, &v), XH_STATUS_OK);
    CHECK(fabs(v - 86.25) < 1e-12, "%.17g", v);
    CHECK_STATUS(xh_unit_convert_with_rate("亿元", 86.25, "亿美元", 1.0 / 6.9, &v), XH_STATUS_OK);
    CHECK(fabs(v - 12.5) < 1e-12, "%.17g", v);
    CHECK_STATUS(xh_unit_convert_with_rate("亿元", 1.0, "万元", 123.0, &v), XH_STATUS_OK);
    CHECK(v == 10000.0, "same currency ignores the rate: %.17g", v);
    CHECK_STATUS(xh_unit_convert_with_rate("亿美元", 1.0, "亿元", -6.9, &v), XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_unit_convert_with_rate("亿美元", 1.0, "亿元", NAN, &v), XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_unit_convert_with_rate("公顷", 1.0, "亿元", 6.9, &v), XH_STATUS_UNIT_MISMATCH);
    CHECK_STATUS(xh_unit_convert_with_rate("亿美元", 1.0, "亿元", 6.9, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_unit_convert_with_rate(NULL, 1.0, "亿元", 6.9, &v), XH_STATUS_NULL_ARGUMENT);

    check_text(xh_unit_name_zh, "ha", "公顷");
    check_text(xh_unit_name_zh, "10k m²", "万平方米");
    check_text(xh_unit_name_zh, "100 million yuan", "亿元");
    check_text(xh_unit_name_en, "亿元", "100 million yuan");
    check_text(xh_unit_name_en, "万平方米", "10 thousand m²");
    CHECK_STATUS(xh_unit_name_zh("万平光", buf, sizeof buf, &n), XH_STATUS_UNKNOWN_UNIT);
    CHECK_STATUS(xh_unit_name_en("\xff", buf, sizeof buf, &n), XH_STATUS_INVALID_UTF8);
}

/* ------------------------------------------------------------------ */

static void test_catalog(void) {
    const xh_catalog *cat = xh_catalog_default();
    const xh_indicator *ind = NULL, *sentinel = (const xh_indicator *)&checks_passed;
    size_t i, j, len, figures = 0;
    double v = SENTINEL, p;

    CHECK(cat != NULL, "%s", last_error());
    CHECK(xh_catalog_default() == cat, "one static handle");
    len = xh_catalog_len(cat);
    CHECK(len >= 100, "%zu indicators", len);
    for (i = 0; i < len; i++) {
        const xh_indicator *h = xh_catalog_get(cat, i);
        const xh_indicator *found = NULL;
        CHECK(h != NULL, "get %zu", i);
        CHECK(xh_indicator_id(h) && xh_indicator_name_zh(h) && xh_indicator_name_en(h) &&
                  xh_indicator_unit(h) && xh_indicator_category(h) && xh_indicator_polarity(h),
              "indicator %zu has a NULL field", i);
        CHECK_STATUS(xh_catalog_find(cat, xh_indicator_id(h), &found), XH_STATUS_OK);
        CHECK(found == h, "find(%s) is get(%zu)", xh_indicator_id(h), i);
        CHECK(xh_indicator_figures_len(h) >= 1, "%s has no figures", xh_indicator_id(h));
        for (j = 0; j < xh_indicator_figures_len(h); j++) {
            const xh_figure *f = xh_indicator_figure_get(h, j);
            CHECK(f != NULL, "figure");
            if (xh_figure_has_value(f)) {
                CHECK(!isnan(xh_figure_value(f)) && !isnan(xh_figure_base_value(f)), "value");
                CHECK(xh_figure_bound_text(f) == NULL, "a number and a bound in words");
            } else {
                /* a bound in words: no number, never a made-up one */
                CHECK(isnan(xh_figure_value(f)) && xh_figure_bound_text(f) != NULL &&
                          strcmp(xh_figure_qualifier(f), "exact") != 0,
                      "%s: bound without a number", xh_indicator_id(h));
            }
            CHECK((xh_figure_universe(f) != NULL) ==
                      (!strcmp(xh_figure_kind(f), "rank") || !strcmp(xh_figure_kind(f), "coverage")),
                  "%s: universe", xh_indicator_id(h));
            CHECK(xh_figure_year_start(f) >= 2000 && xh_figure_year_end(f) >= xh_figure_year_start(f),
                  "%s years %d-%d", xh_indicator_id(h), (int)xh_figure_year_start(f),
                  (int)xh_figure_year_end(f));
            CHECK(xh_figure_unit(f) && xh_figure_base_unit(f) && xh_figure_kind(f) &&
                      xh_figure_status(f) && xh_figure_qualifier(f) && xh_figure_group(f) &&
                      xh_figure_section(f) && xh_figure_quote(f),
                  "figure field NULL");
            CHECK(strlen(xh_figure_quote(f)) > 0, "every figure has its quote");
            (void)xh_figure_note(f); /* may be NULL */
            figures++;
        }
        CHECK(xh_indicator_figure_get(h, xh_indicator_figures_len(h)) == NULL, "past the end");
    }
    CHECK(figures >= len, "%zu figures", figures);
    CHECK(xh_catalog_get(cat, len) == NULL, "past the end");
    CHECK(xh_catalog_get(cat, (size_t)-1) == NULL, "SIZE_MAX");

    /* lookup */
    CHECK_STATUS(xh_catalog_find(cat, "ai_output", &ind), XH_STATUS_OK);
    CHECK(strcmp(xh_indicator_name_zh(ind), "人工智能及相关产业总产出") == 0, "%s",
          xh_indicator_name_zh(ind));
    CHECK(strcmp(xh_indicator_unit(ind), "亿元") == 0, "%s", xh_indicator_unit(ind));
    /* the default target: the five-year target before the 2021 one */
    {
        const xh_indicator *gdp = NULL;
        CHECK_STATUS(xh_catalog_find(cat, "gdp", &gdp), XH_STATUS_OK);
        const xh_figure *t = xh_indicator_default_target(gdp);
        CHECK(t != NULL && strcmp(xh_figure_quote(t), "提出地区生产总值年均增长5%左右") == 0,
              "%s", t ? xh_figure_quote(t) : "NULL");
        const xh_indicator *cases = NULL;
        CHECK_STATUS(xh_catalog_find(cat, "covid_local_cases", &cases), XH_STATUS_OK);
        CHECK(xh_indicator_default_target(cases) == NULL, "no target");
        CHECK(xh_indicator_default_target(NULL) == NULL, "NULL");
        CHECK(strcmp(last_error(), "indicator must not be NULL") == 0, "%s", last_error());
    }
    CHECK(strcmp(xh_indicator_scope(ind), "district") == 0, "%s", xh_indicator_scope(ind));

    /* GDP: the 2020 level is at current prices, the growth rates comparable */
    CHECK_STATUS(xh_catalog_find(cat, "gdp", &ind), XH_STATUS_OK);
    CHECK(strcmp(xh_indicator_price_basis(ind), "comparable") == 0, "gdp basis");
    for (j = 0; j < xh_indicator_figures_len(ind); j++) {
        const xh_figure *f = xh_indicator_figure_get(ind, j);
        const char *want = strcmp(xh_figure_kind(f), "level") == 0 ? "current" : "comparable";
        CHECK(strcmp(xh_figure_price_basis(f), want) == 0, "gdp figure %zu: %s", j,
              xh_figure_price_basis(f));
    }
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "gdp", "fyp14_targets", &v, NULL),
                 XH_STATUS_PRICE_BASIS_MISMATCH);
    CHECK(v == SENTINEL, "out written on failure");

    /* the registered unemployed: within the city's quota, no number */
    CHECK_STATUS(xh_catalog_find(cat, "registered_urban_unemployed", &ind), XH_STATUS_OK);
    {
        const xh_figure *f = xh_indicator_figure_get(ind, 1);
        CHECK(!xh_figure_has_value(f) && isnan(xh_figure_value(f)) && isnan(xh_figure_base_value(f)),
              "no number");
        CHECK(strcmp(xh_figure_bound_text(f), "市政府下达的指标数") == 0 &&
                  strcmp(xh_figure_qualifier(f), "at_most") == 0 &&
                  strcmp(xh_figure_status(f), "target") == 0,
              "%s", xh_figure_bound_text(f));
        CHECK(xh_figure_price_basis(f) == NULL && xh_figure_universe(f) == NULL, "no basis");
    }

    /* a rank and a Shanghai-wide target */
    CHECK_STATUS(xh_catalog_find(cat, "smart_city_index", &ind), XH_STATUS_OK);
    {
        const xh_figure *f = xh_indicator_figure_get(ind, 0);
        CHECK(strcmp(xh_figure_kind(f), "rank") == 0 && xh_figure_value(f) == 1.0 &&
                  strcmp(xh_figure_unit(f), "位次") == 0 &&
                  strcmp(xh_figure_universe(f), "中心城区") == 0,
              "rank");
    }
    CHECK_STATUS(xh_catalog_find(cat, "physical_food_demo_stores", &ind), XH_STATUS_OK);
    CHECK(strcmp(xh_indicator_scope(ind), "municipal") == 0, "%s", xh_indicator_scope(ind));
    CHECK(xh_figure_base_value(xh_indicator_figure_get(ind, 0)) == 20000.0, "2万家");
    v = SENTINEL;
    ind = sentinel;
    CHECK_STATUS(xh_catalog_find(cat, "no_such_indicator", &ind), XH_STATUS_UNKNOWN_ID);
    CHECK(ind == sentinel, "out written on failure");
    CHECK(strcmp(last_error(), "unknown indicator id \"no_such_indicator\" "
                               "(Catalog.search finds indicators by name)") == 0,
          "%s", last_error());
    /* a typo gets the nearest id */
    CHECK_STATUS(xh_catalog_find(cat, "ai_ouput", &ind), XH_STATUS_UNKNOWN_ID);
    CHECK(strcmp(last_error(), "unknown indicator id \"ai_ouput\"; did you mean \"ai_output\"? "
                               "(Catalog.search finds indicators by name)") == 0,
          "%s", last_error());
    CHECK_STATUS(xh_catalog_find(cat, "", &ind), XH_STATUS_UNKNOWN_ID);
    CHECK_STATUS(xh_catalog_find(cat, "\xff", &ind), XH_STATUS_INVALID_UTF8);
    CHECK_STATUS(xh_catalog_find(NULL, "ai_output", &ind), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_find(cat, NULL, &ind), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_find(cat, "ai_output", NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK(ind == sentinel, "out written on failure");

    /* NULL handles: NULL / NaN / 0, and a message */
    CHECK(xh_catalog_len(NULL) == 0, "len(NULL)");
    CHECK(strcmp(last_error(), "catalog must not be NULL") == 0, "%s", last_error());
    CHECK(xh_catalog_get(NULL, 0) == NULL, "get(NULL)");
    CHECK(xh_indicator_id(NULL) == NULL && xh_indicator_name_zh(NULL) == NULL &&
              xh_indicator_name_en(NULL) == NULL && xh_indicator_unit(NULL) == NULL &&
              xh_indicator_category(NULL) == NULL && xh_indicator_polarity(NULL) == NULL &&
              xh_indicator_price_basis(NULL) == NULL && xh_indicator_scope(NULL) == NULL,
          "indicator accessors on NULL");
    CHECK(strcmp(last_error(), "indicator must not be NULL") == 0, "%s", last_error());
    CHECK(xh_indicator_figures_len(NULL) == 0 && xh_indicator_figure_get(NULL, 0) == NULL, "NULL");
    CHECK(isnan(xh_figure_value(NULL)) && isnan(xh_figure_base_value(NULL)) &&
              !xh_figure_has_value(NULL) &&
              xh_figure_year_start(NULL) == 0 && xh_figure_year_end(NULL) == 0,
          "figure numbers on NULL");
    CHECK(xh_figure_unit(NULL) == NULL && xh_figure_base_unit(NULL) == NULL &&
              xh_figure_kind(NULL) == NULL && xh_figure_status(NULL) == NULL &&
              xh_figure_qualifier(NULL) == NULL && xh_figure_group(NULL) == NULL &&
              xh_figure_section(NULL) == NULL && xh_figure_quote(NULL) == NULL &&
              xh_figure_note(NULL) == NULL && xh_figure_price_basis(NULL) == NULL &&
              xh_figure_universe(NULL) == NULL && xh_figure_bound_text(NULL) == NULL,
          "figure texts on NULL");
    CHECK(strcmp(last_error(), "figure must not be NULL") == 0, "%s", last_error());

    /* implied level: bit-identical to projecting the base by hand */
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "ai_output", "fyp14_targets", &v, NULL), XH_STATUS_OK);
    CHECK_STATUS(xh_project(350.0, 0.15, 5.0, &p), XH_STATUS_OK);
    CHECK(same(v, p), "%.17g vs %.17g", v, p);
    {
        /* the qualifier the Rust and Python results carry: 增长5%左右 */
        const char *q = NULL;
        CHECK_STATUS(xh_catalog_implied_target_level(cat, "budget_revenue", "plan_2021", &v, &q),
                     XH_STATUS_OK);
        CHECK(q != NULL && strcmp(q, "about") == 0, "budget_revenue qualifier %s", q ? q : "(null)");
        q = NULL;
        CHECK_STATUS(xh_catalog_implied_target_level(cat, "ai_output", "fyp14_targets", &v, &q),
                     XH_STATUS_OK);
        /* 人工智能及相关产业总产出年均增长率达到15%: no 左右 or 以上; the 2020 base is exact */
        CHECK(q != NULL && strcmp(q, "exact") == 0, "ai_output qualifier %s", q ? q : "(null)");
        q = "untouched";
        CHECK_STATUS(xh_catalog_implied_target_level(cat, "gdp", "fyp14_targets", &v, &q),
                     XH_STATUS_PRICE_BASIS_MISMATCH);
        CHECK(strcmp(q, "untouched") == 0, "qualifier written on failure");
    }
    v = SENTINEL;
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "nope", "fyp14_targets", &v, NULL),
                 XH_STATUS_UNKNOWN_ID);
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "ai_output", "fyp15", &v, NULL),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "ai_output", "results_2020", &v, NULL),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_catalog_implied_target_level(NULL, "ai_output", "fyp14_targets", &v, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "ai_output", NULL, &v, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "ai_output", "fyp14_targets", NULL, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK(v == SENTINEL, "out written on failure");
}

static void check_export(xh_status (*f)(const xh_catalog *, char *, size_t, size_t *),
                         const char *name, const char *starts_with) {
    const xh_catalog *cat = xh_catalog_default();
    size_t need = 0, n = 0;
    char *buf, zero[2] = {'x', 'x'};
    CHECK_STATUS(f(cat, NULL, 0, &need), XH_STATUS_OK);
    CHECK(need > 1000, "%s: need %zu", name, need);
    buf = malloc(need);
    CHECK(buf != NULL, "malloc");
    memset(buf, 'x', need);
    CHECK_STATUS(f(cat, buf, need - 1, &n), XH_STATUS_BUFFER_TOO_SMALL);
    CHECK(n == need && buf[0] == 'x' && buf[need - 2] == 'x', "%s: untouched", name);
    CHECK(strstr(last_error(), "too small") != NULL, "%s", last_error());
    CHECK_STATUS(f(cat, zero, 0, &n), XH_STATUS_BUFFER_TOO_SMALL);
    CHECK(zero[0] == 'x', "len 0");
    CHECK_STATUS(f(cat, buf, need, &n), XH_STATUS_OK);
    CHECK(n == need && strlen(buf) == need - 1, "%s: length", name);
    CHECK(strncmp(buf, starts_with, strlen(starts_with)) == 0, "%s starts %.40s", name, buf);
    CHECK_STATUS(f(NULL, buf, need, &n), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(f(cat, buf, need, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(f(cat, NULL, 1, &n), XH_STATUS_NULL_ARGUMENT);
    free(buf);
}

static void test_catalog_exports(void) {
    check_export(xh_catalog_to_csv, "csv", "id,");
    check_export(xh_catalog_to_json, "json", "[");
    check_export(xh_catalog_report, "report", "xuhui · ");
    check_export(xh_catalog_to_sdmx_csv, "sdmx-csv", "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,");
    check_export(xh_catalog_to_sdmx_structure, "sdmx-structure",
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mes:Structure ");
}

/* A text export of a catalog, malloc'ed. */
static char *export_of(xh_status (*f)(const xh_catalog *, char *, size_t, size_t *),
                       const xh_catalog *cat) {
    size_t need = 0;
    char *buf;
    CHECK_STATUS(f(cat, NULL, 0, &need), XH_STATUS_OK);
    buf = malloc(need);
    CHECK(buf != NULL, "malloc");
    CHECK_STATUS(f(cat, buf, need, &need), XH_STATUS_OK);
    return buf;
}

/* SDMX-CSV out and back in: AI output, 350亿元 in 2020, is UNIT_MULT 8; an
 * owned catalog's export loads into a fresh copy as the same catalog; a bad
 * file is rejected with its line and column and changes nothing. */
static void test_sdmx(void) {
    const xh_catalog *def = xh_catalog_default();
    xh_catalog *mine = NULL, *again = NULL;
    char *csv, *csv2, *xml, *before, msg[256];
    size_t added = 0, line = 0, column = 0, need = 0;
    const char *obs = "DATAFLOW,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS\n"
                      "SHSTAT:DF_X(1.0),AI_OUTPUT,2021,4100000,CNY,4,A\n"
                      "SHSTAT:DF_X(1.0),HOUSING_RENOVATION,2021,37,M2,4,E\n";
    const char *bad = "STRUCTURE,STRUCTURE_ID,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n"
                      "dataflow,XUHUI:DF_GWR2021(1.0),AI_OUTPUT,2023,410,8\n"
                      "dataflow,XUHUI:DF_GWR2021(1.0),AI_OUTPUT,2024,470,亿\n";

    csv = export_of(xh_catalog_to_sdmx_csv, def);
    CHECK(strstr(csv, "\ndataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,AI_OUTPUT,RESULTS_2020,LEVEL,"
                      "2020,350,CNY,8,E,,CURRENT,") != NULL,
          "AI output 2020 row");
    CHECK(strstr(csv, ",AI_OUTPUT,FYP14_TARGETS,AVERAGE_GROWTH,2021-01-01/P5Y,15,PC,0,F,") != NULL,
          "AI output target row");
    free(csv);
    xml = export_of(xh_catalog_to_sdmx_structure, def);
    CHECK(strstr(xml, "<str:Code id=\"AI_OUTPUT\">") != NULL, "AI_OUTPUT code");
    CHECK(strstr(xml, "<str:Dataflow id=\"DF_GWR2021\" agencyID=\"XUHUI\" version=\"1.0\"") != NULL,
          "dataflow");
    free(xml);

    CHECK_STATUS(xh_catalog_clone_default(&mine), XH_STATUS_OK);
    CHECK_STATUS(xh_catalog_add_observations_sdmx_csv(mine, (const uint8_t *)obs, strlen(obs), &added),
                 XH_STATUS_OK);
    CHECK(added == 2, "added %zu", added);
    csv = export_of(xh_catalog_to_sdmx_csv, mine);
    CHECK(strstr(csv, ",AI_OUTPUT,USER,LEVEL,2021,410,CNY,8,A,,CURRENT,,\n") != NULL,
          "4 100 000万元 is 410亿元");
    CHECK(strstr(csv, ",HOUSING_RENOVATION,USER,LEVEL,2021,37,M2,4,E,,,,\n") != NULL,
          "housing renovation, an estimate");
    CHECK_STATUS(xh_catalog_clone_default(&again), XH_STATUS_OK);
    CHECK_STATUS(
        xh_catalog_add_observations_sdmx_csv(again, (const uint8_t *)csv, strlen(csv), &added),
        XH_STATUS_OK);
    CHECK(added == 2, "round trip added %zu", added);
    csv2 = export_of(xh_catalog_to_sdmx_csv, again);
    CHECK(strcmp(csv, csv2) == 0, "export, import, export: the same bytes");
    free(csv2);

    /* A bad UNIT_MULT: nothing added, the problem named. */
    before = export_of(xh_catalog_to_sdmx_csv, again);
    CHECK_STATUS(xh_catalog_add_observations_sdmx_csv(again, (const uint8_t *)bad, strlen(bad), &added),
                 XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(xh_last_observation_problems_len() == 1, "%zu problems", xh_last_observation_problems_len());
    CHECK_STATUS(xh_last_observation_problem(0, &line, &column, msg, sizeof msg, &need), XH_STATUS_OK);
    CHECK(line == 3 && column == 6, "line %zu column %zu", line, column);
    CHECK(strstr(msg, "UNIT_MULT \"亿\" is not a power of ten") != NULL, "%s", msg);
    csv2 = export_of(xh_catalog_to_sdmx_csv, again);
    CHECK(strcmp(before, csv2) == 0, "a rejected load changed the catalog");
    free(csv2);
    free(before);

    /* The default catalog is immutable; NULL data with len > 0 is refused. */
    CHECK_STATUS(xh_catalog_add_observations_sdmx_csv((xh_catalog *)def, (const uint8_t *)obs,
                                                      strlen(obs), NULL),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_catalog_add_observations_sdmx_csv(mine, NULL, 3, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_add_observations_sdmx_csv(NULL, (const uint8_t *)obs, strlen(obs), NULL),
                 XH_STATUS_NULL_ARGUMENT);
    free(csv);
    xh_catalog_free(again);
    xh_catalog_free(mine);
}

/* ------------------------------------------------------------------ */
/* Owned catalogs and user observations                                */

/* The catalog's CSV export, malloc'ed. */
static char *csv_of(const xh_catalog *cat) {
    size_t need = 0;
    char *buf;
    CHECK_STATUS(xh_catalog_to_csv(cat, NULL, 0, &need), XH_STATUS_OK);
    buf = malloc(need);
    CHECK(buf != NULL, "malloc");
    CHECK_STATUS(xh_catalog_to_csv(cat, buf, need, &need), XH_STATUS_OK);
    return buf;
}

static xh_status add_csv(xh_catalog *cat, const char *text, size_t *added) {
    return xh_catalog_add_observations_csv(cat, (const uint8_t *)text, strlen(text), added);
}

static void test_owned_catalog(void) {
    const xh_catalog *def = xh_catalog_default();
    xh_catalog *mine = NULL, *copy = NULL, *sentinel = (xh_catalog *)&checks_passed;
    const xh_indicator *ai = NULL, *ai_def = NULL, *gdp = NULL;
    const xh_figure *f0, *last;
    const char *quote0, *id0;
    char *before, *after, *def_csv;
    size_t i, n0, added = 12345, line = 77, column = 77, need = 0;
    char msg[128];

    def_csv = csv_of(def);
    CHECK_STATUS(xh_catalog_clone_default(&mine), XH_STATUS_OK);
    CHECK(mine != NULL && (const xh_catalog *)mine != def, "a new handle");
    CHECK(xh_catalog_len(mine) == xh_catalog_len(def), "same indicators");
    for (i = 0; i < xh_catalog_len(def); i++) {
        const xh_indicator *a = xh_catalog_get(def, i), *b = xh_catalog_get(mine, i);
        CHECK(a != b && strcmp(xh_indicator_id(a), xh_indicator_id(b)) == 0 &&
                  xh_indicator_figures_len(a) == xh_indicator_figures_len(b),
              "indicator %zu", i);
    }
    before = csv_of(mine);
    CHECK(strcmp(before, def_csv) == 0, "a fresh copy exports like the default");

    CHECK_STATUS(xh_catalog_find(mine, "ai_output", &ai), XH_STATUS_OK);
    CHECK_STATUS(xh_catalog_find(def, "ai_output", &ai_def), XH_STATUS_OK);
    n0 = xh_indicator_figures_len(ai);
    f0 = xh_indicator_figure_get(ai, 0);
    quote0 = xh_figure_quote(f0);
    id0 = xh_indicator_id(ai);

    /* CSV: 410亿元 and 460亿元 given in 万元 */
    CHECK_STATUS(add_csv(mine, "id,year,value,unit,status,note\n"
                               "ai_output,2021,410,亿元,actual,\n"
                               "ai_output,2022,4600000,万元,estimate,\"synthetic, for tests\"\n",
                         &added),
                 XH_STATUS_OK);
    CHECK(added == 2, "added %zu", added);
    CHECK(xh_last_observation_problems_len() == 0, "no problems");
    /* earlier handles and strings are the same objects and still valid */
    CHECK(xh_indicator_figure_get(ai, 0) == f0 && xh_figure_quote(f0) == quote0 &&
              xh_indicator_id(ai) == id0,
          "handles moved");
    CHECK(xh_indicator_figures_len(ai) == n0 + 2, "%zu figures", xh_indicator_figures_len(ai));
    CHECK(xh_indicator_figures_len(ai_def) == n0, "the default is unchanged");
    last = xh_indicator_figure_get(ai, n0 + 1);
    CHECK(xh_figure_value(last) == 460.0, "%.17g", xh_figure_value(last));
    CHECK(strcmp(xh_figure_unit(last), "亿元") == 0 && strcmp(xh_figure_group(last), "user") == 0 &&
              strcmp(xh_figure_status(last), "estimate") == 0 &&
              strcmp(xh_figure_kind(last), "level") == 0 &&
              xh_figure_year_start(last) == 2022 && xh_figure_year_end(last) == 2022,
          "user figure fields");
    CHECK(xh_figure_note(last) && strcmp(xh_figure_note(last), "synthetic, for tests") == 0,
          "note %s", xh_figure_note(last) ? xh_figure_note(last) : "(null)");
    CHECK(xh_figure_note(xh_indicator_figure_get(ai, n0)) == NULL, "empty note is none");
    CHECK(xh_figure_base_value(last) == 460.0e8, "%.17g", xh_figure_base_value(last));
    after = csv_of(mine);
    CHECK(strstr(after, "ai_output") && strlen(after) > strlen(before), "export has the rows");
    free(after);

    /* JSON, with a BOM */
    CHECK_STATUS(xh_catalog_find(mine, "gdp", &gdp), XH_STATUS_OK);
    {
        const char json[] = "\xEF\xBB\xBF[{\"id\": \"ai_output\", \"year\": 2023, \"value\": 520}]";
        CHECK_STATUS(xh_catalog_add_observations_json(mine, (const uint8_t *)json, sizeof json - 1,
                                                      NULL),
                     XH_STATUS_OK);
        CHECK(xh_indicator_figures_len(ai) == n0 + 3, "json row");
        CHECK(xh_figure_value(xh_indicator_figure_get(ai, n0 + 2)) == 520.0, "json value");
    }

    /* a rejected load changes nothing, names line and column, lists every problem */
    free(before);
    before = csv_of(mine);
    added = 12345;
    CHECK_STATUS(add_csv(mine, "id,year,value\nai_output,2024,abc\nnope,2024,1\nai_output,2021,5\n",
                         &added),
                 XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(added == 12345, "added written on failure");
    CHECK(strcmp(last_error(), "3 invalid observation row(s): line 2 column 3: value \"abc\" is "
                               "not a number; line 3 column 1: unknown indicator id \"nope\"; "
                               "line 4 column 2: duplicate observation for ai_output in 2021") == 0,
          "%s", last_error());
    after = csv_of(mine);
    CHECK(strcmp(before, after) == 0, "a rejected load changed the catalog");
    free(after);
    CHECK(xh_indicator_figures_len(ai) == n0 + 3, "no figure added");
    CHECK(xh_last_observation_problems_len() == 3, "%zu", xh_last_observation_problems_len());
    CHECK_STATUS(xh_last_observation_problem(1, &line, &column, NULL, 0, &need), XH_STATUS_OK);
    CHECK(line == 3 && column == 1 && need == strlen("unknown indicator id \"nope\"") + 1,
          "line %zu column %zu need %zu", line, column, need);
    line = column = 77;
    memset(msg, 'x', sizeof msg);
    need = strlen("value \"abc\" is not a number"); /* one byte short */
    CHECK_STATUS(xh_last_observation_problem(0, &line, &column, msg, need, &need),
                 XH_STATUS_BUFFER_TOO_SMALL);
    CHECK(msg[0] == 'x' && line == 77 && column == 77, "untouched");
    CHECK(need == strlen("value \"abc\" is not a number") + 1, "need %zu", need);
    CHECK_STATUS(xh_last_observation_problem(0, &line, &column, msg, need, &need), XH_STATUS_OK);
    CHECK(line == 2 && column == 3 && strcmp(msg, "value \"abc\" is not a number") == 0,
          "%zu %zu %s", line, column, msg);
    CHECK_STATUS(xh_last_observation_problem(3, &line, &column, msg, sizeof msg, &need),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_last_observation_problem(0, NULL, &column, msg, sizeof msg, &need),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_last_observation_problem(0, &line, NULL, msg, sizeof msg, &need),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_last_observation_problem(0, &line, &column, msg, sizeof msg, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_last_observation_problem(0, &line, &column, NULL, 5, &need),
                 XH_STATUS_NULL_ARGUMENT);

    /* not UTF-8, UTF-16, empty input, NULL data */
    CHECK_STATUS(add_csv(mine, "id,year,value\nai_output,2024,\xff\n", NULL),
                 XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(strstr(last_error(), "line 2") && strstr(last_error(), "UTF-8"), "%s", last_error());
    CHECK_STATUS(xh_catalog_add_observations_csv(mine, (const uint8_t *)"\xff\xfei\0d\0", 6, NULL),
                 XH_STATUS_INVALID_OBSERVATIONS);
    CHECK_STATUS(xh_catalog_add_observations_csv(mine, NULL, 0, NULL),
                 XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(strstr(last_error(), "empty input") != NULL, "%s", last_error());
    CHECK_STATUS(xh_catalog_add_observations_json(mine, NULL, 0, NULL),
                 XH_STATUS_INVALID_OBSERVATIONS);
    CHECK_STATUS(xh_catalog_add_observations_csv(mine, NULL, 3, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK(xh_last_observation_problems_len() == 0, "problems cleared by a non-load failure");
    CHECK_STATUS(xh_catalog_add_observations_json(mine, NULL, 3, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_add_observations_csv(NULL, (const uint8_t *)"a", 1, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_add_observations_json(NULL, (const uint8_t *)"a", 1, NULL),
                 XH_STATUS_NULL_ARGUMENT);
    after = csv_of(mine);
    CHECK(strcmp(before, after) == 0, "failed loads changed the catalog");
    free(after);

    /* the default catalog is immutable and never freed */
    CHECK_STATUS(add_csv((xh_catalog *)def, "id,year,value\nai_output,2021,410\n", &added),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "xh_catalog_clone_default") != NULL, "%s", last_error());
    xh_catalog_free((xh_catalog *)def);
    xh_catalog_free(NULL);
    after = csv_of(def);
    CHECK(strcmp(after, def_csv) == 0, "the default catalog changed");
    free(after);

    /* clone of an owned catalog: independent copies */
    CHECK_STATUS(xh_catalog_clone(mine, &copy), XH_STATUS_OK);
    after = csv_of(copy);
    CHECK(strcmp(before, after) == 0, "a clone exports the same");
    free(after);
    CHECK_STATUS(add_csv(copy, "id,year,value\nai_output,2024,600\n", NULL), XH_STATUS_OK);
    CHECK(xh_indicator_figures_len(ai) == n0 + 3, "the source is unchanged");
    {
        const xh_indicator *ai_copy = NULL;
        double level = SENTINEL;
        CHECK_STATUS(xh_catalog_find(copy, "ai_output", &ai_copy), XH_STATUS_OK);
        CHECK(xh_indicator_figures_len(ai_copy) == n0 + 4, "the copy has the row");
        /* every export and lookup accepts an owned catalog */
        CHECK_STATUS(xh_catalog_implied_target_level(copy, "ai_output", "fyp14_targets", &level, NULL),
                     XH_STATUS_OK);
        CHECK(level > 700.0 && level < 710.0, "%.17g", level);
        CHECK_STATUS(xh_catalog_report(copy, NULL, 0, &need), XH_STATUS_OK);
        CHECK(need > 1000, "report %zu", need);
        CHECK_STATUS(xh_catalog_to_json(copy, NULL, 0, &need), XH_STATUS_OK);
    }
    xh_catalog_free(copy);

    copy = sentinel;
    CHECK_STATUS(xh_catalog_clone(NULL, &copy), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_clone(mine, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_catalog_clone_default(NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK(copy == sentinel, "out written on failure");

    free(before);
    free(def_csv);
    xh_catalog_free(mine);
}

/* 8 threads read one owned catalog at once. */
typedef struct {
    const xh_catalog *cat;
    size_t need;
    double sum;
    int failures;
} owned_arg;

static void read_owned(const xh_catalog *cat, size_t *need, double *sum) {
    const xh_indicator *ai = NULL;
    size_t j;
    *sum = 0.0;
    *need = 0;
    if (xh_catalog_find(cat, "ai_output", &ai) != XH_STATUS_OK) return;
    for (j = 0; j < xh_indicator_figures_len(ai); j++)
        *sum += xh_figure_value(xh_indicator_figure_get(ai, j)) * (double)(j + 1);
    if (xh_catalog_to_csv(cat, NULL, 0, need) != XH_STATUS_OK) *need = 0;
}

static void *owned_thread(void *p) {
    owned_arg *t = p;
    int round;
    for (round = 0; round < 50; round++) {
        size_t need;
        double sum;
        read_owned(t->cat, &need, &sum);
        if (need != t->need || !same(sum, t->sum)) t->failures++;
    }
    return NULL;
}

static void test_owned_catalog_threads(void) {
    pthread_t th[8];
    owned_arg args[8];
    xh_catalog *mine = NULL;
    size_t need;
    double sum;
    int i;
    CHECK_STATUS(xh_catalog_clone_default(&mine), XH_STATUS_OK);
    CHECK_STATUS(add_csv(mine, "id,year,value\nai_output,2021,410\nai_output,2022,455\n", NULL),
                 XH_STATUS_OK);
    read_owned(mine, &need, &sum);
    CHECK(need > 0 && sum > 0, "reference");
    for (i = 0; i < 8; i++) {
        args[i].cat = mine;
        args[i].need = need;
        args[i].sum = sum;
        args[i].failures = 0;
        CHECK(pthread_create(&th[i], NULL, owned_thread, &args[i]) == 0, "pthread_create");
    }
    for (i = 0; i < 8; i++) CHECK(pthread_join(th[i], NULL) == 0, "pthread_join");
    for (i = 0; i < 8; i++) CHECK(args[i].failures == 0, "thread %d", i);
    xh_catalog_free(mine);
}

/* ------------------------------------------------------------------ */
/* Assessment                                                          */

/* The first target figure of an indicator (in the report's order). */
static const xh_figure *first_target(const xh_catalog *cat, const char *id) {
    const xh_indicator *ind = NULL;
    size_t j;
    CHECK_STATUS(xh_catalog_find(cat, id, &ind), XH_STATUS_OK);
    for (j = 0; j < xh_indicator_figures_len(ind); j++) {
        const xh_figure *f = xh_indicator_figure_get(ind, j);
        if (strcmp(xh_figure_status(f), "target") == 0) return f;
    }
    CHECK(0, "%s has no target", id);
    return NULL;
}

/* The "value" of a JSON answer from xh_assess_json (shortest round-trip). */
static double json_value(const char *request) {
    size_t need = 0;
    char *buf, *v;
    double x;
    CHECK_STATUS(xh_assess_json(request, NULL, 0, &need), XH_STATUS_OK);
    buf = malloc(need);
    CHECK(buf != NULL, "malloc");
    CHECK_STATUS(xh_assess_json(request, buf, need, &need), XH_STATUS_OK);
    v = strstr(buf, "\"value\":");
    CHECK(v != NULL, "%s", buf);
    x = strtod(v + 8, NULL);
    free(buf);
    return x;
}

static const int32_t AI_YEARS[] = {2021, 2022, 2023};
static const double AI_VALUES[] = {400.0, 455.0, 520.0}; /* synthetic */

static void test_assess(void) {
    const xh_catalog *cat = xh_catalog_default();
    const xh_figure *ai = first_target(cat, "ai_output");
    xh_assessment *a = NULL, *b = NULL, *sentinel = (xh_assessment *)&checks_passed;
    xh_catalog *mine = NULL;
    double r = SENTINEL, r2 = SENTINEL, p = SENTINEL, level, v;
    int32_t years[8];
    double values[8];
    size_t need = 0, n, k;
    const char *base_and_obs =
        "\"target\":{\"kind\":\"growth\",\"base_year\":2020,\"target_year\":2025,\"rate\":0.15},"
        "\"observed\":[[2020,350],[2021,400],[2022,455],[2023,520]]}";
    char request[512];

    CHECK(strcmp(xh_figure_group(ai), "fyp14_targets") == 0, "%s", xh_figure_group(ai));
    CHECK_STATUS(xh_assess_figure(cat, ai, AI_YEARS, AI_VALUES, 3, &a), XH_STATUS_OK);
    CHECK(strcmp(xh_assessment_outcome(a, XH_METHOD_EUROSTAT), "assessed") == 0, "outcome");
    CHECK(strcmp(xh_assessment_class(a, XH_METHOD_EUROSTAT), "moderate_progress") == 0, "%s",
          xh_assessment_class(a, XH_METHOD_EUROSTAT));
    CHECK(xh_assessment_reason(a, XH_METHOD_EUROSTAT) == NULL, "no reason when assessed");
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_EUROSTAT, &r), XH_STATUS_OK);
    /* the same as the JSON request on the same data, bit for bit */
    snprintf(request, sizeof request, "{\"method\":\"eurostat\",%s", base_and_obs);
    r2 = json_value(request);
    CHECK(same(r, r2), "ratio %.17g vs json %.17g", r, r2);
    CHECK(r > 0.6 && r < 0.95, "R = %g", r);
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_PROBABILITY, &p), XH_STATUS_OK);
    snprintf(request, sizeof request, "{\"method\":\"probability\",%s", base_and_obs);
    v = json_value(request);
    CHECK(same(p, v) && p >= 0.0 && p <= 1.0, "probability %.17g vs json %.17g", p, v);
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_UNSD, &v), XH_STATUS_OK);
    snprintf(request, sizeof request, "{\"method\":\"unsd\",%s", base_and_obs);
    CHECK(same(v, json_value(request)), "unsd score %.17g", v);
    CHECK(xh_assessment_class(a, XH_METHOD_UNSD) != NULL, "unsd class");
    CHECK(xh_assessment_outcome(a, XH_METHOD_DESTATIS) != NULL, "destatis outcome");
    CHECK(xh_assessment_class(a, XH_METHOD_PROBABILITY) == NULL &&
              xh_assessment_class(a, XH_METHOD_PROGRESS) == NULL,
          "no class");
    CHECK(strcmp(xh_assessment_outcome(a, XH_METHOD_PROGRESS), "assessed") == 0 &&
              strcmp(xh_assessment_outcome(a, XH_METHOD_TRAJECTORY), "assessed") == 0,
          "progress and trajectory");
    v = SENTINEL;
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_PROGRESS, &v), XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_assessment_value(a, 6, &v), XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_EUROSTAT, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assessment_value(NULL, XH_METHOD_EUROSTAT, &v), XH_STATUS_NULL_ARGUMENT);
    CHECK(v == SENTINEL, "out written on failure");
    CHECK(xh_assessment_outcome(a, 99) == NULL && xh_assessment_class(NULL, 1) == NULL &&
              xh_assessment_reason(NULL, 1) == NULL,
          "NULL on bad arguments");

    /* notes: none here; an observation after the target year is noted, not used */
    CHECK(xh_assessment_note_count(a) == 0, "notes %zu", xh_assessment_note_count(a));
    CHECK(xh_assessment_note(a, 0) == NULL, "note 0 of none");
    CHECK(strstr(last_error(), "index is invalid: 0 is out of range") != NULL, "%s", last_error());
    CHECK(xh_assessment_note_count(NULL) == 0 && xh_assessment_note(NULL, 0) == NULL,
          "notes of NULL");
    CHECK(strcmp(last_error(), "assessment must not be NULL") == 0, "%s", last_error());
    {
        static const int32_t late_years[] = {2021, 2022, 2023, 2026};
        static const double late_values[] = {400.0, 455.0, 520.0, 900.0};
        xh_assessment *late = NULL;
        const char *note;
        CHECK_STATUS(xh_assess_figure(cat, ai, late_years, late_values, 4, &late), XH_STATUS_OK);
        CHECK(xh_assessment_note_count(late) == 1, "late notes %zu", xh_assessment_note_count(late));
        note = xh_assessment_note(late, 0);
        CHECK(note != NULL && strstr(note, "2026") && strstr(note, "after the target year 2025"),
              "note %s", note ? note : "(null)");
        CHECK(xh_assessment_note(late, 1) == NULL, "note past the end");
        xh_assessment_free(late);
    }

    /* the required path: 2020 … 2025 at 15 %/yr from 350, into caller arrays */
    CHECK_STATUS(xh_assessment_required_path(a, NULL, NULL, 0, &need), XH_STATUS_OK);
    CHECK(need == 6, "need %zu", need);
    years[0] = -1;
    values[0] = SENTINEL;
    CHECK_STATUS(xh_assessment_required_path(a, years, values, need - 1, &n),
                 XH_STATUS_BUFFER_TOO_SMALL);
    CHECK(n == need && years[0] == -1 && values[0] == SENTINEL, "untouched");
    CHECK_STATUS(xh_assessment_required_path(a, years, values, 8, &n), XH_STATUS_OK);
    CHECK(n == 6 && years[0] == 2020 && years[5] == 2025 && values[0] == 350.0, "%d %g",
          (int)years[0], values[0]);
    CHECK_STATUS(xh_catalog_implied_target_level(cat, "ai_output", "fyp14_targets", &level, NULL),
                 XH_STATUS_OK);
    CHECK(ulp_distance(values[5], level) <= 2, "path ends at %.17g, implied %.17g", values[5],
          level);
    CHECK_STATUS(xh_assessment_required_path(a, NULL, values, 8, &n), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assessment_required_path(a, years, NULL, 8, &n), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assessment_required_path(a, years, values, 8, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assessment_required_path(NULL, years, values, 8, &n), XH_STATUS_NULL_ARGUMENT);

    /* trajectories: one value per year, NaN where there is none */
    CHECK_STATUS(xh_assessment_trajectory(a, XH_TRAJECTORY_OBSERVED, NULL, NULL, 0, &need),
                 XH_STATUS_OK);
    CHECK(need == 6, "need %zu", need);
    CHECK_STATUS(xh_assessment_trajectory(a, XH_TRAJECTORY_OBSERVED, years, values, 6, &n),
                 XH_STATUS_OK);
    CHECK(years[0] == 2020 && values[0] == 350.0 && values[1] == 400.0 && values[3] == 520.0 &&
              isnan(values[4]) && isnan(values[5]),
          "observed %g %g %g %g", values[0], values[1], values[3], values[4]);
    CHECK_STATUS(xh_assessment_trajectory(a, XH_TRAJECTORY_PROJECTED, years, values, 6, &n),
                 XH_STATUS_OK);
    CHECK(isnan(values[0]) && values[5] > 520.0, "projected %g %g", values[0], values[5]);
    {
        double path[8];
        int32_t py[8];
        CHECK_STATUS(xh_assessment_required_path(a, py, path, 8, &n), XH_STATUS_OK);
        CHECK_STATUS(xh_assessment_trajectory(a, XH_TRAJECTORY_REQUIRED, years, values, 6, &n),
                     XH_STATUS_OK);
        for (k = 0; k < 6; k++)
            CHECK(same(values[k], path[k]) && years[k] == py[k], "required %zu", k);
    }
    CHECK_STATUS(xh_assessment_trajectory(a, 3, years, values, 6, &n), XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_assessment_trajectory(a, XH_TRAJECTORY_OBSERVED, years, values, 5, &n),
                 XH_STATUS_BUFFER_TOO_SMALL);
    CHECK_STATUS(xh_assessment_trajectory(NULL, XH_TRAJECTORY_OBSERVED, years, values, 6, &n),
                 XH_STATUS_NULL_ARGUMENT);

    /* an owned catalog with the same observations gives the same assessment */
    CHECK_STATUS(xh_catalog_clone_default(&mine), XH_STATUS_OK);
    CHECK_STATUS(add_csv(mine, "id,year,value\nai_output,2021,400\nai_output,2022,455\n"
                               "ai_output,2023,520\n",
                         NULL),
                 XH_STATUS_OK);
    CHECK_STATUS(xh_assess_figure(mine, first_target(mine, "ai_output"), NULL, NULL, 0, &b),
                 XH_STATUS_OK);
    CHECK_STATUS(xh_assessment_value(b, XH_METHOD_EUROSTAT, &r2), XH_STATUS_OK);
    CHECK(same(r, r2), "owned %.17g vs arrays %.17g", r2, r);
    xh_assessment_free(b);
    /* a figure of another catalog is rejected */
    b = sentinel;
    CHECK_STATUS(xh_assess_figure(cat, first_target(mine, "ai_output"), NULL, NULL, 0, &b),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK(b == sentinel, "out written on failure");
    xh_catalog_free(mine);
    xh_assessment_free(a);
    xh_assessment_free(NULL);

    /* too little data is an outcome, not an error */
    CHECK_STATUS(xh_assess_figure(cat, ai, NULL, NULL, 0, &a), XH_STATUS_OK);
    CHECK(strcmp(xh_assessment_outcome(a, XH_METHOD_EUROSTAT), "insufficient_data") == 0, "%s",
          xh_assessment_outcome(a, XH_METHOD_EUROSTAT));
    CHECK(xh_assessment_reason(a, XH_METHOD_EUROSTAT) != NULL &&
              strlen(xh_assessment_reason(a, XH_METHOD_EUROSTAT)) > 0,
          "a reason");
    CHECK(xh_assessment_class(a, XH_METHOD_EUROSTAT) == NULL, "no class");
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_EUROSTAT, &v), XH_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "not assessed") != NULL, "%s", last_error());
    xh_assessment_free(a);

    /* bad input */
    a = sentinel;
    years[0] = 2021; years[1] = 2021;
    values[0] = 400.0; values[1] = 410.0;
    CHECK_STATUS(xh_assess_figure(cat, ai, years, values, 2, &a), XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(strstr(last_error(), "2021: given twice") != NULL, "year named: %s", last_error());
    values[1] = NAN;
    years[1] = 2022;
    CHECK_STATUS(xh_assess_figure(cat, ai, years, values, 2, &a), XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(strstr(last_error(), "2022: value must be finite, got NaN") != NULL, "year named: %s",
          last_error());
    /* a level of the opposite sign is data, not bad input: the ratio method
       says why it cannot assess it, the others still answer */
    values[1] = -5.0;
    CHECK_STATUS(xh_assess_figure(cat, ai, years, values, 2, &a), XH_STATUS_OK);
    CHECK(strcmp(xh_assessment_outcome(a, XH_METHOD_EUROSTAT), "insufficient_data") == 0, "%s",
          xh_assessment_outcome(a, XH_METHOD_EUROSTAT));
    CHECK(strstr(xh_assessment_reason(a, XH_METHOD_EUROSTAT), "opposite signs") != NULL, "%s",
          xh_assessment_reason(a, XH_METHOD_EUROSTAT));
    CHECK(strcmp(xh_assessment_outcome(a, XH_METHOD_PROGRESS), "assessed") == 0, "progress");
    xh_assessment_free(a);
    a = sentinel;
    CHECK_STATUS(xh_assess_figure(cat, xh_indicator_figure_get(xh_catalog_get(cat, 0), 0), years,
                                  values, 0, &a),
                 XH_STATUS_INVALID_ARGUMENT); /* not a target (a 2020 result) */
    CHECK_STATUS(xh_assess_figure(cat, first_target(cat, "gdp"), AI_YEARS, AI_VALUES, 3, &a),
                 XH_STATUS_PRICE_BASIS_MISMATCH);
    CHECK_STATUS(xh_assess_figure(NULL, ai, years, values, 1, &a), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assess_figure(cat, NULL, years, values, 1, &a), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assess_figure(cat, ai, NULL, values, 1, &a), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assess_figure(cat, ai, years, NULL, 1, &a), XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assess_figure(cat, ai, years, values, 1, NULL), XH_STATUS_NULL_ARGUMENT);
    CHECK(a == sentinel, "out written on failure");

    /* the closed-form attainment probability */
    CHECK_STATUS(xh_attainment_probability(100.0, log(1.05), 0.02, 5.0, 100.0 * pow(1.05, 5.0),
                                           INFINITY, &p),
                 XH_STATUS_OK);
    CHECK(fabs(p - 0.5) < 1e-12, "%.17g", p);
    CHECK_STATUS(xh_attainment_probability(100.0, log(1.05), 0.02, 5.0, -INFINITY,
                                           100.0 * pow(1.05, 5.0), &v),
                 XH_STATUS_OK);
    CHECK(fabs(p + v - 1.0) < 1e-15, "%.17g + %.17g", p, v);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, 5.0, -INFINITY, INFINITY, &v),
                 XH_STATUS_OK);
    CHECK(v == 1.0, "%.17g", v);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.0, 5.0, 200.0, INFINITY, &v),
                 XH_STATUS_OK);
    CHECK(v == 0.0, "sigma 0: %.17g", v);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, 5.0, 90.0, 110.0, &v), XH_STATUS_OK);
    CHECK(v > 0.0 && v < 0.5, "%.17g", v);
    v = SENTINEL;
    CHECK_STATUS(xh_attainment_probability(0.0, 0.05, 0.1, 5.0, 90.0, 110.0, &v),
                 XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, -0.1, 5.0, 90.0, 110.0, &v),
                 XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, -1.0, 90.0, 110.0, &v),
                 XH_STATUS_OUT_OF_DOMAIN);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, 5.0, 120.0, 110.0, &v),
                 XH_STATUS_OUT_OF_DOMAIN);
    CHECK(strcmp(last_error(), "lower must be at most upper, got 120") == 0, "%s",
          last_error());
    CHECK_STATUS(xh_attainment_probability(NAN, 0.05, 0.1, 5.0, 90.0, 110.0, &v),
                 XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_attainment_probability(100.0, INFINITY, 0.1, 5.0, 90.0, 110.0, &v),
                 XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, 5.0, NAN, 110.0, &v),
                 XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, 5.0, INFINITY, INFINITY, &v),
                 XH_STATUS_NON_FINITE);
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, 5.0, 90.0, -INFINITY, &v),
                 XH_STATUS_NON_FINITE);
    CHECK(v == SENTINEL, "out written on failure");
    CHECK_STATUS(xh_attainment_probability(100.0, 0.05, 0.1, 5.0, 90.0, 110.0, NULL),
                 XH_STATUS_NULL_ARGUMENT);

    /* the JSON request: a vector case, buffers, errors */
    {
        const char *req = "{\"method\":\"eurostat\",\"target\":{\"kind\":\"growth\","
                          "\"base_year\":2020,\"target_year\":2025,\"rate\":0.05},"
                          "\"observed\":[[2020,100],[2021,104]]}";
        char buf[512];
        memset(buf, 'x', sizeof buf);
        CHECK_STATUS(xh_assess_json(req, NULL, 0, &need), XH_STATUS_OK);
        CHECK_STATUS(xh_assess_json(req, buf, need - 1, &n), XH_STATUS_BUFFER_TOO_SMALL);
        CHECK(n == need && buf[0] == 'x', "untouched");
        CHECK_STATUS(xh_assess_json(req, buf, sizeof buf, &n), XH_STATUS_OK);
        CHECK(strlen(buf) + 1 == need, "length");
        CHECK(strstr(buf, "\"class\":\"moderate_progress\"") &&
                  strstr(buf, "\"value\":0.7999999999999999") &&
                  strstr(buf, "\"status\":\"assessed\""),
              "%s", buf);
        CHECK_STATUS(xh_assess_json("{\"method\":", buf, sizeof buf, &n),
                     XH_STATUS_INVALID_ARGUMENT);
        CHECK(strstr(last_error(), "line 1") != NULL, "%s", last_error());
        CHECK_STATUS(xh_assess_json("{\"method\":\"eurostat\",\"target\":{\"kind\":\"growth\","
                                    "\"base_year\":2025,\"target_year\":2020,\"rate\":0.05},"
                                    "\"observed\":[[2020,100]]}",
                                    buf, sizeof buf, &n),
                     XH_STATUS_INVALID_YEAR);
        CHECK_STATUS(xh_assess_json("\xff", buf, sizeof buf, &n), XH_STATUS_INVALID_UTF8);
        CHECK_STATUS(xh_assess_json(NULL, buf, sizeof buf, &n), XH_STATUS_NULL_ARGUMENT);
        CHECK_STATUS(xh_assess_json(req, buf, sizeof buf, NULL), XH_STATUS_NULL_ARGUMENT);
        CHECK_STATUS(xh_assess_json(req, NULL, 5, &n), XH_STATUS_NULL_ARGUMENT);
    }

    /* the methods without a target, and a zero target, through JSON */
    {
        char buf[512];
        char *all;
        const char *limit = "{\"method\":\"opensdg_trend\",\"polarity\":\"higher\",\"limit\":100,"
                            "\"observed\":[[2015,97.4],[2022,99.7]]}";
        const char *no_limit = "{\"method\":\"opensdg_trend\",\"polarity\":\"higher\","
                               "\"observed\":[[2015,97.4],[2022,99.7]]}";
        const char *eurostat = "{\"method\":\"eurostat_trend\",\"polarity\":\"lower\","
                               "\"observed\":[[2018,100],[2023,110]]}";
        const char *zero = "{\"method\":\"all\",\"target\":{\"kind\":\"level\",\"value\":0,"
                           "\"polarity\":\"lower\",\"base_year\":2020,\"target_year\":2030},"
                           "\"observed\":[[2020,12],[2021,11],[2022,9.5],[2023,9]]}";
        CHECK_STATUS(xh_assess_json(limit, buf, sizeof buf, &n), XH_STATUS_OK);
        CHECK(strstr(buf, "\"class\":\"on_track\"") != NULL, "%s", buf);
        CHECK_STATUS(xh_assess_json(no_limit, buf, sizeof buf, &n), XH_STATUS_OK);
        CHECK(strstr(buf, "\"class\":\"insufficient_progress\"") != NULL, "%s", buf);
        CHECK_STATUS(xh_assess_json(eurostat, buf, sizeof buf, &n), XH_STATUS_OK);
        CHECK(strstr(buf, "\"class\":\"significant_movement_away\"") != NULL, "%s", buf);
        CHECK_STATUS(xh_assess_json("{\"method\":\"opensdg_trend\",\"observed\":[[2015,1],[2016,2]]}",
                                    buf, sizeof buf, &n),
                     XH_STATUS_INVALID_ARGUMENT);
        CHECK(strstr(last_error(), "polarity") != NULL, "%s", last_error());
        CHECK_STATUS(xh_assess_json(zero, NULL, 0, &need), XH_STATUS_OK);
        all = malloc(need);
        CHECK(all != NULL, "malloc");
        CHECK_STATUS(xh_assess_json(zero, all, need, &n), XH_STATUS_OK);
        CHECK(strstr(all, "replaced by 0.001") != NULL, "zero target: %.200s", all);
        free(all);
    }
}

/* 8 threads assess at once and agree with the single-threaded result. */
typedef struct {
    double reference;
    int failures;
} assess_arg;

static double assess_ratio(void) {
    const xh_catalog *cat = xh_catalog_default();
    xh_assessment *a = NULL;
    double r = -1.0;
    const xh_figure *ai = NULL;
    const xh_indicator *ind = NULL;
    size_t j;
    if (xh_catalog_find(cat, "ai_output", &ind) != XH_STATUS_OK) return -2.0;
    for (j = 0; j < xh_indicator_figures_len(ind) && ai == NULL; j++)
        if (strcmp(xh_figure_status(xh_indicator_figure_get(ind, j)), "target") == 0)
            ai = xh_indicator_figure_get(ind, j);
    if (xh_assess_figure(cat, ai, AI_YEARS, AI_VALUES, 3, &a) != XH_STATUS_OK) return -3.0;
    if (xh_assessment_value(a, XH_METHOD_PROBABILITY, &r) != XH_STATUS_OK) r = -4.0;
    xh_assessment_free(a);
    return r;
}

static void *assess_thread(void *p) {
    assess_arg *t = p;
    int round;
    for (round = 0; round < 5; round++)
        if (!same(assess_ratio(), t->reference)) t->failures++;
    return NULL;
}

/* Units, deflators, the plausibility check and the rate convention, as a
   C user meets them. */
/* The report's section 五 takes the plausibility override too: a real
 * hundredfold jump is reported as a probable unit slip unless the flag says
 * it is real. */
static void test_report_with_flags(void) {
    xh_catalog *mine = NULL;
    size_t need = 0;
    char *checked, *accepted, *plain;

    CHECK_STATUS(xh_catalog_clone_default(&mine), XH_STATUS_OK);
    CHECK_STATUS(add_csv(mine, "id,year,value\nai_output,2021,40000\n", NULL), XH_STATUS_OK);
    plain = export_of(xh_catalog_report, mine);
    CHECK_STATUS(xh_catalog_report_with(mine, XH_ASSESS_DEFAULT, NULL, 0, &need), XH_STATUS_OK);
    checked = malloc(need);
    CHECK(checked != NULL, "malloc");
    CHECK_STATUS(xh_catalog_report_with(mine, XH_ASSESS_DEFAULT, checked, need, &need), XH_STATUS_OK);
    CHECK(strcmp(plain, checked) == 0, "XH_ASSESS_DEFAULT is xh_catalog_report");
    CHECK(strstr(checked, "wrong unit?") != NULL, "the jump is stopped by default");
    CHECK_STATUS(xh_catalog_report_with(mine, XH_ASSESS_NO_PLAUSIBILITY_CHECK, NULL, 0, &need),
                 XH_STATUS_OK);
    accepted = malloc(need);
    CHECK(accepted != NULL, "malloc");
    CHECK_STATUS(xh_catalog_report_with(mine, XH_ASSESS_NO_PLAUSIBILITY_CHECK, accepted, need, &need),
                 XH_STATUS_OK);
    CHECK(strstr(accepted, "wrong unit?") == NULL, "the flag accepts the jump");
    CHECK(strstr(accepted, "40,000 亿元") != NULL, "the observation is assessed");
    need = 7;
    CHECK_STATUS(xh_catalog_report_with(mine, 4, NULL, 0, &need), XH_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "expected XH_ASSESS_* flags, got 0x4") != NULL, "%s", last_error());
    CHECK(need == 7, "needed written on failure");
    CHECK_STATUS(xh_catalog_report_with(NULL, XH_ASSESS_DEFAULT, NULL, 0, &need),
                 XH_STATUS_NULL_ARGUMENT);
    free(plain);
    free(checked);
    free(accepted);
    xh_catalog_free(mine);
}

static void test_assess_guard_rails(void) {
    const xh_catalog *cat = xh_catalog_default();
    const xh_figure *ai = first_target(cat, "ai_output");
    const xh_indicator *gdp_ind;
    const xh_figure *gdp;
    xh_assessment *a = NULL, *sentinel = (xh_assessment *)&checks_passed;
    double r_yi, r_yuan, v;
    const int32_t years[] = {2021, 2022};
    const double yi[] = {410.0, 470.0};
    const double yuan[] = {4.1e10, 4.7e10};
    const int32_t gdp_years[] = {2021, 2022};
    const double gdp_values[] = {2260.0, 2330.0}; /* synthetic, current prices */
    const int32_t infl_years[] = {2022};
    const double inflation[] = {0.015};
    size_t need = 0;
    char answer[512];

    /* values in yuan with their unit give the same answer as in 亿元 */
    CHECK_STATUS(xh_assess_figure(cat, ai, years, yi, 2, &a), XH_STATUS_OK);
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_EUROSTAT, &r_yi), XH_STATUS_OK);
    xh_assessment_free(a);
    CHECK_STATUS(xh_assess_figure_with(cat, ai, years, yuan, 2, "元", XH_DEFLATOR_NONE, NULL, NULL,
                                       0, XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_OK);
    CHECK_STATUS(xh_assessment_value(a, XH_METHOD_EUROSTAT, &r_yuan), XH_STATUS_OK);
    CHECK(same(r_yi, r_yuan), "%.17g vs %.17g", r_yi, r_yuan);
    xh_assessment_free(a);

    /* yuan passed as 亿元: stopped, naming the unit; the flag accepts it */
    a = sentinel;
    CHECK_STATUS(xh_assess_figure(cat, ai, years, yuan, 2, &a), XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(strstr(last_error(), "values are in 亿元; 4.1e10 is 1.2e8 times the 2020 level 350: "
                               "wrong unit?") != NULL,
          "%s", last_error());
    CHECK(a == sentinel, "out written on failure");
    CHECK_STATUS(xh_assess_figure_with(cat, ai, years, yuan, 2, NULL, XH_DEFLATOR_NONE, NULL, NULL,
                                       0, XH_ASSESS_NO_PLAUSIBILITY_CHECK, &a),
                 XH_STATUS_OK);
    xh_assessment_free(a);
    a = sentinel;
    CHECK_STATUS(xh_assess_figure_with(cat, ai, years, yi, 2, "bananas", XH_DEFLATOR_NONE, NULL,
                                       NULL, 0, XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_INVALID_OBSERVATIONS);
    CHECK(strstr(last_error(), "2021: unknown unit \"bananas\"") != NULL, "%s", last_error());

    /* GDP: the error says to supply a deflator, and now C can */
    CHECK_STATUS(xh_catalog_find(cat, "gdp", &gdp_ind), XH_STATUS_OK);
    gdp = xh_indicator_default_target(gdp_ind);
    CHECK_STATUS(xh_assess_figure(cat, gdp, gdp_years, gdp_values, 2, &a),
                 XH_STATUS_PRICE_BASIS_MISMATCH);
    CHECK(strstr(last_error(), "supply a deflator") != NULL, "%s", last_error());
    CHECK_STATUS(xh_assess_figure_with(cat, gdp, gdp_years, gdp_values, 2, NULL,
                                       XH_DEFLATOR_INFLATION, infl_years, inflation, 1,
                                       XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_OK);
    CHECK(strcmp(xh_assessment_outcome(a, XH_METHOD_EUROSTAT), "assessed") == 0, "%s",
          xh_assessment_outcome(a, XH_METHOD_EUROSTAT));
    /* the deflated 2022 level: 2330 / 1.015 */
    {
        int32_t ys[8];
        double vs[8];
        size_t n = 0, i, found = 0;
        CHECK_STATUS(xh_assessment_trajectory(a, XH_TRAJECTORY_OBSERVED, ys, vs, 8, &n),
                     XH_STATUS_OK);
        for (i = 0; i < n; i++) {
            if (ys[i] != 2022) continue;
            found++;
            CHECK(fabs(vs[i] - 2330.0 / 1.015) < 1e-9, "%.17g", vs[i]);
        }
        CHECK(found == 1, "2022 in the trajectory (%zu years)", n);
    }
    xh_assessment_free(a);
    CHECK_STATUS(xh_assess_figure_with(cat, gdp, gdp_years, gdp_values, 2, NULL,
                                       XH_DEFLATOR_PRICE_INDEX, infl_years, inflation, 1,
                                       XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_INVALID_YEAR); /* the index lacks 2021 */
    CHECK_STATUS(xh_assess_figure_with(cat, gdp, gdp_years, gdp_values, 2, NULL, 7, infl_years,
                                       inflation, 1, XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_assess_figure_with(cat, gdp, gdp_years, gdp_values, 2, NULL, XH_DEFLATOR_NONE,
                                       infl_years, inflation, 1, XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_assess_figure_with(cat, ai, years, yi, 2, NULL, XH_DEFLATOR_NONE, NULL, NULL,
                                       0, 0x10, &a),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(xh_assess_figure_with(cat, ai, years, yi, 2, NULL, XH_DEFLATOR_INFLATION, NULL,
                                       inflation, 1, XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_NULL_ARGUMENT);
    CHECK_STATUS(xh_assess_figure_with(cat, ai, years, yi, 2, "\xff", XH_DEFLATOR_NONE, NULL, NULL,
                                       0, XH_ASSESS_DEFAULT, &a),
                 XH_STATUS_INVALID_UTF8);
    CHECK_STATUS(xh_assess_figure_with(cat, ai, years, yi, 2, NULL, XH_DEFLATOR_NONE, NULL, NULL,
                                       0, XH_ASSESS_DEFAULT, NULL),
                 XH_STATUS_NULL_ARGUMENT);

    /* the JSON API: a rate of 5 is taken for 5 %, unless the request means it */
    CHECK_STATUS(xh_assess_json("{\"method\":\"eurostat\",\"target\":{\"kind\":\"growth\","
                                "\"base_year\":2020,\"target_year\":2025,\"rate\":5},"
                                "\"observed\":[[2020,100],[2021,104]]}",
                                answer, sizeof answer, &need),
                 XH_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(last_error(), "did you mean 0.05?") != NULL, "%s", last_error());
    v = json_value("{\"method\":\"eurostat\",\"allow_rate_above_one\":true,\"target\":"
                   "{\"kind\":\"growth\",\"base_year\":2020,\"target_year\":2025,\"rate\":5},"
                   "\"observed\":[[2020,100],[2021,104]]}");
    CHECK(v > 0.0 && v < 0.01, "R = %g", v);

    /* the growth functions take what they are given: 15 is 1500 % a year */
    CHECK_STATUS(xh_project(350.0, 15.0, 5.0, &v), XH_STATUS_OK);
    CHECK(v == 367001600.0, "%.17g", v);
}

static void test_assess_threads(void) {
    pthread_t th[8];
    assess_arg args[8];
    double reference = assess_ratio();
    int i;
    CHECK(reference >= 0.0 && reference <= 1.0, "%g", reference);
    for (i = 0; i < 8; i++) {
        args[i].reference = reference;
        args[i].failures = 0;
        CHECK(pthread_create(&th[i], NULL, assess_thread, &args[i]) == 0, "pthread_create");
    }
    for (i = 0; i < 8; i++) CHECK(pthread_join(th[i], NULL) == 0, "pthread_join");
    for (i = 0; i < 8; i++) CHECK(args[i].failures == 0, "thread %d", i);
}

/* ------------------------------------------------------------------ */

enum { THREADS = 8, ROUNDS = 300 };

typedef struct {
    int id;
    double reference[4];
    int failures;
} thread_arg;

static void compute(int id, double r[4]) {
    double s[3] = {100.0 + id, 200.0 + id, 300.0 + id};
    double out[3];
    r[0] = r[1] = r[2] = r[3] = 0.0;
    if (xh_cagr(100.0 + id, 150.0 + 2 * id, 5.0, &r[0]) != XH_STATUS_OK) r[0] = -1;
    if (xh_unit_convert("亿元", 1.5 + id, "万元", &r[1]) != XH_STATUS_OK) r[1] = -1;
    if (xh_project_batch(s, 3, &r[0], 1, s, 1, out, 3, XH_ERROR_POLICY_RAISE, NULL) != XH_STATUS_OK)
        r[2] = -1;
    else
        r[2] = out[0] + out[1] + out[2];
    if (xh_doubling_time(0.01 * (id + 1), &r[3]) != XH_STATUS_OK) r[3] = -1;
    {
        /* the catalog from every thread: lookup, accessors, export sizes */
        const xh_catalog *cat = xh_catalog_default();
        const xh_indicator *ind = xh_catalog_get(cat, (size_t)id * 7 % xh_catalog_len(cat));
        const xh_indicator *found = NULL;
        size_t need = 0;
        if (xh_catalog_find(cat, xh_indicator_id(ind), &found) != XH_STATUS_OK || found != ind)
            r[3] = -2;
        if (xh_catalog_to_csv(cat, NULL, 0, &need) != XH_STATUS_OK) r[3] = -3;
        r[3] += (double)need + xh_figure_value(xh_indicator_figure_get(ind, 0));
    }
}

static void *thread_main(void *p) {
    thread_arg *t = p;
    char want[64], got[64];
    int round;
    double r[4], v;
    for (round = 0; round < ROUNDS; round++) {
        compute(t->id, r);
        if (memcmp(r, t->reference, sizeof r) != 0) t->failures++;
        /* the last error is per thread: each thread fails differently */
        if (xh_cagr(-(double)(t->id + 1), 1.0, 1.0, &v) != XH_STATUS_OUT_OF_DOMAIN) t->failures++;
        snprintf(want, sizeof want, "start must be positive and finite, got -%d", t->id + 1);
        xh_last_error_message(got, sizeof got);
        if (strcmp(want, got) != 0) t->failures++;
    }
    return NULL;
}

static void test_threads(void) {
    pthread_t th[THREADS];
    thread_arg args[THREADS];
    int i;
    for (i = 0; i < THREADS; i++) {
        args[i].id = i;
        args[i].failures = 0;
        compute(i, args[i].reference);
        CHECK(args[i].reference[0] > 0 && args[i].reference[1] > 0 && args[i].reference[2] > 0,
              "reference %d", i);
    }
    for (i = 0; i < THREADS; i++)
        CHECK(pthread_create(&th[i], NULL, thread_main, &args[i]) == 0, "pthread_create");
    for (i = 0; i < THREADS; i++) CHECK(pthread_join(th[i], NULL) == 0, "pthread_join");
    for (i = 0; i < THREADS; i++)
        CHECK(args[i].failures == 0, "thread %d: %d failures", i, args[i].failures);
}

/* A fresh thread has no last error. */
static void *fresh_thread(void *p) {
    char buf[4] = "xyz";
    size_t *need = p;
    *need = xh_last_error_message(buf, sizeof buf);
    if (buf[0] != '\0') *need = 999;
    return NULL;
}

static void test_fresh_thread_has_no_error(void) {
    pthread_t th;
    size_t need = 0;
    CHECK(pthread_create(&th, NULL, fresh_thread, &need) == 0, "create");
    CHECK(pthread_join(th, NULL) == 0, "join");
    CHECK(need == 1, "need %zu", need);
}

/* ------------------------------------------------------------------ */

static xh_status call_c(const char *function, const double *a, size_t n, double *out) {
    if (strcmp(function, "cagr") == 0) return xh_cagr(a[0], a[1], a[2], out);
    if (strcmp(function, "project") == 0) return xh_project(a[0], a[1], a[2], out);
    if (strcmp(function, "years_to_reach") == 0) return xh_years_to_reach(a[0], a[1], a[2], out);
    if (strcmp(function, "annualize") == 0) return xh_annualize(a[0], a[1], out);
    if (strcmp(function, "cumulate") == 0) return xh_cumulate(a[0], a[1], out);
    if (strcmp(function, "implied_previous") == 0) return xh_implied_previous(a[0], a[1], out);
    if (strcmp(function, "doubling_time") == 0) return xh_doubling_time(a[0], out);
    if (strcmp(function, "chain") == 0) return xh_chain(n ? a : NULL, n, out);
    fprintf(stderr, "unknown function %s\n", function);
    abort();
}

/* The same case through the batch form (n = 1, raise). */
static xh_status call_batch(const char *function, const double *a, double *out) {
    xh_error_policy p = XH_ERROR_POLICY_RAISE;
    if (strcmp(function, "cagr") == 0)
        return xh_cagr_batch(&a[0], 1, &a[1], 1, &a[2], 1, out, 1, p, NULL);
    if (strcmp(function, "project") == 0)
        return xh_project_batch(&a[0], 1, &a[1], 1, &a[2], 1, out, 1, p, NULL);
    if (strcmp(function, "years_to_reach") == 0)
        return xh_years_to_reach_batch(&a[0], 1, &a[1], 1, &a[2], 1, out, 1, p, NULL);
    if (strcmp(function, "annualize") == 0)
        return xh_annualize_batch(&a[0], 1, &a[1], 1, out, 1, p, NULL);
    if (strcmp(function, "cumulate") == 0)
        return xh_cumulate_batch(&a[0], 1, &a[1], 1, out, 1, p, NULL);
    if (strcmp(function, "implied_previous") == 0)
        return xh_implied_previous_batch(&a[0], 1, &a[1], 1, out, 1, p, NULL);
    if (strcmp(function, "doubling_time") == 0)
        return xh_doubling_time_batch(&a[0], 1, out, 1, p, NULL);
    return XH_STATUS_UNKNOWN; /* chain has no batch form */
}

/* The next space-separated token of a vectors line (strtok_r state in *save). */
static char *next_token(char *line, char **save, const char *path) {
    char *tok = strtok_r(*save ? NULL : line, " \n", save);
    CHECK(tok != NULL, "short line in %s", path);
    return tok;
}

static void test_vectors(const char *path) {
    FILE *f = fopen(path, "r");
    char line[4096];
    size_t cases = 0, errors = 0, zero_signs = 0;
    /* Under valgrind (scripts/test-c.sh sets XH_TEST_VALGRIND) the FMA
     * instructions xh-core's kernels use are emulated, and the emulation
     * can lose the sign of a zero result (project(-0, 0.05, 3) gives +0
     * instead of the -0 the real CPU gives). Only there, +0 and -0 count as
     * equal; the plain and sanitizer runs still require identical bits. */
    const int valgrind = getenv("XH_TEST_VALGRIND") != NULL;
    CHECK(f != NULL, "cannot open %s", path);
    while (fgets(line, sizeof line, f)) {
        char *save = NULL;
        char id[128], function[64], want[8], want_x[64], rust[8], rust_x[64];
        double a[64], out = SENTINEL, bout = SENTINEL;
        unsigned long max_ulp;
        size_t n, i;
        xh_status st, bst;

        if (line[0] == '#' || line[0] == '\n') continue;
#define NEXT() next_token(line, &save, path)
        snprintf(id, sizeof id, "%s", NEXT());
        snprintf(function, sizeof function, "%s", NEXT());
        n = strtoul(NEXT(), NULL, 10);
        CHECK(n <= 64, "%s: %zu args", id, n);
        for (i = 0; i < n; i++) a[i] = from_bits(strtoull(NEXT(), NULL, 16));
        CHECK(strcmp(NEXT(), "want") == 0, "%s: format", id);
        snprintf(want, sizeof want, "%s", NEXT());
        snprintf(want_x, sizeof want_x, "%s", NEXT());
        max_ulp = strtoul(NEXT(), NULL, 10);
        CHECK(strcmp(NEXT(), "rust") == 0, "%s: format", id);
        snprintf(rust, sizeof rust, "%s", NEXT());
        snprintf(rust_x, sizeof rust_x, "%s", NEXT());
#undef NEXT

        st = call_c(function, a, n, &out);
        if (strcmp(rust, "ok") == 0) {
            double r = from_bits(strtoull(rust_x, NULL, 16));
            CHECK(st == XH_STATUS_OK, "%s %s: %s (%s)", id, function, xh_status_name(st),
                  last_error());
            if (!same(out, r) && valgrind && out == 0.0 && r == 0.0) {
                zero_signs++; /* valgrind's FMA emulation, see below */
            } else {
                CHECK(same(out, r), "%s %s: C %.17g (%016llx) != Rust %.17g (%s)", id, function,
                      out, (unsigned long long)bits(out), r, rust_x);
            }
        } else {
            CHECK(strcmp(xh_status_name(st), rust_x) == 0, "%s %s: C %s, Rust %s", id, function,
                  xh_status_name(st), rust_x);
            CHECK(out == SENTINEL, "%s: out written on failure", id);
        }
        if (strcmp(want, "ok") == 0) {
            double e = from_bits(strtoull(want_x, NULL, 16));
            CHECK(st == XH_STATUS_OK && ulp_distance(out, e) <= max_ulp,
                  "%s %s: %.17g vs expected %.17g (%llu ulp > %lu)", id, function, out, e,
                  (unsigned long long)ulp_distance(out, e), max_ulp);
        } else {
            errors++;
            CHECK(strcmp(xh_status_name(st), want_x) == 0, "%s %s: %s, expected %s", id, function,
                  xh_status_name(st), want_x);
        }
        /* batch form agrees: same bits, or same error kind */
        bst = call_batch(function, a, &bout);
        if (bst != XH_STATUS_UNKNOWN) {
            CHECK(bst == st, "%s batch %s vs scalar %s", id, xh_status_name(bst),
                  xh_status_name(st));
            if (st == XH_STATUS_OK) CHECK(same(bout, out), "%s batch bits", id);
        }
        cases++;
    }
    fclose(f);
    CHECK(cases >= 300, "only %zu cases in %s", cases, path);
    if (zero_signs)
        printf("vectors: %zu results differ from xh-core only in the sign of zero "
               "(valgrind's FMA emulation)\n",
               zero_signs);
    printf("vectors: %zu cases (%zu error cases) bit-identical to xh-core\n", cases - zero_signs,
           errors);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS.txt\n", argv[0]);
        return 2;
    }
    test_last_error_initially_empty();
    test_fresh_thread_has_no_error();
    test_version();
    test_status_names();
    test_last_error_buffers();
    test_scalar_values();
    test_scalar_errors();
    test_batch();
    test_batch_each_function();
    test_batch_large();
    test_units();
    test_catalog();
    test_catalog_exports();
    test_sdmx();
    test_owned_catalog();
    test_owned_catalog_threads();
    test_assess();
    test_assess_guard_rails();
    test_report_with_flags();
    test_assess_threads();
    test_threads();
    test_vectors(argv[1]);
    printf("%lu passed, 0 failed\n", checks_passed);
    return 0;
}
