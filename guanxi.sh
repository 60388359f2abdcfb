#!/usr/bin/env bash
# guanxi.sh — the two commands of the README, with all set-up they need on a fresh
# Debian/Ubuntu machine that has only Rust installed.
#
#   ./guanxi.sh ingest [PATH...]   build, then load PATH... (default: the bundled seeds/) into
#                                  the embedded store ./guanxi-store (GUANXI_STORE overrides)
#   ./guanxi.sh test               test this set-up check, install the serve tests' clients
#                                  (scripts/serve-test-setup.sh), then build and run the test
#                                  suite (cargo test --release)
#   ./guanxi.sh check              say whether the build's system packages are present
#
# The one system package guanxi needs is libclang (bindgen generates the RocksDB bindings of the
# embedded Oxigraph store from C++ headers), plus a C++ compiler. When they are missing this
# script installs `clang libclang-dev` with apt-get (as root, or through sudo) and says so; when
# it cannot (or GUANXI_NO_INSTALL=1 forbids it), it stops within seconds with the command to run.
# The first build compiles RocksDB: about 17 minutes on 2 cores, once.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf 'guanxi.sh: %s\n' "$*" >&2; }

# The file names clang-sys (bindgen's loader) accepts: libclang.so, libclang-N.so, libclang.so.N,
# libclang-N.so.N — never libclang-cpp*.so*, the C++ interface library, which bindgen cannot load.
is_loadable_libclang_name() {
    [[ "$1" =~ ^libclang(-[0-9][0-9.]*)?\.so(\.[0-9][0-9.]*)?$ ]]
}

# Directories to search. GUANXI_LIBCLANG_DIRS (colon-separated) replaces the defaults, so the
# check can be tested against a directory of the test's own making. The defaults are where
# clang-sys looks: LIBCLANG_PATH, `llvm-config --libdir`, the LLVM and multiarch library dirs.
libclang_dirs() {
    if [[ -n "${GUANXI_LIBCLANG_DIRS:-}" ]]; then
        tr ':' '\n' <<<"$GUANXI_LIBCLANG_DIRS"
        return
    fi
    [[ -n "${LIBCLANG_PATH:-}" ]] && printf '%s\n' "$LIBCLANG_PATH"
    command -v llvm-config >/dev/null 2>&1 && llvm-config --libdir 2>/dev/null || true
    local d
    for d in /usr/lib/llvm-*/lib /usr/local/llvm*/lib /usr/lib/*-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
        [[ -d "$d" ]] && printf '%s\n' "$d"
    done
}

# Prints the first loadable libclang found and succeeds, or fails silently.
find_libclang() {
    local dir path
    while IFS= read -r dir; do
        [[ -n "$dir" && -d "$dir" ]] || continue
        # LIBCLANG_PATH may name the file itself.
        for path in "$dir"/libclang*.so*; do
            [[ -e "$path" ]] || continue
            if is_loadable_libclang_name "$(basename "$path")"; then
                printf '%s\n' "$path"
                return 0
            fi
        done
    done < <(libclang_dirs)
    if [[ -n "${LIBCLANG_PATH:-}" && -f "$LIBCLANG_PATH" ]] &&
        is_loadable_libclang_name "$(basename "$LIBCLANG_PATH")"; then
        printf '%s\n' "$LIBCLANG_PATH"
        return 0
    fi
    return 1
}

have_cxx() { command -v c++ >/dev/null 2>&1 || command -v g++ >/dev/null 2>&1 || command -v clang++ >/dev/null 2>&1; }

apt_install() {
    [[ -n "${GUANXI_NO_INSTALL:-}" ]] && return 1
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo="sudo"
        else
            return 1
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || return 1
    say "installing $* with apt-get (needed once to build the embedded RocksDB store)"
    if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; then
        $sudo apt-get update -qq >/dev/null 2>&1 || return 1
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || return 1
    fi
}

ensure_toolchain() {
    if ! command -v cargo >/dev/null 2>&1; then
        say "cargo not found: install Rust first (https://rustup.rs), then rerun."
        exit 3
    fi
    local missing=()
    find_libclang >/dev/null || missing+=(clang libclang-dev)
    have_cxx || missing+=(g++)
    if ((${#missing[@]})); then
        say "missing for the build: ${missing[*]} (libclang is what bindgen loads; libclang-cpp is not it)"
        apt_install "${missing[@]}" || true
    fi
    # Fail fast: a missing libclang otherwise shows as a bindgen panic twenty minutes into the build.
    if ! find_libclang >/dev/null; then
        say "libclang is still not installed and this script could not install it (needs root or sudo, and apt-get)."
        say "run:  sudo apt-get install -y clang libclang-dev   (or set LIBCLANG_PATH to the directory holding libclang.so), then rerun."
        exit 3
    fi
    if ! have_cxx; then
        say "no C++ compiler. run:  sudo apt-get install -y g++   then rerun."
        exit 3
    fi
    if ! compgen -G 'target/release/build/oxrocksdb-sys-*/out' >/dev/null; then
        say "first build: compiling RocksDB for the embedded store (about 17 minutes on 2 cores, once)"
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
        scripts/test-setup.sh
        # the serve tests' real clients: curl, chromium, fonts-noto-cjk, a Python venv with
        # SPARQLWrapper, rdflib and websocket-client (tests skip, saying why, if this fails)
        scripts/serve-test-setup.sh || true
        ensure_toolchain
        exec cargo test --release "$@"
        ;;
    check)
        if path=$(find_libclang); then
            echo "libclang: present ($path)"
        else
            echo "libclang: missing"
            exit 1
        fi
        ;;
    *)
        sed -n "2,15p" "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
