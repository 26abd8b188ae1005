/* jsonpos.c: the position index of a JSON text (see jsonpos.h). One scan over the text
 * records every value (its line:col, and for object members the key's bytes) in a flat
 * array; each container's children are stored contiguously in a second array when the
 * container closes, so an array index is found in one step and an object key in one
 * pass over that object's members. The text has been parsed by jansson, so it is well
 * formed; the scanner still never reads past its end. */
#include "jsonpos.h"
#include "../base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    int line, col;
    size_t key, key_len; /* object members: the key's bytes in the text (no quotes) */
    size_t kids, count;  /* containers: children at index->kids[kids .. kids+count) */
    char kind;           /* '{', '[' or 'v' */
} entry;

struct bg_jsonpos {
    const char *text;
    entry *entries;
    size_t count, cap;
    size_t *kids;
    size_t kid_count, kid_cap;
};

typedef struct scan {
    const char *s;
    size_t i, len;
    int line, col;
} scan;

/* One open container during the scan and the children seen so far. */
typedef struct open_container {
    size_t entry;
    size_t *kids;
    size_t count, cap;
} open_container;

static void S_step(scan *c)
{
    unsigned char ch = (unsigned char)c->s[c->i++];
    if (ch == '\n') {
        c->line++;
        c->col = 1;
    } else if ((ch & 0xC0) != 0x80) {
        c->col++; /* continuation bytes were counted at their lead byte */
    }
}

static void S_ws(scan *c)
{
    while (c->i < c->len && strchr(" \t\r\n", c->s[c->i]) && c->s[c->i])
        S_step(c);
}

/* Skips a string starting at its quote; sets *start and *end to its content. */
static void S_string(scan *c, size_t *start, size_t *end)
{
    S_step(c);
    *start = c->i;
    while (c->i < c->len && c->s[c->i] != '"') {
        if (c->s[c->i] == '\\' && c->i + 1 < c->len)
            S_step(c);
        S_step(c);
    }
    *end = c->i;
    if (c->i < c->len)
        S_step(c);
}

static size_t S_add(bg_jsonpos *x, scan *c, char kind, size_t key, size_t key_len)
{
    if (x->count == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 256;
        x->entries = bg_xrealloc(x->entries, x->cap * sizeof *x->entries);
    }
    x->entries[x->count] = (entry){.line = c->line, .col = c->col, .key = key,
                                   .key_len = key_len, .kind = kind};
    return x->count++;
}

static void S_push_kid(open_container *o, size_t kid)
{
    if (o->count == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 8;
        o->kids = bg_xrealloc(o->kids, o->cap * sizeof *o->kids);
    }
    o->kids[o->count++] = kid;
}

static void S_close(bg_jsonpos *x, open_container *o)
{
    if (x->kid_count + o->count > x->kid_cap) {
        while (x->kid_count + o->count > x->kid_cap)
            x->kid_cap = x->kid_cap ? x->kid_cap * 2 : 256;
        x->kids = bg_xrealloc(x->kids, x->kid_cap * sizeof *x->kids);
    }
    entry *e = &x->entries[o->entry];
    e->kids = x->kid_count;
    e->count = o->count;
    if (o->count)
        memcpy(x->kids + x->kid_count, o->kids, o->count * sizeof *o->kids);
    x->kid_count += o->count;
    free(o->kids);
}

bg_jsonpos *bg_jsonpos_build(const char *text, size_t len)
{
    bg_jsonpos *x = bg_xcalloc(1, sizeof *x);
    x->text = text;
    scan c = {text, 0, len, 1, 1};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.i = 3;
    open_container *stack = NULL;
    size_t depth = 0, stack_cap = 0;
    for (;;) {
        S_ws(&c);
        if (c.i >= c.len || c.s[c.i] == '\0')
            break; /* jansson reads no further than a NUL byte either */
        /* A value starts here: in an object, after its key and colon. */
        size_t key = 0, key_len = 0;
        char ch = c.s[c.i];
        if (ch == '}' || ch == ']') {
            if (depth)
                S_close(x, &stack[--depth]);
            S_step(&c);
            continue;
        }
        if (ch == ',') {
            S_step(&c);
            continue;
        }
        if (depth && x->entries[stack[depth - 1].entry].kind == '{' && ch == '"') {
            size_t start, end;
            S_string(&c, &start, &end);
            key = start;
            key_len = end - start;
            S_ws(&c);
            if (c.i < c.len && c.s[c.i] == ':')
                S_step(&c);
            S_ws(&c);
            if (c.i >= c.len)
                break;
            ch = c.s[c.i];
        }
        char kind = ch == '{' || ch == '[' ? ch : 'v';
        size_t e = S_add(x, &c, kind, key, key_len);
        if (depth)
            S_push_kid(&stack[depth - 1], e);
        if (kind != 'v') {
            if (depth == stack_cap) {
                stack_cap = stack_cap ? stack_cap * 2 : 16;
                stack = bg_xrealloc(stack, stack_cap * sizeof *stack);
            }
            stack[depth++] = (open_container){.entry = e};
            S_step(&c);
        } else if (ch == '"') {
            size_t start, end;
            S_string(&c, &start, &end);
        } else {
            size_t from = c.i;
            while (c.i < c.len && !strchr(",]} \t\r\n", c.s[c.i]) && c.s[c.i])
                S_step(&c);
            if (c.i == from)
                S_step(&c); /* always past something: a stray ':' or NUL looped forever */
        }
    }
    while (depth)
        S_close(x, &stack[--depth]);
    free(stack);
    return x;
}

void bg_jsonpos_free(bg_jsonpos *x)
{
    if (!x)
        return;
    free(x->entries);
    free(x->kids);
    free(x);
}

bool bg_jsonpos_find(const bg_jsonpos *x, const char *path, int *line, int *col)
{
    if (!x || !path || path[0] != '$' || x->count == 0)
        return false;
    const entry *here = &x->entries[0];
    const char *p = path + 1;
    while (*p) {
        const entry *next = NULL;
        if (*p == '.') {
            const char *k = ++p;
            while (*p && *p != '.' && *p != '[')
                p++;
            size_t klen = (size_t)(p - k);
            if (here->kind != '{')
                return false;
            for (size_t i = 0; i < here->count && !next; i++) {
                const entry *m = &x->entries[x->kids[here->kids + i]];
                if (m->key_len == klen && memcmp(x->text + m->key, k, klen) == 0)
                    next = m;
            }
            if (!next)
                break; /* an absent key: the object that should hold it */
        } else if (*p == '[') {
            char *end;
            long idx = strtol(p + 1, &end, 10);
            if (*end != ']' || here->kind != '[' || idx < 0 || (size_t)idx >= here->count)
                return false;
            p = end + 1;
            next = &x->entries[x->kids[here->kids + (size_t)idx]];
        } else {
            return false;
        }
        here = next;
    }
    *line = here->line;
    *col = here->col;
    return true;
}
