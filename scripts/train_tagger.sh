#!/bin/sh
# Regenerates data/tagger/entities.tsv, guanxi's learned entity tagger (PER, LOC, ORG), from the
# public NER corpora described in ../shared/data/README.md: MSRA NER train (filtered so that it shares
# nothing with People's Daily dev/test), CLUENER2020 train, Resume NER train and Weibo NER train. People's Daily dev is
# only measured on, never learned from, so `guanxi eval --bio` on it stays a held-out figure.
# Deterministic: the same files give the same model, byte for byte.
#
#   scripts/train_tagger.sh [DATA_DIR]      (default ../shared/data)
set -eu
cd "$(dirname "$0")/.."
D=${1:-../shared/data}
DEV_ARGS=""
[ -f "$D/peoples-daily-ner/dev.bio" ] && DEV_ARGS="--dev $D/peoples-daily-ner/dev.bio"
# shellcheck disable=SC2086
cargo run --release --example train_tagger -- \
    --bio "$D/msra-ner/train.bio" --map PER=PER,LOC=LOC,ORG=ORG \
    --bio "$D/resume-ner/train.bio" --map NAME=PER,ORG=ORG,EDU=ORG,CONT=LOC,LOC=LOC \
    --bio "$D/weibo-ner/train.bio" --map PER.NAM=PER,ORG.NAM=ORG,GPE.NAM=LOC,LOC.NAM=LOC \
    --cluener "$D/cluener2020/train.jsonl" --map name=PER,company=ORG,government=ORG,organization=ORG,address=LOC \
    $DEV_ARGS --epochs 10 --prune 3.0 --out data/tagger/entities.tsv
