#!/usr/bin/python3
"""Score the tool's entities against a hand annotation.

usage: score.py EXPECTED SYSTEM

Both files are TSV: entity_id, type, mentions, name ('#' comments).
EXPECTED is tests/articles/NAME.expected; SYSTEM is what t_ner writes
with SHEAF_NER_OUT=DIR (DIR/NAME.tsv).  Prints entity-level precision,
recall and F1 (an entity is right when its id matches), and
mention-level ones counted per entity (min of the two counts matches),
then the misses and the extras.
"""
import sys


def load(path):
    out = {}
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            f = line.split("\t")
            if len(f) != 4:
                sys.exit("%s: bad line: %r" % (path, line))
            out[f[0]] = (f[1], int(f[2]), f[3])
    return out


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    gold, sys_ = load(sys.argv[1]), load(sys.argv[2])
    tp = sum(1 for k in sys_ if k in gold and sys_[k][0] == gold[k][0])
    fp = len(sys_) - tp
    fn = len(gold) - tp
    mtp = sum(min(sys_[k][1], gold[k][1]) for k in sys_ if k in gold)
    mfp = sum(v[1] for v in sys_.values()) - mtp
    mfn = sum(v[1] for v in gold.values()) - mtp
    print("entities: P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)"
          % (prf(tp, fp, fn) + (tp, fp, fn)))
    print("mentions: P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)"
          % (prf(mtp, mfp, mfn) + (mtp, mfp, mfn)))
    for k in sorted(gold):
        if k not in sys_:
            print("  missed  %s" % k)
        elif sys_[k][1] != gold[k][1]:
            print("  count   %s: %d, want %d" % (k, sys_[k][1], gold[k][1]))
    for k in sorted(sys_):
        if k not in gold:
            print("  extra   %s (%d)" % (k, sys_[k][1]))


main()
