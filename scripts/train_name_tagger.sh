#!/bin/sh
# Regenerates data/names/name_tagger.tsv, guanxi's statistical person-name tagger, from CLUENER2020's
# training split (public; see ../shared/data/README.md). People's Daily dev is only measured on, never
# learned from, so `guanxi eval --bio` on it stays a held-out figure.
#
#   scripts/train_name_tagger.sh [path/to/cluener/train.jsonl] [path/to/peoples-daily/dev.bio]
set -eu
cd "$(dirname "$0")/.."
CLUENER=${1:-../shared/data/cluener2020/train.jsonl}
DEV=${2:-../shared/data/peoples-daily-ner/dev.bio}
DEV_ARGS=""
[ -f "$DEV" ] && DEV_ARGS="--dev $DEV"
# shellcheck disable=SC2086
cargo run --release --example train_name_tagger -- \
    --cluener "$CLUENER" $DEV_ARGS --epochs 6 --prune 0.3 --out data/names/name_tagger.tsv
