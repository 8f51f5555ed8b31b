# -*- coding: utf-8 -*-
"""make bench: generate realms of the given sizes, converge each with every tool of tools.py against
the local Keycloak, through a counting proxy, and write the results and docs/benchmarks.md.

    run.py [--sizes 100,1000] [--tools collection-loop,...] [--repeats 3] [--loop-max 1000] [--database postgres]

With --database postgres the server is not the local dev-mode Keycloak: the run starts a PostgreSQL cluster of its own
on 127.0.0.1 in a temporary folder and Keycloak in production mode on it, installed by this collection's server role
(scripts/bench/postgres.yml, as root), and stops both at the end.

For each size and tool, each repeat starts from an empty realm and measures, in this order: (a) the
first apply, (b) the same again, (d) the check-mode plan of a document with 1% of the users edited,
(c) the apply of that document. Per point: wall time of the command, the HTTP requests it sent (all,
logins, writes) as the proxy saw them, the peak resident memory of the processes that talk to Keycloak
(each module process, or the lower-bound script: an interpreter wrapper runs them under /usr/bin/time),
and of the whole process tree (ansible-playbook included: os.wait4's rusage). The medians go to the
table. Results: .cache/bench/results/<timestamp>.json.
"""

import argparse
import collections
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [HERE, os.path.join(ROOT, "tests", "keycloak")]

import realm as realms  # noqa: E402
from report import summarise  # noqa: E402
import tools as bench_tools  # noqa: E402
from proxy import Proxy  # noqa: E402
import server as local_server  # noqa: E402

CACHE = os.path.join(ROOT, ".cache", "bench")
ADMIN_USER = os.environ.get("KEYCLOAK_ADMIN_USER", "admin")
ADMIN_PASSWORD = os.environ.get("KEYCLOAK_ADMIN_PASSWORD", "kc-local-admin-secret")
POINT_TIMEOUT = int(os.environ.get("BENCH_POINT_TIMEOUT", "3600"))
POINTS = ("apply", "noop", "plan", "change")
# Every playbook the benchmark runs keeps Ansible's files in the repository and finds this collection there.
ANSIBLE_ENV = {"ANSIBLE_HOME": os.path.join(ROOT, ".cache", "ansible"),
               "ANSIBLE_LOCAL_TEMP": os.path.join(ROOT, ".cache", "ansible", "tmp"),
               "ANSIBLE_REMOTE_TMP": os.path.join(ROOT, ".cache", "ansible", "remote_tmp"),
               "ANSIBLE_COLLECTIONS_PATH": os.path.join(ROOT, ".cache", "collections")}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def ensure_bench_venv():
    """The benchmark's own virtualenv: the `ansible` package (community.general) and matplotlib."""
    python = os.path.join(bench_tools.BENCH_VENV, "bin", "python")
    marker = os.path.join(bench_tools.BENCH_VENV, ".installed")
    if not os.path.exists(marker):
        subprocess.check_call([sys.executable, "-m", "venv", bench_tools.BENCH_VENV])
        subprocess.check_call([python, "-m", "pip", "install", "-q", "ansible>=11,<12", "requests", "matplotlib"])
        open(marker, "w").close()
    return python


def write_wrapper():
    """An interpreter that records the peak RSS (KiB) of every process it runs in $BENCH_RSS_LOG."""
    path = os.path.join(CACHE, "python-rss")
    with open(path, "w") as handle:
        handle.write('#!/bin/sh\nexec /usr/bin/time -q -a -o "$BENCH_RSS_LOG" -f "rss %M" "$BENCH_PYTHON" "$@"\n')
    os.chmod(path, 0o755)
    return path


def admin(url):
    http = requests.Session()
    answer = http.post(url + "/realms/master/protocol/openid-connect/token", data={
        "grant_type": "password", "client_id": "admin-cli", "username": ADMIN_USER, "password": ADMIN_PASSWORD},
        timeout=30)
    answer.raise_for_status()
    http.headers["Authorization"] = "Bearer " + answer.json()["access_token"]
    return http


