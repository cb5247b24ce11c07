#!/usr/bin/python3
"""Check a published sheaf release with tools that are not sheaf.

usage: check_release.py RELEASE_DIR [--omit-text] [--no-pandas]
                        [--date YYYY-MM-DD]

RELEASE_DIR is OUT/NAME-VERSION.  Checks, each failure printed:
  - the layout: two bags, four archives, NAME-VERSION.sqlite and its
    NAME-VERSION.metadata.json (Datasette), NAME-VERSION.sha256;
  - the database with Python's sqlite3: integrity_check ok,
    foreign_key_check empty, every table's columns, declared types,
    NOT NULL, primary and foreign keys as its schema says, an index on
    every foreign key, every row equal to the CSV's (integers as
    integers, missing values NULL), metadata and codebook, the two
    views joined right; metadata.json names every table and column;
  - `sha256sum -c` on the checksum file; `tar -tzf`; `unzip -t`;
    `bsdtar -tf` on the zips;
  - the archives hold exactly the bags, byte for byte, one top-level
    folder, sorted names, mtime = release date 00:00 UTC, uid/gid 0,
    no owner names, modes 0644/0755, a gzip header without name or time;
  - each bag: bagit.txt byte-exact, every manifest and tag manifest
    recomputed with hashlib, Payload-Oxum, bag-info labels;
  - CITATION.cff against the CFF 1.2.0 JSON Schema; datapackage.json
    against the Frictionless v1 tabular-data-package profile, with
    bytes and hashes recomputed;
  - every CSV read with the csv module (header = schema fields);
    pandas loads every table with the dtypes its schema implies, and
    the README's own pandas code gives the same frames and row counts
    (not with --no-pandas: pandas is a development tool, `make
    dev-deps`; tests/cli/release_pandas.sh runs these checks);
  - source/ holds each article whose SHA-256 documents.csv records
    (absent with --omit-text).
Exit status 0 when everything holds, 1 otherwise.
"""
import csv
import datetime
import gzip
import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import zipfile

import jsonschema
import yaml

pd = None   # pandas, imported by main() unless --no-pandas

HERE = os.path.dirname(os.path.abspath(__file__))
STD = os.path.join(HERE, "..", "standards")
FAILS = []
CHECKS = [0]

PANDAS = {"string": "string", "integer": "Int64", "number": "Float64",
          "boolean": "boolean", "year": "Int64"}


def check(cond, msg):
    CHECKS[0] += 1
    if not cond:
        FAILS.append(msg)
        print("FAIL: " + msg)
    return cond


