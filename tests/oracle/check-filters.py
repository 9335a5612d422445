#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Display-filter oracle test: remora-cli -Y against tshark over
corpus/filters.tsv (capture, filter, tshark's count).

Runs the shared oracle (CORPUS/../tools/oracle_filters.py) twice:
  --mode lines   count of summary lines, against the recorded count
  --mode frames  the frame numbers of -T fields -e frame.number, against
                 tshark run now (same count and the same frames)
and scores each mode by rows.  Differences the team has looked at and
accepted are listed in tests/data/filters-accepted.txt as
FILE<TAB>FILTER<TAB>REASON (FILE relative to the corpus folder); such a row
leaves both the numerator and the denominator and is listed with its reason,
never hidden.  An accepted row that now agrees is reported as stale.

Exit: 0 when both modes agree on at least --threshold % of the rows that are
not accepted, 1 otherwise, 77 (skipped) when the corpus or tshark is not
there, unless REMORA_REQUIRE_ORACLE=1, which makes that a failure.
"""
import argparse
import csv
import os
import shlex
import shutil
import subprocess
import sys

SKIP = 77


def skip_or_fail(msg):
    if os.environ.get("REMORA_REQUIRE_ORACLE") == "1":
        print(f"oracle suite: {msg}; REMORA_REQUIRE_ORACLE=1, so this is a failure")
        sys.exit(1)
    print(f"oracle suite: {msg}; skipped")
    sys.exit(SKIP)


def read_accepted(path):
    """{(file, filter): (reason, line number)} and a list of format errors."""
    accepted, errors = {}, []
    if not os.path.exists(path):
        return accepted, errors
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0] or not parts[1] or not parts[2].strip():
            errors.append(f"{path}:{n}: want FILE<TAB>FILTER<TAB>REASON, got {line!r}")
            continue
        key = (os.path.normpath(parts[0]), parts[1])
        if key in accepted:
            errors.append(f"{path}:{n}: listed twice: {parts[0]} {parts[1]!r}")
            continue
        accepted[key] = (parts[2].strip(), n)
    return accepted, errors


def read_results(path):
    """[(file, filter, expected, cli, agree, why)] from the oracle's results.tsv."""
    rows = []
    with open(path, newline="", encoding="utf-8") as fh:
        rd = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rd)
        for r in rd:
            rows.append((os.path.normpath(r[0]), r[1], r[2], r[3], r[4] == "yes", r[5]))
    return rows


def run_mode(args, oracle, pairs, mode):
    out = os.path.join(args.out, mode)
    os.makedirs(out, exist_ok=True)
    cmd = [sys.executable, oracle, "--cli", shlex.quote(os.path.abspath(args.cli)), "--pairs", pairs,
           "--mode", mode, "--out", out, "--jobs", str(args.jobs), "--show", "0"]
    print("oracle suite: " + " ".join(cmd), flush=True)
    # The oracle's own summary lists every disagreeing row, accepted or not;
    # the table below is the one that counts, so its output is kept in a file.
    with open(os.path.join(out, "oracle.log"), "w") as log:
        p = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT)
    results = os.path.join(out, "results.tsv")
    if p.returncode not in (0, 1) or not os.path.exists(results):
        print(f"oracle suite: {oracle} --mode {mode} failed with status {p.returncode} "
              f"(see {os.path.join(out, 'oracle.log')})")
        return None
    return read_results(results)


def score(mode, rows, accepted, threshold):
    """Prints the mode's table; returns (passed, keys of accepted rows seen)."""
    counted = [r for r in rows if (r[0], r[1]) not in accepted]
    excused = [r for r in rows if (r[0], r[1]) in accepted]
    good = sum(1 for r in counted if r[4])
    pct = 100.0 * good / len(counted) if counted else 100.0
    ok = pct >= threshold
    print()
    print(f"mode {mode}: {len(rows)} rows, {len(excused)} accepted, {good}/{len(counted)} of the rest agree: "
          f"{pct:.2f}%  (threshold {threshold:g}%)  {'ok' if ok else 'BELOW'}")
    bad = [r for r in counted if not r[4]]
    for f, flt, exp, cli, _, why in bad:
        print(f"  DISAGREE {f}\t{flt}\ttshark={exp} remora={cli}\t{why}")
    for f, flt, exp, cli, agree, _ in excused:
        if agree:
            print(f"  STALE    {f}\t{flt}\tlisted as accepted but now agrees (tshark={exp} remora={cli})")
    return ok, {(r[0], r[1]) for r in excused}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path of remora-cli")
    ap.add_argument("--corpus", required=True, help="the shared corpus folder")
    ap.add_argument("--pairs", default="filters.tsv", help="pairs file inside the corpus folder")
    ap.add_argument("--accepted", required=True, help="tests/data/filters-accepted.txt")
    ap.add_argument("--out", required=True, help="folder for the oracle's tables")
    ap.add_argument("--modes", default="lines,frames", help="comma-separated: lines, frames")
    ap.add_argument("--threshold", type=float, default=99.0, help="minimum %% of rows that agree, per mode")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    corpus = os.path.abspath(args.corpus)
    pairs = os.path.join(corpus, args.pairs)
    oracle = os.path.join(os.path.dirname(corpus), "tools", "oracle_filters.py")
    if not os.path.isfile(pairs):
        skip_or_fail(f"corpus not found at {corpus} (no {args.pairs})")
    if not os.path.isfile(oracle):
        skip_or_fail(f"oracle tool not found at {oracle}")
    if shutil.which("tshark") is None:
        skip_or_fail("tshark not found")
    if not os.access(args.cli, os.X_OK):
        print(f"oracle suite: {args.cli} is not an executable")
        return 1
    modes = [m for m in args.modes.split(",") if m]
    if not modes or any(m not in ("lines", "frames") for m in modes):
        print(f"oracle suite: --modes wants lines and/or frames, got {args.modes!r}")
        return 1

    accepted, errors = read_accepted(args.accepted)
    if errors:
        print("oracle suite: malformed accepted-difference lines:")
        for e in errors:
            print("  " + e)
        return 1

    passed, seen, listed = True, set(), set()
    for mode in modes:
        rows = run_mode(args, oracle, pairs, mode)
        if rows is None:
            return 1
        listed |= {(r[0], r[1]) for r in rows}
        ok, used = score(mode, rows, accepted, args.threshold)
        passed &= ok
        seen |= used

    if accepted:
        print()
        print(f"accepted differences ({len(accepted)}, from {args.accepted}):")
        for key in sorted(accepted, key=lambda k: accepted[k][1]):
            reason, n = accepted[key]
            state = "" if key in listed else "   [no such row in the pairs file: stale entry?]"
            print(f"  line {n}: {key[0]}\t{key[1]}\t{reason}{state}")

    print()
    if not passed:
        print(f"oracle suite: FAIL: a mode is below {args.threshold:g}% (tables under {args.out})")
        return 1
    print(f"oracle suite: PASS: {', '.join(modes)} at or above {args.threshold:g}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
