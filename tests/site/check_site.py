#!/usr/bin/python3
"""Check the landing page and figures of a release with tools that are not sheaf.

usage: check_site.py RELEASE_DIR CITATION.cff

For each bag of RELEASE_DIR (OUT/NAME-VERSION), data/index.html:
  - parses with html.parser; its elements are all in a small known set;
    one <script>, of type application/ld+json, whose text json.loads;
  - the JSON-LD is a schema.org Dataset whose name, description,
    version, datePublished, license, creator, keywords come from the
    CITATION.cff (read here with PyYAML), five DataDownload entries
    whose contentUrl, resolved against the page, is a file of the
    release, and variableMeasured = every TABLE.COLUMN of the schemas;
  - every article value shows as text: the documents title, the
    authors and publisher, the CITATION.cff strings, none of them as
    markup (no <b>, <i>, <img>, <em> element, one <script>);
  - three inline SVGs, each byte-equal to data/figures/NAME.svg less
    its XML declaration; each figure file parses as XML with <title>
    and <desc>;
  - the charts hold what the tables say, computed here from the CSV:
    one circle per dated membership (organisation, member, status,
    year), one bar per year and kind of dated treaties and per party,
    one per entity type and per most mentioned entity, and the table
    fallbacks hold the same rows;
  - the bag's manifest lists index.html and the three figures.
Exit status 0 when everything holds, 1 otherwise.
"""
import collections
import csv
import html.parser
import json
import os
import sys
import urllib.parse
import xml.etree.ElementTree as ET

import yaml

FAILS = []
CHECKS = [0]
SVG = "{http://www.w3.org/2000/svg}"
ALLOWED = {"html", "head", "meta", "title", "style", "script", "body",
           "header", "h1", "h2", "h3", "p", "nav", "ul", "li", "a", "main",
           "section", "strong", "code", "cite", "pre", "details", "summary",
           "table", "caption", "thead", "tbody", "tr", "th", "td", "div",
           "figure", "figcaption", "footer", "svg", "rect", "text", "line",
           "circle", "g", "desc"}


def check(cond, msg):
    CHECKS[0] += 1
    if not cond:
        FAILS.append(msg)
        print("FAIL: " + msg, file=sys.stderr)


