# -*- coding: utf-8 -*-
"""``keycloak_realm_config``'s ``src``: the realm read from what ``kc.sh export --dir`` writes, a folder of the realm's
file and its users 50 a file (``--users different_files``), by the module itself instead of the task's ``config``.

Keycloak writes the folder (``tests/keycloak/server.py export-dir``, on a copy of the running server's database), so the
test needs a server that script started (skipped on a server given by URL alone).
"""

import json
import os
import uuid

from harness import kc_sh_export  # pylint: disable=import-error

MODULE = "keycloak_realm_config"
USERS = 120
PER_FILE = 50


def export_dir(realm, folder):
    kc_sh_export(realm, folder, users_per_file=PER_FILE)
    return sorted(os.listdir(str(folder)))


def renamed(folder, source, target, into):
    """The export of ``source`` as the export of a realm ``target`` would be: its files' names and texts."""
    os.makedirs(str(into))
    for name in os.listdir(str(folder)):
        with open(os.path.join(str(folder), name), encoding="utf-8") as handle:
            text = handle.read()
        document = json.loads(text.replace(source, target))
        for user in document.get("users") or []:
            user.pop("id", None)
        document.pop("id", None)
        with open(os.path.join(str(into), name.replace(source, target)), "w", encoding="utf-8") as handle:
            json.dump(document, handle)
    return str(into)


def test_a_kc_sh_export_folder_is_read_whole(module_runner, admin, kc_sh_admin, tmp_path):
    source = "src-a-%s" % uuid.uuid4().hex[:6]
    target = "src-b-%s" % uuid.uuid4().hex[:6]
    kc = kc_sh_admin
    try:
        kc.create_realm({"realm": source, "enabled": True})
        kc.partial_import_realm(source, {"ifResourceExists": "FAIL", "roles": {"realm": [{"name": "auditor"}]},
                                         "groups": [{"name": "staff", "path": "/staff"}]})
        kc.partial_import_realm(source, {"ifResourceExists": "FAIL", "users": [
            {"username": "user-%03d" % number, "enabled": True, "email": "user-%03d@example.com" % number,
             "groups": ["/staff"] if number % 2 else [], "realmRoles": ["default-roles-%s" % source] + (["auditor"] if number % 3 == 0 else [])}
            for number in range(USERS)]})
        folder = tmp_path / "export"
        files = export_dir(source, folder)
        assert files == ["%s-realm.json" % source] + ["%s-users-%d.json" % (source, number) for number in range(3)]

        # The realm's own export, read from the folder and applied to it with its users purged, plans nothing: had a users file
        # been left out, its users would be planned as deleted (and max_deletes refuse it).
        own = module_runner(MODULE, realm=source, src=str(folder), purge=["users"], max_deletes=0, check_mode=True)
        assert own.get("failed") is not True, own.get("msg")
        assert own["changed"] is False and own["plan"] == {} and own.writes == []

        # The same folder as another realm's export: a realm that does not exist yet, made with every user of every file.
        other = renamed(folder, source, target, tmp_path / "other")
        plan = module_runner(MODULE, realm=target, src=other, check_mode=True, diff=True)
        assert plan["changed"] is True and plan.writes == []
        applied = module_runner(MODULE, realm=target, src=other, diff=True)
        assert applied["changes"] == plan["plan"] and applied["diff"] == plan["diff"]
        assert applied["changes"]["users"]["counts"]["create"] == USERS
        kc.change_current_realm(target)
        assert kc.users_count() == USERS
        assert len(kc.get_group_members(kc.get_group_by_path("/staff")["id"], {"max": 1000})) == USERS // 2
        rerun = module_runner(MODULE, realm=target, src=other)
        assert rerun["changed"] is False and rerun["plan"] == {} and rerun.writes == []

        # config and src together: refused before anything is read.
        both = module_runner(MODULE, realm=target, src=other, config={"enabled": True})
        assert both["failed"] is True and "mutually exclusive" in both["msg"] and both.requests == []
        # A folder without the realm's file: named, nothing sent.
        wrong = module_runner(MODULE, realm="%s-x" % target, src=other)
        assert wrong["failed"] is True and "no %s-x-realm.json" % target in wrong["msg"] and wrong.requests == []
    finally:
        kc.change_current_realm("master")
        for name in (source, target):
            try:
                admin.delete_realm(name)
            except Exception:  # pylint: disable=broad-except
                pass
