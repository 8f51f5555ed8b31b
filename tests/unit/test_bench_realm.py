# -*- coding: utf-8 -*-
"""The benchmark's generated realms (scripts/bench): every reference resolves inside the document, the
loop tools' task lists carry the same objects, and the "1% changed" document differs in exactly 1% of
the users. The benchmark itself runs with `make bench`, never in `make test`."""

import json
import os
import sys

import pytest

BENCH = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "scripts", "bench")
sys.path.insert(0, BENCH)

import realm  # noqa: E402
import tools  # noqa: E402


@pytest.mark.parametrize("users", [20, 100, 1000])
def test_every_reference_resolves(users):
    doc = realm.generate(users, "bench")
    shape = realm.shape(users)
    groups = set(g["path"] for g in doc["groups"])
    realm_roles = set(r["name"] for r in doc["roles"]["realm"])
    client_roles = dict((c, set(r["name"] for r in roles)) for c, roles in doc["roles"]["client"].items())
    assert len(doc["users"]) == users
    assert len(set(u["username"] for u in doc["users"])) == users
    assert (len(groups), len(realm_roles), len(doc["clients"])) == (shape["groups"], shape["realm_roles"], shape["clients"])
    assert set(client_roles) == set(c["clientId"] for c in doc["clients"])
    assert sum(1 for u in doc["users"] if u.get("credentials")) == shape["passwords"]
    for user in doc["users"]:
        assert set(user["groups"]) <= groups
        assert set(user["realmRoles"]) <= realm_roles
        for client, roles in user.get("clientRoles", {}).items():
            assert set(roles) <= client_roles[client]
    for group in doc["groups"]:
        assert set(group["realmRoles"]) <= realm_roles


def test_one_percent_changed_and_every_variant_differs():
    doc = realm.generate(1000, "bench")
    first, second = realm.changed(doc, 1), realm.changed(doc, 2)
    differing = [a for a, b in zip(doc["users"], first["users"]) if a != b]
    assert len(differing) == 10 == realm.shape(1000)["changed"]
    assert all(a["lastName"] != b["lastName"] for a, b in zip(first["users"][::100], second["users"][::100]))
    assert doc == realm.generate(1000, "bench")  # changed() leaves the original alone


def test_task_lists_carry_the_document():
    doc = realm.generate(100, "bench")
    lists = tools.task_lists(doc)
    assert lists["bench_realm"] == "bench"
    assert [u["username"] for u in lists["bench_users"]] == [u["username"] for u in doc["users"]]
    assert sum(1 for u in lists["bench_users"] if "password" in u) == realm.shape(100)["passwords"]
    assert sum(len(u.get("client_roles", [])) for u in lists["bench_users"]) == sum(
        1 for u in doc["users"] if u.get("clientRoles"))
    assert len(lists["bench_client_roles"]) == realm.shape(100)["client_roles"]
    assert [g["path"] for g in lists["bench_groups"]] == [g["path"] for g in doc["groups"]]


def test_the_src_column_reads_back_the_same_document(tmp_path, monkeypatch):
    """realm-config-src gives the module the document as a kc.sh export folder: read back as the module reads it,
    it is the document the other columns get."""
    from ansible_collections.iam.keycloak.plugins.module_utils.realm_config import read_document

    doc = realm.generate(120, "bench120")
    path = tmp_path / "realm.json"
    path.write_text(json.dumps(doc))
    tool = [t for t in tools.TOOLS if t.name == "realm-config-src"][0]
    tool.prepare(str(path), str(tmp_path))
    folder = tool.folder(str(path), str(tmp_path))
    assert sorted(os.listdir(folder)) == ["bench120-realm.json"] + ["bench120-users-%d.json" % n for n in range(3)]
    assert read_document(folder, "bench120") == doc
    monkeypatch.setenv("BENCH_PYTHON_WRAPPER", "python")
    command = tool.plan(str(path), str(tmp_path))
    assert command[-3:] == ["-e", "bench_src=" + folder, "--check"]


def _run(started, seconds, database="dev-file (H2), Keycloak in dev mode"):
    row = {"tool": "realm-config", "size": 20, "point": "noop", "repeat": 0, "seconds": seconds, "requests": 10, "logins": 1,
           "writes": 0, "module_rss_mb": 40.0, "tree_rss_mb": 60.0, "changed": 0, "rc": 0, "loadavg_1m": 0.5}
    machine = {"nproc": 2, "cpu": "cpu", "memory_mb": 1024, "kernel": "6", "keycloak": "26.7.3", "database": database,
               "python": "3.11", "loadavg_at_start": [0.5, 0.5, 0.5]}
    return {"started": started, "machine": machine, "repeats": 1, "rows": [row], "skipped": []}


