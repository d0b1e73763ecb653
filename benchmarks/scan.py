"""Benchmark of the review scan against a Python ``re``-alternation baseline.

Builds a ~10 MB corpus from tests/data/samples (copies of ../shared/samples) with planted personal data and secrecy terms, and a
5,000-word secrecy dictionary; prints the MB/s of the full ``scan_text`` (every scanner, the
dictionary included) and of an ``re`` alternation over the same words, their ratio, peak memory,
how many planted items were found, and whether the targets are met (>= 30 MB/s, >= 20x the
baseline). MB = 10^6 bytes of UTF-8. Run from the project root:

    .venv/bin/python benchmarks/scan.py [--mb 10] [--baseline-mb 0.5] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from models.settings import get_settings
from tasks.scanning import ScanFinding, ScanRules, load_rules, scan_text
from tasks.scanning.names import SURNAMES
from tasks.scanning.privacy import id_check_character, luhn_valid
from tasks.scanning.terms import Role

T = TypeVar("T")

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "samples"
TARGET_MB_PER_S = 30.0
TARGET_RATIO = 20.0
DICTIONARY_WORDS = 5_000
PLANTED_TERMS = 50  # dictionary words that really occur in the corpus; the rest are absent, as in real text


def main() -> int:
    """Build the corpus and dictionary, time both scans, print the figures; exit 1 if a target is missed."""
    args = _arguments()
    rng = random.Random(args.seed)
    paragraphs = [
        line for path in sorted(SAMPLES.iterdir()) if path.name != "README.md" for line in _lines(path)
    ]
    words = _dictionary(rng, paragraphs)
    corpus, planted = _corpus(rng, paragraphs, words[:PLANTED_TERMS], int(args.mb * 1_000_000))
    megabytes = len(corpus.encode()) / 1_000_000
    rules = _rules(words)
    print(f"corpus: {megabytes:.1f} MB ({len(corpus):,} characters) from {SAMPLES}")
    print(f"secrecy dictionary: {len(words):,} words ({PLANTED_TERMS} of them planted in the corpus)")
    load, cores = os.getloadavg()[0], os.cpu_count()
    print(f"machine: {cores} cores, load average {load:.1f} (other processes slow every figure below)")

    scan_seconds, findings = _timed(lambda: scan_text(corpus, rules), args.repeat)
    match_seconds, _ = _timed(lambda: rules.match(corpus), args.repeat)
    full_rate, match_rate = megabytes / scan_seconds, megabytes / match_seconds
    print(f"full scan (all scanners): {full_rate:.1f} MB/s  ({scan_seconds * 1000:.0f} ms)")
    print(f"  of which the one Aho-Corasick pass: {match_rate:.1f} MB/s")

    baseline_rate = _baseline(corpus, words, rules, args.baseline_mb)
    ratio = full_rate / baseline_rate
    print(f"re-alternation baseline over the same {len(words):,} words: {baseline_rate:.2f} MB/s")
    print(f"ratio full scan / baseline: {ratio:.0f}x")

    _report_recall(planted, findings)
    peak_python = _peak_python_memory(corpus, rules)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory: {peak_python:.0f} MB allocated by Python during one scan; {peak_rss:.0f} MB process RSS"
    )

    met = full_rate >= TARGET_MB_PER_S and ratio >= TARGET_RATIO
    print(
        f"targets (>= {TARGET_MB_PER_S:.0f} MB/s and >= {TARGET_RATIO:.0f}x baseline): "
        f"{'MET' if met else 'NOT MET'} ({full_rate:.1f} MB/s, {ratio:.0f}x)"
    )
    return 0 if met else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (default 10)")
    parser.add_argument(
        "--baseline-mb", type=float, default=0.5, help="slice the re baseline runs on (default 0.5)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the best is reported (default 5)")
    parser.add_argument("--seed", type=int, default=20260101)
    return parser.parse_args()


def _lines(path: Path) -> list[str]:
    """The non-blank lines of a sample."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _dictionary(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """5,000 distinct terms of 2-6 of the samples' own characters that do not occur in the samples:
    published text rarely contains a secrecy term, so the only hits are the planted ones."""
    han = sorted({c for p in paragraphs for c in p if "\u4e00" <= c <= "\u9fff"})
    sample_text = "\n".join(paragraphs)
    words: dict[str, None] = {}
    while len(words) < DICTIONARY_WORDS:
        word = "".join(rng.choice(han) for _ in range(rng.randint(2, 6)))
        if word not in sample_text:
            words[word] = None
    return list(words)


def _rules(words: list[str]) -> ScanRules:
    """Rules loaded the way production loads them: from a dictionary file, plus the bundled wrong words."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "secrecy.txt"
        path.write_text("# benchmark dictionary\n" + "\n".join(words) + "\n", encoding="utf-8")
        return load_rules(path, get_settings().wrong_word_dictionary)


