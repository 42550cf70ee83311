/* Conformance runner (C side): the protocol is in driver.py.
 * Uses only the public header xuhui.h. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xuhui.h"

#define MAX_ARGS 64

static double from_bits(const char *hex) {
    uint64_t u = strtoull(hex, NULL, 16);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static void print_float(const char *id, double v) {
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    printf("%s\tok\tf:%016" PRIx64 "\n", id, u);
}

static void print_status(const char *id, xh_status st) {
    printf("%s\terr\t%s\n", id, xh_status_name(st));
}

/* A text result: s:TEXT, or x:HEX of its bytes when it holds a tab, CR or LF. */
static void print_text(const char *id, const char *text) {
    if (strpbrk(text, "\t\r\n") == NULL) {
        printf("%s\tok\ts:%s\n", id, text);
        return;
    }
    printf("%s\tok\tx:", id);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) printf("%02x", *p);
    printf("\n");
}

/* Decodes x:HEX in place (the text is at most half as long); returns it. */
static char *unhex(char *hex) {
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++) {
        char pair[3] = {hex[2 * i], hex[2 * i + 1], 0};
        hex[i] = (char)strtoul(pair, NULL, 16);
    }
    hex[n] = 0;
    return hex;
}

/* Runs a text export with the size query, prints the text or the status. */
static void print_export(const char *id, xh_status (*export)(const xh_catalog *, char *, size_t, size_t *),
                         const xh_catalog *cat) {
    size_t need = 0;
    xh_status st = export(cat, NULL, 0, &need);
    char *text = st == XH_STATUS_OK ? malloc(need) : NULL;
    if (text) st = export(cat, text, need, &need);
    if (text && st == XH_STATUS_OK) print_text(id, text);
    else print_status(id, st);
    free(text);
}

typedef xh_status (*batch3)(const double *, size_t, const double *, size_t, const double *, size_t,
                            double *, size_t, xh_error_policy, size_t *);
typedef xh_status (*batch2)(const double *, size_t, const double *, size_t, double *, size_t,
                            xh_error_policy, size_t *);

