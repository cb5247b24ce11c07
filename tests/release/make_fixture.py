#!/usr/bin/python3
"""Regenerate the release test fixture in tests/release/ (run by hand).

Writes schemas/<table>.json (Frictionless Table Schemas shaped like the
ones in schemas/, but owned by these tests), and a staging payload as
`sheaf build` lays it out before publishing:
  payload/csv/<table>.csv, payload/json/<table>.json,
  payload/json/<table>.schema.json, payload/source/<document_id>.txt
from two short invented articles.  The data are made up for testing.
"""
import csv
import hashlib
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

ROLES = ["title", "subtitle", "heading", "body", "caption", "credit",
         "author_note", "boilerplate"]
ETYPES = ["country", "region", "city", "organization", "person", "group",
          "event", "law", "other"]
ESOURCES = ["lexicon", "acronym", "pattern"]
MFORMS = ["name", "acronym", "adjective", "metonym"]
CERTAINTY = ["certain", "probable", "possible"]
PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def f(name, typ, desc, **kw):
    d = {"name": name, "type": typ, "description": desc}
    cons = {}
    for k in ("required", "unique", "enum", "minimum", "pattern"):
        if k in kw:
            cons[k] = kw.pop(k)
    if cons:
        d["constraints"] = cons
    d.update(kw)
    return d


def fk(field, table, ref):
    return {"fields": field, "reference": {"resource": table, "fields": ref}}


