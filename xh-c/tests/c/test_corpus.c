/*
 * The malformed-data corpus (tests/corpus/, see its manifest.json) from C:
 * each file loads into an owned catalog as the manifest says, or is rejected
 * with the expected first problem (line, column, message), and a rejected
 * load leaves the catalog unchanged (its CSV export is byte-identical).
 * Formats: csv and json (the plain loaders), sdmx-csv (SDMX-CSV 1.0/2.0).
 * Also two generated huge files, as in xh-core/tests/corpus.rs.
 *
 * Built and run by scripts/test-c.sh plainly, with
 * -fsanitize=address,undefined and under valgrind.
 *
 * Usage: test_corpus MANIFEST.txt CORPUS_DIR
 *   MANIFEST.txt is manifest.json flattened by scripts/test-c.sh to one
 *   tab-separated line per file (no JSON parser in C):
 *     FILE \t FORMAT \t ok    \t ROWS
 *     FILE \t FORMAT \t error \t PROBLEMS \t LINE \t COLUMN \t CONTAINS
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xuhui.h>

#include "check.h"

/* The whole file, malloc'ed (at least one byte, so never NULL). */
static uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long size;
    CHECK(f != NULL, "cannot open %s", path);
    CHECK(fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0, "%s: size", path);
    rewind(f);
    buf = malloc((size_t)size + 1);
    CHECK(buf != NULL, "malloc");
    CHECK(fread(buf, 1, (size_t)size, f) == (size_t)size, "%s: read", path);
    fclose(f);
    *len = (size_t)size;
    return buf;
}

static char *csv_of(const xh_catalog *cat) {
    size_t need = 0;
    char *buf;
    CHECK(xh_catalog_to_csv(cat, NULL, 0, &need) == XH_STATUS_OK, "%s", last_error());
    buf = malloc(need);
    CHECK(buf != NULL, "malloc");
    CHECK(xh_catalog_to_csv(cat, buf, need, &need) == XH_STATUS_OK, "%s", last_error());
    return buf;
}

static size_t figure_count(const xh_catalog *cat) {
    size_t i, n = 0;
    for (i = 0; i < xh_catalog_len(cat); i++) n += xh_indicator_figures_len(xh_catalog_get(cat, i));
    return n;
}

static xh_status load(xh_catalog *cat, const char *format, const uint8_t *data, size_t len,
                      size_t *added) {
    if (strcmp(format, "csv") == 0) return xh_catalog_add_observations_csv(cat, data, len, added);
    if (strcmp(format, "sdmx-csv") == 0)
        return xh_catalog_add_observations_sdmx_csv(cat, data, len, added);
    CHECK(strcmp(format, "json") == 0, "unknown format %s", format);
    return xh_catalog_add_observations_json(cat, data, len, added);
}

static void check_entry(const char *dir, char **fld, int nfld, int *errors) {
    const char *file = fld[0], *format = fld[1], *expect = fld[2];
    char path[4096], prefix[64], msg[1024];
    xh_catalog *cat = NULL;
    uint8_t *data;
    size_t len, before_figures, added = 0, line = 0, column = 0, need = 0;
    char *before, *after;
    xh_status st;

    snprintf(path, sizeof path, "%s/%s", dir, file);
    data = read_file(path, &len);
    CHECK(xh_catalog_clone_default(&cat) == XH_STATUS_OK, "%s", last_error());
    before = csv_of(cat);
    before_figures = figure_count(cat);
    st = load(cat, format, data, len, &added);

    if (strcmp(expect, "ok") == 0) {
        size_t rows;
        CHECK(nfld == 4, "%s: %d fields", file, nfld);
        rows = (size_t)strtoul(fld[3], NULL, 10);
        CHECK(st == XH_STATUS_OK, "%s: %s: %s", file, xh_status_name(st), last_error());
        CHECK(added == rows, "%s: added %zu, expected %zu", file, added, rows);
        CHECK(figure_count(cat) == before_figures + rows, "%s: %zu figures, expected %zu + %zu",
              file, figure_count(cat), before_figures, rows);
        CHECK(xh_last_observation_problems_len() == 0, "%s: problems after success", file);
    } else {
        size_t want_problems, want_line, want_column;
        const char *contains;
        CHECK(strcmp(expect, "error") == 0 && nfld == 7, "%s: expect %s, %d fields", file, expect,
              nfld);
        want_problems = (size_t)strtoul(fld[3], NULL, 10);
        want_line = (size_t)strtoul(fld[4], NULL, 10);
        want_column = (size_t)strtoul(fld[5], NULL, 10);
        contains = fld[6];
        CHECK(st == XH_STATUS_INVALID_OBSERVATIONS, "%s: %s: %s", file, xh_status_name(st),
              last_error());
        (*errors)++;
        /* the message names the first problem's line (and column) */
        if (want_column == 0)
            snprintf(prefix, sizeof prefix, "line %zu: ", want_line);
        else
            snprintf(prefix, sizeof prefix, "line %zu column %zu: ", want_line, want_column);
        {
            const char *m = last_error(), *at = strstr(m, ": ");
            CHECK(at != NULL && strncmp(at + 2, prefix, strlen(prefix)) == 0,
                  "%s: the first problem is not at \"%s\": %s", file, prefix, m);
            CHECK(strstr(at + 2 + strlen(prefix), contains) != NULL,
                  "%s: message lacks \"%s\": %s", file, contains, m);
        }
        /* and the structured problems agree */
        CHECK(xh_last_observation_problems_len() == want_problems, "%s: %zu problems, expected %zu",
              file, xh_last_observation_problems_len(), want_problems);
        CHECK(xh_last_observation_problem(0, &line, &column, msg, sizeof msg, &need) ==
                  XH_STATUS_OK,
              "%s: %s", file, last_error());
        CHECK(line == want_line && column == want_column,
              "%s: first problem at line %zu column %zu, expected %zu/%zu", file, line, column,
              want_line, want_column);
        CHECK(strstr(msg, contains) != NULL, "%s: \"%s\" lacks \"%s\"", file, msg, contains);
        CHECK(figure_count(cat) == before_figures, "%s: figures added on rejection", file);
        after = csv_of(cat);
        CHECK(strcmp(before, after) == 0, "%s: a rejected load changed the catalog", file);
        free(after);
    }
    printf("  %-28s %s\n", file, st == XH_STATUS_OK ? "loaded" : "rejected as expected");
    free(before);
    free(data);
    xh_catalog_free(cat);
}

