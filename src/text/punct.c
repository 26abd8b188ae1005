/* punct.c: measuring punctuation blanks with `halt` or ink extents (punct.h). */
#include "punct.h"
#include "../base/xalloc.h"
#include "chars.h"
#include "shape.h"

#include <pthread.h>
#include <stdlib.h>

/* The layout and the thread shaping ahead of it (layout/ahead.h) measure marks of the same
 * faces: one lock for every face's cache, taken once per mark looked up. */
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct {
    uint32_t cp, gid;
    bg_punct_blank blank;
} S_entry;

struct bg_punct_cache {
    S_entry *items;
    size_t count, cap;
};

void bg_punct_cache_free(struct bg_punct_cache *c)
{
    if (!c)
        return;
    free(c->items);
    free(c);
}

/* Shapes cp alone, with `halt` on or off; returns the advance and x offset in font units. */
static void S_shape_one(bg_font *font, uint32_t cp, bool halt, hb_position_t *advance, hb_position_t *x_offset)
{
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_codepoints(buf, &cp, 1, 0, 1);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_HAN);
    hb_buffer_set_language(buf, bg_shape_language());
    hb_feature_t feature = {HB_TAG('h', 'a', 'l', 't'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END};
    hb_shape(font->hb, buf, halt ? &feature : NULL, halt ? 1 : 0);
    unsigned n = 0;
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
    *advance = n ? pos[0].x_advance : 0;
    *x_offset = n ? pos[0].x_offset : 0;
    hb_buffer_destroy(buf);
}

static bg_punct_blank S_measure(bg_font *font, uint32_t cp, uint32_t gid)
{
    double upem = font->upem;
    hb_position_t full, x0, half, xh;
    S_shape_one(font, cp, false, &full, &x0);
    S_shape_one(font, cp, true, &half, &xh);
    double left, right;
    if (half < full) {
        left = xh < 0 ? -xh : 0;
        right = (full - half) - left;
    } else {
        hb_glyph_extents_t ext;
        if (!hb_font_get_glyph_extents(font->hb, gid, &ext))
            return (bg_punct_blank){0, 0};
        left = ext.x_bearing;
        right = full - (ext.x_bearing + ext.width);
    }
    /* Only a full-width mark has blank to give; the ink is never squeezed. */
    if (full < upem * 0.9)
        return (bg_punct_blank){0, 0};
    double cap = bg_char_classify(cp) == BG_CHAR_MIDDLE ? 0.25 : 0.5;
    left = left / upem < 0.1 ? 0 : (left / upem > cap ? cap : left / upem);
    right = right / upem < 0.1 ? 0 : (right / upem > cap ? cap : right / upem);
    return (bg_punct_blank){(float)left, (float)right};
}

bg_punct_blank bg_punct_blank_of(bg_font *font, uint32_t cp, uint32_t gid)
{
    pthread_mutex_lock(&S_lock);
    if (!font->punct)
        font->punct = bg_xcalloc(1, sizeof *font->punct);
    struct bg_punct_cache *c = font->punct;
    for (size_t i = 0; i < c->count; i++)
        if (c->items[i].cp == cp && c->items[i].gid == gid) {
            bg_punct_blank b = c->items[i].blank;
            pthread_mutex_unlock(&S_lock);
            return b;
        }
    pthread_mutex_unlock(&S_lock);
    /* Measured unlocked: two threads may measure the same mark, and both get one answer. */
    bg_punct_blank b = S_measure(font, cp, gid);
    pthread_mutex_lock(&S_lock);
    BG_GROW(c->items, c->cap, c->count + 1);
    c->items[c->count++] = (S_entry){cp, gid, b};
    pthread_mutex_unlock(&S_lock);
    return b;
}