def empty_realm(url, name):
    http = admin(url)
    answer = http.delete("%s/admin/realms/%s" % (url, name), timeout=600)
    if answer.status_code not in (204, 404):
        answer.raise_for_status()
    http.post(url + "/admin/realms", json={"realm": name, "enabled": True}, timeout=120).raise_for_status()


class PostgresKeycloak:
    """Keycloak in production mode on a PostgreSQL cluster of the run's own (scripts/bench/postgres.yml), started on
    entry and stopped, its folder removed, on exit."""

    def __init__(self, env):
        if os.geteuid() != 0:
            sys.exit("--database postgres installs Keycloak with the server role, which needs root")
        pg_bin = os.environ.get("BENCH_PG_BIN") or local_server.postgresql_bin()
        if not pg_bin:
            sys.exit("--database postgres needs PostgreSQL (Debian: apt-get install postgresql)")
        # The version of the local server (KEYCLOAK_VERSION, else tests/keycloak/VERSION), fetched as it is.
        version = local_server.version()
        dist = local_server.dist_zip()
        self.work = tempfile.mkdtemp(prefix="iam-keycloak-bench-pg-")
        os.chmod(self.work, 0o755)  # the Keycloak and PostgreSQL users traverse it
        pg_port, http_port, management_port = local_server.free_ports(3)
        self.env = dict(env, BENCH_PG_WORK=self.work, BENCH_PG_BIN=pg_bin, BENCH_PG_PORT=str(pg_port),
                        BENCH_HTTP_PORT=str(http_port), BENCH_MANAGEMENT_PORT=str(management_port),
                        BENCH_KEYCLOAK_VERSION=version, BENCH_KEYCLOAK_DIST=dist)
        self.url = "http://127.0.0.1:%d" % http_port
        # "postgres (PostgreSQL) 15.14": the server's own word for its version.
        found = subprocess.check_output([os.path.join(pg_bin, "postgres"), "--version"], text=True).strip()
        self.label = "PostgreSQL %s, Keycloak in production mode (the server role)" % found.split(") ", 1)[-1]

    def _playbook(self, state):
        playbook = os.path.join(HERE, "postgres.yml")
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", playbook,
                   "-e", "bench_pg_state=%s" % state, "-e", "ansible_python_interpreter=%s" % sys.executable]
        log = os.path.join(CACHE, "work", "postgres-%s.log" % state)
        os.makedirs(os.path.dirname(log), exist_ok=True)
        with open(log, "w") as handle:
            code = subprocess.call(command, env=self.env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
        if code:
            raise RuntimeError("%s exited %d: see %s" % (" ".join(command), code, os.path.relpath(log, ROOT)))

    def __enter__(self):
        print("starting PostgreSQL and Keycloak in production mode in %s (the first start migrates the database: minutes)"
              % self.work, flush=True)
        try:
            self._playbook("started")
        except BaseException:
            try:
                self.__exit__()
            except RuntimeError as error:
                print("and stopping failed too: %s" % error, flush=True)
            raise
        return self

    def __exit__(self, *exc):
        try:
            self._playbook("stopped")
        finally:
            shutil.rmtree(self.work, ignore_errors=True)


def machine(url, database=None):
    info = admin(url).get(url + "/admin/serverinfo", timeout=30).json()
    with open("/proc/meminfo") as handle:
        memory = int(re.search(r"MemTotal:\s+(\d+)", handle.read()).group(1)) // 1024
    model = ""
    with open("/proc/cpuinfo") as handle:
        found = re.search(r"model name\s*:\s*(.*)", handle.read())
        model = found.group(1).strip() if found else platform.machine()
    return {"nproc": os.cpu_count(), "cpu": model, "memory_mb": memory, "kernel": platform.release(),
            "keycloak": info.get("systemInfo", {}).get("version"), "database": database or "dev-file (H2), Keycloak in dev mode",
            "python": platform.python_version(), "loadavg_at_start": os.getloadavg()}


def _kill_tree(process):
    """Kill a point's playbook and everything under it: Ansible's workers start sessions of their own, so a process
    group would miss the module."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as handle:
                    parents.setdefault(int(handle.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass  # ended meanwhile
    tree, todo = [], [process.pid]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(parents.get(pid, []))
    for pid in tree:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def measure(command, env, proxy, log_path):
    rss_log = log_path + ".rss"
    if os.path.exists(rss_log):
        os.unlink(rss_log)
    env = dict(env, BENCH_RSS_LOG=rss_log)
    before = len(proxy.requests)
    load = os.getloadavg()[0]
    with open(log_path, "w") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        timer = threading.Timer(POINT_TIMEOUT, _kill_tree, (process,))
        timer.start()
        try:
            status, usage = os.wait4(process.pid, 0)[1:]
        except BaseException:
            # The run is stopped (SIGINT or SIGTERM, see main): the point's playbook goes with it.
            timer.cancel()
            _kill_tree(process)
            process.wait()
            raise
        seconds = time.perf_counter() - started
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    sent = proxy.requests[before:]
    logins = sum(1 for method, path in sent if path.split("?")[0].endswith("/protocol/openid-connect/token"))
    writes = sum(1 for method, path in sent if method != "GET") - logins
    # Which endpoints were written, ids folded: a no-op that writes shows where.
    written = collections.Counter("%s %s" % (method, UUID.sub("{id}", path.split("?")[0])) for method, path in sent
                                  if method != "GET" and not path.split("?")[0].endswith("/openid-connect/token"))
    module_rss = 0
    if os.path.exists(rss_log):
        with open(rss_log) as handle:
            module_rss = max([int(m) for m in re.findall(r"rss (\d+)", handle.read())] or [0])
    with open(log_path) as handle:
        output = handle.read()
    # Objects reported changed: one "changed: [host] => (item=...)" line per loop item.
    recap = re.findall(r"^changed: \[", output, re.M) if "PLAY RECAP" in output else None
    result_line = re.findall(r'^\{.*\}$', output, re.M)
    result = json.loads(result_line[-1]) if result_line else None
    if recap is None and result is not None:
        recap = [None] * result.get("changed", 0)  # objects created or updated (or that would be)
    return {"seconds": round(seconds, 3), "requests": len(sent), "logins": logins, "writes": writes,
            "module_rss_mb": round(module_rss / 1024.0, 1), "tree_rss_mb": round(usage.ru_maxrss / 1024.0, 1),
            "changed": len(recap) if recap is not None else None,
            "result": result, "writes_by_endpoint": dict(written),
            "rc": process.returncode, "loadavg_1m": load}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--tools", default="")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--loop-max", type=int, default=1000, help="largest realm for the loop tools")
    parser.add_argument("--url", default="")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--realm-prefix", default="bench",
                        help="the realm of N users is <prefix>N, deleted and created again for every repeat")
    parser.add_argument("--database", choices=("dev-file", "postgres"), default="dev-file",
                        help="postgres: a PostgreSQL-backed Keycloak in production mode of the run's own, instead of the local one")
    args = parser.parse_args()
    # A run started in the background (nohup ... &) inherits SIGINT ignored, and SIGTERM would end it without its
    # clean-up: both now end it as Ctrl-C does, so the PostgreSQL-backed server is stopped and its folder removed.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    os.makedirs(os.path.join(CACHE, "results"), exist_ok=True)
    bench_python = ensure_bench_venv()
    if args.database == "postgres":
        if args.url:
            sys.exit("--url and --database postgres: the run starts a server of its own; give one or the other")
        server_env = dict(os.environ, BENCH_ADMIN_USER=ADMIN_USER, BENCH_ADMIN_PASSWORD=ADMIN_PASSWORD, **ANSIBLE_ENV)
        with PostgresKeycloak(server_env) as server:
            bench(args, server.url, bench_python, server.label)
    else:
        url = (args.url or subprocess.check_output([sys.executable, os.path.join(ROOT, "tests", "keycloak", "server.py"),
                                                    "url"], text=True).strip()).rstrip("/")
        bench(args, url, bench_python)


def bench(args, url, bench_python, database=None):
    wrapper = write_wrapper()
    os.environ["BENCH_PYTHON_WRAPPER"] = wrapper
    sizes = [int(s) for s in re.split(r"[ ,]+", args.sizes.strip()) if s]
    wanted = set(t for t in re.split(r"[ ,]+", args.tools.strip()) if t)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = os.path.join(CACHE, "results", stamp + ".json")
    run = {"started": stamp, "machine": machine(url, database), "repeats": args.repeats, "rows": [], "skipped": []}
    base_env = dict(os.environ, BENCH_ADMIN_USER=ADMIN_USER, BENCH_ADMIN_PASSWORD=ADMIN_PASSWORD,
                    BENCH_PYTHON_WRAPPER=wrapper, ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1",
                    ANSIBLE_DEPRECATION_WARNINGS="0", ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
                    **ANSIBLE_ENV)
    # A point's request may take minutes (the bound's first import at 100,000 users took longer than the tests' 120 s).
    with Proxy(url, timeout=POINT_TIMEOUT) as proxy:
        base_env["BENCH_URL"] = proxy.url
        for size in sizes:
            realm_name = "%s%d" % (args.realm_prefix, size)
            work = os.path.join(CACHE, "work", realm_name)
            os.makedirs(work, exist_ok=True)
            doc = realms.generate(size, realm_name)
            doc_path = os.path.join(work, "realm.json")
            with open(doc_path, "w") as handle:
                json.dump(doc, handle)
            changed_paths = []
            for repeat in range(args.repeats):
                changed_paths.append(os.path.join(work, "realm-changed-%d.json" % repeat))
                with open(changed_paths[-1], "w") as handle:
                    json.dump(realms.changed(doc, repeat + 1), handle)
            for tool in bench_tools.TOOLS:
                if wanted and tool.name not in wanted:
                    continue
                reason = tool.available()
                limit = tool.max_users if tool.max_users is not None else None
                if isinstance(tool, bench_tools.PlaybookLoop):
                    limit = min(limit or args.loop_max, args.loop_max)
                if reason is None and limit is not None and size > limit:
                    reason = "larger than %d users" % limit
                if reason:
                    run["skipped"].append({"tool": tool.name, "size": size, "reason": reason})
                    print("skip %s at %d users: %s" % (tool.name, size, reason), flush=True)
                    continue
                tool_work = os.path.join(work, tool.name)
                os.makedirs(tool_work, exist_ok=True)
                tool.prepare(doc_path, tool_work)
                for path in changed_paths:
                    tool.prepare(path, tool_work)
                env = dict(base_env, BENCH_PYTHON=bench_python if tool.name == "community-loop" else sys.executable)
                for repeat in range(args.repeats):
                    empty_realm(url, realm_name)
                    commands = {
                        "apply": tool.apply(doc_path, tool_work),
                        "noop": tool.noop(doc_path, tool_work),
                        "plan": tool.plan(changed_paths[repeat], tool_work),
                        "change": tool.change(changed_paths[repeat], tool_work),
                    }
                    if commands["apply"] is None:
                        # A tool with no first apply (the paged read) starts from the realm converged,
                        # by the partial import, untimed.
                        seed = bench_tools.PartialImport().apply(doc_path, tool_work)
                        subprocess.check_call(seed, env=dict(env, BENCH_RSS_LOG=os.devnull), cwd=ROOT,
                                              stdout=subprocess.DEVNULL)
                    for point in POINTS:
                        if commands[point] is None:
                            continue
                        log = os.path.join(tool_work, "%s-%d.log" % (point, repeat))
                        row = measure(commands[point], env, proxy, log)
                        row.update(tool=tool.name, size=size, point=point, repeat=repeat, log=log)
                        run["rows"].append(row)
                        print("%-16s %7d users  %-6s #%d  %8.2f s  %6d requests (%d logins, %d writes)  "
                              "module %6.1f MB  changed=%s  rc=%d" % (
                                  tool.name, size, point, repeat, row["seconds"], row["requests"], row["logins"],
                                  row["writes"], row["module_rss_mb"], row["changed"], row["rc"]), flush=True)
                        run["summary"] = summarise(run["rows"])
                        with open(out, "w") as handle:
                            json.dump(run, handle, indent=1)
                admin(url).delete("%s/admin/realms/%s" % (url, realm_name), timeout=600)
    print("results: %s" % os.path.relpath(out, ROOT))
    if not args.no_report:
        subprocess.check_call([bench_python, os.path.join(HERE, "report.py"), out])


if __name__ == "__main__":
    main()
