"""Scores Lode on trafilatura's and htmldate's public evaluation sets, beside those tools.

Usage: python3 bench_html.py BIN SOCKET DATA_DIR [--all]

DATA_DIR holds clones of the two repositories, `trafilatura/` (tests/evaldata.json, tests/eval,
tests/cache) and `htmldate/` (tests/eval_*.json, tests/test_set, tests/cache, tests/eval). Each
project is scored the way it scores itself:

- text: a page's snippets that must be kept ("with") and must not ("without") are looked up in the
  whitespace-normalised output; precision = kept wanted / (kept wanted + kept unwanted), recall =
  kept wanted / wanted (trafilatura's tests/eval_common.py). Lode's output is the document's
  headline and paragraphs (the set marks image captions unwanted; Lode keeps them in a field of their
  own, scored as a second row). trafilatura runs with its benchmark settings (tables, no
  comments, no formatting).
- dates: htmldate's exact day (YYYY-MM-DD), correct / wrong / missing (tests/evaluation.py), with
  htmldate's extensive search and original (publication) date. Both get the HTML alone, no url.
  The pages Lode rejects are given to trafilatura too, to list those it extracts text from.

Lode reads every page through a real loded (`lode ingest`, then `lode export`); the pages are
ingested under names of their own so that copies between the sets do not merge them.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

BIN, SOCKET, DATA = sys.argv[1], sys.argv[2], sys.argv[3]
SHOW_ALL = "--all" in sys.argv[4:]
SHOWN = 10**9 if SHOW_ALL else 15


def lode(*args):
    out = subprocess.run([os.path.join(BIN, "lode"), "--socket", SOCKET, "--format", "json", *args],
                         capture_output=True, text=True)
    if out.returncode not in (0, 4):
        sys.exit(f"lode {' '.join(args[:1])} failed ({out.returncode}): {out.stderr.strip()}")
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def find(root, subdirs, name):
    for sub in subdirs:
        path = os.path.join(root, "tests", sub, name)
        if os.path.isfile(path):
            return path
    sys.exit(f"{name}: not found under {root}/tests/{{{','.join(subdirs)}}}; see README.md (Benchmarks)")


def ingest(label, paths):
    """Ingests `paths` (as links named by their index) into Lode; returns ({index: document}, pages/s)."""
    folder = tempfile.mkdtemp(prefix=f"bench-html-{label}-")
    for k, path in enumerate(paths):
        os.symlink(path, os.path.join(folder, f"{k:05d}.html"))
    start = time.perf_counter()
    results = lode("ingest", folder)
    elapsed = time.perf_counter() - start
    ids, rejected = {}, {}
    for r in results:
        k = int(os.path.basename(r["name"]).split(".")[0])
        if r.get("documentId"):
            ids[k] = r["documentId"]
        if r.get("outcome") == "REJECTED":
            rejected[k] = r.get("reason") or r.get("message") or "rejected"
    for k in range(len(paths)):
        os.unlink(os.path.join(folder, f"{k:05d}.html"))
    os.rmdir(folder)
    docs = {d["id"]: d for d in lode("export")}
    return {k: docs.get(i, {}) for k, i in ids.items()}, rejected, len(paths) / elapsed


def lode_text(doc, captions=False):
    return "\n".join([doc.get("headline") or "", *doc.get("paragraphs", []), *(doc.get("captions", []) if captions else [])])


def score(name, outputs, items, table):
    tp = fp = fn = 0
    for k, item in enumerate(items):
        text = norm(outputs.get(k) or "")
        tp += sum(1 for w in item["with"] if norm(w) in text)
        fn += sum(1 for w in item["with"] if norm(w) not in text)
        fp += sum(1 for w in item["without"] if norm(w) in text)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    table.append(f"| {name} | {p:.3f} | {r:.3f} | **{f:.3f}** |")
    return f


def text_benchmark():
    import trafilatura
    root = os.path.join(DATA, "trafilatura")
    evaldata = json.load(open(os.path.join(root, "tests", "evaldata.json"), encoding="utf-8"))
    urls = sorted(evaldata)
    items = [evaldata[u] for u in urls]
    paths = [find(root, ("cache", "eval"), item["file"]) for item in items]
    pages = [open(p, "rb").read() for p in paths]
    print(f"\n## Text: trafilatura's evaluation set, {len(items)} pages, "
          f"{sum(len(i['with']) for i in items):,} snippets to keep, {sum(len(i['without']) for i in items):,} not to")

    docs, rejected, lode_rate = ingest("text", paths)
    lode_out = {k: lode_text(d) for k, d in docs.items()}
    with_captions = {k: lode_text(d, captions=True) for k, d in docs.items()}
    start = time.perf_counter()
    peer_out = {k: trafilatura.extract(page, include_comments=False, include_tables=True, include_formatting=False)
                for k, page in enumerate(pages)}
    peer_rate = len(pages) / (time.perf_counter() - start)
    whole = {k: trafilatura.html2txt(page) for k, page in enumerate(pages)}

    table = ["| | precision | recall | F1 |", "| --- | --- | --- | --- |"]
    peer_f = score(f"trafilatura {trafilatura.__version__} (benchmark settings)", peer_out, items, table)
    score("whole page text, for reference", whole, items, table)
    lode_f = score("Lode (headline + paragraphs)", lode_out, items, table)
    score("Lode with its captions field too (the set counts captions as unwanted)", with_captions, items, table)
    print("\n".join(table))
    print(f"\nLode F1 / trafilatura F1: {lode_f / peer_f:.3f}")
    print(f"speed: Lode ingest (whole pipeline, through the socket) {lode_rate:,.0f} pages/s; "
          f"trafilatura.extract {peer_rate:,.0f} pages/s (ratio {lode_rate / peer_rate:.2f})")

    peer_has_text = {k for k, t in peer_out.items() if t and t.strip()}
    lost = sorted(k for k in rejected if k in peer_has_text)
    print(f"rejected by Lode: {len(rejected)}; of those, trafilatura extracts text from {len(lost)}")
    for k in lost[:SHOWN]:
        print(f"  rejected {items[k]['file']}: {rejected[k]}")

    unwanted, missed = [], []
    for k, item in enumerate(items):
        text = norm(lode_out.get(k) or "")
        unwanted += [(item["file"], w) for w in item["without"] if norm(w) in text]
        missed += [(item["file"], w) for w in item["with"] if norm(w) not in text and k not in rejected]
    for title, rows in (("kept though unwanted", unwanted), ("wanted but missing", missed)):
        print(f"{title}: {len(rows)}")
        for f, w in rows[:SHOWN]:
            print(f"  {f}: {norm(w)[:100]!r}")


def date_benchmark():
    from htmldate import find_date
    import htmldate
    root = os.path.join(DATA, "htmldate")
    pages = {}
    for name in ("eval_mediacloud_2020.json", "eval_default.json"):
        pages.update(json.load(open(os.path.join(root, "tests", name), encoding="utf-8")))
    urls = list(pages)
    items = [pages[u] for u in urls]
    paths = [find(root, ("test_set", "cache", "eval"), item["file"]) for item in items]
    print(f"\n## Dates: htmldate's evaluation set, {len(items)} pages, "
          f"{sum(1 for i in items if isinstance(i['date'], str))} with a publication date (the rest count as htmldate "
          f"counts them: any answer is wrong, no answer is missing)")

    docs, rejected, lode_rate = ingest("dates", paths)
    start = time.perf_counter()
    peer = {}
    for k, path in enumerate(paths):
        raw = open(path, "rb").read()
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            html = raw
        peer[k] = find_date(html, original_date=True, extensive_search=True)
    peer_rate = len(paths) / (time.perf_counter() - start)
    lode_dates = {k: (d.get("date") or "")[:10] or None for k, d in docs.items()}

    def tally(found):
        correct = wrong = missing = 0
        for k, item in enumerate(items):
            got = found.get(k)
            if got is None:
                missing += item["date"] is not None
            elif got == item["date"]:
                correct += 1
            else:
                wrong += 1
        return correct, wrong, missing

    print("| | correct | wrong | missing |\n| --- | --- | --- | --- |")
    pc, pw, pm = tally(peer)
    lc, lw, lm = tally(lode_dates)
    print(f"| htmldate {htmldate.__version__} (extensive search) | **{pc}** | {pw} | {pm} |")
    print(f"| Lode | **{lc}** | {lw} | {lm} |")
    print(f"\nLode correct - htmldate correct: {lc - pc:+d}; wrong: {lw - pw:+d}")
    print(f"speed: Lode ingest {lode_rate:,.0f} pages/s; htmldate.find_date {peer_rate:,.0f} pages/s")
    import trafilatura
    extracted = {k: trafilatura.extract(open(paths[k], "rb").read(), include_comments=False, include_tables=True) for k in rejected}
    lost = sorted(k for k, t in extracted.items() if t and t.strip())
    print(f"rejected by Lode: {len(rejected)}; of those, trafilatura extracts text from {len(lost)}"
          + "".join(f"\n  {items[k]['file']}: {norm(extracted[k])[:100]!r}" for k in lost))
    wrong = [(k, lode_dates[k]) for k in range(len(items)) if lode_dates.get(k) and lode_dates[k] != items[k]["date"]]
    missing = [k for k in range(len(items)) if not lode_dates.get(k) and items[k]["date"]]
    print(f"wrong: {len(wrong)}")
    for k, got in wrong[:SHOWN]:
        print(f"  {items[k]['file']}: {got}, expected {items[k]['date']}; htmldate {peer.get(k)}")
    print(f"missing: {len(missing)} (htmldate finds {sum(1 for k in missing if peer.get(k) == items[k]['date'])} of them)")
    for k in missing[:SHOWN]:
        print(f"  {items[k]['file']}: expected {items[k]['date']}; htmldate {peer.get(k)}"
              + (f"; rejected: {rejected[k]}" if k in rejected else ""))


if __name__ == "__main__":
    text_benchmark()
    date_benchmark()
