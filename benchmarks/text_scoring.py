"""Score `TextScanner` against labeled cases: per kind, cases / TP / FP / FN / recall / precision.

Every case lists all its expected findings, so anything else reported is a false
positive. Matching rules per kind:
  * phone, e-mail, government ID: same normalised value (and subtype, when labeled);
  * geotag: same coordinates within 1e-4 degrees;
  * address, place: the reported span overlaps the expected words in the text;
  * topics: the topic is reported (one finding per topic and item).
A kind's "cases" are its expected findings plus the negatives aimed at it (near misses).

Cases are scanned exactly as `cuidado scan` scans an item (`Analyzer.scan_text`): the
language column is a label for people, never handed to the detectors.

Evaluation only, so it lives with the benchmarks, outside the installed package: it needs the
generated cases (cuidado.fixtures.text_cases), and nothing a scan runs should import those.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from cuidado.detectors.text import TextMatch
from cuidado.fixtures.text_cases import Expect, TextCase, generate_cases

RECALL_TARGET, PRECISION_TARGET, MIN_CASES = 0.95, 0.90, 20


@dataclass(slots=True)
class Counts:
    cases: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def meets_targets(self) -> bool:
        return self.cases < MIN_CASES or (self.recall >= RECALL_TARGET and self.precision >= PRECISION_TARGET)


@dataclass(slots=True)
class Report:
    counts: dict[str, Counts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # one line per FP / FN, for debugging
    items: int = 0
    seconds: float = 0.0

    @property
    def items_per_second(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0


def load_cases(path: Path) -> list[TextCase]:
    """Hand-written cases, one JSON object a line: text, lang, expect [[kind, value?, subtype?]],
    near_miss (optional), note (optional). Lines starting with // are comments."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        row = json.loads(line)
        expect = tuple(Expect(*(list(e) + [None, None])[:3]) for e in row.get("expect", []))
        cases.append(TextCase(row["text"], row["lang"], expect, row.get("near_miss"), row.get("note", ""), "hand"))
    return cases


def corpus(hand_dir: Path | None) -> list[TextCase]:
    cases = generate_cases()
    if hand_dir is not None:
        for path in sorted(hand_dir.glob("*.jsonl")):
            cases.extend(load_cases(path))
    return cases


def _compact(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())


def _matches(case: TextCase, expect: Expect, found: TextMatch) -> bool:
    kind = expect.kind
    if kind.startswith("sensitive."):
        return True
    if kind == "location.geotag":
        lat, lon = (float(v) for v in expect.value.split(","))
        return found.lat is not None and abs(found.lat - lat) < 1e-4 and abs(found.lon - lon) < 1e-4
    if kind in ("location.address", "location.place"):
        if not expect.value:
            return True
        start = case.text.lower().find(expect.value.lower())
        return start >= 0 and found.start < start + len(expect.value) and start < found.end
    if kind == "identity.government_id":
        return _compact(found.value) == _compact(expect.value) and expect.subtype in (None, found.subtype)
    return found.value == expect.value


def _score_case(case: TextCase, found: list[TextMatch], report: Report) -> None:
    kinds = {e.kind for e in case.expect} | {m.kind for m in found}
    if case.near_miss:
        report.counts.setdefault(case.near_miss, Counts()).cases += 1
    for kind in kinds:
        counts = report.counts.setdefault(kind, Counts())
        expected = [e for e in case.expect if e.kind == kind]
        predicted = [m for m in found if m.kind == kind]
        counts.cases += len(expected)
        for exp in expected:
            hit = next((m for m in predicted if _matches(case, exp, m)), None)
            if hit is None:
                counts.fn += 1
                report.errors.append(f"FN {kind} {exp.value!r} in {case.text!r}")
            else:
                counts.tp += 1
                predicted.remove(hit)
        for extra in predicted:
            counts.fp += 1
            report.errors.append(f"FP {kind} {extra.value!r} ({extra.subtype}) in {case.text!r}")


def evaluate(cases: list[TextCase], analyzer=None, rounds: int = 1) -> Report:
    """Score every case through a scan's text path; time `rounds` extra passes for throughput."""
    from cuidado.findings.analyzer import Analyzer

    analyzer = analyzer or Analyzer()
    report = Report()
    for case in cases:
        _score_case(case, analyzer.scan_text(case.text), report)
    texts = [case.text for case in cases]
    begin = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            analyzer.scan_text(text)
    report.seconds = time.perf_counter() - begin
    report.items = len(texts) * rounds
    return report


def format_table(report: Report) -> str:
    lines = [f"{'kind':<24} {'cases':>6} {'TP':>5} {'FP':>5} {'FN':>5} {'recall':>7} {'precision':>9}  target"]
    for kind in sorted(report.counts):
        c = report.counts[kind]
        verdict = "ok" if c.meets_targets else "MISS"
        if c.cases < MIN_CASES:
            verdict = "(<20 cases)"
        lines.append(
            f"{kind:<24} {c.cases:>6} {c.tp:>5} {c.fp:>5} {c.fn:>5} {c.recall:>7.1%} {c.precision:>9.1%}  {verdict}"
        )
    return "\n".join(lines)
