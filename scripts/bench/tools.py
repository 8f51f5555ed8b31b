# -*- coding: utf-8 -*-
"""The columns of the benchmark. A tool says how to do each of the four points with a generated realm
document, as a command line that the runner times, counts (every request goes through the counting
proxy) and measures (the peak memory of the processes that talk to Keycloak):

    apply(doc)      (a) first apply into an empty realm
    noop(doc)       (b) the same document again: nothing should be written
    change(doc)     (c) the document with 1% of the users edited
    plan(doc)       (d) check mode: what (c) would do, nothing written

A method returns ``None`` where the point does not apply to the tool (partial import cannot update,
so it has no (c) or (d)). ``doc`` is a path to the RealmRepresentation JSON; ``work`` is a folder of
the tool's own for derived files (task lists). The environment has BENCH_URL (the proxy), the admin
login, BENCH_PYTHON_WRAPPER (the interpreter that records a module process's peak memory).

To add a column: subclass Tool, return the commands, and add it to TOOLS. Nothing else in the runner
changes.
"""

import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BENCH_CACHE = os.path.join(ROOT, ".cache", "bench")
BENCH_VENV = os.path.join(BENCH_CACHE, "venv")


class Tool:
    name = ""
    label = ""
    max_users = None  # larger realms are skipped (the time they take is already known to be prohibitive)

    def available(self):
        """None when the tool can run, else the reason it cannot."""
        return None

    def prepare(self, doc, work):
        """Derive the tool's own inputs from the document, once per realm size (not timed)."""

    def apply(self, doc, work):
        raise NotImplementedError

    def noop(self, doc, work):
        return self.apply(doc, work)

    def change(self, doc, work):
        return self.apply(doc, work)

    def plan(self, doc, work):
        return None


def task_lists(doc):
    """The document as per-object module options (snake_case), the input of the loop tools."""
    client_roles = [{"client_id": c, "name": r["name"], "description": r["description"]}
                    for c, roles in sorted(doc["roles"]["client"].items()) for r in roles]
    users = []
    for user in doc["users"]:
        item = {
            "username": user["username"], "email": user["email"], "email_verified": user["emailVerified"],
            "first_name": user["firstName"], "last_name": user["lastName"], "enabled": user["enabled"],
            "groups": user["groups"], "realm_roles": user["realmRoles"],
        }
        if user.get("clientRoles"):
            item["client_roles"] = [{"client_id": c, "roles": r} for c, r in sorted(user["clientRoles"].items())]
        if user.get("credentials"):
            item["password"] = user["credentials"][0]["value"]
        users.append(item)
    return {
        "bench_realm": doc["realm"],
        "bench_realm_roles": doc["roles"]["realm"],
        "bench_clients": [{
            "client_id": c["clientId"], "name": c["name"], "enabled": c["enabled"], "protocol": c["protocol"],
            "public_client": c["publicClient"], "standard_flow_enabled": c["standardFlowEnabled"],
            "direct_access_grants_enabled": c["directAccessGrantsEnabled"], "redirect_uris": c["redirectUris"],
        } for c in doc["clients"]],
        "bench_client_roles": client_roles,
        "bench_groups": [{"path": g["path"], "realm_roles": g["realmRoles"]} for g in doc["groups"]],
        "bench_users": users,
    }


class PlaybookLoop(Tool):
    """One ansible-playbook run of a playbook of loop tasks, fed the document's task lists."""
    playbook = ""
    bin_dir = ""

    def prepare(self, doc, work):
        with open(doc) as handle:
            lists = task_lists(json.load(handle))
        with open(os.path.join(work, os.path.basename(doc) + ".vars.json"), "w") as handle:
            json.dump(lists, handle)

    def playbook_path(self, work):
        return os.path.join(HERE, self.playbook)

    def _run(self, doc, work, *extra):
        return [os.path.join(self.bin_dir, "ansible-playbook"), self.playbook_path(work),
                "-e", "@" + os.path.join(work, os.path.basename(doc) + ".vars.json"),
                "-e", "ansible_python_interpreter=" + os.environ["BENCH_PYTHON_WRAPPER"]] + list(extra)

    def apply(self, doc, work):
        return self._run(doc, work)

    def plan(self, doc, work):
        return self._run(doc, work, "--check")


class CollectionLoop(PlaybookLoop):
    name = "collection-loop"
    label = "iam.keycloak modules in a loop"
    playbook = "collection_loop.yml"
    bin_dir = os.path.dirname(sys.executable)


class CollectionLoopLoginOnce(CollectionLoop):
    """The same loop, logged in once for the whole play (the keycloak_token lookup, tokens through module_defaults)."""
    name = "collection-loop-login-once"
    label = "iam.keycloak modules in a loop, one login (keycloak_token lookup)"

    def _run(self, doc, work, *extra):
        return CollectionLoop._run(self, doc, work, "-e", "bench_login_once=true", *extra)