def run(args, cwd=None):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def sha(path, alg):
    h = hashlib.new(alg)
    with open(path, "rb") as fp:
        for block in iter(lambda: fp.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def walk(root):
    """Relative paths of the files below root, sorted."""
    out = []
    for d, dirs, files in os.walk(root):
        for f in files:
            out.append(os.path.relpath(os.path.join(d, f), root)
                       .replace(os.sep, "/"))
    return sorted(out)


def check_archives(rel, name, date):
    epoch = int(datetime.datetime.strptime(date, "%Y-%m-%d").replace(
        tzinfo=datetime.timezone.utc).timestamp())
    rc, out, err = run(["sha256sum", "-c", name + ".sha256"], cwd=rel)
    check(rc == 0, "sha256sum -c %s.sha256: %s%s" % (name, out, err))
    with open(os.path.join(rel, name + ".sha256")) as fp:
        listed = [l.split("  ", 1)[1] for l in fp.read().splitlines()]
    want = sorted("%s-%s.%s" % (name, fl, ext) for fl in ("csv", "json")
                  for ext in ("tar.gz", "zip")) + \
        [name + ".sqlite", name + ".metadata.json"]
    check(listed == want, "checksum file lists %s" % listed)
    for fl in ("csv", "json"):
        top = "%s-%s" % (name, fl)
        bag = os.path.join(rel, top)
        files = walk(bag)
        tgz = os.path.join(rel, top + ".tar.gz")
        rc, out, err = run(["tar", "-tzf", tgz])
        check(rc == 0, "tar -tzf %s: %s" % (tgz, err))
        names = out.splitlines()
        check(names == sorted(names), "%s: entries not sorted" % tgz)
        check(all(n == top + "/" or n.startswith(top + "/") for n in names),
              "%s: not one top-level folder %s/" % (tgz, top))
        with open(tgz, "rb") as fp:
            head = fp.read(10)
        check(head[:4] == b"\x1f\x8b\x08\x00" and head[4:8] == b"\0\0\0\0",
              "%s: gzip header has a name or a time: %r" % (tgz, head))
        with tarfile.open(tgz, "r:gz") as tf:
            got = []
            for m in tf.getmembers():
                check(m.uid == 0 and m.gid == 0 and m.uname == "" and
                      m.gname == "", "%s: %s owner %d/%d %r/%r" %
                      (tgz, m.name, m.uid, m.gid, m.uname, m.gname))
                check(m.mtime == epoch, "%s: %s mtime %d, want %d" %
                      (tgz, m.name, m.mtime, epoch))
                check(m.isdir() or m.isfile(), "%s: %s type" % (tgz, m.name))
                check(m.mode == (0o755 if m.isdir() else 0o644),
                      "%s: %s mode %o" % (tgz, m.name, m.mode))
                check(not m.pax_headers, "%s: %s has pax headers" %
                      (tgz, m.name))
                if m.isfile():
                    rel_name = m.name[len(top) + 1:]
                    got.append(rel_name)
                    data = tf.extractfile(m).read()
                    with open(os.path.join(bag, rel_name), "rb") as fp:
                        check(fp.read() == data, "%s: %s differs from "
                              "the bag" % (tgz, m.name))
            check(sorted(got) == files, "%s: files %s, bag has %s" %
                  (tgz, got, files))
        z = os.path.join(rel, top + ".zip")
        rc, out, err = run(["unzip", "-t", z])
        check(rc == 0 and "No errors detected" in out,
              "unzip -t %s: %s%s" % (z, out[-300:], err))
        rc, out, err = run(["bsdtar", "-tf", z])
        check(rc == 0, "bsdtar -tf %s: %s" % (z, err))
        with zipfile.ZipFile(z) as zf:
            infos = zf.infolist()
            zn = [i.filename for i in infos]
            check(zn == sorted(zn), "%s: entries not sorted" % z)
            got = []
            for i in infos:
                check(i.date_time == tuple(int(x) for x in date.split("-"))
                      + (0, 0, 0), "%s: %s date %s" % (z, i.filename,
                                                       i.date_time))
                mode = i.external_attr >> 16
                check(mode == (0o40755 if i.is_dir() else 0o100644),
                      "%s: %s mode %o" % (z, i.filename, mode))
                if not i.is_dir():
                    rel_name = i.filename[len(top) + 1:]
                    got.append(rel_name)
                    with open(os.path.join(bag, rel_name), "rb") as fp:
                        check(fp.read() == zf.read(i), "%s: %s differs "
                              "from the bag" % (z, i.filename))
            check(sorted(got) == files, "%s: files differ from the bag" % z)


def manifest_lines(bag, files, alg):
    return "".join("%s  %s\n" % (sha(os.path.join(bag, f), alg), f)
                   for f in sorted(files))


def check_bag(bag, name, version, date, fl):
    with open(os.path.join(bag, "bagit.txt"), "rb") as fp:
        check(fp.read() == b"BagIt-Version: 1.0\n"
              b"Tag-File-Character-Encoding: UTF-8\n",
              "%s/bagit.txt not byte-exact" % bag)
    files = walk(bag)
    payload = [f for f in files if f.startswith("data/")]
    for alg in ("sha256", "sha512"):
        with open(os.path.join(bag, "manifest-%s.txt" % alg)) as fp:
            check(fp.read() == manifest_lines(bag, payload, alg),
                  "%s/manifest-%s.txt does not match a hashlib "
                  "recomputation" % (bag, alg))
    tags = ["bag-info.txt", "bagit.txt", "manifest-sha256.txt",
            "manifest-sha512.txt"]
    check(sorted(f for f in files if not f.startswith("data/")) ==
          sorted(tags + ["tagmanifest-sha256.txt",
                         "tagmanifest-sha512.txt"]),
          "%s: tag files %s" % (bag, files))
    for alg in ("sha256", "sha512"):
        with open(os.path.join(bag, "tagmanifest-%s.txt" % alg)) as fp:
            check(fp.read() == manifest_lines(bag, tags, alg),
                  "%s/tagmanifest-%s.txt does not match" % (bag, alg))
    info = {}
    with open(os.path.join(bag, "bag-info.txt"), encoding="utf-8") as fp:
        for line in fp.read().splitlines():
            k, v = line.split(": ", 1)
            check(k not in info, "%s: bag-info label %s repeated" % (bag, k))
            info[k] = v
    for k in ("Source-Organization", "External-Description",
              "External-Identifier", "Bagging-Date", "Bag-Software-Agent",
              "Payload-Oxum", "Bag-Size", "Version"):
        check(k in info, "%s: bag-info.txt lacks %s" % (bag, k))
    size = sum(os.path.getsize(os.path.join(bag, f)) for f in payload)
    check(info.get("Payload-Oxum") == "%d.%d" % (size, len(payload)),
          "%s: Payload-Oxum %s, payload %d.%d" %
          (bag, info.get("Payload-Oxum"), size, len(payload)))
    check(info.get("Bagging-Date") == date, "%s: Bagging-Date" % bag)
    check(info.get("Version") == version, "%s: Version" % bag)
    check(info.get("External-Identifier") == "%s-%s" % (name, fl),
          "%s: External-Identifier" % bag)
    check(re.match(r"^sheaf \d+\.\d+\.\d+", info.get("Bag-Software-Agent",
                                                     "")) is not None,
          "%s: Bag-Software-Agent" % bag)
    return payload


def check_metadata(data, version, date, fl, ndocs):
    with open(os.path.join(STD, "cff-1.2.0.schema.json")) as fp:
        cff_schema = json.load(fp)
    with open(os.path.join(data, "CITATION.cff"), encoding="utf-8") as fp:
        cff = yaml.safe_load(fp)
    try:
        jsonschema.Draft7Validator(cff_schema).validate(cff)
        check(True, "")
    except jsonschema.ValidationError as e:
        check(False, "%s/CITATION.cff: CFF schema: %s" % (data, e.message))
    check(cff.get("type") == "dataset", "CITATION.cff type")
    check(cff.get("version") == version, "CITATION.cff version %r" %
          cff.get("version"))
    check(cff.get("date-released") == date, "CITATION.cff date-released")
    refs = [r for r in cff.get("references", [])
            if r.get("type") == "newspaper-article"]
    check(len(refs) == ndocs, "CITATION.cff: %d article references, %d "
          "documents" % (len(refs), ndocs))

    with open(os.path.join(STD, "release-tabular-data-package-v1.json")) \
            as fp:
        profile = json.load(fp)
    with open(os.path.join(data, "datapackage.json"), encoding="utf-8") \
            as fp:
        dp = json.load(fp)
    try:
        jsonschema.Draft4Validator(profile).validate(dp)
        check(True, "")
    except jsonschema.ValidationError as e:
        check(False, "%s/datapackage.json: tabular-data-package profile: "
              "%s at %s" % (data, e.message, list(e.path)))
    check(dp.get("profile") == "tabular-data-package", "dp profile")
    check(dp.get("version") == version, "dp version")
    check(dp.get("created") == date + "T00:00:00Z", "dp created")
    check(len(dp.get("sources", [])) == ndocs, "dp sources")
    for r in dp["resources"]:
        p = os.path.join(data, r["path"])
        check(r["profile"] == "tabular-data-resource", "resource profile")
        check(r["format"] == fl and r["encoding"] == "utf-8",
              "%s format/encoding" % r["path"])
        check(r["mediatype"] == ("text/csv" if fl == "csv" else
                                 "application/json"), "mediatype")
        check(r["bytes"] == os.path.getsize(p), "%s bytes" % r["path"])
        check(r["hash"] == "sha256:" + sha(p, "sha256"), "%s hash" %
              r["path"])
        with open(os.path.join(data, "schemas", r["name"] + ".json"),
                  encoding="utf-8") as fp:
            check(r["schema"] == json.load(fp), "%s: inline schema differs "
                  "from schemas/%s.json" % (r["path"], r["name"]))
    return dp


def frame_csv(path, fields):
    dtype, dates = {}, []
    for f in fields:
        t = f.get("type", "string")
        if t in ("date", "datetime"):
            dates.append(f["name"])
        else:
            dtype[f["name"]] = PANDAS.get(t, "string")
    return pd.read_csv(path, dtype=dtype, parse_dates=dates or False,
                       keep_default_na=False, na_values=[""])


def frame_json(path, fields):
    with open(path, encoding="utf-8") as fp:
        rows = json.load(fp)
    cols = [f["name"] for f in fields]
    df = pd.DataFrame.from_records(rows, columns=cols)
    return df.astype({f["name"]: PANDAS.get(f.get("type", "string"),
                                            "string") for f in fields})


def readme_code(data, lang):
    with open(os.path.join(data, "README.md"), encoding="utf-8") as fp:
        text = fp.read()
    m = re.search(r"```%s\n(.*?)```" % lang, text, re.S)
    return text, (m.group(1) if m else None)


def check_tables(data, dp, fl):
    rows = {}
    for r in dp["resources"]:
        p = os.path.join(data, r["path"])
        fields = r["schema"]["fields"]
        names = [f["name"] for f in fields]
        if fl == "csv":
            with open(p, newline="", encoding="utf-8") as fp:
                recs = list(csv.reader(fp, strict=True))
            check(recs and recs[0] == names, "%s: header %s, schema %s" %
                  (p, recs[0] if recs else None, names))
            check(all(len(x) == len(names) for x in recs),
                  "%s: a row has the wrong number of fields" % p)
            n = len(recs) - 1
            df = frame_csv(p, fields) if pd else \
                [dict(zip(names, x)) for x in recs[1:]]
        else:
            with open(p, encoding="utf-8") as fp:
                arr = json.load(fp)
            check(isinstance(arr, list) and all(list(o) == names
                                                for o in arr),
                  "%s: objects do not have the schema's keys" % p)
            n = len(arr)
            df = frame_json(p, fields) if pd else arr
        rows[r["name"]] = df
        if not pd:
            continue
        check(len(df) == n, "%s: pandas read %d rows, file has %d" %
              (p, len(df), n))
        check(list(df.columns) == names, "%s: pandas columns" % p)
        for f in fields:
            want = PANDAS.get(f.get("type", "string"), "string")
            if f.get("type") in ("date", "datetime"):
                continue
            check(str(df[f["name"]].dtype) == want, "%s: %s dtype %s, "
                  "want %s" % (p, f["name"], df[f["name"]].dtype, want))
    # The README's own pandas code, run here, gives the same frames.
    text, code = readme_code(data, "python")
    if check(code is not None, "%s/README.md: no python block" % data) \
            and pd:
        cwd = os.getcwd()
        os.chdir(data)
        env = {}
        try:
            exec(compile(code, "README.md", "exec"), env)
        except Exception as e:  # report, do not crash
            check(False, "%s/README.md python code fails: %r" % (data, e))
        finally:
            os.chdir(cwd)
        for name, df in rows.items():
            got = env.get(name)
            if check(got is not None, "README code defines no %s" % name):
                check(got.equals(df), "README code reads %s differently"
                      % name)
    for name, df in rows.items():
        check(re.search(r"\| `%s/%s\.%s` \| .*\(%d rows?\)" %
                        (fl, name, fl, len(df)), text) is not None,
              "README.md does not give %s's %d rows" % (name, len(df)))
    for section in ("## Contents", "## Licence and rights", "## Tables",
                    "## Provenance", "## How to cite",
                    "## Checking the files", "## Loading the tables"):
        check(section in text, "README.md lacks %s" % section)
    return rows


def check_sources(data, docs, omit):
    src = os.path.join(data, "source")
    if omit:
        check(not os.path.exists(src), "%s exists with --omit-text" % src)
        return
    for d in (docs.to_dict("records") if pd else docs):
        p = os.path.join(src, d["document_id"] + ".txt")
        if check(os.path.isfile(p), "missing %s" % p):
            check(sha(p, "sha256") == d["source_sha256"],
                  "%s: SHA-256 differs from documents.source_sha256" % p)
    check(len(os.listdir(src)) == len(docs), "%s: %d files, %d documents"
          % (src, len(os.listdir(src)), len(docs)))


SQLTYPE = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER",
           "year": "INTEGER"}


