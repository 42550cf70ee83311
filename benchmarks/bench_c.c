/*
 * C benchmark of libxuhui (issue 8): the per-call cost of xh_cagr against
 * the inline closed form pow(end/start, 1.0/years) - 1.0 on the same inputs,
 * and xh_cagr_batch on 1e6 and 1e7 elements against an inline pow loop.
 * Best of 5 runs, clock_gettime(CLOCK_MONOTONIC). Not a test: nothing fails
 * on timings. Built and run by benchmarks/bench_c.sh.
 *
 * Usage: bench_c [CALLS]      (default 1e7 scalar calls)
 */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xuhui.h>

enum { RUNS = 5, TABLE = 4096 };

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Deterministic inputs: starts 50..150, growth 0.8..1.6, years 1..10. */
static uint64_t rng_state = 20210113;
static double uniform(void) {
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0);
}

static void fill(double *s, double *e, double *n, size_t len) {
    size_t i;
    for (i = 0; i < len; i++) {
        s[i] = 50.0 + 100.0 * uniform();
        e[i] = s[i] * (0.8 + 0.8 * uniform());
        n[i] = (double)(1 + (int)(10.0 * uniform()));
    }
}

/* Results go through this so the compiler cannot drop the loops. */
static volatile double sink;

typedef double (*scalar_loop)(const double *, const double *, const double *, size_t);

/* CALLS calls cycling over a small table (stays in L1: measures the call). */
static double loop_xh(const double *s, const double *e, const double *n, size_t calls) {
    double acc = 0.0, r;
    size_t i;
    for (i = 0; i < calls; i++) {
        size_t k = i & (TABLE - 1);
        if (xh_cagr(s[k], e[k], n[k], &r) == XH_STATUS_OK) acc += r;
    }
    return acc;
}

static double loop_pow(const double *s, const double *e, const double *n, size_t calls) {
    double acc = 0.0;
    size_t i;
    for (i = 0; i < calls; i++) {
        size_t k = i & (TABLE - 1);
        acc += pow(e[k] / s[k], 1.0 / n[k]) - 1.0;
    }
    return acc;
}

/* The accurate closed form (what xuhui computes, without validation). */
static double loop_expm1(const double *s, const double *e, const double *n, size_t calls) {
    double acc = 0.0;
    size_t i;
    for (i = 0; i < calls; i++) {
        size_t k = i & (TABLE - 1);
        acc += expm1(log1p((e[k] - s[k]) / s[k]) / n[k]);
    }
    return acc;
}

static double best_scalar(scalar_loop f, const double *s, const double *e, const double *n,
                          size_t calls) {
    double best = 1e300;
    int r;
    for (r = 0; r < RUNS; r++) {
        double t0 = now(), t;
        sink = f(s, e, n, calls);
        t = now() - t0;
        if (t < best) best = t;
    }
    return best;
}

static uint64_t bits(double x) {
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static uint64_t ulp_distance(double a, double b) {
    int64_t ka = (int64_t)bits(a), kb = (int64_t)bits(b);
    if (ka < 0) ka = INT64_MIN - ka;
    if (kb < 0) kb = INT64_MIN - kb;
    return ka > kb ? (uint64_t)ka - (uint64_t)kb : (uint64_t)kb - (uint64_t)ka;
}

static void bench_batch(size_t len) {
    double *s = malloc(len * sizeof *s), *e = malloc(len * sizeof *e), *n = malloc(len * sizeof *n);
    double *out = malloc(len * sizeof *out), *ref = malloc(len * sizeof *ref);
    double t_xh = 1e300, t_pow = 1e300, t_loop = 1e300;
    size_t i, differ = 0;
    uint64_t max_ulp = 0, max_ulp_big = 0;
    int r;
    if (!s || !e || !n || !out || !ref) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    fill(s, e, n, len);
    for (r = 0; r < RUNS; r++) {
        double t0 = now(), t;
        xh_status st = xh_cagr_batch(s, len, e, len, n, len, out, len, XH_ERROR_POLICY_RAISE, NULL);
        t = now() - t0;
        if (st != XH_STATUS_OK) {
            fprintf(stderr, "xh_cagr_batch: %s\n", xh_status_name(st));
            exit(1);
        }
        if (t < t_xh) t_xh = t;

        t0 = now();
        for (i = 0; i < len; i++) ref[i] = pow(e[i] / s[i], 1.0 / n[i]) - 1.0;
        t = now() - t0;
        sink = ref[len / 2];
        if (t < t_pow) t_pow = t;

        /* the scalar function in a loop, for the batch kernel's gain */
        t0 = now();
        for (i = 0; i < len; i++) xh_cagr(s[i], e[i], n[i], &out[i]);
        t = now() - t0;
        if (t < t_loop) t_loop = t;
    }
    xh_cagr_batch(s, len, e, len, n, len, out, len, XH_ERROR_POLICY_RAISE, NULL);
    for (i = 0; i < len; i++) {
        uint64_t d = ulp_distance(out[i], ref[i]);
        if (d) differ++;
        if (d > max_ulp) max_ulp = d;
        if (fabs(out[i]) >= 0.01 && d > max_ulp_big) max_ulp_big = d;
    }
    printf("batch %-5s xh_cagr_batch %8.2f ms (%5.2f ns/elem) | inline pow loop %8.2f ms "
           "(%5.2f ns/elem) | xh_cagr loop %8.2f ms | pow/batch = %.2fx, loop/batch = %.2fx\n",
           len == 1000000 ? "1e6" : "1e7", 1e3 * t_xh, 1e9 * t_xh / (double)len, 1e3 * t_pow,
           1e9 * t_pow / (double)len, 1e3 * t_loop, t_pow / t_xh, t_loop / t_xh);
    printf("            pow - 1 differs from xuhui in %.1f%% of elements: by at most %llu ulp "
           "(cancellation near rate 0), %llu ulp where |rate| >= 1%%\n",
           100.0 * (double)differ / (double)len, (unsigned long long)max_ulp,
           (unsigned long long)max_ulp_big);
    free(s);
    free(e);
    free(n);
    free(out);
    free(ref);
}

int main(int argc, char **argv) {
    size_t calls = argc > 1 ? (size_t)strtod(argv[1], NULL) : 10000000;
    double s[TABLE], e[TABLE], n[TABLE];
    double t_xh, t_pow, t_expm1;

    fill(s, e, n, TABLE);
    printf("libxuhui %s, best of %d runs\n", xh_version(), RUNS);
    /* warm up (page faults, lazy binding, CPU frequency) */
    sink = loop_xh(s, e, n, calls / 10) + loop_pow(s, e, n, calls / 10);

    t_xh = best_scalar(loop_xh, s, e, n, calls);
    t_pow = best_scalar(loop_pow, s, e, n, calls);
    t_expm1 = best_scalar(loop_expm1, s, e, n, calls);
    printf("scalar %.0e calls: xh_cagr %.2f ns/call | inline pow %.2f ns/call | inline "
           "expm1(log1p) %.2f ns/call\n",
           (double)calls, 1e9 * t_xh / (double)calls, 1e9 * t_pow / (double)calls,
           1e9 * t_expm1 / (double)calls);
    printf("scalar ratio: xh_cagr / pow = %.2fx, xh_cagr / expm1(log1p) = %.2fx, "
           "overhead over pow = %+.2f ns/call\n",
           t_xh / t_pow, t_xh / t_expm1, 1e9 * (t_xh - t_pow) / (double)calls);

    bench_batch(1000000);
    bench_batch(10000000);
    return 0;
}
