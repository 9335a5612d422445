#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives tests/ui/test-live-netns.c: makes two network namespaces joined
by a veth pair (tests/capture/test-capture.py's), an HTTP server in one,
and runs the application's test program in the other under Xvfb, as root
or as a user it makes.  Needs root and `ip`; exits 77 (skipped) without.

    live-netns.py --test PATH --helper PATH --case NAME

Cases: http-seed, chooser-veth, helper-killed, unprivileged."""

import argparse
import grp
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))

spec = importlib.util.spec_from_file_location(
    "capture_test", os.path.join(HERE, "..", "capture", "test-capture.py"))
capture_test = importlib.util.module_from_spec(spec)
spec.loader.exec_module(capture_test)
Namespaces = capture_test.Namespaces
HttpServer = capture_test.HttpServer
make_page = capture_test.make_page
run = capture_test.run


def run_test(args, nsp, case, env_extra, user=None):
    """Runs test case CASE of the test program in the client namespace;
    returns its exit status (its output goes to ours)."""
    env = dict(os.environ)
    env.update(env_extra)
    env["REMORA_NETNS_IFACE"] = nsp.if_b
    env["REMORA_NETNS_SERVER"] = nsp.addr_a
    xvfb = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
    test = [args.test, "--tap", "-p", f"/remora/ui/live-netns/{case}"]
    if user is None:
        argv = nsp.cmd(nsp.ns_b, xvfb + test)
    else:
        # runuser resets the environment it cares about; the rest is passed
        # through env(1) so that the user's process sees it.
        keep = [f"{k}={v}" for k, v in env.items()
                if k.startswith(("REMORA_", "GSETTINGS_", "GSK_", "GDK_", "GTK_", "G_", "NO_AT_", "XDG_"))
                or k == "HOME"]
        argv = nsp.cmd(nsp.ns_b, ["runuser", "-u", user, "--", "env"] + keep + xvfb + test)
    print("running:", " ".join(argv), flush=True)
    res = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, timeout=150)
    print(res.stdout, flush=True)
    if res.returncode == 0 and ("# SKIP" in res.stdout or "not ok" in res.stdout):
        return 1
    return res.returncode


def case_http_seed(args, tmp):
    page = make_page()
    www = os.path.join(tmp, "www")
    os.mkdir(www)
    page_path = os.path.join(www, "rfc2324.txt")
    with open(page_path, "wb") as f:
        f.write(page)
    with Namespaces("uihttp") as nsp:
        server = HttpServer(nsp, www)
        try:
            return run_test(args, nsp, "http-seed", {"REMORA_NETNS_PAGE": page_path,
                                                     "REMORA_CAPTURE": args.helper})
        finally:
            server.stop()


def case_chooser_veth(args, tmp):
    with Namespaces("uichoose") as nsp:
        return run_test(args, nsp, "chooser-veth", {"REMORA_CAPTURE": args.helper})


def case_helper_killed(args, tmp):
    with Namespaces("uikill") as nsp:
        return run_test(args, nsp, "helper-killed", {"REMORA_CAPTURE": args.helper})


def case_unprivileged(args, tmp):
    for tool in ("setcap", "useradd", "userdel", "groupadd", "runuser"):
        if shutil.which(tool) is None:
            print(f"skipped: `{tool}` is missing (setcap: apt-get install libcap2-bin)")
            return SKIP
    tag = os.getpid() % 100000
    outsider = f"ruio{tag}"
    member = f"ruim{tag}"
    made_group = False
    try:
        grp.getgrnam("remora")
    except KeyError:
        run(["groupadd", "-r", "remora"])
        made_group = True
    try:
        run(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", outsider])
        run(["useradd", "-M", "-N", "-G", "remora", "-s", "/usr/sbin/nologin", member])
        # Copies every user can reach, whatever the build folder's modes.
        os.chmod(tmp, 0o755)
        test = os.path.join(tmp, "test-ui-live-netns")
        shutil.copy2(args.test, test)
        schemas = os.path.join(tmp, "schemas")
        os.mkdir(schemas, 0o755)
        shutil.copy2(os.path.join(os.environ["GSETTINGS_SCHEMA_DIR"], "gschemas.compiled"), schemas)
        plain = os.path.join(tmp, "plain", "remora-capture")
        grouped = os.path.join(tmp, "grouped", "remora-capture")
        for path in (plain, grouped):
            os.makedirs(os.path.dirname(path), mode=0o755)
            shutil.copy2(args.helper, path)
        # As README's "Capturing without root" sets up the installed helper.
        os.chown(grouped, 0, grp.getgrnam("remora").gr_gid)
        os.chmod(grouped, 0o750)
        run(["setcap", "cap_net_raw,cap_net_admin=ep", grouped])
        args.test = test

        def user_env(user, helper):
            home = os.path.join(tmp, "home-" + user)
            os.makedirs(home, exist_ok=True)
            shutil.chown(home, user)
            return {"REMORA_CAPTURE": helper, "GSETTINGS_SCHEMA_DIR": schemas, "HOME": home,
                    "XDG_CONFIG_HOME": os.path.join(home, ".config"),
                    "XDG_CACHE_HOME": os.path.join(home, ".cache"),
                    "REMORA_BUILD_ROOT": home}

        with Namespaces("uipriv") as nsp:
            # 1. A helper without capture rights: the reason and the commands.
            env = user_env(outsider, plain)
            env["REMORA_NETNS_EXPECT"] = "\n".join([
                "setcap cap_net_raw,cap_net_admin=ep " + plain,
                "sudo groupadd -r remora",
                f"sudo usermod -aG remora {outsider}",
            ])
            rc = run_test(args, nsp, "unprivileged-denied", env, user=outsider)
            if rc != 0:
                return rc
            shot = os.path.join(env["HOME"], "remora-live-denied.png")
            if os.path.exists(shot) and os.environ.get("REMORA_BUILD_ROOT"):
                shutil.copy(shot, os.environ["REMORA_BUILD_ROOT"])
            # 2. The helper with its rights, kept to its group: not a member.
            env = user_env(outsider, grouped)
            env["REMORA_NETNS_EXPECT"] = "\n".join([
                f"Could not run the capture helper {grouped}",
                f"sudo usermod -aG remora {outsider}",
            ])
            rc = run_test(args, nsp, "unprivileged-denied", env, user=outsider)
            if rc != 0:
                return rc
            # 3. A member of the group: it captures.
            return run_test(args, nsp, "unprivileged-captures", user_env(member, grouped), user=member)
    finally:
        # A test that failed may leave its X server a moment to exit.
        for user in (outsider, member):
            for _ in range(10):
                res = subprocess.run(["userdel", user], capture_output=True)
                if res.returncode in (0, 6):     # 6: no such user
                    break
                time.sleep(0.5)
        if made_group:
            subprocess.run(["groupdel", "remora"], capture_output=True)


CASES = {
    "http-seed": case_http_seed,
    "chooser-veth": case_chooser_veth,
    "helper-killed": case_helper_killed,
    "unprivileged": case_unprivileged,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--test", required=True)
    parser.add_argument("--helper", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    args = parser.parse_args()
    args.test = os.path.abspath(args.test)
    args.helper = os.path.abspath(args.helper)

    if os.geteuid() != 0:
        print("skipped: the live capture ui tests need root (they make network namespaces)")
        return SKIP
    for tool in ("ip", "xvfb-run", "xdotool"):
        if shutil.which(tool) is None:
            print(f"skipped: `{tool}` is missing")
            return SKIP
    probe = f"rc-probe-{os.getpid()}"
    if subprocess.run(["ip", "netns", "add", probe], capture_output=True).returncode != 0:
        print("skipped: network namespaces are not available here")
        return SKIP
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)

    tmp = tempfile.mkdtemp(prefix="remora-live-ui-")
    try:
        return CASES[args.case](args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
