#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes resources/data/postfix-parameters.json from Postfix's postconf(5) manual page.

    tools/postfix-parameter-versions.py postconf.5[.gz] > resources/data/postfix-parameters.json

Each parameter's section (".SH name (default: ...)") is searched for the paragraph Postfix uses
to say when a parameter appeared: one that begins "This feature is available in Postfix X.Y
[and later]". Sentences of that kind inside other paragraphs are about one value or option of the
parameter, not the parameter, and are not used. A parameter with no such paragraph gets null:
the manual states no version for it (it predates the statements, which start with 2.0).
"""
import gzip
import json
import re
import sys

path = sys.argv[1]
opener = gzip.open if path.endswith(".gz") else open
with opener(path, "rt", encoding="utf-8") as f:
    lines = f.read().split("\n")

heading = re.compile(r"^\.SH (\S+) \(default")
since = re.compile(r"^This feature is available in Postfix (\d+\.\d+)(?:\.\d+)?( and later)?\b")
params = {}
current = None
paragraph = []


def end_paragraph():
    if current and paragraph:
        m = since.match(" ".join(paragraph))
        if m:
            params[current].append(m.group(1))
    paragraph.clear()


for line in lines:
    m = heading.match(line)
    if m or line.startswith(".SH ") or line == ".PP":
        end_paragraph()
    if m:
        current = m.group(1)
        params[current] = []
    elif line.startswith(".SH "):
        current = None
    elif current and line != ".PP":
        paragraph.append(line)
end_paragraph()

table = {}
for name, found in sorted(params.items()):
    # Two or more such paragraphs: the manual does not say which one is the parameter's own.
    table[name] = found[0] if len(found) == 1 else None
json.dump({
    "source": sys.argv[2] if len(sys.argv) > 2 else path,
    "meaning": "the Postfix version whose postconf(5) says \"This feature is available in "
               "Postfix X.Y and later\" for the parameter; null: no version stated (older than "
               "those statements)",
    "parameters": table,
}, sys.stdout, indent=1, sort_keys=False, ensure_ascii=False)
sys.stdout.write("\n")
