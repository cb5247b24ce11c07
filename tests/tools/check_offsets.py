#!/usr/bin/python3
"""Check paragraph and mention offsets against the source, independently of
sheaf's C code: normalise(source[char_start:char_end]) == text for every
paragraph, and source[char_start:char_end] == surface for every mention.

The source text is the file decoded as UTF-8 with the BOM removed and
CRLF/CR turned into LF, which is what Python's text mode gives.

usage: check_offsets.py SOURCE.txt PARAGRAPHS.csv [MENTIONS.csv]
"""
import csv
import re
import sys
import unicodedata


def normalise(s):
    s = unicodedata.normalize("NFC", s)
    s = "".join(" " if (unicodedata.category(c) == "Zs" or c in "\n\r\t\v\f\x85\u2028\u2029") else c for c in s)
    return re.sub(" +", " ", s).strip(" ")


def main():
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        src = f.read()
    n = 0
    with open(sys.argv[2], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            s, e = int(row["char_start"]), int(row["char_end"])
            if not 0 <= s < e <= len(src):
                sys.exit(f"{row['paragraph_id']}: bad span {s}-{e}")
            if row["text"] and normalise(src[s:e]) != row["text"]:
                sys.exit(f"{row['paragraph_id']}: normalise(source[{s}:{e}]) != text")
            n += 1
    m = 0
    if len(sys.argv) > 3:
        with open(sys.argv[3], newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                s, e = int(row["char_start"]), int(row["char_end"])
                if row["surface"] and src[s:e] != row["surface"]:
                    sys.exit(f"{row['mention_id']}: source[{s}:{e}] = {src[s:e]!r} != {row['surface']!r}")
                m += 1
    print(f"{n} paragraphs, {m} mentions ok")


main()
