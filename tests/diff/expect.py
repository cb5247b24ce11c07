#!/usr/bin/python3
"""Independent reference for `sheaf diff`, with the csv and json modules.

usage: expect.py OLD_BAG NEW_BAG OLD_LABEL NEW_LABEL > expected.txt

Reads each bag's data/datapackage.json (tables, schemas, primary keys)
and data/CITATION.cff (title, licence, authors, version), matches rows
by primary key, compares them on the fields both versions have, and
prints what `sheaf diff --format text` must print for two releases that
differ in rows only (same schemas): header lines, one block per table
with rows added (+), changed (~) or removed (-) in key order, and the
bump line.  Nothing is printed for identical releases.
"""
import csv
import json
import sys


def load(bag):
    pkg = json.load(open(bag + "/data/datapackage.json", encoding="utf-8"))
    tables = {}
    for r in pkg["resources"]:
        s = r["schema"]
        missing = s.get("missingValues", [""])
        with open(bag + "/data/" + r["path"], encoding="utf-8",
                  newline="") as f:
            rows = list(csv.reader(f))
        head = rows[0]
        names = [fl["name"] for fl in s["fields"]]
        out = {}
        for row in rows[1:]:
            if not row:
                continue
            v = {n: (None if row[head.index(n)] in missing
                     else row[head.index(n)]) for n in names}
            out[tuple(v[k] for k in s["primaryKey"])] = v
        tables[r["name"]] = (names, s["primaryKey"], out)
    version = None
    for line in open(bag + "/data/CITATION.cff", encoding="utf-8"):
        if line.startswith("version:"):
            version = line.split(":", 1)[1].strip().strip("'\"")
    return pkg["name"], version, tables


def q(v):
    return "null" if v is None else json.dumps(v, ensure_ascii=False)


def keytext(names, k):
    return " ".join("%s=%s" % (n, q(x)) for n, x in zip(names, k))


def keyorder(k):
    # fields compared left to right as UTF-8 byte strings
    return tuple((x or "").encode("utf-8") for x in k)


def main():
    old, new, lo, ln = sys.argv[1:5]
    on, ov, ot = load(old)
    nn, nv, nt = load(new)
    assert sorted(ot) == sorted(nt), "tables differ"
    lines, reason, bump = [], None, "none"
    rank = {"none": 0, "patch": 1, "minor": 2, "major": 3}
    for name in sorted(ot):
        names, pk, a = ot[name]
        nnames, npk, b = nt[name]
        assert names == nnames and pk == npk, "schemas differ: " + name
        ops = []
        for k in b.keys() - a.keys():
            ops.append((keyorder(k), 0, k))
        for k in a.keys() & b.keys():
            if a[k] != b[k]:
                ops.append((keyorder(k), 1, k))
        for k in a.keys() - b.keys():
            ops.append((keyorder(k), 2, k))
        if not ops:
            continue
        n = [sum(1 for o in ops if o[1] == i) for i in range(3)]
        lines.append("table %s: %d added, %d removed, %d changed "
                     "(%d -> %d rows)" % (name, n[0], n[2], n[1], len(a),
                                          len(b)))
        for _, op, k in sorted(ops):
            lines.append("  %s %s" % ("+~-"[op], keytext(pk, k)))
            for f in names:
                if f in pk:
                    continue
                if op == 0:
                    lines.append("      %s: %s" % (f, q(b[k][f])))
                elif op == 2:
                    lines.append("      %s: %s" % (f, q(a[k][f])))
                elif a[k][f] != b[k][f]:
                    lines.append("      %s: %s -> %s" %
                                 (f, q(a[k][f]), q(b[k][f])))
        for i, (what, b_) in enumerate((("added to", "minor"),
                                        ("changed in", "patch"),
                                        ("removed from", "major"))):
            if n[i] and rank[b_] > rank[bump]:
                bump, reason = b_, "rows %s %s" % (what, name)
    if not lines:
        return
    print("--- %s (%s %s)" % (lo, on, ov))
    print("+++ %s (%s %s)" % (ln, nn, nv))
    for line in lines:
        print(line)
    print("bump: %s (%s)" % (bump, reason))


main()
