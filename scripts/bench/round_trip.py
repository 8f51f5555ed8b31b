"""The export round trip of a generated realm, measured (not a test: ``make bench-round-trip``).

    round_trip.py [--users 1000] [--url URL]

1. A generated realm of N users (scripts/bench/realm.py) is applied to ``rt-source<N>`` with keycloak_realm_config.
2. ``keycloak_realm_export format=config include_users=true`` writes it as a document.
3. The document, its placeholders filled with the mask (keep), goes to a realm that does not exist, ``rt-copy<N>``:
   the apply, then the rerun.
4. The copy is exported the same way and compared with the first export, realm name aside.

Every step goes through the counting proxy of ``make bench``: wall time, requests, writes. The results go to
.cache/bench/results/round-trip-<timestamp>.json and are printed.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import realm as realms  # noqa: E402
import run as bench  # noqa: E402  (its sys.path holds tests/keycloak, for the proxy)
from proxy import Proxy  # noqa: E402

EXPORT_PLAY = """
- name: Export a realm as a keycloak_realm_config document, users included
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: The export
      iam.keycloak.keycloak_realm_export:
        auth_keycloak_url: "{{ lookup('ansible.builtin.env', 'BENCH_URL') }}"
        auth_username: "{{ lookup('ansible.builtin.env', 'BENCH_ADMIN_USER') }}"
        auth_password: "{{ lookup('ansible.builtin.env', 'BENCH_ADMIN_PASSWORD') }}"
        realm: "{{ bench_realm }}"
        include_clients: true
        include_groups_and_roles: true
        include_users: true
        format: config
        dest: "{{ bench_dest }}"
"""


def retarget(document, source, target):
    text = json.dumps(document).replace('"default-roles-%s"' % source.lower(), '"default-roles-%s"' % target.lower())
    document = json.loads(text)
    document["realm"] = target
    return document


def filled(document):
    """The placeholders filled with the mask: keep what the server has (a new client gets a secret of its own)."""
    text = json.dumps(document)
    while "{{ keycloak_secret_" in text:
        start = text.index('"{{ keycloak_secret_')
        end = text.index('}}"', start) + 3
        text = text[:start] + '"**********"' + text[end:]
    return json.loads(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    url = (args.url or subprocess.check_output([sys.executable, os.path.join(bench.ROOT, "tests", "keycloak", "server.py"), "url"],
                                               text=True).strip()).rstrip("/")
    source, copy_ = "rt-source%d" % args.users, "rt-copy%d" % args.users
    work = os.path.join(bench.CACHE, "work", "round-trip-%d" % args.users)
    os.makedirs(work, exist_ok=True)
    os.makedirs(os.path.join(bench.CACHE, "results"), exist_ok=True)
    export_play = os.path.join(work, "export.yml")
    with open(export_play, "w") as handle:
        handle.write(EXPORT_PLAY)
    wrapper = bench.write_wrapper()
    env = dict(os.environ, BENCH_ADMIN_USER=bench.ADMIN_USER, BENCH_ADMIN_PASSWORD=bench.ADMIN_PASSWORD, BENCH_PYTHON=sys.executable,
               BENCH_PYTHON_WRAPPER=wrapper, ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1",
               ANSIBLE_HOME=os.path.join(bench.ROOT, ".cache", "ansible"),
               ANSIBLE_LOCAL_TEMP=os.path.join(bench.ROOT, ".cache", "ansible", "tmp"),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(bench.ROOT, ".cache", "collections"),
               ANSIBLE_DEPRECATION_WARNINGS="0", ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0")
    os.environ["BENCH_PYTHON_WRAPPER"] = wrapper
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    tool = bench.bench_tools.RealmConfig()
    generated = os.path.join(work, "generated.json")
    with open(generated, "w") as handle:
        json.dump(realms.generate(args.users, source), handle)
    rows = {}
    failed = []
    with Proxy(url) as proxy:
        env["BENCH_URL"] = proxy.url

        def step(name, command):
            row = bench.measure(command, env, proxy, os.path.join(work, name + ".log"))
            rows[name] = dict((key, row[key]) for key in ("seconds", "requests", "writes", "logins", "module_rss_mb", "rc", "changed"))
            print("%-14s %8.2f s  %6d requests  %5d writes  module %6.1f MB  changed=%s  rc=%d" % (
                name, row["seconds"], row["requests"], row["writes"], row["module_rss_mb"], row["changed"], row["rc"]), flush=True)
            if row["rc"] != 0:
                failed.append(name)

        def export(realm, path):
            return [playbook, export_play, "-e", "bench_realm=" + realm, "-e", "bench_dest=" + path,
                    "-e", "ansible_python_interpreter=" + wrapper]

        bench.empty_realm(url, source)
        bench.admin(url).delete("%s/admin/realms/%s" % (url, copy_), timeout=600)
        step("source apply", tool.apply(generated, work))
        first = os.path.join(work, "source-export.json")
        step("export", export(source, first))
        with open(first) as handle:
            exported = json.load(handle)
        document = os.path.join(work, "copy.json")
        with open(document, "w") as handle:
            json.dump(filled(retarget(exported, source, copy_)), handle)
        step("copy apply", tool.apply(document, work))
        step("copy rerun", tool.apply(document, work))
        second = os.path.join(work, "copy-export.json")
        step("copy export", export(copy_, second))
        with open(second) as handle:
            again = json.load(handle)
    expected = retarget(exported, source, copy_)
    differing = sorted(key for key in set(expected) | set(again) if expected.get(key) != again.get(key))
    users = len([user for user in exported.get("users") or [] if not user.get("serviceAccountClientId")])
    result = {"users": args.users, "exported_users": users, "steps": rows, "failed": failed,
              "same_users": expected.get("users") == again.get("users"), "same_groups": expected.get("groups") == again.get("groups"),
              "same_roles": expected.get("roles") == again.get("roles"), "differing_fields": differing,
              "document_bytes": os.path.getsize(first), "machine": bench.machine(url)}
    print(json.dumps(dict((key, value) for key, value in result.items() if key not in ("steps", "machine")), indent=1))
    out = os.path.join(bench.CACHE, "results", "round-trip-%s.json" % time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()))
    with open(out, "w") as handle:
        json.dump(result, handle, indent=1)
    print("results: %s" % os.path.relpath(out, bench.ROOT))
    admin = bench.admin(url)
    for realm in (source, copy_):
        admin.delete("%s/admin/realms/%s" % (url, realm), timeout=600)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