def check_sqlite(rel, name, version, date):
    """The SQLite flavour against the CSV bag, read with Python's sqlite3."""
    data = os.path.join(rel, name + "-csv", "data")
    with open(os.path.join(data, "datapackage.json")) as fp:
        dp = json.load(fp)
    path = os.path.join(rel, name + ".sqlite")
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    with open(path, "rb") as fp:
        head = fp.read(100)
    check(head[16:18] == b"\x10\x00", "page size %r, want 4096" % head[16:18])
    check(db.execute("PRAGMA integrity_check").fetchall() == [("ok",)],
          "integrity_check")
    check(db.execute("PRAGMA foreign_key_check").fetchall() == [],
          "foreign_key_check")
    meta = dict(db.execute("SELECT key, value FROM metadata"))
    check(meta.get("name") + "-" + meta.get("version") == name and
          meta.get("date_released") == date and
          meta.get("license") == " AND ".join(l["name"] for l in
                                               dp["licenses"]) and
          "date-released: " in meta.get("citation_cff", ""),
          "metadata table %s" % sorted(meta))
    with open(os.path.join(rel, name + ".metadata.json")) as fp:
        ds = json.load(fp)
    dtabs = ds.get("databases", {}).get(name, {}).get("tables", {})
    book = db.execute('SELECT "table", "column", type, required FROM '
                      'codebook ORDER BY "table", position').fetchall()
    want_book = []
    for r in sorted(dp["resources"], key=lambda r: r["name"]):
        for f in r["schema"]["fields"]:
            want_book.append((r["name"], f["name"], f.get("type", "string"),
                              int(f.get("constraints", {}).get(
                                  "required", False))))
    check(book == want_book, "codebook table")
    for r in dp["resources"]:
        t, sch = r["name"], r["schema"]
        fields = sch["fields"]
        cols = db.execute('PRAGMA table_info("%s")' % t).fetchall()
        check([(c[1], c[2], c[3]) for c in cols] ==
              [(f["name"], SQLTYPE.get(f.get("type"), "TEXT"),
                int(f.get("constraints", {}).get("required", False)))
               for f in fields], "%s: columns %s" % (t, cols))
        pk = sch.get("primaryKey", [])
        pk = [pk] if isinstance(pk, str) else pk
        check([c[1] for c in sorted(cols, key=lambda c: c[5]) if c[5]] == pk,
              "%s: primary key" % t)
        fks = {}
        for row in db.execute('PRAGMA foreign_key_list("%s")' % t):
            fks.setdefault(row[0], []).append((row[2], row[3], row[4]))
        want_fk = []
        for fk in sch.get("foreignKeys", []):
            fs = fk["fields"] if isinstance(fk["fields"], list) else \
                [fk["fields"]]
            rf = fk["reference"]["fields"]
            rf = rf if isinstance(rf, list) else [rf]
            want_fk.append([(fk["reference"]["resource"] or t, a, b)
                            for a, b in zip(fs, rf)])
        check(sorted(fks.values()) == sorted(want_fk),
              "%s: foreign keys %s" % (t, sorted(fks.values())))
        indexed = set()
        for ix in db.execute('PRAGMA index_list("%s")' % t).fetchall():
            icols = [c[2] for c in db.execute('PRAGMA index_info("%s")' %
                                              ix[1])]
            for k in range(1, len(icols) + 1):
                indexed.add(tuple(icols[:k]))
        for fk in want_fk:
            check(tuple(a for _, a, _ in fk) in indexed,
                  "%s: no index on %s" % (t, fk))
        with open(os.path.join(data, r["path"]), newline="",
                  encoding="utf-8") as fp:
            rows = list(csv.reader(fp))[1:]
        want = []
        for row in rows:
            out = []
            for f, v in zip(fields, row):
                if v == "":
                    out.append(None)
                elif f.get("type") == "integer":
                    out.append(int(v))
                else:
                    out.append(v)
            want.append(tuple(out))
        got = db.execute('SELECT * FROM "%s" ORDER BY rowid' % t).fetchall()
        check(got == want, "%s: %d rows in the database differ from the "
              "CSV's %d" % (t, len(got), len(want)))
        check(set(dtabs.get(t, {}).get("columns", {})) ==
              {f["name"] for f in fields if f.get("description")},
              "metadata.json: columns of %s" % t)
    names = {r["name"] for r in dp["resources"]}
    if {"memberships", "entities"} <= names:
        got = db.execute("SELECT membership_id, organization_name, "
                         "member_name FROM memberships_named ORDER BY "
                         "membership_id").fetchall()
        want = db.execute("SELECT m.membership_id, o.name, e.name FROM "
                          "memberships m, entities o, entities e WHERE "
                          "o.entity_id = m.organization_id AND e.entity_id "
                          "= m.member_id ORDER BY m.membership_id").fetchall()
        check(got == want, "memberships_named")
    if {"treaty_parties", "treaties", "entities"} <= names:
        got = db.execute("SELECT treaty_id, entity_id, treaty_kind, "
                         "entity_name "
                         "FROM treaty_parties_named ORDER BY treaty_id, "
                         "entity_id").fetchall()
        want = db.execute("SELECT p.treaty_id, p.entity_id, t.kind, e.name "
                          "FROM treaty_parties p, treaties t, entities e "
                          "WHERE t.treaty_id = p.treaty_id AND e.entity_id "
                          "= p.entity_id ORDER BY 1, 2").fetchall()
        check(got == want, "treaty_parties_named")
    db.close()


