#!/bin/sh
# cli.sh: the conventions of a command-line tool. `baogao --help` lists the commands;
# `baogao help CMD` and `baogao CMD --help` give that command's usage; the man page renders
# without a groff warning and names every option of every --help; bash completion offers
# commands, options, --pdfa levels and layouts; a build prints a one-line summary (not with
# -q) and, on a terminal, a progress line when longer than a second; diagnostics are coloured
# only on a terminal or with --color=always, never with NO_COLOR, and the text stays the same.
set -u
: "${BAOGAO:?}" "${BG_SOURCE_DIR:?}" "${BG_WORK:?}"
rm -rf "$BG_WORK"
mkdir -p "$BG_WORK"
status=0
fail() { echo "FAIL: $*"; status=1; }
man="$BG_SOURCE_DIR/docs/baogao.1"
esc=$(printf '\033')
commands="build check info extract diff init help"

"$BAOGAO" --help >"$BG_WORK/help.txt" || fail "--help exit"
for c in $commands; do
  grep -q "^  $c " "$BG_WORK/help.txt" || fail "--help does not list $c"
done
for c in $commands; do
  "$BAOGAO" help "$c" >"$BG_WORK/help-$c.txt" || fail "help $c: exit"
  head -1 "$BG_WORK/help-$c.txt" | grep -q "^Usage: baogao $c" || fail "help $c: not its usage"
  "$BAOGAO" "$c" --help >"$BG_WORK/dash-$c.txt" || fail "$c --help: exit"
  cmp -s "$BG_WORK/help-$c.txt" "$BG_WORK/dash-$c.txt" || fail "help $c differs from $c --help"
done
grep -q -- "--pdfa" "$BG_WORK/help-build.txt" || fail "build --help lacks --pdfa"
! grep -q -- "--pdfa" "$BG_WORK/help-check.txt" || fail "check --help shows build's options"
"$BAOGAO" help nonsense >/dev/null 2>&1; [ $? -eq 2 ] || fail "help nonsense: not exit 2"
"$BAOGAO" nonsense >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown command: not exit 2"
"$BAOGAO" build --nonsense x.json 2>&1 | grep -q "Try 'baogao build --help'" || fail "unknown option: no pointer to build --help"

# The man page: no warnings, and every option of every --help in it.
warnings=$(groff -man -ww -z "$man" 2>&1)
[ -z "$warnings" ] || fail "groff warns: $warnings"
groff -man -Tutf8 -P-cbou "$man" 2>/dev/null >"$BG_WORK/man.txt"
for f in "$BG_WORK"/help*.txt "$BG_WORK"/dash-*.txt; do
  grep -o -- '\(^\|[ ,[]\)--*[a-zA-Z][a-zA-Z0-9-]*' "$f" | sed 's/^[ ,[]//' | sort -u
done | sort -u >"$BG_WORK/options.txt"
[ "$(wc -l <"$BG_WORK/options.txt")" -ge 12 ] || fail "too few options found in --help: $(cat "$BG_WORK/options.txt")"
while IFS= read -r opt; do
  grep -q -- "\(^\|[^a-zA-Z-]\)$opt\([^a-zA-Z-]\|$\)" "$BG_WORK/man.txt" || fail "man page lacks $opt"
done <"$BG_WORK/options.txt"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
  grep -q "^$section" "$BG_WORK/man.txt" || fail "man page lacks $section"
done
for c in $commands; do grep -q "^       $c" "$BG_WORK/man.txt" || fail "man page lacks the command $c"; done
for v in BAOGAO_DATA BAOGAO_LAYOUT BAOGAO_LOCALEDIR SOURCE_DATE_EPOCH NO_COLOR; do
  grep -q "$v" "$BG_WORK/man.txt" || fail "man page lacks $v"
done

# Bash completion.
complete_words() { # words... (the last one is being completed)
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
           _baogao baogao "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf "%s\n" "${COMPREPLY[@]}"' \
    sh "$BG_SOURCE_DIR/scripts/baogao.bash-completion" "$@" 2>/dev/null
}
[ "$(complete_words baogao "" | sort | tr '\n' ' ')" = "--help --version build check diff extract help info init " ] ||
  fail "completion of commands: $(complete_words baogao "")"
