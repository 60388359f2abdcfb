#!/usr/bin/env bash
# Tests guanxi.sh's libclang check against library directories of its own making, so the result
# does not depend on what this machine has installed. Run by `./guanxi.sh test` (and so by CI).
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect NAME... -- STATE: a directory holding exactly these files must make the check say STATE.
expect() {
    local state="${*: -1}" dir="$tmp/case$RANDOM$RANDOM" out
    mkdir -p "$dir"
    local f
    for f in "${@:1:$#-2}"; do : >"$dir/$f"; done
    out=$(GUANXI_LIBCLANG_DIRS="$dir" LIBCLANG_PATH="" ./guanxi.sh check 2>&1 || true)
    if [[ "$out" == "libclang: $state"* ]]; then
        printf 'ok    %-48s -> %s\n' "${*:1:$#-2}" "$state"
    else
        printf 'FAIL  %-48s -> expected %s, got: %s\n' "${*:1:$#-2}" "$state" "$out"
        failures=$((failures + 1))
    fi
}

expect libclang-cpp.so.14 -- missing
expect libclang-cpp.so libclang-cpp.so.14 -- missing
expect libclangBasic.a libclang.a -- missing
expect libclang-14.so.1 -- present
expect libclang-14.so.14.0.6 -- present
expect libclang.so -- present
expect libclang.so.1 -- present
expect libclang-17.so -- present
expect libclang-cpp.so.14 libclang-14.so.1 -- present

# An empty search path is missing, never an error of the script itself.
out=$(GUANXI_LIBCLANG_DIRS="$tmp/nowhere" LIBCLANG_PATH="" ./guanxi.sh check 2>&1 || true)
if [[ "$out" == "libclang: missing" ]]; then echo "ok    (no directory)                                    -> missing"
else echo "FAIL  (no directory) -> $out"; failures=$((failures + 1)); fi

# Fail fast: with libclang missing and installing impossible, `ingest` must stop at once (exit 3)
# with the command to run, long before any build starts.
start=$(date +%s)
out=$(GUANXI_NO_INSTALL=1 GUANXI_LIBCLANG_DIRS="$tmp/nowhere" LIBCLANG_PATH="" ./guanxi.sh ingest 2>&1) && rc=0 || rc=$?
took=$(( $(date +%s) - start ))
if [[ $rc -eq 3 && "$out" == *"apt-get install -y clang libclang-dev"* && $took -lt 30 ]]; then
    echo "ok    ingest without libclang and no way to install -> exit 3 in ${took}s with the command"
else
    echo "FAIL  ingest without libclang: exit $rc after ${took}s: $out"
    failures=$((failures + 1))
fi

if ((failures)); then
    echo "set-up check: $failures case(s) failed" >&2
    exit 1
fi
echo "set-up check: all cases pass"
