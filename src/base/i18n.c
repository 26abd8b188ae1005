/* i18n.c: setting up gettext (see i18n.h). */
#include "i18n.h"
#include "datadir.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* The locale the environment asks for messages, in POSIX order of precedence. */
static const char *S_requested(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return v;
    }
    return NULL;
}

void bg_i18n_init(const char *localedir)
{
    const char *want = S_requested();
    int ok = setlocale(LC_CTYPE, "") != NULL;
    ok = setlocale(LC_MESSAGES, "") != NULL && ok;
    if (!ok && want && strcmp(want, "C") != 0 && strcmp(want, "POSIX") != 0) {
        /* The locale is not installed. gettext ignores LANGUAGE only in the "C" locale,
         * so run in C.UTF-8 and name the language through LANGUAGE. */
        setlocale(LC_CTYPE, "C.UTF-8");
        setlocale(LC_MESSAGES, "C.UTF-8");
        const char *language = getenv("LANGUAGE");
        if (!language || !*language) {
            char lang[64];
            size_t n = strcspn(want, ".@");
            if (n >= sizeof lang)
                n = sizeof lang - 1;
            memcpy(lang, want, n);
            lang[n] = '\0';
            setenv("LANGUAGE", lang, 1);
        }
    }
    bindtextdomain("baogao", localedir ? localedir : bg_localedir());
    bind_textdomain_codeset("baogao", "UTF-8");
    textdomain("baogao");
}
