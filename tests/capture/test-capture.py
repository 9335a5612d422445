#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Live capture tests: remora-capture and remora-cli on a veth pair between
two network namespaces the test makes (and removes), so no packet leaves
them.  Needs root and `ip`; exits 77 (skipped) without them.

    test-capture.py --cli PATH --helper PATH --case NAME

Cases: http-seed, promisc, capture-filter, unprivileged, helper-killed."""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77
IFF_PROMISC = 0x100


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


class Namespaces:
    """Server namespace A (address .1) and client namespace B (.2), joined
    by a veth pair with a small MTU, names unique to this process."""

    def __init__(self, tag, mtu=1000):
        uid = f"{os.getpid() % 100000}"
        self.ns_a = f"rc-{tag}-a-{uid}"
        self.ns_b = f"rc-{tag}-b-{uid}"
        self.if_a = f"rca{uid}"
        self.if_b = f"rcb{uid}"
        subnet = 10 + os.getpid() % 200
        self.addr_a = f"10.213.{subnet}.1"
        self.addr_b = f"10.213.{subnet}.2"
        self.mtu = mtu

    def __enter__(self):
        try:
            run(["ip", "netns", "add", self.ns_a])
            run(["ip", "netns", "add", self.ns_b])
            run(["ip", "link", "add", self.if_a, "netns", self.ns_a, "mtu", str(self.mtu),
                 "type", "veth", "peer", "name", self.if_b, "netns", self.ns_b,
                 "mtu", str(self.mtu)])
            for ns, ifname, addr in ((self.ns_a, self.if_a, self.addr_a),
                                     (self.ns_b, self.if_b, self.addr_b)):
                run(["ip", "-n", ns, "addr", "add", f"{addr}/24", "dev", ifname])
                run(["ip", "-n", ns, "link", "set", ifname, "up"])
                run(["ip", "-n", ns, "link", "set", "lo", "up"])
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        # Deleting a namespace deletes the veth end inside it.
        for ns in (self.ns_a, self.ns_b):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)

    def cmd(self, ns, argv):
        return ["ip", "netns", "exec", ns] + list(argv)

    def flags(self, ns, ifname):
        out = run(self.cmd(ns, ["cat", f"/sys/class/net/{ifname}/flags"])).stdout
        return int(out.strip(), 16)


class Capture:
    """remora-cli capturing in a namespace, started and waited for."""

    def __init__(self, argv, env=None):
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env, text=True)
        self.stderr_lines = []

    def wait_capturing(self, timeout=10):
        """Reads stderr until "Capturing on" (or the end); True if started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if line == "":
                return False
            self.stderr_lines.append(line)
            if line.startswith("Capturing on"):
                # The kernel delivers to the socket from here on; give the
                # helper's loop a moment to be in poll().
                time.sleep(0.3)
                return True
        return False

    def finish(self, timeout=20):
        out, err = self.proc.communicate(timeout=timeout)
        self.stderr = "".join(self.stderr_lines) + err
        self.stdout = out
        return self.proc.returncode


def cli_lines(cli, *args):
    res = subprocess.run([cli] + list(args), capture_output=True, text=True)
    if res.returncode != 0:
        raise Failure(f"remora-cli {' '.join(args)} failed ({res.returncode}): {res.stderr}")
    return [l for l in res.stdout.split("\n") if l != ""]


def send_udp(ns, src_addr, dst_addr, count, port=9999, tag=b"remora"):
    code = ("import socket,time\n"
            "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
            f"s.bind(('{src_addr}',0))\n"
            f"for i in range({count}):\n"
            f"  s.sendto({tag!r}+b'-%04d'%i,('{dst_addr}',{port}))\n"
            "  time.sleep(0.005)\n")
    run(["ip", "netns", "exec", ns, sys.executable, "-c", code])


def make_page():
    """About 20 KB of plain text, the size of RFC 2324."""
    lines = ["Hyper Text Coffee Pot Control Protocol (a stand-in of the same size)", ""]
    n = 0
    while sum(len(l) + 1 for l in lines) < 20000:
        n += 1
        lines.append(f"{n:04d} BREW and WHEN: the pot answers 418 when it is a teapot; "
                     f"line {n} of the page.")
    return ("\n".join(lines) + "\n").encode()


