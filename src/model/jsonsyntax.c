/* jsonsyntax.c: a recursive scanner of JSON (RFC 8259) that stops at the first error and
 * classifies it (see jsonsyntax.h). It builds nothing: jansson parses; this only explains.
 * Nesting deeper than jansson's own limit is left to jansson's message. */
#include "jsonsyntax.h"
#include "../base/i18n.h"
#include "../base/utf8.h"
#include "../base/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 2048

typedef struct scan {
    const char *s;
    size_t len, i;
    bool failed;
    size_t at;     /* where the error points */
    char *message; /* owned */
    char *hint;    /* owned, or NULL */
} scan;

static void S_fail(scan *sc, size_t at, char *message, char *hint)
{
    if (sc->failed) {
        free(message);
        free(hint);
        return;
    }
    sc->failed = true;
    sc->at = at;
    sc->message = message;
    sc->hint = hint;
}

static bool S_at(const scan *sc, const char *lit)
{
    size_t n = strlen(lit);
    return sc->i + n <= sc->len && memcmp(sc->s + sc->i, lit, n) == 0;
}

/* Full-width or curly marks typed instead of JSON's ASCII ones. */
static const struct {
    const char *mark, *ascii;
} wide[] = {
    {"\u201C", "\""}, {"\u201D", "\""}, {"\u2018", "'"}, {"\u2019", "'"}, {"\uFF02", "\""},
    {"\uFF1A", ":"},  {"\uFF0C", ","},  {"\uFF5B", "{"}, {"\uFF5D", "}"}, {"\uFF3B", "["},
    {"\uFF3D", "]"},  {"\u3010", "["},  {"\u3011", "]"}, {"\u3001", ","},
};

/* Whether a full-width mark is at i; sets *which. */
static bool S_wide(const scan *sc, size_t *which)
{
    for (size_t k = 0; k < sizeof wide / sizeof *wide; k++)
        if (S_at(sc, wide[k].mark)) {
            *which = k;
            return true;
        }
    return false;
}

static void S_fail_wide(scan *sc, size_t k)
{
    S_fail(sc, sc->i,
           bg_strprintf(_("full-width '%s' where JSON needs '%s'"), wide[k].mark, wide[k].ascii),
           bg_strprintf(_("a Chinese input method types full-width punctuation: switch to English "
                          "punctuation (Shift or Ctrl+.) and type '%s'"), wide[k].ascii));
}

/* Skips blanks; a comment or a full-width blank is an error. */
static void S_ws(scan *sc)
{
    while (sc->i < sc->len && !sc->failed) {
        char c = sc->s[sc->i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sc->i++;
        } else if (S_at(sc, "//") || S_at(sc, "/*")) {
            S_fail(sc, sc->i, bg_xstrdup(_("JSON has no comments")),
                   bg_xstrdup(_("remove the comment; to keep a remark in the data, put it in a "
                                "paragraph or a table's \"note\"")));
        } else if (S_at(sc, "\u3000") || S_at(sc, "\u00A0")) {
            S_fail(sc, sc->i, bg_xstrdup(_("a full-width or no-break space outside a string")),
                   bg_xstrdup(_("replace it with an ordinary space")));
        } else {
            return;
        }
    }
}

/* 1-based line and column (in characters) of byte offset at. */
static void S_position(const char *s, size_t len, size_t at, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < at && i < len;) {
        if (s[i] == '\n') {
            (*line)++;
            *col = 1;
            i++;
        } else {
            bg_utf8_next(s, len, &i);
            (*col)++;
        }
    }
}

static void S_value(scan *sc, int depth);

static void S_string(scan *sc)
{
    size_t start = sc->i++;
    while (sc->i < sc->len) {
        unsigned char c = (unsigned char)sc->s[sc->i];
        if (c == '"') {
            sc->i++;
            return;
        }
        if (c == '\n' || c == '\r') {
            S_fail(sc, start, bg_xstrdup(_("string not closed before the end of the line")),
                   bg_xstrdup(_("close it with '\"'; for a line break inside a string write \\n")));
            return;
        }
        if (c < 0x20) {
            S_fail(sc, sc->i, bg_xstrdup(_("a control character inside a string")),
                   bg_xstrdup(_("remove it (a tab is written \\t)")));
            return;
        }
        if (c == '\\') {
            char e = sc->i + 1 < sc->len ? sc->s[sc->i + 1] : '\0';
            if (e == 'u') {
                for (int k = 2; k < 6; k++) {
                    char h = sc->i + (size_t)k < sc->len ? sc->s[sc->i + (size_t)k] : '\0';
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                        S_fail(sc, sc->i, bg_xstrdup(_("'\\u' must be followed by four hex digits")), NULL);
                        return;
                    }
                }
                if (memcmp(sc->s + sc->i + 2, "0000", 4) == 0) {
                    S_fail(sc, sc->i, bg_xstrdup(_("'\\u0000' (the NUL character) cannot be in a report's text")),
                           bg_xstrdup(_("remove it; it is usually left over from a copy out of another program")));
                    return;
                }
                sc->i += 6;
                continue;
            }
            if (!e || !strchr("\"\\/bfnrt", e)) {
                S_fail(sc, sc->i, bg_strprintf(_("'\\%c' is not an escape in JSON"), e ? e : ' '),
                       bg_xstrdup(_("write a backslash as \\\\ (or use / in file paths)")));
                return;
            }
            sc->i += 2;
            continue;
        }
        sc->i++;
    }
    S_fail(sc, start, bg_xstrdup(_("string not closed: the file ends inside it")),
           bg_xstrdup(_("close it with '\"'")));
}