def test_report_says_which_run_a_row_is_from():
    import report  # noqa: E402  (matplotlib is only needed for the plot)

    one = report.render([_run("A", 1.5)])
    assert "| run |" not in one and "| 20 | iam.keycloak, the whole document in one task | (b) no-op | 1.50 |" in one
    both = report.render([_run("A", 1.5), _run("B", 2.5, "PostgreSQL 15, Keycloak in production mode (the server role)")])
    rows = [line for line in both.splitlines() if line.startswith("| 20 | iam.keycloak")]
    assert [row.split("|")[4].strip() for row in rows] == ["1.50", "2.50"]
    assert [row.split("|")[-2].strip() for row in rows] == ["A", "B"]
    assert "PostgreSQL 15, Keycloak in production mode" in both


def test_a_kept_run_renders_as_its_results_file_did(tmp_path, monkeypatch):
    """report.py --publish keeps a run in scripts/bench/results without the tools' output or the log paths; a run
    kept there as transcribed medians (no rows) renders the same table row as the run it was taken from."""
    import report  # noqa: E402

    run = _run("A", 1.5)
    run["rows"][0].update(result={"changed": False, "report": "x" * 100}, log="/somewhere/noop-0.log")
    given = tmp_path / "A.json"
    given.write_text(json.dumps(run))
    monkeypatch.setattr(report, "PUBLISHED", str(tmp_path / "kept"))
    kept = json.loads(open(report.publish(str(given))).read())
    assert "result" not in kept["rows"][0] and "log" not in kept["rows"][0]
    assert report.render([kept]) == report.render([run])
    transcribed = dict(kept, transcribed="medians only")
    del transcribed["rows"]
    transcribed["summary"] = [dict(entry, load=0.5, failed=False) for entry in report.summarise(run["rows"])]
    assert report.render([json.loads(json.dumps(transcribed))]) == report.render([run])  # as read back from its file


def test_partial_import_bound_batches_big_realms(monkeypatch):
    """Above ONE_REQUEST roles, clients and groups, the import bound sends them in batches (one request outlives
    Keycloak's transaction at 100,000 users): every object once, realm roles first, each client with its roles."""
    import lower_bounds

    sent = []

    class Answer:
        def raise_for_status(self):
            pass

        def json(self):
            return {"added": 0, "skipped": 0}

    class Http:
        def post(self, endpoint, json, timeout):
            sent.append(json)
            return Answer()

    monkeypatch.setattr(lower_bounds, "session", lambda: (Http(), "http://kc"))
    doc = realm.generate(1000, "bench")
    lower_bounds.partial_import(doc)
    assert len(sent) == 1 + 5  # at 1,000 users: one request of the rest, then the users by 200
    assert set(sent[0]) == {"roles", "clients", "groups", "ifResourceExists"}

    sent[:] = []
    monkeypatch.setattr(lower_bounds, "ONE_REQUEST", 10)
    monkeypatch.setattr(lower_bounds, "BATCH", 7)
    lower_bounds.partial_import(doc)
    kinds = [next(k for k in ("users", "groups", "clients", "roles") if k in batch) for batch in sent]
    assert kinds == sorted(kinds, key=["roles", "clients", "groups", "users"].index)
    realm_roles = [r["name"] for b in sent if "clients" not in b for r in b.get("roles", {}).get("realm", [])]
    assert realm_roles == [r["name"] for r in doc["roles"]["realm"]]
    clients = [c["clientId"] for b in sent for c in b.get("clients", [])]
    assert clients == [c["clientId"] for c in doc["clients"]]
    for batch in sent:
        assert set(batch.get("roles", {}).get("client", {})) == set(c["clientId"] for c in batch.get("clients", []))
        assert all(len(batch.get(k, [])) <= 7 for k in ("clients", "groups", "users"))
    assert [g["name"] for b in sent for g in b.get("groups", [])] == [g["name"] for g in doc["groups"]]
    assert sum(len(b.get("users", [])) for b in sent) == 1000
    assert all(b["ifResourceExists"] == "SKIP" for b in sent)
