#!/bin/sh
# Outputs are never lost (issue 9, item 4).
#   no_lost_output.sh POWSTAT
# For every command that writes a file with -o:
#   1. standard output that cannot be written (> /dev/full) exits 74 with
#      "write error on standard output";
#   2. a full disk (a small tmpfs, mounted when we may; skipped otherwise)
#      exits 74, leaves the previous file byte-identical and no temporary file;
#   3. SIGTERM and SIGINT while the output is being written (a batch whose job
#      file is a stalled FIFO: rows are already written, more are awaited) kill
#      the command, leave the previous file intact and remove the temporary;
#   4. gnuplot failing (a stand-in gnuplot on PATH) or being interrupted
#      during a render leaves the previous image and script intact.
# POWSTAT_WRAPPER (e.g. valgrind) prefixes every powstat call.
# Exit: 0 all passed, 1 a failure, 77 (CTest skip) never: the parts that need
# root say "skip" and the rest still runs.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-lost.XXXXXX") || exit 2
mnt=
cleanup() {
  [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM
mkdir -p "$tmp/bin" "$tmp/w"
cat >"$tmp/bin/powstat" <<EOF
#!/bin/sh
exec ${POWSTAT_WRAPPER:-} "$bin" "\$@"
EOF
chmod +x "$tmp/bin/powstat"
export PATH="$tmp/bin:$PATH" LC_ALL=C POWSTAT_DATADIR="$here/../../datasets"
cd "$tmp/w" || exit 2

failures=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; failures=$((failures + 1)); }
skip() { echo "skip $*"; }

# inputs
cp "$here/jobs/ok_lf.csv" jobs.csv
{ echo "id,kind,deaths,captured,method"; i=0
  while [ $i -lt 3000 ]; do echo "j$i,rate,$i,1000000,clopper-pearson"; i=$((i + 1)); done; } >bigjobs.csv
cp "$here/chart/ok.csv" chart.csv
# "name|arguments": one command of each kind that writes an output
cmds="rates|rates --method all
outcomes|outcomes
audit|audit
compare|compare 41/120000 442100/3576300
batch|batch -q bigjobs.csv
simulate|simulate -n 20000 -j 1 -q
sensitivity|sensitivity tornado -N 256 -B 0
chart|chart forest chart.csv"

# ---- 1. standard output that cannot be written ----
echo "$cmds" | while IFS='|' read -r name args; do
  # shellcheck disable=SC2086
  powstat $args >/dev/full 2>err </dev/null; rc=$?
  if [ $rc = 74 ] && grep -q "^powstat: write error on standard output: No space left on device$" err; then
    ok "$name > /dev/full: exit 74"
  else
    bad "$name > /dev/full: exit $rc, stderr: $(head -c 300 err)"; echo x >>failed
  fi
done
[ -f failed ] && { failures=$((failures + $(wc -l <failed))); rm -f failed; }

# ---- 2. a full disk ----
if mkdir small && mount -t tmpfs -o size=128k tmpfs small 2>/dev/null; then
  mnt=$tmp/w/small
  echo "$cmds" | while IFS='|' read -r name args; do
    printf 'previous output of %s\n' "$name" >small/out
    cp small/out expected
    # fill the disk: for the big outputs (rates --method all, batch) all but
    # 8 KiB, so that the write fails midway; for the others completely
    rm -f small/fill
    dd if=/dev/zero of=small/fill bs=4096 2>/dev/null
    case $name in rates | batch) truncate -s -8192 small/fill ;; esac
    # shellcheck disable=SC2086
    powstat $args -o small/out >/dev/null 2>err </dev/null; rc=$?
    left=$(ls small | grep -c 'out\.tmp\.' || true)
    if [ $rc = 74 ] && cmp -s small/out expected && [ "$left" = 0 ] &&
       grep -q "^powstat: small/out: write error: No space left on device$" err; then
      ok "$name -o on a full disk: exit 74, previous file intact, no temporary left"
    else
      bad "$name -o on a full disk: exit $rc, previous intact: $(cmp -s small/out expected && echo yes || echo NO), temporaries left: $left, stderr: $(head -c 300 err)"
      echo x >>failed
    fi
    rm -f small/fill
  done
  [ -f failed ] && { failures=$((failures + $(wc -l <failed))); rm -f failed; }
