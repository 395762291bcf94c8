"""Tantivy, the search benchmark's peer (Scripts/bench-search; run by `lode-bench search --tantivy`).

Reads FOLDER/articles.jsonl (headline, body, year) and FOLDER/queries.jsonl (kind, query in
Tantivy's syntax) that lode-bench wrote from the same corpus and query set it gives Lode; builds
an index on disk in FOLDER/tantivy (headline and body stemmed as English, year indexed); then
times the top 10 of every query in process, one untimed pass first, as lode-bench times Lode.
A fresh process opens the index and answers one query, for the restart time and the memory of a
process holding the index open. Prints one JSON object.
Usage: python3 bench_search_tantivy.py FOLDER
"""
import json
import os
import shutil
import subprocess
import sys
import time

import tantivy

FIELDS = ["headline", "body"]


def schema():
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("headline", stored=False, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    builder.add_unsigned_field("year", indexed=True, fast=True)
    builder.add_unsigned_field("seq", stored=True)
    return builder.build()


def build(folder, path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    index = tantivy.Index(schema(), path=path)
    writer = index.writer(heap_size=512_000_000, num_threads=2)
    with open(os.path.join(folder, "articles.jsonl"), encoding="utf-8") as f:
        for seq, line in enumerate(f):
            a = json.loads(line)
            document = tantivy.Document()
            document.add_text("headline", a["headline"])
            document.add_text("body", a["body"])
            document.add_unsigned("seq", seq)
            if a.get("year") is not None:
                document.add_unsigned("year", a["year"])
            writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    return index


def size_on_disk(path):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)


def reopened(path, query):
    """Seconds to open the index and answer `query` in a fresh process, and that process's RssAnon in MB."""
    program = f"""
import json, sys, time
start = time.perf_counter()
import tantivy
index = tantivy.Index.open({path!r})
searcher = index.searcher()
searcher.search(index.parse_query({query!r}, {FIELDS!r}), 10)
elapsed = time.perf_counter() - start
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("RssAnon:"))
print(json.dumps({{"seconds": elapsed, "rss_anon_mb": rss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main():
    folder = sys.argv[1]
    path = os.path.join(folder, "tantivy")
    start = time.perf_counter()
    index = build(folder, path)
    build_seconds = time.perf_counter() - start
    index.reload()
    searcher = index.searcher()
    with open(os.path.join(folder, "queries.jsonl"), encoding="utf-8") as f:
        queries = [json.loads(line) for line in f]

    def top10(q):
        return searcher.search(index.parse_query(q["query"], FIELDS), 10).hits

    for q in queries:
        top10(q)
    micros = []
    for q in queries:
        start = time.perf_counter()
        top10(q)
        micros.append((q["kind"], (time.perf_counter() - start) * 1e6))
    restart = reopened(path, queries[0]["query"])
    print(json.dumps({"build_seconds": build_seconds, "bytes_on_disk": size_on_disk(path), "micros": micros,
                      "restart_seconds": restart["seconds"], "restart_rss_anon_mb": restart["rss_anon_mb"]}))


if __name__ == "__main__":
    main()
