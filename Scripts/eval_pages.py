"""Scores Lode on the annotated real pages of ../shared/data/pages through a real loded.

Run by Scripts/eval-pages, which builds Lode, starts loded on a temporary socket and store and
passes: BIN_DIR SOCKET PAGES_DIR [REUTERS_JSONL_GZ]. Prints, per field, the score on the odd
files (tuning), the even files (the honest figure) and all, with every failure; the peers
(first line as headline, Tantivy BM25) are run on the same pages in the same process.

Matching rules, stated so the figures can be read:
- headline: exact after collapsing white space; scored on pages whose headline is in the text.
- source: equal after folding case, punctuation, a leading "the", domain endings (.com, .cn,
  .co.uk ...) and agency long names to the short ones the annotation uses (Associated Press =
  AP); scored on pages whose source is given. A source on a page without one is not scored.
- date: the day (or month, where only a month is given) equal; an invented date is one given
  for a page that states none.
- byline: the found author's words (two or more) stand, in order, in the annotated byline,
  which may add "By", a title or the outlet.
- copies: documents linked by duplicate_of (or the same document id) form clusters; a pair of
  annotated copies is found when both pages are in one cluster; a false merge is a pair in
  one cluster that the annotation does not group.
- entities (001-050): the names the entity catalogue holds for the stored document
  (`lode entities --document ID`: headline, paragraphs, captions and the page's metadata
  read at ingest) against the annotation, per page, per type; a found
  name and an annotated one match when, folded, one equals the other or is a whole-word part
  of it (Abela / Robert Abela). Precision: found names matching an annotated one; recall:
  annotated names matched by a found one.
- search: nDCG@10 with the graded judgments (gain 2^grade - 1), documents mapped back to files
  (a document found under several files counts as the first).
"""
import gzip
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

BIN, SOCKET, PAGES = sys.argv[1], sys.argv[2], sys.argv[3]
REUTERS = sys.argv[4] if len(sys.argv) > 4 else None


