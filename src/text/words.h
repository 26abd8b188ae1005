/* words.h: word boundaries (ICU's word break iterator, which segments Chinese by its
 * dictionary, so 学校 is one word), for breaking display lines such as a cover title
 * only between words. */
#ifndef BG_WORDS_H
#define BG_WORDS_H

#include <stddef.h>

/* The byte offsets of the word boundaries of text (UTF-8, len bytes), in order, from 0
 * to len inclusive, into a new array (*out, caller frees). Returns their count (at least
 * 2 for non-empty text; on an ICU failure just 0 and len). */
size_t bg_word_boundaries(const char *text, size_t len, const char *locale, size_t **out);

#endif