static void S_number(scan *sc)
{
    size_t start = sc->i;
    if (sc->s[sc->i] == '-')
        sc->i++;
    size_t digits = sc->i;
    while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
        sc->i++;
    if (sc->i == digits) {
        S_fail(sc, start, bg_xstrdup(_("'-' must be followed by digits")), NULL);
        return;
    }
    if (sc->s[digits] == '0' && sc->i - digits > 1) {
        S_fail(sc, start, bg_xstrdup(_("a JSON number cannot start with 0")),
               bg_xstrdup(_("drop the leading zeros, or write a code such as \"007\" as a string")));
        return;
    }
    if (sc->i < sc->len && sc->s[sc->i] == '.') {
        sc->i++;
        size_t f = sc->i;
        while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            sc->i++;
        if (sc->i == f) {
            S_fail(sc, start, bg_xstrdup(_("a decimal point must be followed by digits")), NULL);
            return;
        }
    }
    if (sc->i < sc->len && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
        sc->i++;
        if (sc->i < sc->len && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-'))
            sc->i++;
        size_t e = sc->i;
        while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            sc->i++;
        if (sc->i == e)
            S_fail(sc, start, bg_xstrdup(_("an exponent must have digits")), NULL);
    }
}

/* Something that cannot start a value, at i: what is it? */
static void S_bad_value(scan *sc, const char *where)
{
    size_t k;
    if (sc->i >= sc->len) {
        S_fail(sc, sc->i, bg_strprintf(_("the file ends where %s should be"), where), NULL);
        return;
    }
    char c = sc->s[sc->i];
    if (S_wide(sc, &k)) {
        S_fail_wide(sc, k);
    } else if (c == '\'') {
        S_fail(sc, sc->i, bg_xstrdup(_("JSON strings take double quotes, not single quotes")),
               bg_xstrdup(_("write \"text\"")));
    } else if (c == '+' || c == '.') {
        S_fail(sc, sc->i, bg_xstrdup(_("a JSON number starts with a digit or '-'")),
               bg_xstrdup(c == '.' ? _("write 0.5, not .5") : _("drop the '+'")));
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (unsigned char)c >= 0x80) {
        size_t end = sc->i;
        while (end < sc->len && sc->s[end] != ',' && sc->s[end] != ':' && sc->s[end] != '}' &&
               sc->s[end] != ']' && sc->s[end] != ' ' && sc->s[end] != '\n' && sc->s[end] != '"' && end - sc->i < 40)
            end++;
        while (end < sc->len && end > sc->i && ((unsigned char)sc->s[end] & 0xC0) == 0x80)
            end--; /* cut at a character boundary */
        char *word = bg_xstrndup(sc->s + sc->i, end - sc->i);
        const char *fix = strcmp(word, "True") == 0 || strcmp(word, "TRUE") == 0 ? "true"
                          : strcmp(word, "False") == 0 || strcmp(word, "FALSE") == 0 ? "false"
                          : strcmp(word, "None") == 0 || strcmp(word, "NULL") == 0 || strcmp(word, "Null") == 0 ||
                                    strcmp(word, "undefined") == 0 || strcmp(word, "NaN") == 0 ? "null"
                                                                                              : NULL;
        if (fix)
            S_fail(sc, sc->i, bg_strprintf(_("'%s' is not a JSON value; write %s"), word, fix), NULL);
        else
            S_fail(sc, sc->i, bg_strprintf(_("text '%s' without quotes where %s should be"), word, where),
                   bg_strprintf(_("put text in double quotes: \"%s\""), word));
        free(word);
    } else {
        S_fail(sc, sc->i, bg_strprintf(_("'%c' where %s should be"), c, where), NULL);
    }
}

/* After a value inside an object or array, at i (blanks skipped): a separator, the
 * closer, or an error. Returns true when the container goes on (a comma was read). */
static bool S_after(scan *sc, char closer, size_t value_end, size_t open, int *done)
{
    size_t k;
    *done = 0;
    if (sc->i >= sc->len) {
        S_fail(sc, open, bg_strprintf(_("'%c' is never closed: the file ends before its '%c'"),
                                      closer == '}' ? '{' : '[', closer), NULL);
        return false;
    }
    char c = sc->s[sc->i];
    if (c == ',') {
        size_t comma = sc->i++;
        S_ws(sc);
        if (sc->i < sc->len && (sc->s[sc->i] == '}' || sc->s[sc->i] == ']'))
            S_fail(sc, comma, bg_strprintf(_("trailing comma before '%c'"), sc->s[sc->i]),
                   bg_xstrdup(_("remove this comma: JSON allows none after the last item")));
        return !sc->failed;
    }
    if (c == closer) {
        sc->i++;
        *done = 1;
        return false;
    }
    if (S_wide(sc, &k) && strcmp(wide[k].ascii, ",") == 0) {
        S_fail_wide(sc, k);
        return false;
    }
    if (c == '"' || c == '{' || c == '[' || c == '-' || (c >= '0' && c <= '9') || S_at(sc, "true") ||
        S_at(sc, "false") || S_at(sc, "null") || (S_wide(sc, &k) && strcmp(wide[k].ascii, "\"") == 0)) {
        /* Point just after the previous value: where the comma belongs. */
        S_fail(sc, value_end > 0 ? value_end - 1 : 0, bg_xstrdup(_("missing comma after this value")),
               bg_xstrdup(_("items of an object or array are separated by ','")));
        return false;
    }
    if ((c == '}' || c == ']') && c != closer) {
        int line, col;
        S_position(sc->s, sc->len, open, &line, &col);
        S_fail(sc, sc->i, bg_strprintf(_("the '%c' opened at %d:%d is not closed: '%c' expected before this '%c'"),
                                       closer == '}' ? '{' : '[', line, col, closer, c), NULL);
        return false;
    }
    if (S_wide(sc, &k)) {
        S_fail_wide(sc, k);
        return false;
    }
    S_fail(sc, sc->i, bg_strprintf(_("'%c' where ',' or '%c' should be"), c, closer), NULL);
    return false;
}

static void S_object(scan *sc, int depth)
{
    size_t open = sc->i++;
    S_ws(sc);
    if (sc->i < sc->len && sc->s[sc->i] == '}') {
        sc->i++;
        return;
    }
    for (;;) {
        S_ws(sc);
        if (sc->failed)
            return;
        if (sc->i < sc->len && sc->s[sc->i] == '"') {
            S_string(sc);
        } else {
            S_bad_value(sc, _("a key in double quotes"));
            return;
        }
        S_ws(sc);
        size_t k;
        if (sc->failed)
            return;
        if (sc->i < sc->len && sc->s[sc->i] == ':') {
            sc->i++;
        } else if (S_wide(sc, &k)) {
            S_fail_wide(sc, k);
            return;
        } else {
            S_fail(sc, sc->i, bg_xstrdup(_("missing ':' after the key")), NULL);
            return;
        }
        S_value(sc, depth + 1);
        size_t end = sc->i;
        S_ws(sc);
        if (sc->failed)
            return;
        int done;
        if (!S_after(sc, '}', end, open, &done))
            return;
    }
}

static void S_array(scan *sc, int depth)
{
    size_t open = sc->i++;
    S_ws(sc);
    if (sc->i < sc->len && sc->s[sc->i] == ']') {
        sc->i++;
        return;
    }
    for (;;) {
        S_value(sc, depth + 1);
        size_t end = sc->i;
        S_ws(sc);
        if (sc->failed)
            return;
        int done;
        if (!S_after(sc, ']', end, open, &done))
            return;
    }
}

static void S_value(scan *sc, int depth)
{
    S_ws(sc);
    if (sc->failed)
        return;
    if (depth > MAX_DEPTH) {
        sc->failed = true; /* jansson's own message says it */
        return;
    }
    char c = sc->i < sc->len ? sc->s[sc->i] : '\0';
    if (c == '{')
        S_object(sc, depth);
    else if (c == '[')
        S_array(sc, depth);
    else if (c == '"')
        S_string(sc);
    else if (c == '-' || (c >= '0' && c <= '9'))
        S_number(sc);
    else if (S_at(sc, "true"))
        sc->i += 4;
    else if (S_at(sc, "false"))
        sc->i += 5;
    else if (S_at(sc, "null"))
        sc->i += 4;
    else
        S_bad_value(sc, _("a value"));
}

void bg_json_syntax_error(const char *file, const char *text, size_t len, const json_error_t *err,
                          bg_diags *diags)
{
    scan sc = {.s = text, .len = len};
    S_value(&sc, 0);
    if (!sc.failed) {
        S_ws(&sc);
        if (!sc.failed && sc.i < sc.len)
            S_fail(&sc, sc.i, bg_xstrdup(_("text after the end of the JSON value")),
                   bg_xstrdup(_("a file holds one object: check the braces before this point")));
    }
    if (sc.failed && sc.message) {
        bg_loc loc = {.file = file};
        S_position(text, len, sc.at, &loc.line, &loc.col);
        bg_error(diags, loc, "%s", sc.message);
        if (sc.hint)
            bg_diag_hint(diags, "%s", sc.hint);
    } else {
        bg_error(diags, (bg_loc){.file = file, .line = err->line, .col = err->column}, "%s", err->text);
    }
    free(sc.message);
    free(sc.hint);
}