def lode(*args, stdin=None, check=True):
    out = subprocess.run([os.path.join(BIN, "lode"), "--socket", SOCKET, "--format", "json", *args],
                         input=stdin, capture_output=True, text=True)
    if check and out.returncode not in (0, 4):
        sys.exit(f"eval-pages: lode {' '.join(args)} failed ({out.returncode}): {out.stderr.strip()}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def fold(text):
    text = re.sub(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.", "", text or "")  # U.N. is UN
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


AGENCIES = {"associated press": "ap", "agence france presse": "afp", "press trust of india": "pti",
            "indo asian news service": "ians", "kyodo news": "kyodo", "yonhap news agency": "yonhap",
            "xinhua news agency": "xinhua", "bloomberg news": "bloomberg", "thomson reuters": "reuters"}


def source_key(text):
    s = (text or "").strip().lower()
    s = re.sub(r"\.(com|net|org|cn|co|uk|in|au|jp|kr)\b", "", s)
    s = fold(s)
    s = re.sub(r"^the ", "", s)
    s = AGENCIES.get(s, s)
    return s.replace(" ", "")


def squash(text):
    return re.sub(r"\s+", " ", (text or "")).strip()


def share(ok, n):
    return f"{ok}/{n} = {100 * ok / n:.0f}%" if n else "n/a"


def main():
    annotations = {r["file"]: r for r in json.load(open(os.path.join(PAGES, "pages.json")))}
    queries = json.load(open(os.path.join(PAGES, "queries.json")))
    files = sorted(annotations)
    texts = {f: open(os.path.join(PAGES, f), encoding="utf-8").read() for f in files}

    results = lode("ingest", *[os.path.join(PAGES, f) for f in files])
    doc_of = {}
    for r in results:
        name = os.path.basename(r.get("name", ""))
        if r.get("documentId"):
            doc_of[name] = r["documentId"]
    docs = {d["id"]: d for d in lode("export")}
    print(f"pages: {len(files)} ingested into {len(docs)} documents; "
          f"{sum(1 for r in results if r.get('outcome') == 'REJECTED')} rejected")

    def report(title, rows):
        """rows: (file, ok, expected, got) for scored files; prints odd / even / all and failures."""
        print(f"\n## {title}")
        for label, subset in (("odd (tuning)", True), ("even (honest)", False)):
            sel = [r for r in rows if (int(r[0][:3]) % 2 == 1) == subset]
            print(f"{label}: {share(sum(1 for r in sel if r[1]), len(sel))}")
        print(f"all: {share(sum(1 for r in rows if r[1]), len(rows))}")
        for f, ok, expected, got in rows:
            if not ok:
                print(f"  fail {f}: expected {expected!r}, got {got!r}")

    def doc(f):
        return docs.get(doc_of.get(f), {})

    def field_rows(field, found, match):
        """(file, ok, expected, got) for the pages whose annotation gives `field`."""
        return [(f, match(found(f), annotations[f][field]), annotations[f][field], found(f))
                for f in files if annotations[f][field] is not None]

    def same_headline(got, gold):
        return squash(got) == squash(gold)

    report("headline (exact)", field_rows("headline", lambda f: doc(f).get("headline", ""), same_headline))
    peer = field_rows("headline", lambda f: next((l for l in texts[f].splitlines() if l.strip()), ""), same_headline)
    print(f"peer, first line: odd {share(sum(r[1] for r in parity_rows(peer, True)), len(parity_rows(peer, True)))}, "
          f"even {share(sum(r[1] for r in parity_rows(peer, False)), len(parity_rows(peer, False)))}")
    report("source", field_rows("source", lambda f: doc(f).get("source", ""),
                                lambda got, gold: source_key(got) == source_key(gold)))

    rows, invented = [], []
    for f in files:
        gold = annotations[f]["date"]
        got = doc(f).get("date", "")
        if gold is None:
            if got:
                invented.append((f, got))
            continue
        rows.append((f, bool(got) and got[:len(gold)] == gold, gold, got))
    report("date", rows)
    for label, subset in (("odd", True), ("even", False)):
        print(f"invented dates, {label}: {sum(1 for f, _ in invented if (int(f[:3]) % 2 == 1) == subset)}")
    for f, got in invented:
        print(f"  invented {f}: {got}")

    report("byline (author)", field_rows("byline", lambda f: doc(f).get("author", ""), byline_match))

    copies(files, annotations, doc_of, docs)
    entities(files, annotations, doc)
    search(files, annotations, queries, doc_of, texts, "the 150 pages")
    if REUTERS:
        lode("ingest", REUTERS)
        search(files, annotations, queries, doc_of, texts, "the pages with Reuters-21578 as distractors",
               distractors=reuters_texts(REUTERS))


def byline_match(got, gold):
    """The found byline's words, two or more, all stand in the annotated line (which may add
    "By", a title or the outlet: "By: Ajoy K Das - Creamer Media Correspondent")."""
    words = fold(got).split()
    return len(words) >= 2 and f" {' '.join(words)} " in f" {fold(gold)} "


def parity_rows(rows, odd):
    return [r for r in rows if (int(r[0][:3]) % 2 == 1) == odd]


def copies(files, annotations, doc_of, docs):
    parent = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for d in docs.values():
        if d.get("duplicateOf"):
            parent[find(d["id"])] = find(d["duplicateOf"])
    cluster = {f: find(doc_of[f]) for f in files if f in doc_of}
    groups = {}
    for f in files:
        g = annotations[f]["dup_group"]
        if g:
            groups.setdefault(g, []).append(f)
    print("\n## copies")
    for label, subset in (("odd (tuning)", True), ("even (honest)", False), ("all", None)):
        found = total = 0
        for members in groups.values():
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if subset is not None and (int(a[:3]) % 2 == 1) != subset and (int(b[:3]) % 2 == 1) != subset:
                        continue
                    total += 1
                    found += cluster.get(a) is not None and cluster.get(a) == cluster.get(b)
        print(f"pairs found, {label}: {share(found, total)}")
    false = []
    listed = [f for f in files if f in cluster]
    for i, a in enumerate(listed):
        for b in listed[i + 1:]:
            ga, gb = annotations[a]["dup_group"], annotations[b]["dup_group"]
            if cluster[a] == cluster[b] and not (ga and ga == gb):
                false.append((a, b))
    print(f"false merges: {len(false)}")
    for a, b in false:
        print(f"  false merge {a} {b}")
    for g, members in sorted(groups.items()):
        split = {}
        for f in members:
            split.setdefault(cluster.get(f), []).append(f)
        if len(split) > 1:
            print(f"  missed in {g}: {' | '.join(' '.join(m) for m in split.values())}")


def name_match(a, b):
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long = (fa, fb) if len(fa) < len(fb) else (fb, fa)
    return f" {short} " in f" {long} "


def entities(files, annotations, doc):
    kinds = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
    print("\n## entities (001-050, the catalogue's names for each document)")
    totals = {(k, s): [0, 0, 0, 0] for k in kinds.values() for s in (True, False)}  # tp_p, n_p, tp_r, n_r
    failures = []
    for f in files:
        gold = annotations[f].get("entities")
        if not gold:
            continue
        d = doc(f)
        response = lode("entities", "--document", d["id"], "--top", "1000")
        found = {k: set() for k in kinds.values()}
        for e in (response[0].get("entities", []) if response else []):
            if e.get("type") in kinds:
                found[kinds[e["type"]]].add(e["name"])
        odd = int(f[:3]) % 2 == 1
        for k in kinds.values():
            g = gold.get(k, [])
            t = totals[(k, odd)]
            for name in found[k]:
                t[1] += 1
                if any(name_match(name, x) for x in g):
                    t[0] += 1
                else:
                    failures.append((f, k, "not a " + k, name))
            for name in g:
                t[3] += 1
                if any(name_match(name, x) for x in found[k]):
                    t[2] += 1
                else:
                    failures.append((f, k, "missed", name))
    for label, subset in (("odd (tuning)", [True]), ("even (honest)", [False]), ("all", [True, False])):
        parts = []
        for k in kinds.values():
            tp_p = sum(totals[(k, s)][0] for s in subset)
            n_p = sum(totals[(k, s)][1] for s in subset)
            tp_r = sum(totals[(k, s)][2] for s in subset)
            n_r = sum(totals[(k, s)][3] for s in subset)
            parts.append(f"{k} P {tp_p / max(1, n_p):.2f} R {tp_r / max(1, n_r):.2f}")
        print(f"{label}: " + ", ".join(parts))
    for f, k, why, name in failures:
        print(f"  {why} {f}: {name!r}")


def dcg(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg(ranked, relevant):
    gains = [2 ** relevant.get(f, 0) - 1 for f in ranked[:10]]
    ideal = sorted((2 ** g - 1 for g in relevant.values()), reverse=True)[:10]
    return dcg(gains) / dcg(ideal) if ideal else 0.0


def reuters_texts(path):
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            r = json.loads(line)
            if r.get("body"):
                out.append((f"reuters:{i}", (r.get("title") or "") + "\n" + r["body"]))
    return out


def search(files, annotations, queries, doc_of, texts, title, distractors=()):
    import tantivy
    file_of = {}
    for f in files:
        file_of.setdefault(doc_of.get(f), f)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("name", stored=True)
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    index = tantivy.Index(builder.build())
    writer = index.writer()
    for f in files:
        writer.add_document(tantivy.Document(name=f, body=texts[f]))
    for name, text in distractors:
        writer.add_document(tantivy.Document(name=name, body=text))
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def tantivy_top(q, conjunction):
        words = re.findall(r"\w+", q)
        parsed = index.parse_query(" ".join(("+" if conjunction else "") + w for w in words), ["body"])
        return [searcher.doc(a)["name"][0] for _, a in searcher.search(parsed, 10).hits]

    print(f"\n## search: nDCG@10 over {title}")
    scores = {"lode": [], "tantivy OR": [], "tantivy AND": []}
    for q in queries:
        relevant = {r["file"]: r["grade"] for r in q["relevant"]}
        response = lode("search", q["query"], "--limit", "10", "--no-snippets", check=False)
        hits = response[0].get("hits", []) if response else []
        ranked = [file_of.get(h["id"], h["id"]) for h in hits]
        scores["lode"].append(ndcg(ranked, relevant))
        scores["tantivy OR"].append(ndcg(tantivy_top(q["query"], False), relevant))
        scores["tantivy AND"].append(ndcg(tantivy_top(q["query"], True), relevant))
        partial = " (partial)" if response and response[0].get("partial") else ""
        print(f"  {scores['lode'][-1]:.2f} (Tantivy {scores['tantivy OR'][-1]:.2f}) {q['query']!r}: {len(hits)} hits{partial}")
    for name, values in scores.items():
        print(f"nDCG@10 {name}: {sum(values) / len(values):.3f}")
    print(f"ratio Lode / Tantivy OR: {sum(scores['lode']) / max(1e-9, sum(scores['tantivy OR'])):.3f}")


if __name__ == "__main__":
    main()
