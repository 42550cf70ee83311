/*
 * The published outcomes 2021–2025 from C: the embedded file's rows, its
 * SDMX-CSV (read back as observations), the report's section 四 and the
 * verdicts through a catalog handle, buffers
 * and errors, and the corpus of a user's own outcomes files
 * (tests/corpus/outcomes/, see its manifest.json): each loads or is
 * rejected with XH_STATUS_INVALID_CATALOG naming the entry and field.
 *
 * Usage: test_outcomes MANIFEST.txt CORPUS_DIR
 *   MANIFEST.txt is tests/corpus/outcomes/manifest.json flattened by
 *   scripts/test-c.sh to one tab-separated line per file:
 *     FILE \t ok    \t OUTCOMES
 *     FILE \t error \t ENTRY \t FIELD \t CONTAINS
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xuhui.h>

#include "check.h"

typedef xh_status (*outcomes_fn)(const xh_catalog *, const char *, char *, size_t, size_t *);

/* The text `fn` writes, malloc'ed; NULL (and *status set) on failure. */
static char *text_of(outcomes_fn fn, const xh_catalog *cat, const char *json, xh_status *status) {
    size_t need = 0;
    char *buf;
    *status = fn(cat, json, NULL, 0, &need);
    if (*status != XH_STATUS_OK) return NULL;
    buf = malloc(need);
    CHECK(buf != NULL, "malloc");
    *status = fn(cat, json, buf, need, &need);
    CHECK(*status == XH_STATUS_OK, "%s", last_error());
    CHECK(strlen(buf) + 1 == need, "length %zu, needed %zu", strlen(buf), need);
    return buf;
}

static char *read_text(const char *path) {
    FILE *f = fopen(path, "rb");
    long size;
    char *buf;
    CHECK(f != NULL, "cannot open %s", path);
    CHECK(fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0, "%s: size", path);
    rewind(f);
    buf = malloc((size_t)size + 1);
    CHECK(buf != NULL, "malloc");
    CHECK(fread(buf, 1, (size_t)size, f) == (size_t)size, "%s: read", path);
    buf[size] = '\0';
    fclose(f);
    return buf;
}

