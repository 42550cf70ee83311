/*
 * report.c: a real C client of libxuhui, using only the public header.
 *
 * Prints the same 14th Five-Year Plan dashboard as the Rust example
 * (cargo run -p xh-core --example report), with --csv / --json the
 * catalog's flat table, and with --sdmx-csv / --sdmx-structure every figure
 * as SDMX-CSV 2.0 and its SDMX-ML 2.1 structure message. --growth walks the catalog through the accessor API
 * and prints the growth figures behind the plan's targets.
 *
 *   report [--csv | --json | --sdmx-csv | --sdmx-structure | --growth]
 *
 * Build against an installed copy (see xh-c/README.md):
 *   cc -std=c99 -Wall -Wextra -Werror report.c $(pkg-config --cflags --libs xuhui) -o report
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xuhui.h>

/* Prints the calling thread's last xuhui error and exits. */
static void die(const char *what, xh_status status) {
    char msg[512];
    xh_last_error_message(msg, sizeof msg);
    fprintf(stderr, "error: %s: %s (%s)\n", what, msg, xh_status_name(status));
    exit(1);
}

#define TRY(call)                                         \
    do {                                                  \
        xh_status s_ = (call);                            \
        if (s_ != XH_STATUS_OK) die(#call, s_);           \
    } while (0)

/* Prints a text export using the size-query protocol. */
static void print_text(xh_status (*export)(const xh_catalog *, char *, size_t, size_t *),
                       const xh_catalog *cat) {
    size_t need = 0;
    char *buf;
    TRY(export(cat, NULL, 0, &need));
    buf = malloc(need);
    if (buf == NULL) {
        fprintf(stderr, "error: out of memory\n");
        exit(1);
    }
    TRY(export(cat, buf, need, &need));
    fputs(buf, stdout);
    free(buf);
}

static void growth(const xh_catalog *cat) {
    const xh_indicator *ai;
    const char *qualifier;
    double v, r, yuan;
    size_t i, j, n = 0;

    printf("xuhui %s: growth behind the 14th Five-Year Plan targets\n\n", xh_version());

    TRY(xh_catalog_find(cat, "ai_output", &ai));
    TRY(xh_catalog_implied_target_level(cat, "ai_output", "fyp14_targets", &v, &qualifier));
    TRY(xh_unit_convert(xh_indicator_unit(ai), v, "元", &yuan));
    printf("%s / %s: 2025 implied %.1f%s (%.4g yuan, %s)\n", xh_indicator_name_zh(ai),
           xh_indicator_name_en(ai), v, xh_indicator_unit(ai), yuan, qualifier);
    TRY(xh_project(350.0, 0.15, 5.0, &v));
    printf("  = xh_project(350, 15%%, 5 years) = %.1f\n", v);
    TRY(xh_doubling_time(0.15, &r));
    printf("  at 15%%/yr the output doubles in %.2f years\n", r);
    TRY(xh_project(650.0, 0.09, 5.0, &v));
    printf("Life and health industry: 650亿元 (2020) at 9%%/yr -> %.1f亿元 in 2025\n", v);
    TRY(xh_cagr(60.0, 118.0, 5.0, &r));
    printf("Invention patents per 10,000 people: 60 -> 118 over 2015-2020 = %.2f%%/yr\n",
           r * 100.0);
    TRY(xh_cagr(542.0, 596.0, 5.0, &r));
    printf("Park green space: 542 -> 596 ha over 2015-2020 = %.2f%%/yr\n", r * 100.0);
    TRY(xh_annualize(-0.426, 5.0, &r));
    printf("PM2.5: -42.6%% over five years = %.2f%%/yr\n", r * 100.0);
    TRY(xh_implied_previous(198.1, 0.02, &v));
    printf("Budget revenue: 198.1亿元 in 2020, up 2%% -> %.1f亿元 in 2019\n", v);
    TRY(xh_cumulate(0.05, 5.0, &r));
    printf("GDP at about 5%%/yr for five years adds up to %.1f%%\n\n", r * 100.0);

    printf("Average-growth targets of the 14th Five-Year Plan, from the catalog:\n");
    for (i = 0; i < xh_catalog_len(cat); i++) {
        const xh_indicator *ind = xh_catalog_get(cat, i);
        for (j = 0; j < xh_indicator_figures_len(ind); j++) {
            const xh_figure *f = xh_indicator_figure_get(ind, j);
            if (strcmp(xh_figure_group(f), "fyp14_targets") != 0 ||
                strcmp(xh_figure_kind(f), "average_growth") != 0)
                continue;
            TRY(xh_cumulate(xh_figure_value(f) / 100.0,
                            xh_figure_year_end(f) - xh_figure_year_start(f) + 1, &r));
            printf("  %-24s %g%%/yr %d-%d = %+.1f%% in all  「%s」\n", xh_indicator_id(ind),
                   xh_figure_value(f), xh_figure_year_start(f), xh_figure_year_end(f), r * 100.0,
                   xh_figure_quote(f));
            n++;
        }
    }
    printf("%zu targets\n", n);
}

int main(int argc, char **argv) {
    const xh_catalog *cat = xh_catalog_default();
    if (cat == NULL) die("xh_catalog_default", XH_STATUS_INVALID_CATALOG);
    if (argc == 1) {
        print_text(xh_catalog_report, cat);
    } else if (argc == 2 && strcmp(argv[1], "--csv") == 0) {
        print_text(xh_catalog_to_csv, cat);
    } else if (argc == 2 && strcmp(argv[1], "--json") == 0) {
        print_text(xh_catalog_to_json, cat);
    } else if (argc == 2 && strcmp(argv[1], "--sdmx-csv") == 0) {
        print_text(xh_catalog_to_sdmx_csv, cat);
    } else if (argc == 2 && strcmp(argv[1], "--sdmx-structure") == 0) {
        print_text(xh_catalog_to_sdmx_structure, cat);
    } else if (argc == 2 && strcmp(argv[1], "--growth") == 0) {
        growth(cat);
    } else {
        fprintf(stderr, "usage: %s [--csv | --json | --sdmx-csv | --sdmx-structure | --growth]\n",
                argv[0]);
        return 2;
    }
    return 0;
}