SCHEMAS = {
    "documents": {
        "title": "Documents",
        "description": "One row per source article.",
        "fields": [
            f("document_id", "string", "Stable id of the article.",
              required=True, unique=True, pattern="^[a-z0-9][a-z0-9-]*$"),
            f("source_file", "string", "File name of the article as given."),
            f("source_sha256", "string", "SHA-256 of the article's bytes.",
              required=True, pattern="^[0-9a-f]{64}$"),
            f("title", "string", "Headline."),
            f("subtitle", "string", "Standfirst, if any."),
            f("authors", "string", "Bylines, separated by '; '."),
            f("publisher", "string", "Publication."),
            f("published", "string", "Publication date (partial ISO 8601).",
              pattern=PARTIAL_DATE),
            f("url", "string", "Where the article was published.",
              format="uri"),
            f("language", "string", "BCP 47 language tag."),
            f("char_count", "integer", "Code points in the article.",
              required=True, minimum=0),
            f("word_count", "integer", "Words in the article.",
              required=True, minimum=0),
            f("paragraph_count", "integer", "Paragraphs in the article.",
              required=True, minimum=0),
        ],
        "primaryKey": ["document_id"],
    },
    "paragraphs": {
        "title": "Paragraphs",
        "description": "One row per paragraph of an article.",
        "fields": [
            f("paragraph_id", "string", "Stable id: document id and ordinal.",
              required=True, unique=True),
            f("document_id", "string", "The article.", required=True),
            f("ordinal", "integer", "Position in the article, from 1.",
              required=True, minimum=1),
            f("role", "string", "What the paragraph is.", required=True,
              enum=ROLES),
            f("section", "string", "Heading in force, if any."),
            f("text", "string", "Normalised text (empty with --omit-text)."),
            f("text_sha256", "string", "SHA-256 of the normalised text.",
              required=True, pattern="^[0-9a-f]{64}$"),
            f("char_start", "integer", "First code point (0-based).",
              required=True, minimum=0),
            f("char_end", "integer", "Code point after the last.",
              required=True, minimum=0),
            f("word_count", "integer", "Words in the paragraph.",
              required=True, minimum=0),
        ],
        "primaryKey": ["paragraph_id"],
        "foreignKeys": [fk(["document_id"], "documents", ["document_id"])],
    },
    "entities": {
        "title": "Entities",
        "description": "One row per distinct entity in the corpus.",
        "fields": [
            f("entity_id", "string", "Stable id, e.g. country/CHN.",
              required=True, unique=True),
            f("name", "string", "Canonical name.", required=True),
            f("type", "string", "Kind of entity.", required=True,
              enum=ETYPES),
            f("iso3", "string", "ISO 3166-1 alpha-3 (countries).",
              pattern="^[A-Z]{3}$"),
            f("cow_ccode", "string", "Correlates of War state code.",
              pattern="^[0-9]{1,4}$"),
            f("acronym", "string", "Acronym, if any."),
            f("mention_count", "integer", "Mentions in the corpus.",
              required=True, minimum=0),
            f("first_paragraph_id", "string", "First paragraph naming it."),
            f("source", "string", "How it was found.", required=True,
              enum=ESOURCES),
        ],
        "primaryKey": ["entity_id"],
    },
    "mentions": {
        "title": "Mentions",
        "description": "One row per mention of an entity.",
        "fields": [
            f("mention_id", "string", "Paragraph id and offset.",
              required=True, unique=True),
            f("document_id", "string", "The article.", required=True),
            f("paragraph_id", "string", "The paragraph.", required=True),
            f("entity_id", "string", "The entity.", required=True),
            f("char_start", "integer", "First code point.", required=True,
              minimum=0),
            f("char_end", "integer", "Code point after the last.",
              required=True, minimum=0),
            f("surface", "string", "Text as written."),
            f("form", "string", "How the entity is named.", required=True,
              enum=MFORMS),
        ],
        "primaryKey": ["mention_id"],
        "foreignKeys": [
            fk(["document_id"], "documents", ["document_id"]),
            fk(["paragraph_id"], "paragraphs", ["paragraph_id"]),
            fk(["entity_id"], "entities", ["entity_id"]),
        ],
    },
    "treaties": {
        "title": "Treaties",
        "description": "One row per treaty or agreement reported.",
        "fields": [
            f("treaty_id", "string", "Stable id.", required=True,
              unique=True),
            f("document_id", "string", "The article.", required=True),
            f("kind", "string", "Kind of instrument.", required=True,
              enum=["treaty", "agreement", "memorandum", "convention",
                    "aggregate"]),
            f("status", "string", "Reported status.",
              enum=["signed", "ratified", "proposed", "in_force"]),
            f("date", "string", "Date reported.", pattern=PARTIAL_DATE),
            f("date_precision", "string", "Precision of date.",
              enum=["year", "month", "day"]),
            f("certainty", "string", "Confidence in the reading.",
              required=True, enum=CERTAINTY),
            f("count", "integer", "Number of instruments (aggregates).",
              minimum=0),
            f("paragraph_id", "string", "Evidence paragraph.",
              required=True),
            f("evidence", "string", "The sentence (empty with --omit-text)."),
        ],
        "primaryKey": ["treaty_id"],
        "foreignKeys": [
            fk(["document_id"], "documents", ["document_id"]),
            fk(["paragraph_id"], "paragraphs", ["paragraph_id"]),
        ],
    },
    "treaty_parties": {
        "title": "Treaty parties",
        "description": "One row per party to a treaty.",
        "fields": [
            f("treaty_id", "string", "The treaty.", required=True),
            f("entity_id", "string", "The party.", required=True),
            f("role", "string", "Role of the party.", required=True,
              enum=["party", "signatory", "depositary"]),
            f("document_id", "string", "The article.", required=True),
        ],
        "primaryKey": ["treaty_id", "entity_id"],
        "foreignKeys": [
            fk(["treaty_id"], "treaties", ["treaty_id"]),
            fk(["entity_id"], "entities", ["entity_id"]),
        ],
    },
    "memberships": {
        "title": "Memberships",
        "description": "One row per membership of a state in an "
                       "organisation.",
        "fields": [
            f("membership_id", "string", "Stable id.", required=True,
              unique=True),
            f("document_id", "string", "The article.", required=True),
            f("organization_id", "string", "The organisation.",
              required=True),
            f("member_id", "string", "The member.", required=True),
            f("status", "string", "Kind of membership.", required=True,
              enum=["member", "observer", "dialogue_partner", "applicant",
                    "founder"]),
            f("start", "string", "Start date.", pattern=PARTIAL_DATE),
            f("end", "string", "End date.", pattern=PARTIAL_DATE),
            f("certainty", "string", "Confidence.", required=True,
              enum=CERTAINTY),
            f("paragraph_id", "string", "Evidence paragraph.",
              required=True),
            f("evidence", "string", "The sentence (empty with --omit-text)."),
        ],
        "primaryKey": ["membership_id"],
        "foreignKeys": [
            fk(["organization_id"], "entities", ["entity_id"]),
            fk(["member_id"], "entities", ["entity_id"]),
        ],
    },
}
ORDER = ["documents", "paragraphs", "entities", "mentions", "treaties",
         "treaty_parties", "memberships"]

ARTICLES = {
    "alpha-accord": (
        {"title": "Two states sign the Alpha Accord",
         "authors": "Ada Quill; Ben Ink", "publisher": "The Test Gazette",
         "published": "2024-03-02", "url": "https://example.org/alpha",
         "language": "en"},
        "Two states sign the Alpha Accord\n\n"
        "Ruritania and Freedonia signed the Alpha Accord on 1 March 2024.\n\n"
        "Both are members of the Test Organization, which Freedonia "
        "joined in 1990.\n"),
    "beta-talks": (
        {"title": "Beta talks: \"cautious\", officials say",
         "authors": None, "publisher": "The Test Gazette",
         "published": "2024-04", "url": None, "language": "en"},
        "Beta talks: \"cautious\", officials say\n\n"
        "Officials in Ruritania, said talks would continue,\n"
        "maybe \u201csoon\u201d \u2014 or not.\n"),
}