[ "$(complete_words baogao build --pdfa "" | tr '\n' ' ')" = "1a 1b 3a 3u " ] || fail "completion of --pdfa"
complete_words baogao build --p | grep -qx -- "--pdfa" || fail "completion of build options"
[ "$(complete_words baogao build --no- | sort | tr '\n' ' ')" = "--no-object-streams --no-tags " ] ||
  fail "completion of build --no-: $(complete_words baogao build --no-)"
complete_words baogao build --color= | grep -qx "never" || fail "completion of --color="
(cd "$BG_SOURCE_DIR" && PATH="$(dirname "$BAOGAO"):$PATH" complete_words baogao build -l layouts/) | grep -qx "layouts/gbt9704.json" ||
  fail "completion of layout files"
(cd "$BG_WORK" && PATH="$(dirname "$BAOGAO"):$PATH" complete_words baogao build -l "") | grep -q "/layouts/report-a4.json$" ||
  fail "completion of the shipped layouts"

# The summary line, and -q.
r="$BG_SOURCE_DIR/tests/fixtures/valid/paragraph.json"
"$BAOGAO" build "$r" -o "$BG_WORK/p.pdf" 2>"$BG_WORK/summary.txt" || fail "build"
pages=$(pdfinfo "$BG_WORK/p.pdf" | sed -n 's/^Pages: *//p')
kb=$(($(wc -c <"$BG_WORK/p.pdf") / 1024))
grep -qx "wrote $BG_WORK/p.pdf: $pages pages\?, \($kb\|$((kb + 1))\) KB in [0-9]*\.[0-9][0-9] s" "$BG_WORK/summary.txt" ||
  fail "summary: $(cat "$BG_WORK/summary.txt") (pages $pages, $kb KB)"
"$BAOGAO" build -q "$r" -o "$BG_WORK/p.pdf" 2>"$BG_WORK/quiet.txt" || fail "build -q"
[ ! -s "$BG_WORK/quiet.txt" ] || fail "-q prints: $(cat "$BG_WORK/quiet.txt")"

# Colours: a terminal (script(1) gives one), --color, NO_COLOR, TERM=dumb.
bad="$BG_SOURCE_DIR/tests/fixtures/invalid/bad-date.json"
on_tty() { script -qec "$*" /dev/null </dev/null | tr -d '\r'; }
"$BAOGAO" check "$bad" 2>&1 | grep -q "$esc" && fail "colour in a pipe"
"$BAOGAO" check "$bad" 2>"$BG_WORK/plain.txt"
"$BAOGAO" check --color=always "$bad" 2>"$BG_WORK/always.txt"
grep -q "${esc}\[1;31merror:${esc}\[m" "$BG_WORK/always.txt" || fail "--color=always: no red error"
sed "s/${esc}\[[0-9;]*m//g" "$BG_WORK/always.txt" | cmp -s - "$BG_WORK/plain.txt" || fail "colour changes the text"
on_tty "env -u NO_COLOR TERM=xterm '$BAOGAO' check '$bad'" | grep -q "$esc" || fail "no colour on a terminal"
on_tty "NO_COLOR=1 TERM=xterm '$BAOGAO' check '$bad'" | grep -q "$esc" && fail "colour with NO_COLOR"
on_tty "env -u NO_COLOR TERM=dumb '$BAOGAO' check '$bad'" | grep -q "$esc" && fail "colour with TERM=dumb"
on_tty "env -u NO_COLOR TERM=xterm '$BAOGAO' check --color=never '$bad'" | grep -q "$esc" && fail "colour with --color=never"
on_tty "NO_COLOR=1 '$BAOGAO' check --color=always '$bad'" | grep -q "$esc" || fail "--color=always under NO_COLOR"
"$BAOGAO" check --color=sometimes "$bad" >/dev/null 2>&1; [ $? -eq 2 ] || fail "--color=sometimes: not exit 2"

# The progress line: a report read from a FIFO keeps the build waiting 1.5 s on a terminal.
fifo="$BG_WORK/slow.json"
mkfifo "$fifo"
(sleep 1.5; cat "$r" >"$fifo") &
on_tty "cd '$(dirname "$r")' && '$BAOGAO' build '$fifo' -o '$BG_WORK/slow.pdf'" >"$BG_WORK/progress.txt"
wait
grep -q "baogao: checking $fifo… 1\.[0-9] s" "$BG_WORK/progress.txt" || fail "no progress line: $(cat -v "$BG_WORK/progress.txt")"
grep -q "wrote $BG_WORK/slow.pdf" "$BG_WORK/progress.txt" || fail "no summary after the progress line"
exit $status