int main(void) {
    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        if (!len) continue;
        char *fields[MAX_ARGS + 2];
        size_t nf = 0;
        for (char *p = line; p && nf < MAX_ARGS + 2;) {
            fields[nf++] = p;
            p = strchr(p, '\t');
            if (p) *p++ = 0;
        }
        const char *id = fields[0], *fn = fields[1];
        size_t nargs = nf - 2;
        double x[MAX_ARGS];
        const char *s[MAX_ARGS];
        for (size_t i = 0; i < nargs; i++) {
            const char *a = fields[i + 2];
            s[i] = a[0] == 'x' ? unhex(fields[i + 2] + 2) : a + 2;
            x[i] = a[0] == 'f' ? from_bits(a + 2) : 0.0;
        }
        double out = 0.0;
        size_t bad = 0;
        xh_status st;
        if (!strcmp(fn, "cagr")) st = xh_cagr(x[0], x[1], x[2], &out);
        else if (!strcmp(fn, "project")) st = xh_project(x[0], x[1], x[2], &out);
        else if (!strcmp(fn, "years_to_reach")) st = xh_years_to_reach(x[0], x[1], x[2], &out);
        else if (!strcmp(fn, "annualize")) st = xh_annualize(x[0], x[1], &out);
        else if (!strcmp(fn, "cumulate")) st = xh_cumulate(x[0], x[1], &out);
        else if (!strcmp(fn, "implied_previous")) st = xh_implied_previous(x[0], x[1], &out);
        else if (!strcmp(fn, "doubling_time")) st = xh_doubling_time(x[0], &out);
        else if (!strcmp(fn, "chain")) st = xh_chain(x, nargs, &out);
        else if (!strcmp(fn, "cagr[]") || !strcmp(fn, "project[]") || !strcmp(fn, "years_to_reach[]")) {
            batch3 f = fn[0] == 'c' ? xh_cagr_batch : fn[0] == 'p' ? xh_project_batch : xh_years_to_reach_batch;
            st = f(&x[0], 1, &x[1], 1, &x[2], 1, &out, 1, XH_ERROR_POLICY_RAISE, &bad);
        } else if (!strcmp(fn, "annualize[]") || !strcmp(fn, "cumulate[]") || !strcmp(fn, "implied_previous[]")) {
            batch2 f = fn[0] == 'a' ? xh_annualize_batch : fn[0] == 'c' ? xh_cumulate_batch : xh_implied_previous_batch;
            st = f(&x[0], 1, &x[1], 1, &out, 1, XH_ERROR_POLICY_RAISE, &bad);
        } else if (!strcmp(fn, "doubling_time[]")) {
            st = xh_doubling_time_batch(&x[0], 1, &out, 1, XH_ERROR_POLICY_RAISE, &bad);
        } else if (!strcmp(fn, "unit_convert")) {
            st = xh_unit_convert(s[0], x[2], s[1], &out);
        } else if (!strcmp(fn, "implied_level")) {
            st = xh_catalog_implied_target_level(xh_catalog_default(), s[0], s[1], &out, NULL);
        } else if (!strcmp(fn, "assess")) {
            size_t need = 0;
            st = xh_assess_json(s[0], NULL, 0, &need);
            char *answer = st == XH_STATUS_OK ? malloc(need) : NULL;
            if (answer) st = xh_assess_json(s[0], answer, need, &need);
            if (answer && st == XH_STATUS_OK) printf("%s\tok\ts:%s\n", id, answer);
            else print_status(id, st);
            free(answer);
            continue;
        } else if (!strcmp(fn, "outcome_verdict")) {
            char tag[64];
            size_t need = 0;
            st = xh_catalog_outcome_verdict(xh_catalog_default(), s[0][0] ? s[0] : NULL, s[1], s[2], tag,
                                            sizeof tag, &need);
            if (st == XH_STATUS_OK) printf("%s\tok\ts:%s\n", id, tag);
            else print_status(id, st);
            continue;
        } else if (!strcmp(fn, "sdmx_csv")) {
            xh_catalog *cat = NULL;
            st = xh_catalog_clone_default(&cat);
            if (st == XH_STATUS_OK && s[0][0])
                st = xh_catalog_add_observations_sdmx_csv(cat, (const uint8_t *)s[0], strlen(s[0]), NULL);
            if (st == XH_STATUS_OK) print_export(id, xh_catalog_to_sdmx_csv, cat);
            else print_status(id, st);
            xh_catalog_free(cat);
            continue;
        } else if (!strcmp(fn, "outcomes_sdmx_csv")) {
            const char *json = s[0][0] ? s[0] : NULL;
            size_t need = 0;
            char *text;
            st = xh_catalog_outcomes_sdmx_csv(xh_catalog_default(), json, NULL, 0, &need);
            text = st == XH_STATUS_OK ? malloc(need) : NULL;
            if (text) st = xh_catalog_outcomes_sdmx_csv(xh_catalog_default(), json, text, need, &need);
            if (text && st == XH_STATUS_OK) print_text(id, text);
            else print_status(id, st);
            free(text);
            continue;
        } else if (!strcmp(fn, "sdmx_structure")) {
            print_export(id, xh_catalog_to_sdmx_structure, xh_catalog_default());
            continue;
        } else if (!strcmp(fn, "catalog_get")) {
            const xh_indicator *ind = NULL;
            st = xh_catalog_find(xh_catalog_default(), s[0], &ind);
            if (st == XH_STATUS_OK) {
                printf("%s\tok\ts:%s|%s|%s|%zu\n", id, xh_indicator_name_zh(ind), xh_indicator_name_en(ind),
                       xh_indicator_unit(ind), xh_indicator_figures_len(ind));
            } else {
                print_status(id, st);
            }
            continue;
        } else if (!strcmp(fn, "catalog_figure")) {
            const xh_indicator *ind = NULL;
            st = xh_catalog_find(xh_catalog_default(), s[0], &ind);
            if (st == XH_STATUS_OK) {
                const xh_figure *f = xh_indicator_figure_get(ind, (size_t)x[1]);
                char value[17] = "";
                const char *basis, *universe, *bound;
                if (!f) {
                    fprintf(stderr, "runner_c: no figure %g of %s\n", x[1], s[0]);
                    return 2;
                }
                if (xh_figure_has_value(f)) {
                    double v = xh_figure_value(f);
                    uint64_t u;
                    memcpy(&u, &v, sizeof u);
                    snprintf(value, sizeof value, "%016" PRIx64, u);
                }
                basis = xh_figure_price_basis(f);
                universe = xh_figure_universe(f);
                bound = xh_figure_bound_text(f);
                printf("%s\tok\ts:%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n", id, xh_figure_group(f),
                       xh_figure_kind(f), value, xh_figure_unit(f), xh_figure_status(f),
                       xh_figure_qualifier(f), basis ? basis : "", xh_indicator_scope(ind),
                       universe ? universe : "", bound ? bound : "");
            } else {
                print_status(id, st);
            }
            continue;
        } else {
            fprintf(stderr, "runner_c: unknown function %s\n", fn);
            return 2;
        }
        if (st == XH_STATUS_OK) print_float(id, out);
        else print_status(id, st);
    }
    return 0;
}