def main(argv):
    global pd
    omit = "--omit-text" in argv
    if "--no-pandas" not in argv:
        import pandas
        pd = pandas
    args = [a for a in argv[1:] if a not in ("--omit-text", "--no-pandas")]
    date = None
    if "--date" in args:
        i = args.index("--date")
        date = args[i + 1]
        del args[i:i + 2]
    rel = os.path.abspath(args[0])
    name = os.path.basename(rel)
    top = sorted(os.listdir(rel))
    check(top == sorted([name + ".sha256", name + ".sqlite",
                         name + ".metadata.json"] +
                        ["%s-%s%s" % (name, fl, e) for fl in ("csv", "json")
                         for e in ("", ".tar.gz", ".zip")]),
          "%s holds %s" % (rel, top))
    frames = {}
    for fl in ("csv", "json"):
        bag = os.path.join(rel, "%s-%s" % (name, fl))
        with open(os.path.join(bag, "bag-info.txt"), encoding="utf-8") as fp:
            info = dict(l.split(": ", 1) for l in fp.read().splitlines())
        version, bdate = info["Version"], info["Bagging-Date"]
        date = date or bdate
        check(bdate == date, "Bagging-Date %s, want %s" % (bdate, date))
        check(name.endswith("-" + version), "%s: version %s" % (name,
                                                                 version))
        check_bag(bag, name, version, date, fl)
        data = os.path.join(bag, "data")
        with open(os.path.join(data, "datapackage.json")) as fp:
            with open(os.path.join(data, fl, "documents." + fl),
                      newline="", encoding="utf-8") as tf:
                ndocs = len(json.load(tf)) if fl == "json" else \
                    len(list(csv.reader(tf))) - 1
        dp = check_metadata(data, version, date, fl, ndocs)
        frames[fl] = check_tables(data, dp, fl)
        check_sources(data, frames[fl]["documents"], omit)
    for t, df in frames["csv"].items():
        check(len(df) == len(frames["json"][t]), "%s: %d CSV rows, %d "
              "JSON rows" % (t, len(df), len(frames["json"][t])))
    check_archives(rel, name, date)
    check_sqlite(rel, name, version, date)
    print("%s: %d checks, %d failed%s" % (name, CHECKS[0], len(FAILS),
                                          "" if pd else " (no pandas)"))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