def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()


def rows():
    t = {k: [] for k in ORDER}
    for did in sorted(ARTICLES):
        meta, text = ARTICLES[did]
        paras = text.rstrip("\n").split("\n\n")
        pos = 0
        for i, p in enumerate(paras, 1):
            start = text.index(p, pos)
            end = start + len(p)
            pos = end
            norm = " ".join(p.split())
            t["paragraphs"].append([
                "%s/p%d" % (did, i), did, i, "title" if i == 1 else "body",
                None, norm, sha(norm), start, end, len(norm.split())])
        t["documents"].append([
            did, did + ".txt", sha(text), meta["title"], None,
            meta["authors"], meta["publisher"], meta["published"],
            meta["url"], meta["language"], len(text), len(text.split()),
            len(paras)])
    t["entities"] = [
        ["country/FRE", "Freedonia", "country", "FRE", "999", None, 2,
         "alpha-accord/p2", "lexicon"],
        ["country/RUR", "Ruritania", "country", "RUR", "998", None, 2,
         "alpha-accord/p2", "lexicon"],
        ["org/testorg", "Test Organization", "organization", None, None,
         "TO", 1, "alpha-accord/p3", "lexicon"],
    ]
    t["mentions"] = [
        ["alpha-accord/p2@0", "alpha-accord", "alpha-accord/p2",
         "country/RUR", 34, 43, "Ruritania", "name"],
        ["alpha-accord/p2@14", "alpha-accord", "alpha-accord/p2",
         "country/FRE", 48, 57, "Freedonia", "name"],
        ["alpha-accord/p3@28", "alpha-accord", "alpha-accord/p3",
         "org/testorg", 128, 145, "Test Organization", "name"],
        ["alpha-accord/p3@53", "alpha-accord", "alpha-accord/p3",
         "country/FRE", 153, 162, "Freedonia", "name"],
        ["beta-talks/p2@13", "beta-talks", "beta-talks/p2",
         "country/RUR", 54, 63, "Ruritania", "name"],
    ]
    t["treaties"] = [
        ["alpha-accord/t1", "alpha-accord", "agreement", "signed",
         "2024-03-01", "day", "certain", None, "alpha-accord/p2",
         "Ruritania and Freedonia signed the Alpha Accord on 1 March "
         "2024."],
    ]
    t["treaty_parties"] = [
        ["alpha-accord/t1", "country/FRE", "party", "alpha-accord"],
        ["alpha-accord/t1", "country/RUR", "party", "alpha-accord"],
    ]
    t["memberships"] = [
        ["alpha-accord/m1", "alpha-accord", "org/testorg", "country/FRE",
         "member", "1990", None, "certain", "alpha-accord/p3",
         "Both are members of the Test Organization, which Freedonia "
         "joined in 1990."],
        ["alpha-accord/m2", "alpha-accord", "org/testorg", "country/RUR",
         "member", None, None, "probable", "alpha-accord/p3",
         "Both are members of the Test Organization, which Freedonia "
         "joined in 1990."],
    ]
    return t


def json_schema(ts):
    props = {}
    for fd in ts["fields"]:
        typ = {"integer": "integer", "number": "number",
               "boolean": "boolean"}.get(fd["type"], "string")
        req = fd.get("constraints", {}).get("required", False)
        p = {"type": typ if req else [typ, "null"]}
        if "description" in fd:
            p["description"] = fd["description"]
        props[fd["name"]] = p
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": ts["title"],
        "type": "array",
        "items": {
            "type": "object",
            "properties": props,
            "required": [fd["name"] for fd in ts["fields"]],
            "additionalProperties": False,
        },
    }


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fp:
        fp.write(text)


def main():
    t = rows()
    for name in ORDER:
        ts = SCHEMAS[name]
        write(os.path.join(HERE, "schemas", name + ".json"),
              json.dumps(ts, indent=2, ensure_ascii=False) + "\n")
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow([fd["name"] for fd in ts["fields"]])
        for r in t[name]:
            w.writerow(["" if v is None else v for v in r])
        write(os.path.join(HERE, "payload", "csv", name + ".csv"),
              out.getvalue())
        objs = [json.dumps(dict(zip([fd["name"] for fd in ts["fields"]], r)),
                           ensure_ascii=False, separators=(",", ":"))
                for r in t[name]]
        write(os.path.join(HERE, "payload", "json", name + ".json"),
              "[\n" + ",\n".join(objs) + "\n]\n" if objs else "[]\n")
        write(os.path.join(HERE, "payload", "json", name + ".schema.json"),
              json.dumps(json_schema(ts), indent=2, ensure_ascii=False)
              + "\n")
    for did, (meta, text) in ARTICLES.items():
        write(os.path.join(HERE, "payload", "source", did + ".txt"), text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