def _corpus(
    rng: random.Random, paragraphs: list[str], terms: list[str], size: int
) -> tuple[str, Counter[str]]:
    """Sample paragraphs in random order, every eighth followed by a planted sentence, up to ``size`` bytes."""
    parts, planted, total = [], Counter[str](), 0
    while total < size:
        paragraph = rng.choice(paragraphs)
        if rng.random() < 1 / 8:
            sentence, kinds = _planted_sentence(rng, terms)
            paragraph += sentence
            planted.update(kinds)
        parts.append(paragraph)
        total += len(paragraph.encode()) + 1
    return "\n".join(parts), planted


def _planted_sentence(rng: random.Random, terms: list[str]) -> tuple[str, list[str]]:
    """One sentence carrying personal data (or a secrecy term) and the kinds it plants."""
    name = _name(rng)
    choice = rng.randrange(4)
    if choice == 0:
        mobile, id_number = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}", _id_number(rng)
        return f"联系人：{name}，手机{mobile}，身份证号{id_number}。", ["person_name", "mobile", "id_number"]
    if choice == 1:
        address = f"青禾县城关镇幸福路{rng.randint(1, 300)}号{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元"
        return f"申请人{name}，住址：{address}，银行卡{_card(rng)}。", ["person_name", "address", "bank_card"]
    if choice == 2:
        landline = f"0531-{rng.randint(2, 9)}{rng.randrange(10**7):07d}"
        email = f"user{rng.randrange(10**4)}@example.com"
        plate = f"鲁{rng.choice('ABCDEFGHJK')}{rng.randrange(10**5):05d}"
        kinds = ["person_name", "landline", "email", "plate"]
        return f"经办人{name}（电话：{landline}，邮箱{email}），车牌{plate}。", kinds
    return f"会议研究了{rng.choice(terms)}有关事项。", ["secret_keyword"]


def _name(rng: random.Random) -> str:
    return rng.choice(sorted(SURNAMES)) + rng.choice(["伟", "娜", "建国", "小红", "志强", "秀英", "磊", "静"])


def _id_number(rng: random.Random) -> str:
    first17 = f"370124{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randrange(1000):03d}"
    return first17 + id_check_character(first17)


def _card(rng: random.Random) -> str:
    stem = f"622202{rng.randrange(10**12):012d}"
    return next(stem + d for d in "0123456789" if luhn_valid(stem + d))


def _timed(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The best wall time of ``repeat`` runs, and the result of the last. As with ``timeit``, the best
    run is the figure: slower ones measure the other processes sharing the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def _baseline(corpus: str, words: list[str], rules: ScanRules, megabytes: float) -> float:
    """MB/s of a Python re alternation over the same words, on a slice (it is too slow for all of it)."""
    pattern = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    piece = corpus[: int(len(corpus) * megabytes * 1_000_000 / len(corpus.encode()))]
    seconds, matches = _timed(lambda: pattern.findall(piece), 2)
    automaton_hits = len(rules.match(piece).get(Role.SECRET_KEYWORD, []))
    print(
        f"  baseline slice: {len(piece.encode()) / 1e6:.1f} MB, {len(matches)} hits (Aho-Corasick: {automaton_hits})"
    )
    return len(piece.encode()) / 1_000_000 / seconds


def _report_recall(planted: Counter[str], findings: list[ScanFinding]) -> None:
    found = Counter(f.kind for f in findings)
    print(
        "planted items found (found/planted): "
        + ", ".join(f"{k} {found[k]}/{n}" for k, n in sorted(planted.items()))
    )
    unplanted = sorted(set(found) - set(planted))
    print(
        f"other findings (from the samples' own text): {', '.join(f'{k} {found[k]}' for k in unplanted) or 'none'}"
    )


def _peak_python_memory(corpus: str, rules: ScanRules) -> float:
    tracemalloc.start()
    scan_text(corpus, rules)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1_048_576


if __name__ == "__main__":
    sys.exit(main())