/* Appends to a growing buffer. */
typedef struct {
    char *p;
    size_t len, cap;
} text;

static void append(text *t, const char *s) {
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->p = realloc(t->p, t->cap);
        CHECK(t->p != NULL, "realloc");
    }
    memcpy(t->p + t->len, s, n + 1);
    t->len += n;
}

static void test_huge_files(void) {
    xh_catalog *cat = NULL;
    text t = {NULL, 0, 0};
    char row[256], *before, *after;
    size_t i, rows = 0, added = 0, before_figures, line = 0, column = 0, need = 0;
    int year;

    /* every indicator x 150 years: about 20 000 valid rows load */
    CHECK(xh_catalog_clone_default(&cat) == XH_STATUS_OK, "%s", last_error());
    before_figures = figure_count(cat);
    append(&t, "id,year,value\n");
    for (i = 0; i < xh_catalog_len(cat); i++) {
        for (year = 1950; year < 2100; year++) {
            snprintf(row, sizeof row, "%s,%d,%d\n", xh_indicator_id(xh_catalog_get(cat, i)), year,
                     year % 97 + 1);
            append(&t, row);
            rows++;
        }
    }
    CHECK(xh_catalog_add_observations_csv(cat, (const uint8_t *)t.p, t.len, &added) == XH_STATUS_OK,
          "%s", last_error());
    CHECK(added == rows && figure_count(cat) == before_figures + rows, "added %zu of %zu", added,
          rows);
    xh_catalog_free(cat);
    printf("  huge: %zu rows (%zu bytes) loaded\n", rows, t.len);

    /* 200 000 rows, duplicates from the 151st on: rejected, naming line 152 */
    t.len = 0;
    append(&t, "id,year,value\n");
    for (i = 0; i < 200000; i++) {
        snprintf(row, sizeof row, "ai_output,%d,%zu\n", (int)(1950 + i % 150), i);
        append(&t, row);
    }
    CHECK(xh_catalog_clone_default(&cat) == XH_STATUS_OK, "%s", last_error());
    before = csv_of(cat);
    CHECK(xh_catalog_add_observations_csv(cat, (const uint8_t *)t.p, t.len, NULL) ==
              XH_STATUS_INVALID_OBSERVATIONS,
          "%s", last_error());
    CHECK(strstr(last_error(), "line 152 column 2: duplicate observation") != NULL &&
              strstr(last_error(), "and 199840 more") != NULL,
          "%.300s", last_error());
    CHECK(xh_last_observation_problems_len() == 199850, "%zu", xh_last_observation_problems_len());
    CHECK(xh_last_observation_problem(199849, &line, &column, NULL, 0, &need) == XH_STATUS_OK &&
              line == 200001 && column == 2,
          "last problem at %zu/%zu", line, column);
    after = csv_of(cat);
    CHECK(strcmp(before, after) == 0, "a rejected huge load changed the catalog");
    printf("  huge: 200000 rows (%zu bytes) rejected with 199850 problems, catalog unchanged\n",
           t.len);
    free(before);
    free(after);
    free(t.p);
    xh_catalog_free(cat);
}

int main(int argc, char **argv) {
    FILE *manifest;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int entries = 0, errors = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: %s MANIFEST.txt CORPUS_DIR\n", argv[0]);
        return 2;
    }
    manifest = fopen(argv[1], "r");
    CHECK(manifest != NULL, "cannot open %s", argv[1]);
    while ((n = getline(&line, &cap, manifest)) != -1) {
        char *fields[8];
        int nfld;
        if (n > 0 && line[n - 1] == '\n') line[--n] = '\0';
        if (n == 0) continue;
        nfld = split_tabs(line, fields, 8);
        CHECK(nfld >= 4, "bad manifest line: %s", line);
        check_entry(argv[2], fields, nfld, &errors);
        entries++;
    }
    free(line);
    fclose(manifest);
    CHECK(entries >= 40, "only %d manifest entries", entries);
    CHECK(errors >= 55, "only %d bad files", errors);
    test_huge_files();
    printf("corpus: %d files (%d rejected as expected, %d loaded)\n", entries, errors,
           entries - errors);
    printf("%lu passed, 0 failed\n", checks_passed);
    return 0;
}
