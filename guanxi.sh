#!/usr/bin/env bash
# guanxi.sh — the two commands of the README, with all set-up they need on a fresh
# Debian/Ubuntu machine that has only Rust installed.
#
#   ./guanxi.sh ingest [PATH...]   build, then load PATH... (default: the bundled seeds/) into
#                                  the embedded store ./guanxi-store (GUANXI_STORE overrides)
#   ./guanxi.sh test               build and run the test suite (cargo test --release)
#
# The one system package guanxi needs is libclang (bindgen generates the RocksDB bindings of the
# embedded Oxigraph store from C++ headers), plus a C++ compiler. When they are missing this
# script installs them with apt-get (as root, or through sudo) and says so; when it cannot, it
# says what to install. The first build compiles RocksDB: 15–40 minutes on 2 cores, once.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf 'guanxi.sh: %s\n' "$*" >&2; }

have_libclang() {
    [[ -n "${LIBCLANG_PATH:-}" ]] && return 0
    ldconfig -p 2>/dev/null | grep -q 'libclang[-.0-9]*\.so' && return 0
    compgen -G '/usr/lib/llvm-*/lib/libclang*.so*' >/dev/null && return 0
    compgen -G '/usr/lib/*/libclang*.so*' >/dev/null && return 0
    return 1
}

apt_install() {
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            say "cannot install $* (not root and no sudo). Install them yourself: apt-get install -y $*"
            exit 3
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        say "no apt-get on this machine. Install the equivalents of: $* (libclang for bindgen, a C++ compiler), then rerun."
        exit 3
    fi
    say "installing $* (needed once to build the embedded RocksDB store)"
    if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null; then
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    fi
}

ensure_toolchain() {
    if ! command -v cargo >/dev/null 2>&1; then
        say "cargo not found: install Rust first (https://rustup.rs), then rerun."
        exit 3
    fi
    local missing=()
    have_libclang || missing+=(clang libclang-dev)
    command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || missing+=(g++)
    if ((${#missing[@]})); then
        apt_install "${missing[@]}"
    fi
    if [[ ! -d target/release/build ]] || ! compgen -G 'target/release/build/oxrocksdb-sys-*/out' >/dev/null; then
        say "first build: compiling RocksDB for the embedded store (15-40 minutes on 2 cores, once)"
    fi
}

case "${1:-}" in
    ingest)
        shift
        ensure_toolchain
        if (($#)); then
            exec cargo run --release --quiet -- ingest "$@"
        else
            exec cargo run --release --quiet -- ingest seeds/
        fi
        ;;
    test)
        shift
        ensure_toolchain
        exec cargo test --release "$@"
        ;;
    *)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
