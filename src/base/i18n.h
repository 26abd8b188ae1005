/* i18n.h: messages in the user's language through gettext (domain "baogao"). Every
 * message a user reads is written in English inside _() (or N_() where it is only
 * marked and translated later); po/zh_CN.po holds the Chinese. Numbers, dates and the
 * PDF are never localised: only LC_MESSAGES and LC_CTYPE follow the environment. */
#ifndef BG_I18N_H
#define BG_I18N_H

#include <libintl.h>

#define _(msgid) gettext(msgid)
#define N_(msgid) msgid
#define P_(singular, plural, n) ngettext((singular), (plural), (n))

/* Chooses the language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, and reads the
 * catalogues from localedir (NULL: bg_localedir(), see datadir.h). When the requested locale
 * is not installed on the machine (a bare Debian has only C.UTF-8), messages still
 * follow the requested language. */
void bg_i18n_init(const char *localedir);

#endif
