/* inline.c: parser for the inline markup of report strings (see inline.h). It walks the
 * string once, keeping the current style; footnotes recurse into their own inline. */
#include "inline.h"
#include "../base/i18n.h"
#include "../base/buf.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Errors reported for one string before the parser gives up on it: a hostile string
 * of a million broken references would otherwise print a million lines. */
#define MAX_ERRORS 20

typedef struct parser {
    const char *s;
    size_t pos, len;
    bg_loc loc;
    bg_diags *diags;
    int errors;
    bool in_note;    /* inside a footnote: another ^[ is refused, so nesting stops at one */
    size_t tail_len; /* length of out's last span's text when it is plain text we made */
    size_t tail_count; /* out->count when tail_len was recorded */
} parser;

static bool S_escapable(char c) { return c && strchr("*^[]_{}@\\", c) != NULL; }

static void S_error(parser *p, size_t at, const char *msg)
{
    if (p->errors >= MAX_ERRORS) {
        p->pos = p->len; /* stop parsing this string */
        return;
    }
    bg_error(p->diags, p->loc, _("%s (at character %zu of the text)"), msg,
             bg_utf8_count(p->s, at) + 1);
    p->errors++;
}

static void S_flush(parser *p, bg_buf *text, unsigned style, const char *path, bg_inline *out)
{
    if (text->len == 0)
        return;
    /* Merge with the previous span when it is plain text of the same style; its length is
     * remembered, so that "a****a****…" stays linear. */
    if (out->count > 0) {
        bg_span *last = &out->spans[out->count - 1];
        if (last->kind == BG_SPAN_TEXT && last->style == style) {
            size_t n = p->tail_count == out->count ? p->tail_len : strlen(last->text);
            last->text = bg_xrealloc(last->text, n + text->len + 1);
            memcpy(last->text + n, text->data, text->len + 1);
            p->tail_len = n + text->len, p->tail_count = out->count;
            bg_buf_clear(text);
            return;
        }
    }
    p->tail_len = text->len, p->tail_count = out->count + 1;
    bg_span sp = {.kind = BG_SPAN_TEXT, .style = style, .text = bg_xstrdup(text->data),
                  .path = path ? bg_xstrdup(path) : NULL};
    bg_inline_add(out, sp);
    bg_buf_clear(text);
}

/* Finds the closing `close` for an opening at p->pos (just after the opener), honouring
 * escapes and nested brackets of the same kind; returns its index or (size_t)-1. */
static size_t S_find_close(const parser *p, size_t from, char open, char close)
{
    int depth = 0;
    for (size_t i = from; i < p->len; i++) {
        char c = p->s[i];
        if (c == '\\' && i + 1 < p->len) {
            i++;
            continue;
        }
        if (c == open)
            depth++;
        else if (c == close) {
            if (depth == 0)
                return i;
            depth--;
        }
    }
    return (size_t)-1;
}

/* Copies s[from, to) unescaping backslashes. */
static char *S_unescape(const char *s, size_t from, size_t to)
{
    bg_buf b;
    bg_buf_init(&b);
    for (size_t i = from; i < to; i++) {
        if (s[i] == '\\' && i + 1 < to && S_escapable(s[i + 1]))
            i++;
        bg_buf_putc(&b, s[i]);
    }
    return bg_buf_take(&b);
}

static bool S_valid_id(const char *id)
{
    if (!isalpha((unsigned char)id[0]))
        return false;
    for (const char *c = id; *c; c++)
        if (!isalnum((unsigned char)*c) && !strchr("-_.", *c))
            return false;
    return true;
}