static size_t count(const char *haystack, const char *needle) {
    size_t n = 0;
    const char *p = haystack;
    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

static void test_embedded(void) {
    const xh_catalog *cat = xh_catalog_default();
    xh_status st;
    char *csv = text_of(xh_catalog_outcomes_csv, cat, NULL, &st);
    char *json = text_of(xh_catalog_outcomes_json, cat, NULL, &st);
    char *report = text_of(xh_catalog_outcomes_report, cat, NULL, &st);
    char *verdicts = text_of(xh_catalog_outcomes_verdicts, cat, NULL, &st);
    char small[8];
    size_t need = 0;

    CHECK(strncmp(csv, "indicator,year,period_start,period_end,kind,value,unit,status,", 62) == 0,
          "%.80s", csv);
    CHECK(strstr(csv, "完成区级一般公共预算收入309.25亿元") != NULL, "budget 2025 quote");
    /* One JSON object per published figure, each with its quote. */
    CHECK(count(json, "\"indicator\"") >= 60, "%zu rows", count(json, "\"indicator\""));
    CHECK(count(json, "\"quote\"") == count(json, "\"indicator\""), "a quote per row");
    CHECK(strncmp(report, "四、目标实现情况", strlen("四、目标实现情况")) == 0, "%.40s", report);
    CHECK(strstr(verdicts, "\"indicator\":\"ai_output\"") != NULL, "ai_output verdict");
    CHECK(strstr(verdicts, "\"verdict\":\"achieved\"") != NULL, "an achieved target");

    /* Buffers: too small leaves it untouched; NULL arguments. */
    memset(small, 'x', sizeof small);
    CHECK(xh_catalog_outcomes_report(cat, NULL, small, sizeof small, &need) ==
              XH_STATUS_BUFFER_TOO_SMALL, "too small");
    CHECK(small[0] == 'x' && need == strlen(report) + 1, "untouched, need %zu", need);
    CHECK(xh_catalog_outcomes_csv(NULL, NULL, NULL, 0, &need) == XH_STATUS_NULL_ARGUMENT, "NULL");
    CHECK(strcmp(last_error(), "catalog must not be NULL") == 0, "%s", last_error());
    CHECK(xh_catalog_outcomes_csv(cat, NULL, NULL, 0, NULL) == XH_STATUS_NULL_ARGUMENT, "needed");
    CHECK(xh_catalog_outcomes_csv(cat, "\xff", NULL, 0, &need) == XH_STATUS_INVALID_UTF8, "utf8");
    free(csv);
    free(json);
    free(report);
    free(verdicts);
}

/* The published outcomes as SDMX-CSV, and read back as observations. */
static void test_sdmx(void) {
    const xh_catalog *cat = xh_catalog_default();
    xh_catalog *mine = NULL;
    xh_status st;
    char *sdmx = text_of(xh_catalog_outcomes_sdmx_csv, cat, NULL, &st);
    char *json = text_of(xh_catalog_outcomes_json, cat, NULL, &st);
    char *back;
    size_t rows, added = 0, need = 0;
    char small[8];

    CHECK(strncmp(sdmx, "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR,REPORT_PART,FIGURE_KIND,"
                        "TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,QUALIFIER,"
                        "PRICE_BASIS,COMMENT_OBS,NOTE\n", 168) == 0, "%.170s", sdmx);
    /* Budget revenue 2025: 309.25亿元 (UNIT_MULT 8), final, quoted with its source. */
    CHECK(strstr(sdmx, "\ndataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,BUDGET_REVENUE,"
                       "OUTCOMES_PUBLISHED,LEVEL,2025,309.25,CNY,8,A,,CURRENT,"
                       "\"“完成区级一般公共预算收入309.25亿元” — ") != NULL, "budget 2025 row");
    CHECK(strstr(sdmx, "http://www.xuhuinews.com/news.php?id=13182") != NULL, "its address");
    /* A preliminary figure (预计) is E; 万 is UNIT_MULT 4. */
    CHECK(strstr(sdmx, ",INDUSTRIAL_OUTPUT,OUTCOMES_PUBLISHED,LEVEL,2021,750,CNY,8,E,,") != NULL,
          "industrial output 2021");
    CHECK(strstr(sdmx, ",HOUSING_RENOVATION,OUTCOMES_PUBLISHED,LEVEL,2021,37,M2,4,A,,") != NULL,
          "housing renovation 2021");
    /* Every row in the outcomes' report part; fewer rows than published
       figures (one per SDMX key; the outcomes JSON also holds context). */
    rows = count(sdmx, "\ndataflow,XUHUI:DF_GWR2021(1.0),I,CN_310104,");
    CHECK(rows == count(sdmx, ",OUTCOMES_PUBLISHED,"), "%zu rows", rows);
    CHECK(rows >= 40 && rows < count(json, "\"indicator\""), "%zu rows", rows);
    CHECK(strstr(sdmx, ",RESULTS_2020,") == NULL, "no report figure");

    /* Read back: the published levels that are numbers become observations. */
    CHECK(xh_catalog_clone_default(&mine) == XH_STATUS_OK, "%s", last_error());
    st = xh_catalog_add_observations_sdmx_csv(mine, (const uint8_t *)sdmx, strlen(sdmx), &added);
    CHECK(st == XH_STATUS_OK, "%s", last_error());
    CHECK(added >= 20 && added < rows, "%zu added", added);
    CHECK(xh_catalog_to_sdmx_csv(mine, NULL, 0, &need) == XH_STATUS_OK, "%s", last_error());
    back = malloc(need);
    CHECK(back != NULL, "malloc");
    CHECK(xh_catalog_to_sdmx_csv(mine, back, need, &need) == XH_STATUS_OK, "%s", last_error());
    CHECK(strstr(back, ",BUDGET_REVENUE,USER,LEVEL,2025,309.25,CNY,8,A,,CURRENT,") != NULL,
          "budget 2025 observation");
    CHECK(count(back, ",USER,") == added, "%zu user rows", count(back, ",USER,"));
    /* GDP 2024 is a bound (突破3000亿元): not an observation. */
    CHECK(strstr(back, ",GDP,USER,LEVEL,2024,") == NULL, "bound skipped");

    /* Buffers and NULL arguments, as for every export. */
    memset(small, 'x', sizeof small);
    CHECK(xh_catalog_outcomes_sdmx_csv(cat, NULL, small, sizeof small, &need) ==
              XH_STATUS_BUFFER_TOO_SMALL, "too small");
    CHECK(small[0] == 'x' && need == strlen(sdmx) + 1, "untouched, need %zu", need);
    CHECK(xh_catalog_outcomes_sdmx_csv(NULL, NULL, NULL, 0, &need) == XH_STATUS_NULL_ARGUMENT,
          "NULL catalog");
    CHECK(xh_catalog_outcomes_sdmx_csv(cat, NULL, NULL, 0, NULL) == XH_STATUS_NULL_ARGUMENT,
          "NULL needed");
    CHECK(xh_catalog_outcomes_sdmx_csv(cat, "{", NULL, 0, &need) == XH_STATUS_INVALID_CATALOG,
          "bad outcomes file");
    xh_catalog_free(mine);
    free(back);
    free(sdmx);
    free(json);
}

static void check_entry(const char *dir, char **fld, int nfld) {
    char path[4096];
    char *text, *csv;
    xh_status st;
    snprintf(path, sizeof path, "%s/%s", dir, fld[0]);
    text = read_text(path);
    csv = text_of(xh_catalog_outcomes_csv, xh_catalog_default(), text, &st);
    if (strcmp(fld[1], "ok") == 0) {
        CHECK(nfld == 3 && csv != NULL, "%s: %s", fld[0], last_error());
        CHECK(count(csv, "\n") - 1 == (size_t)atoi(fld[2]), "%s: rows", fld[0]);
    } else {
        CHECK(nfld == 5 && csv == NULL, "%s: loaded", fld[0]);
        CHECK(st == XH_STATUS_INVALID_CATALOG, "%s: %s", fld[0], xh_status_name(st));
        CHECK(strstr(last_error(), fld[2]) != NULL, "%s: entry %s in %s", fld[0], fld[2],
              last_error());
        CHECK(strstr(last_error(), fld[3]) != NULL, "%s: field %s", fld[0], fld[3]);
        CHECK(strstr(last_error(), fld[4]) != NULL, "%s: %s in %s", fld[0], fld[4], last_error());
    }
    free(csv);
    free(text);
}

int main(int argc, char **argv) {
    FILE *manifest;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int entries = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: %s MANIFEST.txt CORPUS_DIR\n", argv[0]);
        return 2;
    }
    test_embedded();
    test_sdmx();
    manifest = fopen(argv[1], "r");
    CHECK(manifest != NULL, "cannot open %s", argv[1]);
    while ((n = getline(&line, &cap, manifest)) != -1) {
        char *fields[6];
        int nfld;
        if (n > 0 && line[n - 1] == '\n') line[--n] = '\0';
        if (n == 0) continue;
        nfld = split_tabs(line, fields, 6);
        check_entry(argv[2], fields, nfld);
        entries++;
    }
    free(line);
    fclose(manifest);
    CHECK(entries >= 10, "only %d manifest entries", entries);
    printf("outcomes corpus: %d files\n", entries);
    printf("%lu passed, 0 failed\n", checks_passed);
    return 0;
}
