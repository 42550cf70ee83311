/*
 * report.c: a real C client of libxuhui, using only the public header.
 *
 * Prints the growth figures behind the 14th Five-Year Plan targets of the
 * 2021 Xuhui District Government Work Report.
 *
 * Build against an installed copy (see xh-c/README.md):
 *   cc -std=c99 -Wall -Wextra -Werror report.c $(pkg-config --cflags --libs xuhui) -o report
 */
#include <stdio.h>
#include <stdlib.h>

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

int main(void) {
    double v, r, yuan;

    printf("xuhui %s: growth behind the 14th Five-Year Plan targets\n\n", xh_version());

    TRY(xh_project(350.0, 0.15, 5.0, &v));
    TRY(xh_unit_convert("亿元", v, "元", &yuan));
    printf("AI and related industries: 350亿元 (2020) at 15%%/yr -> %.1f亿元 in 2025 (%.4g yuan)\n",
           v, yuan);
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
    printf("GDP at about 5%%/yr for five years adds up to %.1f%%\n", r * 100.0);
    return 0;
}
