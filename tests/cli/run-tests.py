#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Golden tests of remora-cli.

Each TESTLIST line is `NAME INPUT FLAGS... EXPECTED` (shell quoting; INPUT
relative to captures/, EXPECTED relative to expected/; `-` as INPUT runs
without -r).  remora-cli's stdout must equal expected/EXPECTED byte for byte;
when it also writes to stderr or exits non-zero, expected/NAME.err holds
"exit: N" and the stderr text.  --update rewrites the expected files.
"""
import argparse
import difflib
import os
import shlex
import subprocess
import sys


def parse_testlist(path):
    cases = []
    with open(path, encoding='utf-8') as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            words = shlex.split(line)
            if len(words) < 3:
                sys.exit('%s:%d: need NAME INPUT [FLAGS...] EXPECTED' % (path, lineno))
            cases.append((words[0], words[1], words[2:-1], words[-1]))
    return cases


def run_case(cli, folder, name, inp, flags):
    cmd = [cli]
    if inp != '-':
        cmd += ['-r', os.path.join(folder, 'captures', inp)]
    cmd += flags
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          cwd=os.path.join(folder, 'captures'), env=env, timeout=60)
    err = b''
    if proc.returncode != 0 or proc.stderr:
        # The capture folder differs between checkouts: keep messages stable.
        stderr = proc.stderr.replace(os.path.join(folder, 'captures').encode() + b'/', b'')
        err = b'exit: %d\n' % proc.returncode + stderr
    return proc.stdout, err


def show_diff(label, expected, actual):
    exp = expected.decode('utf-8', 'replace').splitlines(keepends=True)
    act = actual.decode('utf-8', 'replace').splitlines(keepends=True)
    sys.stdout.writelines(difflib.unified_diff(exp, act, 'expected/' + label, 'actual', n=2))


def read(path):
    try:
        with open(path, 'rb') as f:
            return f.read()
    except FileNotFoundError:
        return b''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cli', required=True)
    ap.add_argument('--dir', default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument('--update', action='store_true')
    ap.add_argument('names', nargs='*')
    args = ap.parse_args()

    folder = os.path.abspath(args.dir)
    failed = []
    cases = parse_testlist(os.path.join(folder, 'TESTLIST'))
    for name, inp, flags, expected in cases:
        if args.names and name not in args.names:
            continue
        out, err = run_case(os.path.abspath(args.cli), folder, name, inp, flags)
        out_path = os.path.join(folder, 'expected', expected)
        err_path = os.path.join(folder, 'expected', name + '.err')
        if args.update:
            with open(out_path, 'wb') as f:
                f.write(out)
            if err:
                with open(err_path, 'wb') as f:
                    f.write(err)
            elif os.path.exists(err_path):
                os.unlink(err_path)
            print('updated', name)
            continue
        ok = True
        if out != read(out_path):
            show_diff(expected, read(out_path), out)
            ok = False
        if err != read(err_path):
            show_diff(name + '.err', read(err_path), err)
            ok = False
        print('%s %s' % ('ok  ' if ok else 'FAIL', name))
        if not ok:
            failed.append(name)
    if failed:
        print('%d of %d failed: %s' % (len(failed), len(cases), ' '.join(failed)))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
