#!/usr/bin/env python3
"""English plural forms of resources/translations/instana-workbench_en.ts.

  translations.py fill TS      give every unfinished plural message its English forms:
                               "%n span(s)" -> "%n span" / "%n spans", "%n retry(s)" -> "... retries"
  translations.py check TS DIR...
                               fail, naming them, when a tr() text with %n in the sources under DIR
                               has no finished entry in TS (run `packaging/dev.sh translations`)
"""
import html
import pathlib
import re
import sys
import xml.etree.ElementTree as ET


def forms(source):
    def one(m):
        return m.group(1)

    def many(m):
        word = m.group(1)
        return word[:-1] + "ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else word + "s"

    word = re.compile(r"(\w+)\(s\)")
    return word.sub(one, source), word.sub(many, source)


def fill(ts):
    text = pathlib.Path(ts).read_text(encoding="utf-8")
    block = re.compile(
        r'(<message numerus="yes">\s*<source>([^<]*)</source>\s*)<translation type="unfinished">\s*'
        r"<numerusform>[^<]*</numerusform>\s*<numerusform>[^<]*</numerusform>\s*</translation>")

    def replace(m):
        singular, plural = forms(html.unescape(m.group(2)))
        indent = "\n            "
        return (m.group(1) + "<translation>" + indent + "<numerusform>" + html.escape(singular, quote=False)
                + "</numerusform>" + indent + "<numerusform>" + html.escape(plural, quote=False)
                + "</numerusform>\n        </translation>")

    text, count = block.subn(replace, text)
    pathlib.Path(ts).write_text(text, encoding="utf-8")
    print(f"translations: {count} plural message(s) given their English forms")


def check(ts, dirs):
    finished = set()
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if message.get("numerus") == "yes" and translation is not None and translation.get("type") is None:
            if all(f.text for f in translation.findall("numerusform")):
                finished.add(message.findtext("source"))
    literal = re.compile(r'\btr\(\s*"((?:[^"\\]|\\.)*%n(?:[^"\\]|\\.)*)"\s*,')
    missing = []
    for directory in dirs:
        for path in sorted(pathlib.Path(directory).rglob("*")):
            if path.suffix not in (".cpp", ".h"):
                continue
            for m in literal.finditer(path.read_text(encoding="utf-8")):
                source = re.sub(r"\\(.)", lambda e: {"n": "\n", "t": "\t"}.get(e.group(1), e.group(1)), m.group(1))
                if source not in finished:
                    missing.append(f"{path}: {source}")
    if missing:
        print("Plural texts without English forms (run packaging/dev.sh translations):\n  " + "\n  ".join(missing))
        return 1
    print(f"translations: every plural text has its English forms ({len(finished)} in {ts})")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "fill":
        fill(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2], sys.argv[3:]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
