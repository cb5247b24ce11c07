#!/usr/bin/python3
"""Every sheaf call in a test script has its exit status checked.

usage: check_rc.py SCRIPT...

A call is a line that starts with the tests/lib.sh helper `sheaf` or with
"$SHEAF" (with its continuation lines).  It is checked when the call
itself ends in `|| ...` or `&& ...`, or the next line that is not blank
or a comment uses the status: it names rc (assert_rc, "$rc", rc=$?) or
ends the block the call is the last command of (`}`, `fi`, `else`,
`done`), whose caller or branch checks it.  Prints each call that is not
checked as FILE:LINE: text; exit 1 if any.
"""
import re
import sys

CALL = re.compile(r'\s*(sheaf|"\$SHEAF"|\$SHEAF)\s')
USES = re.compile(r'assert_rc|\brc\b|^(\}|(fi|else|done)\b)')


def unchecked(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i, found = 0, []
    while i < len(lines):
        if not CALL.match(lines[i]) or lines[i].lstrip().startswith("sheaf()"):
            i += 1
            continue
        j = i
        while lines[j].rstrip().endswith("\\") and j + 1 < len(lines):
            j += 1
        if not re.search(r"(\|\||&&)\s*(\S.*)?$", lines[j]):
            k = j + 1
            while k < len(lines) and (not lines[k].strip() or
                                      lines[k].strip().startswith("#")):
                k += 1
            nxt = lines[k].strip() if k < len(lines) else ""
            if not USES.search(nxt):
                found.append("%s:%d: %s" % (path, i + 1, lines[i].strip()))
        i = j + 1
    return found


def main(argv):
    bad = [f for p in argv[1:] for f in unchecked(p)]
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
