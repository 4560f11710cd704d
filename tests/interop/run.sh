#!/bin/sh
# Interop tests (issue 10): the machine outputs of every command, as other
# tools read them.
#   run.sh MODE POWSTAT SOURCE_DIR
# MODE json      JSON of each case against its schema (schemas/NAME.json,
#                documented in docs/json-schema.md), Python's json module only
#      pandas    CSV and TSV read by pandas.read_csv: a header row, numbers
#                as numbers, missing as NaN, values equal to the JSON's
#      r         CSV read by R's read.csv: the same, checked by check.R
#      markdown  --format markdown tables are well-formed pipe tables
#      tex       `powstat chart ... --render tex` compiles with pdflatex
# The cases are cases.txt.  A tool that is not installed skips the mode
# (exit 77) with a message; CI installs python3-pandas, r-base-core and
# texlive-latex-base so that every mode runs there.
set -u
mode=$1 bin=$2 src=$3
here=$src/tests/interop
py=/usr/bin/python3
skip() { echo "interop $mode: SKIPPED: $*"; exit 77; }
case $mode in
  json) [ -x $py ] || skip "$py not found (install python3)" ;;
  pandas|markdown) [ -x $py ] || skip "$py not found (install python3)"
         [ $mode = markdown ] || $py -c 'import pandas' 2>/dev/null || skip "pandas missing (install python3-pandas)" ;;
  r) command -v Rscript >/dev/null 2>&1 || skip "Rscript not found (install r-base-core)"
     [ -x $py ] || skip "$py not found (install python3)" ;;
  tex) command -v pdflatex >/dev/null 2>&1 || skip "pdflatex not found (install texlive-latex-base)"
       command -v gnuplot >/dev/null 2>&1 || skip "gnuplot not found (install gnuplot-nox)" ;;
  *) echo "run.sh: unknown mode $mode" >&2; exit 2 ;;
esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-interop.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
export LC_ALL=C POWSTAT_DATADIR="$src/datasets"
cd "$here" || exit 2

if [ $mode = tex ]; then
  # every chart kind that reads a command's CSV, rendered as cairolatex
  # (NAME.tex + NAME.pdf) and \input into a minimal document
  fail=0
  "$bin" rates --id S01,S03,G05,G06 --format csv >"$tmp/rates.csv" &&
  "$bin" compare --id S01 --id ART02 --measure ratio,odds-ratio --format csv >"$tmp/compare.csv" &&
  "$bin" outcomes --cohort special-camps-1944 --format csv >"$tmp/outcomes.csv" || exit 1
  for k in forest:rates ratio:compare stacked:outcomes; do
    kind=${k%%:*} in=${k#*:}
    "$bin" chart "$kind" "$tmp/$in.csv" --title "50 % of 3,300,000 & more_than #1" \
      -o "$tmp/$kind.gp" --render tex || { echo "chart $kind --render tex failed"; fail=1; continue; }
    cat >"$tmp/doc-$kind.tex" <<TEX
\\documentclass{article}
\\usepackage{graphicx}
\\usepackage{color}
\\begin{document}
\\begin{figure}\\centering\\input{$kind.tex}\\caption{powstat chart $kind}\\end{figure}
\\end{document}
TEX
    if (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error "doc-$kind.tex" >"$tmp/latex-$kind.log" 2>&1); then
      [ -s "$tmp/doc-$kind.pdf" ] || { echo "chart $kind: no PDF"; fail=1; }
      echo "interop tex: $kind compiles"
    else
      tail -30 "$tmp/latex-$kind.log"; echo "chart $kind: pdflatex failed"; fail=1
    fi
  done
  exit $fail
fi

# produce every case's outputs: NAME.csv, NAME.tsv, NAME.json|NAME.jsonl, NAME.md
grep -v '^#' cases.txt | while read -r name formats args; do
  [ -n "$name" ] || continue
  case $mode in json|r) want="c j l" ;; pandas) want="c t j l" ;; markdown) want=m ;; esac
  for f in $want; do
    case $formats in *$f*) ;; *) continue ;; esac
    case $f in c) fmt=csv ext=csv ;; t) fmt=tsv ext=tsv ;; j) fmt=json ext=json ;;
               l) fmt=json-lines ext=jsonl ;; m) fmt=markdown ext=md ;; esac
    # shellcheck disable=SC2086  # the arguments are words by design
    "$bin" $args --format $fmt >"$tmp/$name.$ext" 2>"$tmp/$name.$ext.err"
    rc=$?
    # batch --keep-going exits 65 when a job failed (data/jobs.csv has two)
    if [ $rc != 0 ] && ! { [ $name = batch ] && [ $rc = 65 ]; }; then
      cat "$tmp/$name.$ext.err"; echo "interop: '$args --format $fmt' exited $rc"; echo fail >>"$tmp/FAILED"
    fi
  done
done
[ -e "$tmp/FAILED" ] && exit 1

case $mode in
  json|pandas|markdown) exec $py "$here/check.py" "$mode" "$tmp" "$here" ;;
  r)
    grep -v '^#' cases.txt | while read -r name formats args; do
      [ -n "$name" ] || continue
      case $formats in *c*) Rscript "$here/check.R" "$tmp/$name.csv" >"$tmp/$name.r" 2>&1 ||
        { cat "$tmp/$name.r"; echo "R could not read $name.csv"; echo x >>"$tmp/FAILED"; } ;; esac
    done
    [ -e "$tmp/FAILED" ] && exit 1
    exec $py "$here/check.py" r "$tmp" "$here" ;;
esac
