#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Field oracle test: remora-cli -T fields against tshark over corpus/public.txt.

Runs the shared oracle (CORPUS/../tools/oracle_fields.py) for the fields of
one list file, then scores each field per occurrence mode (f and a) by cells.
Differences the team has looked at and accepted are listed in
tests/data/oracle-accepted-*.txt as FILE<TAB>FIELD<TAB>REASON (FILE relative
to the corpus folder); such a (file, field) pair leaves both the numerator
and the denominator and is counted in the "accepted" column, never hidden.

Exit: 0 when every field is at or above the threshold in both modes,
1 otherwise, 77 (skipped) when the corpus or tshark is not there, unless
REMORA_REQUIRE_ORACLE=1, which makes a missing corpus a failure.
"""
import argparse
import glob
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


def read_fields(path):
    out = []
    for line in open(path):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def read_accepted(folder, fields):
    """{(file, field): (reason, where)} for the fields of this run."""
    accepted = {}
    errors = []
    for path in sorted(glob.glob(os.path.join(folder, "oracle-accepted-*.txt"))):
        for n, line in enumerate(open(path), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 3 or not parts[0] or not parts[1] or not parts[2].strip():
                errors.append(f"{path}:{n}: want FILE<TAB>FIELD<TAB>REASON, got {line!r}")
                continue
            if parts[1] in fields:
                accepted[(os.path.normpath(parts[0]), parts[1])] = (parts[2], f"{os.path.basename(path)}:{n}")
    return accepted, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path of remora-cli")
    ap.add_argument("--corpus", required=True, help="the shared corpus folder")
    ap.add_argument("--fields-file", required=True, help="list of fields, one a line")
    ap.add_argument("--list", default="public.txt", help="capture list inside the corpus folder")
    ap.add_argument("--accepted-dir", required=True, help="folder of oracle-accepted-*.txt")
    ap.add_argument("--out", required=True, help="folder for the oracle's tables")
    ap.add_argument("--threshold", type=float, default=99.0, help="minimum cells%% per field and mode")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    corpus = os.path.abspath(args.corpus)
    listfile = os.path.join(corpus, args.list)
    oracle = os.path.join(os.path.dirname(corpus), "tools", "oracle_fields.py")
    if not os.path.isfile(listfile):
        skip_or_fail(f"corpus not found at {corpus}")
    if not os.path.isfile(oracle):
        skip_or_fail(f"oracle tool not found at {oracle}")
    if shutil.which("tshark") is None:
        skip_or_fail("tshark not found")
    if not os.access(args.cli, os.X_OK):
        print(f"oracle suite: {args.cli} is not an executable")
        return 1

    fields = read_fields(args.fields_file)
    accepted, errors = read_accepted(args.accepted_dir, set(fields))
    if errors:
        print("oracle suite: malformed accepted-difference lines:")
        for e in errors:
            print("  " + e)
        return 1

    os.makedirs(args.out, exist_ok=True)
    # The oracle takes a command prefix, hence the quoting.
    cmd = [sys.executable, oracle, "--cli", shlex.quote(os.path.abspath(args.cli)), "--files", listfile,
           "--fields", " ".join(fields), "--out", args.out, "--jobs", str(args.jobs),
           "--quiet-tshark-errors"]
    print("oracle suite: " + " ".join(cmd), flush=True)
    p = subprocess.run(cmd)
    if p.returncode not in (0, 1):
        print(f"oracle suite: {oracle} failed with status {p.returncode}")
        return 1

    # The oracle writes paths relative to the common folder of the listed
    # files; turn them back into paths relative to the corpus folder.
    sys.dont_write_bytecode = True  # the shared folder is read-only
    sys.path.insert(0, os.path.dirname(oracle))
    import oracle_fields  # noqa: E402  (the shared tool, found through the corpus)
    files = [os.path.abspath(f) for f in oracle_fields.read_list(listfile)]
    common = os.path.commonpath(files) if len(files) > 1 else os.path.dirname(files[0])

    cells = {}  # (occ, field) -> [matches, total, accepted cells]
    used = set()
    with open(os.path.join(args.out, "per_file_field.tsv")) as tsv:
        next(tsv)
        for line in tsv:
            occ, short, field, m, t, _ = line.rstrip("\n").split("\t")
            rel = os.path.normpath(os.path.relpath(os.path.join(common, short), corpus))
            c = cells.setdefault((occ, field), [0, 0, 0])
            if (rel, field) in accepted:
                used.add((rel, field))
                c[2] += int(t)
            else:
                c[0] += int(m)
                c[1] += int(t)

    if not cells:
        print("oracle suite: the oracle wrote no results")
        return 1

    occs = ["f", "a"]
    print()
    print(f"{'field':28s} {'occ=f %':>9s} {'occ=a %':>9s} {'accepted cells':>15s}  result"
          f"   (threshold {args.threshold:g}% of cells, {len(files)} files)")
    failed = []
    for field in fields:
        row, acc, ok = [], 0, True
        for occ in occs:
            m, t, a = cells.get((occ, field), [0, 0, 0])
            pct = 100.0 * m / t if t else 100.0
            row.append(pct)
            acc += a
            if pct < args.threshold:
                ok = False
        if not ok:
            failed.append(field)
        print(f"{field:28s} {row[0]:9.2f} {row[1]:9.2f} {acc:15d}  {'ok' if ok else 'BELOW'}")

    if accepted:
        print()
        print(f"accepted: {sum(c[2] for c in cells.values())} cells in {len(used)} (file, field) pairs "
              f"from {args.accepted_dir}/oracle-accepted-*.txt")
        for key in sorted(accepted):
            reason, where = accepted[key]
            state = "" if key in used else "   [no such file in this run: stale entry?]"
            print(f"  {key[0]}  {key[1]}: {reason} ({where}){state}")

    print()
    if failed:
        print(f"oracle suite: FAIL: {len(failed)} field(s) below {args.threshold:g}%: {' '.join(failed)}")
        print(f"  details: {os.path.join(args.out, 'summary.txt')}, mismatches.tsv")
        return 1
    print(f"oracle suite: PASS: {len(fields)} fields at or above {args.threshold:g}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