class HttpServer:
    def __init__(self, nsp, directory):
        self.proc = subprocess.Popen(
            nsp.cmd(nsp.ns_a, [sys.executable, "-m", "http.server", "80", "--bind", nsp.addr_a,
                               "--directory", directory]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            out = run(nsp.cmd(nsp.ns_a, ["ss", "-ltnH"])).stdout
            if f"{nsp.addr_a}:80" in out:
                return
            time.sleep(0.1)
        self.stop()
        raise Failure("the HTTP server did not start")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def fetch(nsp, path, out_file):
    code = ("import urllib.request,sys\n"
            f"data=urllib.request.urlopen('http://{nsp.addr_a}/{path}',timeout=10).read()\n"
            f"open({out_file!r},'wb').write(data)\n")
    run(nsp.cmd(nsp.ns_b, [sys.executable, "-c", code]))


def unescape_field(text):
    """-T fields shows a string field with tshark's escapes (\\n, \\r, \\t, \\\\)."""
    out = []
    i = 0
    table = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in table:
            out.append(table[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# ---- cases ----

def case_http_seed(args, tmp):
    page = make_page()
    www = os.path.join(tmp, "www")
    os.mkdir(www)
    with open(os.path.join(www, "rfc2324.txt"), "wb") as f:
        f.write(page)
    pcap = os.path.join(tmp, "out.pcapng")
    got = os.path.join(tmp, "got.txt")

    with Namespaces("http") as nsp:
        server = HttpServer(nsp, www)
        try:
            # 1. Saved to a file by the helper.
            cap = Capture(nsp.cmd(nsp.ns_b, [args.cli, "-i", nsp.if_b, "-w", pcap,
                                            "-a", "duration:4"]))
            check(cap.wait_capturing(), "capture did not start: " + "".join(cap.stderr_lines))
            fetch(nsp, "rfc2324.txt", got)
            rc = cap.finish()
            check(rc == 0, f"remora-cli -w failed ({rc}): {cap.stderr}")
            m = re.search(r"^(\d+) packets captured$", cap.stderr, re.M)
            check(m is not None and int(m.group(1)) > 0, "no packet count: " + cap.stderr)

            # 2. Printed live with a display filter.
            live = Capture(nsp.cmd(nsp.ns_b, [args.cli, "-i", nsp.if_b, "-a", "duration:4",
                                             "-Y", f"http and ip.addr == {nsp.addr_a}"]))
            check(live.wait_capturing(), "live capture did not start: " + "".join(live.stderr_lines))
            fetch(nsp, "rfc2324.txt", got + ".2")
            rc = live.finish()
            check(rc == 0, f"live remora-cli failed ({rc}): {live.stderr}")
        finally:
            server.stop()

    with open(got, "rb") as f:
        check(f.read() == page, "the client did not get the page")

    server_segments = cli_lines(args.cli, "-r", pcap, "-Y",
                                f"ip.src == {nsp.addr_a} and tcp.len > 0",
                                "-T", "fields", "-e", "frame.number")
    check(len(server_segments) >= 4,
          f"the response spans {len(server_segments)} segments, want >= 4 (MTU {nsp.mtu})")

    lines = cli_lines(args.cli, "-r", pcap, "-Y", f"http and ip.addr == {nsp.addr_a}")
    check(len(lines) == 2, f"-Y 'http and ip.addr == {nsp.addr_a}' gave {len(lines)} packets, "
          f"want the request and the response:\n" + "\n".join(lines))
    check("GET /rfc2324.txt" in lines[0], "first is not the request: " + lines[0])
    check("200" in lines[1], "second is not the response: " + lines[1])

    live_lines = [l for l in live.stdout.split("\n") if l]
    check(len(live_lines) == 2, f"live -Y printed {len(live_lines)} packets, want 2:\n" + live.stdout)

    res = subprocess.run([args.cli, "-r", pcap, "-Y", "http.response", "-T", "fields",
                          "-e", "http.file_data"], capture_output=True, text=True)
    check(res.returncode == 0, "http.file_data: " + res.stderr)
    body = res.stdout[:-1] if res.stdout.endswith("\n") else res.stdout
    if "\n" not in body:
        body = unescape_field(body)
    check(body.encode() == page,
          f"the reassembled body ({len(body)} chars) differs from the served file ({len(page)} bytes)")


def promisc_during(args, nsp, cli_args, ifaces):
    """Flags of IFACES (in namespace B) while capturing with CLI_ARGS."""
    cap = Capture(nsp.cmd(nsp.ns_b, [args.cli] + cli_args + ["-a", "duration:1.5", "-q"]))
    check(cap.wait_capturing(), "capture did not start: " + "".join(cap.stderr_lines))
    flags = {i: nsp.flags(nsp.ns_b, i) for i in ifaces}
    rc = cap.finish()
    check(rc == 0, f"remora-cli {cli_args} failed ({rc}): {cap.stderr}")
    return flags


def case_promisc(args, tmp):
    with Namespaces("prom") as nsp:
        ifb = nsp.if_b
        check(not nsp.flags(nsp.ns_b, ifb) & IFF_PROMISC, "promiscuous before any capture")

        f = promisc_during(args, nsp, ["-i", ifb], [ifb])
        check(f[ifb] & IFF_PROMISC, "promiscuous mode is not on while capturing by default")
        check(not nsp.flags(nsp.ns_b, ifb) & IFF_PROMISC, "promiscuous mode stays on after the capture")

        f = promisc_during(args, nsp, ["-p", "-i", ifb], [ifb])
        check(not f[ifb] & IFF_PROMISC, "-p before -i (all interfaces) left promiscuous mode on")

        f = promisc_during(args, nsp, ["-i", ifb, "-p"], [ifb])
        check(not f[ifb] & IFF_PROMISC, "-p after -i (that interface) left promiscuous mode on")

        # -p belongs to the -i before it only.
        f = promisc_during(args, nsp, ["-i", "lo", "-p", "-i", ifb], [ifb, "lo"])
        check(f[ifb] & IFF_PROMISC, f"-i lo -p -i {ifb}: {ifb} should be promiscuous")
        check(not f["lo"] & IFF_PROMISC, f"-i lo -p -i {ifb}: lo should not be promiscuous")

        f = promisc_during(args, nsp, ["-i", "lo", "-i", ifb, "-p"], [ifb, "lo"])
        check(not f[ifb] & IFF_PROMISC, f"-i lo -i {ifb} -p: {ifb} should not be promiscuous")
        check(f["lo"] & IFF_PROMISC, f"-i lo -i {ifb} -p: lo should be promiscuous")


def case_capture_filter(args, tmp):
    www = os.path.join(tmp, "www")
    os.mkdir(www)
    with open(os.path.join(www, "page.txt"), "wb") as f:
        f.write(make_page()[:4000])
    filtered = os.path.join(tmp, "filtered.pcapng")

    with Namespaces("filt") as nsp:
        server = HttpServer(nsp, www)
        try:
            # The same traffic through a filtered and an unfiltered capture.
            cap_f = Capture(nsp.cmd(nsp.ns_b, [args.cli, "-i", nsp.if_b, "-f", "tcp port 80",
                                              "-w", filtered, "-a", "duration:3"]))
            cap_all = Capture(nsp.cmd(nsp.ns_b, [args.cli, "-i", nsp.if_b, "-T", "fields",
                                                "-e", "frame.number", "-e", "frame.protocols"]))
            check(cap_f.wait_capturing(), "filtered capture did not start: " + "".join(cap_f.stderr_lines))
            check(cap_all.wait_capturing(), "capture did not start: " + "".join(cap_all.stderr_lines))
            fetch(nsp, "page.txt", os.path.join(tmp, "got"))
            send_udp(nsp.ns_a, nsp.addr_a, nsp.addr_b, 10)
            rc = cap_f.finish()
            check(rc == 0, f"filtered capture failed ({rc}): {cap_f.stderr}")
            time.sleep(0.3)
            # Ctrl+C: remora-cli stops the helper and reports the count.
            cap_all.proc.send_signal(signal.SIGINT)
            rc = cap_all.finish()
            check(rc == 0, f"unfiltered capture failed after SIGINT ({rc}): {cap_all.stderr}")
        finally:
            server.stop()

    all_lines = [l for l in cap_all.stdout.split("\n") if l]
    m = re.search(r"^(\d+) packets captured$", cap_all.stderr, re.M)
    check(m is not None, "no 'N packets captured' after SIGINT: " + cap_all.stderr)
    check(int(m.group(1)) == len(all_lines),
          f"'{m.group(0)}' but {len(all_lines)} packets printed")
    check(any(":udp" in l for l in all_lines), "the unfiltered capture saw no UDP")
    check(any(":tcp" in l for l in all_lines), "the unfiltered capture saw no TCP")

    total = cli_lines(args.cli, "-r", filtered, "-T", "fields", "-e", "frame.number")
    port80 = cli_lines(args.cli, "-r", filtered, "-Y", "tcp.port == 80",
                       "-T", "fields", "-e", "frame.number")
    check(len(total) > 0, "the filtered capture is empty")
    check(total == port80, f"{len(total)} packets captured with 'tcp port 80', only "
          f"{len(port80)} of them TCP port 80")

    # An invalid filter: libpcap's message, status 2, nothing captured.
    for argv, who in (([args.cli, "-i", "lo", "-f", "tcp port"], "remora-cli"),
                      ([args.helper, "-i", "lo", "-f", "tcp port", "-w", "-"], "remora-capture")):
        res = subprocess.run(argv, capture_output=True, text=True, timeout=10)
        check(res.returncode == 2, f"{who} with an invalid filter exited {res.returncode}, want 2")
        check("can't parse filter expression: syntax error" in res.stderr,
              f"{who} did not give libpcap's message: {res.stderr}")
        check("Capturing on" not in res.stderr and "capturing" not in res.stderr,
              f"{who} started capturing with an invalid filter: {res.stderr}")
        check(res.stdout == "", f"{who} wrote output with an invalid filter")


def helper_pids(path):
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.readlink(f"/proc/{entry}/exe") == path:
                    pids.append(int(entry))
            except OSError:
                pass
    return pids


def case_unprivileged(args, tmp):
    user = f"rcap{os.getpid() % 100000}"
    run(["useradd", "-M", "-N", "-s", "/usr/sbin/nologin", user])
    try:
        # Copies the user can reach whatever the build folder's permissions.
        os.chmod(tmp, 0o755)
        cli = os.path.join(tmp, "remora-cli")
        plain = os.path.join(tmp, "plain", "remora-capture")
        capable = os.path.join(tmp, "capable", "remora-capture")
        for path in (plain, capable):
            os.makedirs(os.path.dirname(path), mode=0o755)
            shutil.copy2(args.helper, path)
        shutil.copy2(args.cli, cli)
        run(["setcap", "cap_net_raw,cap_net_admin=ep", capable])
        forbidden = os.path.join(tmp, "root-only")
        os.mkdir(forbidden, 0o700)

        with Namespaces("priv") as nsp:
            def as_user(helper, argv):
                env = dict(os.environ, REMORA_CAPTURE=helper)
                return nsp.cmd(nsp.ns_b, ["runuser", "-u", user, "--", "env",
                                          f"REMORA_CAPTURE={helper}", cli] + argv), env

            argv, env = as_user(plain, ["-i", nsp.if_b, "-a", "duration:1"])
            res = subprocess.run(argv, capture_output=True, text=True, timeout=20, env=env)
            check(res.returncode == 2, f"without rights: exit {res.returncode}, want 2: {res.stderr}")
            check("permission" in res.stderr.lower(), "no reason given: " + res.stderr)
            for fix in ("setcap cap_net_raw,cap_net_admin=ep " + plain,
                        "groupadd -r remora", f"usermod -aG remora {user}"):
                check(fix in res.stderr, f"the fix '{fix}' is not shown:\n{res.stderr}")

            # With the capabilities: it captures, and holds none of them once started.
            argv, env = as_user(capable, ["-i", nsp.if_b, "-a", "duration:3", "-Y", "udp and not icmp",
                                          "-T", "fields", "-e", "udp.dstport"])
            cap = Capture(argv, env=env)
            check(cap.wait_capturing(), "the capable helper did not start: " + "".join(cap.stderr_lines))
            send_udp(nsp.ns_a, nsp.addr_a, nsp.addr_b, 5)
            pids = helper_pids(capable)
            check(len(pids) == 1, f"helper processes: {pids}")
            with open(f"/proc/{pids[0]}/status") as f:
                status = dict(l.split(":", 1) for l in f.read().splitlines() if ":" in l)
            for key in ("CapEff", "CapPrm", "CapInh", "CapAmb"):
                check(int(status[key].strip(), 16) == 0,
                      f"the helper still holds capabilities while capturing: {key} {status[key].strip()}")
            check(status["NoNewPrivs"].strip() == "1", "no_new_privs is not set")
            rc = cap.finish()
            check(rc == 0, f"with capabilities: exit {rc}: {cap.stderr}")
            ports = [l for l in cap.stdout.split("\n") if l]
            check(ports == ["9999"] * 5, f"captured UDP packets: {ports}")

            # It refuses to write where its caller could not.
            argv, env = as_user(capable, ["-i", nsp.if_b, "-a", "duration:1", "-w",
                                          os.path.join(forbidden, "x.pcapng")])
            res = subprocess.run(argv, capture_output=True, text=True, timeout=20, env=env)
            check(res.returncode == 2, f"writing into a root-only folder: exit {res.returncode}: {res.stderr}")
            check("Permission denied" in res.stderr, "no reason for the refused file: " + res.stderr)
            check(not os.path.exists(os.path.join(forbidden, "x.pcapng")), "the file was created")
    finally:
        subprocess.run(["userdel", user], capture_output=True)


def case_helper_killed(args, tmp):
    with Namespaces("kill") as nsp:
        cap = Capture(nsp.cmd(nsp.ns_b, [args.cli, "-i", nsp.if_b, "-Y", "udp.dstport == 9999 and not icmp",
                                        "-T", "fields", "-e", "frame.number", "-e", "udp.length"]))
        check(cap.wait_capturing(), "capture did not start: " + "".join(cap.stderr_lines))
        send_udp(nsp.ns_a, nsp.addr_a, nsp.addr_b, 20)
        # Longer than the helper's buffer timeout: everything sent is delivered.
        time.sleep(1.0)
        pids = helper_pids(os.path.realpath(args.helper))
        pids = [p for p in pids if os.path.exists(f"/proc/{p}")
                and str(cap.proc.pid) in open(f"/proc/{p}/status").read().split("PPid:")[1].split("\n")[0]]
        check(len(pids) == 1, f"cannot find the helper of this capture: {pids}")
        os.kill(pids[0], signal.SIGKILL)
        rc = cap.finish()
    lines = [l for l in cap.stdout.split("\n") if l]
    check(len(lines) == 20, f"{len(lines)} of the 20 packets received before the kill were printed")
    check(rc != 0, "remora-cli exited 0 although its helper was killed")
    check("killed by signal 9" in cap.stderr, "remora-cli did not say what happened: " + cap.stderr)
    check(re.search(r"^\d+ packets captured$", cap.stderr, re.M) is not None,
          "no packet count after the kill: " + cap.stderr)


CASES = {
    "http-seed": case_http_seed,
    "promisc": case_promisc,
    "capture-filter": case_capture_filter,
    "unprivileged": case_unprivileged,
    "helper-killed": case_helper_killed,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--helper", required=True)
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    args = parser.parse_args()
    args.cli = os.path.abspath(args.cli)
    args.helper = os.path.abspath(args.helper)

    if os.geteuid() != 0:
        print("skipped: live capture tests need root (they make network namespaces)")
        return SKIP
    if shutil.which("ip") is None:
        print("skipped: the `ip` command (iproute2) is missing")
        return SKIP
    probe = f"rc-probe-{os.getpid()}"
    if subprocess.run(["ip", "netns", "add", probe], capture_output=True).returncode != 0:
        print("skipped: network namespaces are not available here")
        return SKIP
    subprocess.run(["ip", "netns", "del", probe], capture_output=True)
    if args.case == "unprivileged":
        for tool in ("setcap", "useradd", "userdel", "runuser"):
            if shutil.which(tool) is None:
                print(f"skipped: `{tool}` is missing (setcap: apt-get install libcap2-bin)")
                return SKIP
    # The helper must be where remora-cli looks, or named by REMORA_CAPTURE.
    os.environ["REMORA_CAPTURE"] = args.helper

    tmp = tempfile.mkdtemp(prefix="remora-capture-test-")
    start = time.monotonic()
    try:
        CASES[args.case](args, tmp)
    except Failure as e:
        print(f"FAIL {args.case}: {e}")
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok {args.case} ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