static void S_parse(parser *p, unsigned style, bg_inline *out)
{
    bg_buf text;
    bg_buf_init(&text);
    size_t bold_open = 0;
    bool in_bold = false;
    while (p->pos < p->len) {
        const char *s = p->s;
        size_t i = p->pos;
        char c = s[i];
        if (c == '\\') {
            if (i + 1 < p->len && S_escapable(s[i + 1])) {
                bg_buf_putc(&text, s[i + 1]);
                p->pos += 2;
            } else {
                bg_buf_putc(&text, c);
                p->pos++;
            }
        } else if (c == '*' && i + 1 < p->len && s[i + 1] == '*') {
            S_flush(p, &text, style, p->loc.path, out);
            style ^= BG_STYLE_BOLD;
            in_bold = !in_bold;
            bold_open = i;
            p->pos += 2;
        } else if (c == '^' && i + 1 < p->len && s[i + 1] == '[') {
            size_t close = S_find_close(p, i + 2, '[', ']');
            if (close == (size_t)-1) {
                S_error(p, i, _("footnote '^[' is not closed by ']'"));
                p->pos = p->len;
                break;
            }
            if (p->in_note) {
                /* A note inside a note has nowhere to be printed; refusing it also
                 * bounds the parser's recursion at one level. */
                S_error(p, i, _("a footnote cannot contain another footnote"));
                p->pos = close + 1;
                continue;
            }
            S_flush(p, &text, style, p->loc.path, out);
            bg_inline *note = bg_xcalloc(1, sizeof *note);
            parser sub = {p->s, i + 2, close, p->loc, p->diags, 0, true, 0, 0};
            S_parse(&sub, 0, note);
            p->errors += sub.errors;
            if (note->count == 0 && sub.errors == 0)
                S_error(p, i, _("empty footnote"));
            bg_span sp = {.kind = BG_SPAN_FOOTNOTE, .style = style, .note = note,
                          .path = p->loc.path ? bg_xstrdup(p->loc.path) : NULL};
            bg_inline_add(out, sp);
            p->pos = close + 1;
        } else if (c == '[' && i + 1 < p->len && s[i + 1] == '@') {
            size_t close = S_find_close(p, i + 1, '[', ']');
            if (close == (size_t)-1) {
                S_error(p, i, _("reference '[@' is not closed by ']'"));
                p->pos = p->len;
                break;
            }
            char *id = S_unescape(s, i + 2, close);
            /* [@table:row:column] refers to a table cell: the id ends at the first colon. */
            char *colon = strchr(id, ':');
            char *cell = colon ? bg_xstrdup(colon + 1) : NULL;
            if (colon)
                *colon = '\0';
            if (!S_valid_id(id)) {
                S_error(p, i, _("a reference needs an id: letters, digits, '-', '_', '.', "
                              "starting with a letter"));
                free(id);
                free(cell);
            } else if (cell && !strchr(cell, ':')) {
                S_error(p, i, _("a reference to a table cell is written [@table:row:column]"));
                free(id);
                free(cell);
            } else {
                S_flush(p, &text, style, p->loc.path, out);
                bg_span sp = {.kind = BG_SPAN_REF, .style = style, .target = id, .cell = cell,
                              .path = p->loc.path ? bg_xstrdup(p->loc.path) : NULL};
                bg_inline_add(out, sp);
            }
            p->pos = close + 1;
        } else if ((c == '^' || c == '_') && i + 1 < p->len && s[i + 1] == '{') {
            size_t close = S_find_close(p, i + 2, '{', '}');
            if (close == (size_t)-1) {
                S_error(p, i, c == '^' ? _("superscript '^{' is not closed by '}'")
                                       : _("subscript '_{' is not closed by '}'"));
                p->pos = p->len;
                break;
            }
            S_flush(p, &text, style, p->loc.path, out);
            char *inner = S_unescape(s, i + 2, close);
            unsigned st = style | (c == '^' ? BG_STYLE_SUP : BG_STYLE_SUB);
            bg_span sp = {.kind = BG_SPAN_TEXT, .style = st, .text = inner,
                          .path = p->loc.path ? bg_xstrdup(p->loc.path) : NULL};
            bg_inline_add(out, sp);
            p->pos = close + 1;
        } else {
            bg_buf_putc(&text, c);
            p->pos++;
        }
    }
    S_flush(p, &text, style, p->loc.path, out);
    bg_buf_free(&text);
    if (in_bold)
        S_error(p, bold_open, _("bold '**' is not closed"));
}

int bg_inline_parse(const char *s, unsigned style, bg_loc loc, bg_inline *out, bg_diags *diags)
{
    parser p = {s, 0, strlen(s), loc, diags, 0, false, 0, 0};
    S_parse(&p, style, out);
    return p.errors;
}