class CommunityLoop(PlaybookLoop):
    name = "community-loop"
    label = "community.general modules in a loop"
    # Kept as .yml.in, copied next to the task lists to run: it names community.general, which the
    # repository's own environment (and so ansible-lint) does not have.
    playbook = "community_loop.yml.in"
    bin_dir = os.path.join(BENCH_VENV, "bin")
    max_users = 1000

    def playbook_path(self, work):
        path = os.path.join(work, "community_loop.yml")
        shutil.copyfile(os.path.join(HERE, self.playbook), path)
        return path

    def available(self):
        if not os.path.exists(os.path.join(self.bin_dir, "ansible-playbook")):
            return "no %s (run.py installs it)" % self.bin_dir
        return None


class PartialImport(Tool):
    name = "partial-import"
    label = "bound: partial import (SKIP), batches of 200"

    def apply(self, doc, work):
        return [os.environ["BENCH_PYTHON_WRAPPER"], os.path.join(HERE, "lower_bounds.py"), "import", doc]

    def change(self, doc, work):
        return None  # SKIP never updates; OVERWRITE deletes and recreates, which no tool may do


class PagedRead(Tool):
    name = "paged-read"
    label = "bound: one paged read (+ PUT of what differs)"

    def _run(self, doc, *extra):
        return [os.environ["BENCH_PYTHON_WRAPPER"], os.path.join(HERE, "lower_bounds.py"), "read", doc] + list(extra)

    def apply(self, doc, work):
        return None  # reading an empty realm bounds nothing: (a)'s bound is the partial import

    def noop(self, doc, work):
        return self._run(doc)

    def change(self, doc, work):
        return self._run(doc, "--write")

    def plan(self, doc, work):
        return self._run(doc)


def export_folder(doc, folder, users_per_file=50):
    """The document as ``kc.sh export --dir`` writes it (the default 50 users a file): ``<realm>-realm.json`` without
    its users, and ``<realm>-users-<n>.json`` files of ``{"realm": ..., "users": [...]}``."""
    with open(doc) as handle:
        document = json.load(handle)
    users = document.pop("users", [])
    realm = document["realm"]
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    with open(os.path.join(folder, "%s-realm.json" % realm), "w") as handle:
        json.dump(document, handle)
    for number, start in enumerate(range(0, len(users), users_per_file)):
        with open(os.path.join(folder, "%s-users-%d.json" % (realm, number)), "w") as handle:
            json.dump({"realm": realm, "users": users[start:start + users_per_file]}, handle)
    return folder


class RealmConfig(Tool):
    """keycloak_realm_config: one task with the whole document (scripts/bench/realm_config.yml)."""
    name = "realm-config"
    label = "iam.keycloak, the whole document in one task"
    playbook = os.path.join(HERE, "realm_config.yml")

    def document(self, doc, work):
        """The task's input: the document as its ``config`` argument."""
        return ["-e", "bench_doc=" + doc]

    def _run(self, doc, work, *extra):
        with open(doc) as handle:
            realm = json.load(handle)["realm"]
        return [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), self.playbook,
                "-e", "bench_realm=" + realm, "-e", "ansible_python_interpreter=" + os.environ["BENCH_PYTHON_WRAPPER"]
                ] + self.document(doc, work) + list(extra)

    def apply(self, doc, work):
        return self._run(doc, work)

    def plan(self, doc, work):
        return self._run(doc, work, "--check")


class RealmConfigSerial(RealmConfig):
    """The same task sending one request at a time (``parallelism: 1``): what the concurrent imports and reads gain."""
    name = "realm-config-serial"
    label = "iam.keycloak, the whole document in one task, one request at a time"

    def _run(self, doc, work, *extra):
        return RealmConfig._run(self, doc, work, "-e", "bench_parallelism=1", *extra)


class RealmConfigSrc(RealmConfig):
    """The same task reading the document from a kc.sh export folder (``src``), as the module's docs advise for big
    realms: Ansible then holds no copy of it as the task's argument (docs/benchmarks.md, "Memory at 100,000 users")."""
    name = "realm-config-src"
    label = "iam.keycloak, the whole document in one task, read from a folder (src)"

    @staticmethod
    def folder(doc, work):
        return os.path.join(work, os.path.splitext(os.path.basename(doc))[0] + ".export")

    def prepare(self, doc, work):
        export_folder(doc, self.folder(doc, work))

    def document(self, doc, work):
        return ["-e", "bench_src=" + self.folder(doc, work)]


TOOLS = [RealmConfig(), RealmConfigSerial(), RealmConfigSrc(), CollectionLoop(), CollectionLoopLoginOnce(), CommunityLoop(), PartialImport(), PagedRead()]
