/* jsonpos.c: locate a JSON path in JSON text (see jsonpos.h). A tiny scanner that knows
 * only enough JSON to skip values and walk into objects and arrays; the text has
 * already been parsed by jansson, so it is well formed. */
#include "jsonpos.h"

#include <stdlib.h>
#include <string.h>

typedef struct scan {
    const char *s;
    size_t i, len;
} scan;

static void S_ws(scan *c)
{
    while (c->i < c->len && strchr(" \t\r\n", c->s[c->i]))
        c->i++;
}

static void S_skip_string(scan *c)
{
    c->i++; /* opening quote */
    while (c->i < c->len && c->s[c->i] != '"') {
        if (c->s[c->i] == '\\')
            c->i++;
        c->i++;
    }
    c->i++;
}

static void S_skip_value(scan *c)
{
    S_ws(c);
    if (c->i >= c->len)
        return;
    char ch = c->s[c->i];
    if (ch == '"') {
        S_skip_string(c);
    } else if (ch == '{' || ch == '[') {
        int depth = 0;
        while (c->i < c->len) {
            ch = c->s[c->i];
            if (ch == '"') {
                S_skip_string(c);
                continue;
            }
            if (ch == '{' || ch == '[')
                depth++;
            else if (ch == '}' || ch == ']') {
                depth--;
                if (depth == 0) {
                    c->i++;
                    return;
                }
            }
            c->i++;
        }
    } else {
        while (c->i < c->len && !strchr(",]} \t\r\n", c->s[c->i]))
            c->i++;
    }
}

/* Compares the JSON string at c->i with key (handles plain keys; escapes never match). */
static bool S_key_is(scan *c, const char *key, size_t key_len)
{
    size_t start = c->i + 1;
    S_skip_string(c);
    size_t end = c->i - 1;
    return end - start == key_len && memcmp(c->s + start, key, key_len) == 0;
}

static void S_position(const char *s, size_t at, int *line, int *col)
{
    int l = 1, k = 1;
    for (size_t i = 0; i < at; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n')
            l++, k = 1;
        else if ((ch & 0xC0) != 0x80)
            k++;
    }
    *line = l;
    *col = k;
}

bool bg_json_locate(const char *text, size_t len, const char *path, int *line, int *col)
{
    if (!text || !path || path[0] != '$')
        return false;
    scan c = {text, 0, len};
    const char *p = path + 1;
    S_ws(&c);
    size_t here = c.i;
    while (*p) {
        S_ws(&c);
        if (*p == '.') {
            const char *k = ++p;
            while (*p && *p != '.' && *p != '[')
                p++;
            size_t klen = (size_t)(p - k);
            if (c.i >= len || text[c.i] != '{')
                return false;
            c.i++;
            bool found = false;
            for (;;) {
                S_ws(&c);
                if (c.i >= len || text[c.i] == '}')
                    break;
                bool match = S_key_is(&c, k, klen);
                S_ws(&c);
                c.i++; /* colon */
                S_ws(&c);
                if (match) {
                    found = true;
                    break;
                }
                S_skip_value(&c);
                S_ws(&c);
                if (c.i < len && text[c.i] == ',')
                    c.i++;
            }
            if (!found) {
                S_position(text, here, line, col);
                return true;
            }
        } else if (*p == '[') {
            long idx = strtol(p + 1, (char **)&p, 10);
            if (*p != ']')
                return false;
            p++;
            if (c.i >= len || text[c.i] != '[')
                return false;
            c.i++;
            for (long n = 0; n < idx; n++) {
                S_skip_value(&c);
                S_ws(&c);
                if (c.i >= len || text[c.i] != ',')
                    return false;
                c.i++;
            }
            S_ws(&c);
        } else {
            return false;
        }
        here = c.i;
    }
    S_position(text, here, line, col);
    return true;
}
