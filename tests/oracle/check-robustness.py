#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Robustness test: every capture of public.txt and robustness.txt through
remora-cli, in tree mode with hex (-V -x) and in fields mode
(-T fields -e frame.number), each run under a time limit and an
address-space limit.

A damaged file may be refused: a non-zero exit with a message on stderr is
fine.  A signal (crash, abort), a time-out, or a non-zero exit that says
nothing is a failure, reported with the file name.

Exit: 0 when every run behaved, 1 otherwise, 77 (skipped) when the corpus is
not there, unless REMORA_REQUIRE_ORACLE=1.
"""
import argparse
import concurrent.futures
import os
import signal
import subprocess
import sys

SKIP = 77
MODES = {
    "tree": ["-V", "-x"],
    "fields": ["-T", "fields", "-e", "frame.number"],
}


def read_list(path):
    base = os.path.dirname(os.path.abspath(path))
    out = []
    for line in open(path):
        line = line.split("#", 1)[0].strip()
        if line:
            f = line.split("\t")[0]
            out.append(f if os.path.isabs(f) else os.path.join(base, f))
    return out


def run_one(cli, path, mode, timeout, as_mib):
    # The limit is set by a shell that then execs the CLI, so the CLI keeps
    # the pid and a signal still shows as a negative status.
    limit = f"ulimit -v {as_mib * 1024}; " if as_mib > 0 else ""
    cmd = ["sh", "-c", limit + 'exec "$@"', "sh", cli, "-r", path] + MODES[mode]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:g} s"
    err = p.stderr.decode(errors="replace").strip()
    if p.returncode < 0:
        try:
            name = signal.Signals(-p.returncode).name
        except ValueError:
            name = f"signal {-p.returncode}"
        return f"killed by {name}" + (f": {err[-300:]}" if err else "")
    if p.returncode != 0 and not err:
        return f"exit status {p.returncode} without an error message"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True, help="path of remora-cli")
    ap.add_argument("--corpus", required=True, help="the shared corpus folder")
    ap.add_argument("--lists", default="public.txt,robustness.txt", help="comma-separated lists in the corpus")
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per run")
    ap.add_argument("--as-limit-mib", type=int,
                    default=int(os.environ.get("REMORA_ROBUSTNESS_AS_MIB", "256")),
                    help="address-space limit per run in MiB (0: none; sanitizer builds need 0)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    corpus = os.path.abspath(args.corpus)
    lists = [os.path.join(corpus, l) for l in args.lists.split(",")]
    if not all(os.path.isfile(l) for l in lists):
        msg = f"corpus not found at {corpus}"
        if os.environ.get("REMORA_REQUIRE_ORACLE") == "1":
            print(f"robustness suite: {msg}; REMORA_REQUIRE_ORACLE=1, so this is a failure")
            return 1
        print(f"robustness suite: {msg}; skipped")
        return SKIP
    if not os.access(args.cli, os.X_OK):
        print(f"robustness suite: {args.cli} is not an executable")
        return 1

    cli = os.path.abspath(args.cli)
    files = []
    for l in lists:
        files += read_list(l)
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        print("robustness suite: listed captures missing: " + " ".join(missing[:10]))
        return 1

    jobs = [(f, m) for f in files for m in MODES]
    print(f"robustness suite: {len(files)} files x {len(MODES)} modes, {args.timeout:g} s and "
          f"{args.as_limit_mib or 'no'} MiB limit each, {args.jobs} at a time", flush=True)
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = {ex.submit(run_one, cli, f, m, args.timeout, args.as_limit_mib): (f, m) for f, m in jobs}
        for fu in concurrent.futures.as_completed(futs):
            why = fu.result()
            if why:
                f, m = futs[fu]
                failures.append((os.path.relpath(f, corpus), m, why))

    for f, m, why in sorted(failures):
        args_txt = " ".join(MODES[m])
        print(f"FAIL {f} ({args_txt}): {why}")
    print(f"{len(jobs) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