class Page(html.parser.HTMLParser):
    """Elements, script texts, the text of every td, and the tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = collections.Counter()
        self.scripts = []       # (attrs, text)
        self.text = []
        self.tables = []        # (caption, rows of cell texts)
        self._script = None
        self._cell = None
        self._caption = None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag == "script":
            self._script = (dict(attrs), [])
        elif tag == "table":
            self.tables.append(["", []])
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        elif tag == "caption" and self._caption is not None:
            self.tables[-1][0] = "".join(self._caption)
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)


def table(page, caption):
    """The body rows of the first table with that caption."""
    for cap, rows in page.tables:
        if cap == caption:
            return [r for r in rows[1:]]
    check(False, "no table captioned %r" % caption)
    return []


def read_csv(data, name):
    with open(os.path.join(data, "csv", name + ".csv"), newline="",
              encoding="utf-8") as fp:
        return list(csv.DictReader(fp))


def check_figures(data, page, bag):
    tables = {}
    csvbag = bag.replace("-json", "-csv")
    cdata = os.path.join(csvbag, "data")
    for t in ("entities", "memberships", "treaties", "treaty_parties"):
        tables[t] = read_csv(cdata, t)
    name = {e["entity_id"]: e["name"] for e in tables["entities"]}
    with open(os.path.join(data, "index.html"), encoding="utf-8") as fp:
        text = fp.read()
    svgs = {}
    for fig in ("memberships", "treaties", "entities"):
        path = os.path.join(data, "figures", fig + ".svg")
        with open(path, encoding="utf-8") as fp:
            body = fp.read()
        decl = '<?xml version="1.0" encoding="UTF-8"?>\n'
        check(body.startswith(decl), "%s: XML declaration" % path)
        check(body[len(decl):] in text, "%s is not inline in the page" % fig)
        root = ET.fromstring(body)
        svgs[fig] = root
        check(root.tag == SVG + "svg", "%s: root %s" % (fig, root.tag))
        t, d = root.find(SVG + "title"), root.find(SVG + "desc")
        check(t is not None and t.text, "%s: no <title>" % fig)
        check(d is not None and d.text, "%s: no <desc>" % fig)
        check(int(root.get("width")) > 0 and int(root.get("height")) > 0,
              "%s: size" % fig)

    def titles(root, tag):
        return [el.find(SVG + "title").text for el in root.iter(SVG + tag)
                if el.find(SVG + "title") is not None]

    # memberships: one circle per dated (organisation, member, status, year)
    marks = sorted({(name[m["organization_id"]], name[m["member_id"]],
                     m["status"], m["start"][:4])
                    for m in tables["memberships"] if m["start"]})
    got = sorted(titles(svgs["memberships"], "circle"))
    check(got == sorted("%s, %s, %s" % (m[1], m[2], m[3]) for m in marks),
          "membership marks %s" % got)
    check(sorted(tuple(r) for r in table(
        page, "Dated memberships drawn in the timeline")) == marks,
        "membership fallback table")
    undated = sum(1 for m in tables["memberships"] if not m["start"])
    if undated:
        check(("%d membership%s without a start year" %
               (undated, "" if undated == 1 else "s")) in text,
              "undated memberships not named")
    # treaties per year and kind, then parties
    per = collections.Counter((t["date"][:4], t["kind"])
                              for t in tables["treaties"] if t["date"])
    parties = collections.Counter(name[p["entity_id"]]
                                  for p in tables["treaty_parties"])
    top = sorted(parties.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    want = sorted(["%s, %s: %d" % (y, k, n) for (y, k), n in per.items()] +
                  ["%s: %d" % kv for kv in top])
    got = sorted(titles(svgs["treaties"], "rect"))
    check(got == want, "treaty bars %s, want %s" % (got, want))
    check(table(page, "Dated treaties per year and kind") ==
          [[y, k, str(n)] for (y, k), n in sorted(per.items())],
          "treaty fallback table")
    check(table(page, "Parties most often named") ==
          [[p, str(n)] for p, n in top], "party fallback table")
    # entities by type, most mentioned
    types = collections.Counter(e["type"] for e in tables["entities"])
    tt = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
    men = sorted(tables["entities"], key=lambda e: (
        -int(e["mention_count"]), e["name"], e["entity_id"]))[:10]
    want = sorted(["%s: %d" % kv for kv in tt] +
                  ["%s: %s" % (e["name"], e["mention_count"]) for e in men])
    got = sorted(titles(svgs["entities"], "rect"))
    check(got == want, "entity bars %s, want %s" % (got, want))
    check(table(page, "Entities by type") ==
          [[k, str(n), k][:2] for k, n in tt], "entity type fallback")
    check(table(page, "Most mentioned entities") ==
          [[e["name"], e["mention_count"], e["type"]] for e in men],
          "most mentioned fallback")


def check_jsonld(ld, cff, rel, data, schemas):
    check(ld.get("@context") == "https://schema.org/", "@context")
    check(ld.get("@type") == "Dataset", "@type")
    check(ld.get("name") == cff["title"], "name %r" % ld.get("name"))
    check(ld.get("description") == cff["abstract"], "description")
    check(ld.get("version") == os.path.basename(rel).rsplit("-", 1)[1],
          "version")
    check(ld.get("license") == "https://spdx.org/licenses/%s.html" %
          cff["license"], "license")
    want = []
    for a in cff["authors"]:
        if "name" in a:
            want.append({"@type": "Organization", "name": a["name"]})
        else:
            want.append({"@type": "Person", "name": " ".join(
                a[k] for k in ("given-names", "name-particle",
                               "family-names", "name-suffix") if k in a)})
    check(ld.get("creator") == want, "creator %r" % ld.get("creator"))
    check(ld.get("keywords") == cff.get("keywords", []), "keywords")
    with open(os.path.join(data, "CITATION.cff"), encoding="utf-8") as fp:
        stamped = yaml.safe_load(fp)
    check(ld.get("datePublished") == str(stamped["date-released"]),
          "datePublished")
    dist = ld.get("distribution", [])
    check(len(dist) == 5, "%d distributions" % len(dist))
    formats = {".tar.gz": "application/gzip", ".zip": "application/zip",
               ".sqlite": "application/vnd.sqlite3"}
    base = "file://" + os.path.abspath(data) + "/index.html"
    for d in dist:
        check(d.get("@type") == "DataDownload", "DataDownload")
        url = urllib.parse.urljoin(base, d.get("contentUrl", ""))
        path = urllib.parse.urlparse(url).path
        check(os.path.isfile(path) and os.path.dirname(path) == rel,
              "contentUrl %s is not a file of the release" %
              d.get("contentUrl"))
        ext = [e for e in formats if path.endswith(e)]
        check(ext and d.get("encodingFormat") == formats[ext[0]],
              "encodingFormat of %s" % path)
    want = []
    for t, fields in schemas:
        want += ["%s.%s" % (t, f["name"]) for f in fields]
    got = [v.get("name") for v in ld.get("variableMeasured", [])]
    check(got == want, "variableMeasured")


def main(argv):
    rel = os.path.abspath(argv[1])
    with open(argv[2], encoding="utf-8") as fp:
        cff = yaml.safe_load(fp)
    name = os.path.basename(rel)
    for fl in ("csv", "json"):
        bag = os.path.join(rel, "%s-%s" % (name, fl))
        data = os.path.join(bag, "data")
        with open(os.path.join(data, "index.html"), encoding="utf-8") as fp:
            text = fp.read()
        page = Page()
        page.feed(text)
        page.close()
        check(set(page.tags) <= ALLOWED, "unexpected elements %s" %
              (set(page.tags) - ALLOWED))
        check(page.tags["script"] == 1 and len(page.scripts) == 1 and
              page.scripts[0][0].get("type") == "application/ld+json",
              "scripts: %s" % page.scripts)
        with open(os.path.join(data, "datapackage.json")) as fp:
            dp = json.load(fp)
        schemas = [(r["name"], r["schema"]["fields"]) for r in
                   dp["resources"]]
        try:
            ld = json.loads(page.scripts[0][1])
        except (ValueError, IndexError) as e:
            check(False, "JSON-LD does not parse: %s" % e)
            ld = {}
        check_jsonld(ld, cff, rel, data, schemas)
        shown = "".join(page.text)
        docs = read_csv(os.path.join(rel, name + "-csv", "data"),
                        "documents")
        for d in docs:
            for k in ("title", "authors", "publisher"):
                check(d[k] in shown, "documents.%s %r not shown as text" %
                      (k, d[k]))
        check(cff["title"] in shown and cff["message"] in shown,
              "citation strings not shown as text")
        check(page.tags["svg"] == 3, "%d inline SVGs" % page.tags["svg"])
        check_figures(data, page, bag)
        with open(os.path.join(bag, "manifest-sha256.txt")) as fp:
            listed = {l.split("  ", 1)[1] for l in fp.read().splitlines()}
        for f in ("index.html", "figures/memberships.svg",
                  "figures/treaties.svg", "figures/entities.svg"):
            check("data/" + f in listed, "manifest lacks data/" + f)
    print("%s: %d checks, %d failed" % (name, CHECKS[0], len(FAILS)))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
