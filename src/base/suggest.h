/* suggest.h: "did you mean …?" for a mistyped name: the closest of the names allowed
 * there, by edit distance over code points (so a typo in 案例 counts one, not three). */
#ifndef BG_SUGGEST_H
#define BG_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b (UTF-8), counted in code points. */
size_t bg_edit_distance(const char *a, const char *b);

/* The candidate closest to word when it is close enough to be a typo (at most 1 edit for
 * a name of up to 4 characters, 2 up to 8, 3 beyond), else NULL. candidates is
 * NULL-terminated when n is (size_t)-1. Returns a pointer into candidates (not owned). */
const char *bg_suggest(const char *word, const char *const *candidates, size_t n);

#endif
