#!/bin/sh
# Install test (issue 10): `cmake --install` into a temporary prefix, check
# what the tree contains (and that it never names the build machine's
# directories), move it elsewhere (the package files are relocatable), then
# build examples/wilson_ratio.c against it through pkg-config and through
# find_package(powstat), shared and static, and run it; finally run the
# installed powstat, which must find its datasets under <prefix>/share.
#   run.sh CMAKE BUILD_DIR SOURCE_DIR
set -eu
cmake=$1 build=$2 src=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fail() { echo "install test: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$tmp/stage" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; fail "cmake --install failed"; }
# a package is built in one place and unpacked in another
mv "$tmp/stage" "$tmp/prefix"
P=$tmp/prefix

pc=$(cd "$P" && find . -name powstat.pc | sed 's|^\./||')
[ -n "$pc" ] || fail "no powstat.pc installed"
libdir=${pc%/pkgconfig/powstat.pc}
for f in bin/powstat "$libdir/libpowstat.a" "$libdir/libpowstat.so" \
         "$libdir/cmake/powstat/powstatConfig.cmake" \
         "$libdir/cmake/powstat/powstatConfigVersion.cmake" \
         "$libdir/cmake/powstat/powstatTargets.cmake" \
         share/powstat/datasets/estimates.csv share/powstat/datasets/sources.csv \
         share/powstat/datasets/outcomes.csv share/powstat/datasets/claims.csv \
         share/powstat/datasets/windows.csv share/powstat/datasets/README.md \
         share/powstat/plots/powstat.gp share/man/man1/powstat.1 \
         share/bash-completion/completions/powstat share/doc/powstat/README.md; do
  [ -e "$P/$f" ] || fail "missing $f"
done
for h in "$src"/lib/include/powstat/*.h; do
  [ -f "$P/include/powstat/$(basename "$h")" ] || fail "header $(basename "$h") not installed"
done
# no source or build path of this machine anywhere (binaries included)
for d in "$src" "$(cd "$build" && pwd)"; do
  if grep -rlF "$d" "$P" >"$tmp/leaks"; then
    cat "$tmp/leaks" >&2; fail "installed files contain the build path $d"
  fi
done

# ---- consumers ----
ex=$src/examples/wilson_ratio.c
# Expected output.  Wilson bounds agree with R 4.2
#   prop.test(3300000, 5700000, correct = FALSE)$conf.int -> 0.57854199500835590 0.57935263542221949
#   prop.test(363000, 3000000, correct = FALSE)$conf.int  -> 0.12063144424810258 0.12136952635924994
# (last-digit differences only, 4e-17 absolute); the Koopman ratio is the one
# `powstat compare 3300000/5700000 363000/3000000 -M ratio` prints (checked
# below against the installed tool).
cat >"$tmp/expected" <<'OUT'
quantity,estimate,lower,upper
p1 wilson,0.5789473684210527,0.5785419950083559,0.5793526354222195
p2 wilson,0.121,0.12063144424810256,0.12136952635924994
p1/p2 koopman,4.784688995215311,4.7697427562751855,4.799687745363763
OUT
check_run() { # name, command...
  name=$1; shift
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || { cat "$tmp/$name.err" >&2; fail "$name: run failed"; }
  diff -u "$tmp/expected" "$tmp/$name.out" || fail "$name: wrong output"
  echo "install test: $name ok"
}
cc=${CC:-cc}
export PKG_CONFIG_PATH="$P/$libdir/pkgconfig"
[ "$(pkg-config --modversion powstat)" = "$(sed -n 's/^project(powstat VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")" ] ||
  fail "pkg-config --modversion powstat is not the project version"
pkg-config --print-requires powstat | grep -q '^gsl' || fail "powstat.pc does not require gsl"
pkg-config --libs powstat | grep -q -- '-lcsv' && fail "libcsv belongs in Libs.private only"
pkg-config --static --libs powstat | grep -q -- '-lcsv' || fail "libcsv missing from Libs.private"
# shared, through pkg-config
"$cc" -std=c11 -Wall -Wextra -Werror "$ex" $(pkg-config --cflags --libs powstat) -o "$tmp/wr-pc" ||
  fail "pkg-config build failed"
check_run pkgconfig-shared env LD_LIBRARY_PATH="$P/$libdir" "$tmp/wr-pc"
# static, through pkg-config --static: runs without the library path
"$cc" -std=c11 -Wall -Wextra -Werror "$ex" $(pkg-config --cflags powstat) "$P/$libdir/libpowstat.a" \
  $(pkg-config --static --libs-only-other --libs-only-l powstat | sed 's/-lpowstat//') -o "$tmp/wr-pcs" ||
  fail "pkg-config --static build failed"
check_run pkgconfig-static "$tmp/wr-pcs"
# CMake, shared and static
for kind in shared static; do
  opt=OFF; [ $kind = static ] && opt=ON
  "$cmake" -S "$src/examples" -B "$tmp/cm-$kind" -DCMAKE_PREFIX_PATH="$P" -DPOWSTAT_STATIC=$opt \
    >"$tmp/cm-$kind.log" 2>&1 && "$cmake" --build "$tmp/cm-$kind" >>"$tmp/cm-$kind.log" 2>&1 ||
    { cat "$tmp/cm-$kind.log" >&2; fail "find_package build ($kind) failed"; }
  check_run cmake-$kind "$tmp/cm-$kind/wilson_ratio"
done
# the shared consumer really uses libpowstat.so, the static one does not
if command -v ldd >/dev/null 2>&1; then
  ldd "$tmp/cm-shared/wilson_ratio" | grep -q 'libpowstat\.so' || fail "cmake-shared is not linked to libpowstat.so"
  ldd "$tmp/cm-static/wilson_ratio" | grep -q 'libpowstat\.so' && fail "cmake-static needs libpowstat.so"
fi

# ---- the installed tool ----
cd "$tmp"
env -u POWSTAT_DATADIR LC_ALL=C "$P/bin/powstat" compare 3300000/5700000 363000/3000000 -M ratio --format csv \
  | cut -d, -f4-6 | sed -n 2p >"$tmp/ratio"
[ "$(cat "$tmp/ratio")" = "4.784688995215311,4.7697427562751855,4.799687745363763" ] ||
  fail "installed powstat compare disagrees with the example: $(cat "$tmp/ratio")"
# the bundled datasets are found beside the binary, whatever the cwd
env -u POWSTAT_DATADIR LC_ALL=C "$P/bin/powstat" rates --id S01 --format csv >"$tmp/rates" ||
  fail "installed powstat rates failed"
grep -q '^S01,3300000,5700000,' "$tmp/rates" || fail "installed powstat rates: no S01 row"
# ... and they are the installed copies, not the source tree's
rm "$P/share/powstat/datasets/estimates.csv"
rc=0; env -u POWSTAT_DATADIR LC_ALL=C "$P/bin/powstat" rates --id S01 >/dev/null 2>"$tmp/err" || rc=$?
[ $rc = 66 ] || fail "installed powstat without its estimates.csv: exit $rc, expected 66"
grep -qF "$P/share/powstat/datasets/estimates.csv" "$tmp/err" ||
  fail "installed powstat did not look in $P/share/powstat/datasets: $(cat "$tmp/err")"
echo "install test: installed powstat finds its datasets ok"
