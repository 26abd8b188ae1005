/* planted.c: built only in the sanitizer build (BG_SANITIZE=ON). Commits one planted
 * error, chosen by its argument, so a test can show that a sanitizer report ends the
 * program with the test environment's exit code (86), never with 1, the bad-input code:
 *   heap   a heap buffer overflow (AddressSanitizer)
 *   stack  a stack buffer overflow (AddressSanitizer)
 *   shift  a shift past the width of int (UndefinedBehaviorSanitizer)
 *   leak   memory never freed (LeakSanitizer) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "heap";
    volatile int n = argc + 7; /* 8 or more: past the end of every buffer below */
    if (strcmp(what, "heap") == 0) {
        char *p = malloc(8);
        p[n] = 1;
        printf("%d\n", p[n]);
        free(p);
    } else if (strcmp(what, "stack") == 0) {
        char buf[8];
        buf[n] = 1;
        printf("%d\n", buf[n]);
    } else if (strcmp(what, "shift") == 0) {
        volatile int shift = 30 + n;
        printf("%d\n", 1 << shift);
    } else if (strcmp(what, "leak") == 0) {
        char *volatile p = malloc(64);
        p[0] = 1;
        p = NULL;
    }
    /* A bad-input exit: the code a sanitizer report must never be mistaken for. */
    return 1;
}
