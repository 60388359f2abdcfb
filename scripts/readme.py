#!/usr/bin/env python3
"""Refresh the command outputs shown in README.md (and docs/*.md) from the real tool.

Every block of the form

    <!-- run: guanxi query 'SELECT …' -->
    ```
    …whatever was there…
    ```

is re-run (with `guanxi` = target/release/guanxi on a fresh store of the bundled seeds) and its
output pasted between the fences, prefixed by the command line; `<!-- make: guanxi … -->` lines are
run for their files (the pictures). So the README never shows output the tool does not print.

    cargo build --release && python3 scripts/readme.py README.md
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "guanxi")
BLOCK = re.compile(r"(<!-- run: (.*?) -->\n```[a-z]*\n)(.*?)(```)", re.S)
MAKE = re.compile(r"<!-- make: (.*?) -->")


def main(paths):
    store = os.path.join(tempfile.mkdtemp(prefix="guanxi-readme-"), "store")
    subprocess.run([BIN, "--store", store, "--quiet", "ingest", "seeds/"], cwd=ROOT, check=True)

    def run(match):
        command = match.group(2)
        args = shlex.split(command)
        assert args[0] == "guanxi", command
        # an ingest shown in the docs starts from an empty store
        own = os.path.join(tempfile.mkdtemp(prefix="guanxi-readme-"), "store") if "ingest" in args else store
        env = dict(os.environ, GUANXI_STORE=own)
        out = subprocess.run([BIN] + args[1:], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        text = out.stdout.replace(own, "guanxi-store")
        shown = command.replace("guanxi --store /tmp/store", "guanxi")
        return f"{match.group(1)}$ {shown}\n{text.rstrip()}\n{match.group(4)}"

    for path in paths:
        with open(path, encoding="utf-8") as f:
            content = f.read()
        for command in MAKE.findall(content):
            args = shlex.split(command)
            subprocess.run([BIN] + args[1:], cwd=ROOT, env=dict(os.environ, GUANXI_STORE=store), check=True)
        new = BLOCK.sub(run, content)
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
        print(f"{path}: {len(BLOCK.findall(content))} block(s) refreshed")


if __name__ == "__main__":
    main(sys.argv[1:] or ["README.md"])
