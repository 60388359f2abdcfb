#!/usr/bin/env bash
# Installs what the `guanxi serve` tests use as real clients, and records what it could install:
#   - curl, Debian's chromium (headless, driven over the DevTools protocol) and fonts-noto-cjk
#     (so screenshots show Chinese), with apt-get;
#   - a Python venv in .serve-test/venv with SPARQLWrapper, rdflib and websocket-client from PyPI.
# Run by `./guanxi.sh test`, and by the serve tests themselves when .serve-test/status is missing.
# The tests read .serve-test/status: a tool marked `ok` must work; one marked `failed` makes the
# tests that need it skip with the reason printed (never a silent pass).
set -uo pipefail
cd "$(dirname "$0")/.."

dir=.serve-test
mkdir -p "$dir"
status="$dir/status.tmp"
: >"$status"
say() { printf 'serve-test-setup: %s\n' "$*" >&2; }

sudo=""
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
fi

apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    [[ $(id -u) -eq 0 || -n "$sudo" ]] || return 1
    if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1; then
        $sudo apt-get update -qq >/dev/null 2>&1 || return 1
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 || return 1
    fi
}

need=()
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
if ((${#need[@]})); then
    say "installing ${need[*]} with apt-get (for the serve tests)"
    apt_install "${need[@]}" || say "could not install ${need[*]} (needs root or sudo, apt-get and the package mirror)"
fi
if command -v curl >/dev/null 2>&1; then echo "curl ok $(command -v curl)" >>"$status"
else echo "curl failed: apt-get install curl did not succeed" >>"$status"; fi
if command -v chromium >/dev/null 2>&1; then echo "chromium ok $(command -v chromium)" >>"$status"
else echo "chromium failed: apt-get install chromium did not succeed" >>"$status"; fi

py="$dir/venv/bin/python"
if [[ ! -x "$py" ]] || ! "$py" -c 'import SPARQLWrapper, rdflib, websocket' >/dev/null 2>&1; then
    say "creating the Python venv $dir/venv with SPARQLWrapper, rdflib, websocket-client (from PyPI)"
    rm -rf "$dir/venv"
    if python3 -m venv "$dir/venv" >/dev/null 2>&1; then
        "$py" -m pip install -q --disable-pip-version-check SPARQLWrapper rdflib websocket-client >/dev/null 2>&1 ||
            say "pip install SPARQLWrapper rdflib websocket-client failed"
    else
        say "python3 -m venv failed (install python3-venv)"
    fi
fi
if [[ -x "$py" ]] && "$py" -c 'import SPARQLWrapper, rdflib, websocket' >/dev/null 2>&1; then
    echo "python ok $(cd "$dir/venv/bin" && pwd)/python" >>"$status"
else
    echo "python failed: the venv with SPARQLWrapper, rdflib and websocket-client could not be made" >>"$status"
fi
mv "$status" "$dir/status"
say "$(tr '\n' ';' <"$dir/status")"
