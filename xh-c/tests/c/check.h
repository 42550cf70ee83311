/*
 * Shared by the C test programs (test_xuhui.c, test_corpus.c, test_outcomes.c).
 *
 * Checks do not use assert() (which NDEBUG would remove): CHECK prints the
 * location and aborts. Each program ends with "N passed, 0 failed".
 */
#ifndef XUHUI_TEST_CHECK_H
#define XUHUI_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xuhui.h>

static unsigned long checks_passed = 0;

#define CHECK(cond, ...)                                                      \
    do {                                                                      \
        if (cond) {                                                           \
            checks_passed++;                                                  \
        } else {                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n  ", __FILE__, __LINE__, \
                    #cond);                                                   \
            fprintf(stderr, __VA_ARGS__);                                     \
            fprintf(stderr, "\n0 passed, 1 failed\n");                        \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* The calling thread's last error message (a static buffer). */
static const char *last_error(void) {
    static char buf[4096];
    xh_last_error_message(buf, sizeof buf);
    return buf;
}

/* Splits `line` at tabs into at most `max` fields; returns how many (the
 * corpus manifests are read as tab-separated lines). */
static inline int split_tabs(char *line, char **fields, int max) {
    int n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        p = strchr(p, '\t');
        if (p == NULL) break;
        *p++ = '\0';
    }
    return n;
}

#endif