else
  skip "full disk: cannot mount a tmpfs here (needs root)"
fi

# ---- 3. SIGTERM / SIGINT while the output is being written ----
# wait_for GLOB: up to 60 s for a file matching GLOB
wait_for() {
  i=0
  while [ $i -lt 600 ]; do
    # shellcheck disable=SC2086
    set -- $1
    [ -e "$1" ] && return 0
    sleep 0.1; i=$((i + 1))
  done
  return 1
}
for sig in TERM INT; do
  printf 'previous\n' >out.csv
  rm -f fifo; mkfifo fifo
  powstat batch -q -o out.csv fifo 2>err &
  pid=$!
  exec 3>fifo                # the job file stays open: batch waits for more rows
  head -n 200 bigjobs.csv >&3
  if wait_for 'out.csv.tmp.*'; then
    sleep 0.5                # let it write the first rows
    kill -s $sig $pid
  else
    kill -s KILL $pid
  fi
  exec 3>&-
  wait $pid; rc=$?
  left=$(ls | grep -c 'out\.csv\.tmp\.' || true)
  case $sig in TERM) want=143 ;; INT) want=130 ;; esac
  if [ $rc = $want ] && [ "$(cat out.csv)" = previous ] && [ "$left" = 0 ]; then
    ok "SIG$sig during batch -o: killed (exit $rc), previous file intact, no temporary left"
  else
    bad "SIG$sig during batch -o: exit $rc (want $want), out.csv: $(head -c 40 out.csv), temporaries left: $left"
  fi
done

# ---- 4. gnuplot failing or interrupted during a render ----
if command -v gnuplot >/dev/null 2>&1; then
  mkdir -p fake
  cat >fake/gnuplot <<'EOF'
#!/bin/sh
# a gnuplot that knows every terminal but fails (or hangs) when it renders
case "$*" in *GPVAL_TERMINALS*|*-V*) exec gnuplot "$@" ;; esac
cat >/dev/null
if [ -n "${FAKE_GNUPLOT_HANG:-}" ]; then echo $$ >"$FAKE_GNUPLOT_HANG"; exec sleep 60; fi
echo "line 1: simulated failure" >&2
exit 1
EOF
  chmod +x fake/gnuplot
  real=$(command -v gnuplot)
  sed -i "s|exec gnuplot|exec $real|" fake/gnuplot
  printf 'old script\n' >fig.gp; printf 'old image\n' >fig.png
  PATH="$tmp/w/fake:$PATH" powstat chart forest chart.csv -o fig.gp --render png >/dev/null 2>err; rc=$?
  left=$(ls | grep -c '\.tmp\.' || true)
  if [ $rc != 0 ] && [ "$(cat fig.png)" = "old image" ] && [ "$left" = 0 ]; then
    ok "gnuplot failing: exit $rc, previous image intact, no temporary left ($(head -n 1 err))"
  else
    bad "gnuplot failing: exit $rc, fig.png: $(head -c 40 fig.png), temporaries: $left, stderr: $(head -c 300 err)"
  fi
  for sig in TERM INT; do
    printf 'old script\n' >fig.gp; printf 'old image\n' >fig.png
    FAKE_GNUPLOT_HANG=$tmp/w/gnuplot.pid PATH="$tmp/w/fake:$PATH" powstat chart forest chart.csv -o fig.gp --render png >/dev/null 2>err &
    pid=$!
    wait_for 'fig.png.tmp.*' && sleep 0.3
    kill -s $sig $pid
    wait $pid; rc=$?
    [ -s gnuplot.pid ] && kill "$(cat gnuplot.pid)" 2>/dev/null; rm -f gnuplot.pid
    left=$(ls -a | grep -c '\.tmp\.' || true)
    if [ $rc -gt 128 ] && [ "$(cat fig.png)" = "old image" ] && [ "$left" = 0 ]; then
      ok "SIG$sig during a render: exit $rc, previous image intact, no temporary left"
    else
      bad "SIG$sig during a render: exit $rc, fig.png: $(head -c 40 fig.png), temporaries: $left ($(ls -a | grep '\.tmp\.' | head -3 | tr '\n' ' '))"
    fi
  done
else
  skip "gnuplot failing: gnuplot is not installed"
fi

echo "no-lost-output: $failures failure(s)"
[ $failures = 0 ]
