# -*- coding: utf-8 -*-
"""keycloak_realm_import and keycloak_realm_export against the real server."""

import copy
import json
import os
import uuid

import pytest

from harness import warnings_of  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.resources.common import realm_or_none

IMPORT = "keycloak_realm_import"
EXPORT = "keycloak_realm_export"


def in_realm(admin, name):
    other = KeycloakAdmin(connection=copy.copy(admin.connection))
    other.change_current_realm(name)
    return other


PARTS = {
    "users": [{"username": "svc-backup", "enabled": True}, {"username": "svc-monitoring", "enabled": True}],
    "clients": [{"clientId": "imported-app", "publicClient": True}],
    "groups": [{"name": "imported-group"}],
    "roles": {"realm": [{"name": "backup-operator"}], "client": {"imported-app": [{"name": "viewer"}]}},
}


def test_partial_import_plans_applies_and_reruns_unchanged(module_runner, realm, realm_admin):
    realm_admin.create_user({"username": "svc-backup", "enabled": True})
    check = module_runner(IMPORT, check_mode=True, realm=realm, representation=PARTS)
    assert check["changed"] is True and check.writes == []
    assert (check["added"], check["skipped"], check["overwritten"]) == (5, 1, 0), check["results"]
    assert realm_admin.get_user_id("svc-monitoring") is None, "check mode imported"

    done = module_runner(IMPORT, realm=realm, representation=PARTS)
    assert done["changed"] is True and done["realm_created"] is False
    assert (done["added"], done["skipped"], done["overwritten"]) == (check["added"], check["skipped"], check["overwritten"])
    assert sorted((item["action"], item["resourceType"], item["resourceName"]) for item in done["results"]) == \
        sorted((item["action"], item["resourceType"], item["resourceName"]) for item in check["results"])
    assert realm_admin.get_user_id("svc-monitoring") is not None and realm_admin.get_group_by_path("/imported-group")
    assert realm_admin.get_client_role(realm_admin.get_client_id("imported-app"), "viewer")["name"] == "viewer"

    again = module_runner(IMPORT, realm=realm, representation=PARTS)
    assert again["changed"] is False and again.writes == [] and again["skipped"] == 6, again["msg"]

    refused = module_runner(IMPORT, realm=realm, representation=PARTS, if_resource_exists="FAIL")
    assert refused["failed"] is True and "exists" in refused["msg"] and refused.writes == []

    user_id = realm_admin.get_user_id("svc-backup")
    over = module_runner(IMPORT, realm=realm, representation={"users": [{"username": "svc-backup", "enabled": False}]},
                         if_resource_exists="OVERWRITE")
    assert over["changed"] is True and over["overwritten"] == 1
    assert realm_admin.get_user_id("svc-backup") != user_id and realm_admin.get_user(realm_admin.get_user_id("svc-backup"))["enabled"] is False


def test_secrets_stay_out_of_the_arguments(module_runner, realm, tmp_path):
    secret = "Imported-Secret-%s" % uuid.uuid4().hex[:6]
    with_secret = {"clients": [{"clientId": "confidential-import", "publicClient": False, "secret": secret}]}
    refused = module_runner(IMPORT, realm=realm, representation=with_secret)
    assert refused["failed"] is True and "clients[0].secret" in refused["msg"] and refused.requests == []
    source = tmp_path / "import.json"
    source.write_text(json.dumps(with_secret))
    done = module_runner(IMPORT, realm=realm, src=str(source))
    assert done["changed"] is True and done["added"] == 1 and secret not in done["_stdout"]


def test_new_realm_from_an_export(module_runner, admin, realm, realm_admin, tmp_path, keycloak_version):
    realm_admin.create_client({"clientId": "exported-app", "publicClient": False, "secret": "Exported-Secret-1"})
    realm_admin.create_realm_role({"name": "exported-role"})
    dest = tmp_path / "export.json"
    refused = module_runner(EXPORT, realm=realm, include_clients=True, include_secrets=True, dest=str(dest))
    assert refused["failed"] is True and "no_log" in refused["msg"] and refused.requests == []

    check = module_runner(EXPORT, check_mode=True, realm=realm, include_clients=True, include_groups_and_roles=True, dest=str(dest))
    assert check["changed"] is True and not dest.exists()
    masked = module_runner(EXPORT, realm=realm, include_clients=True, include_groups_and_roles=True, dest=str(dest))
    assert masked["changed"] is True and "Exported-Secret-1" not in masked["_stdout"] and "Exported-Secret-1" not in dest.read_text()
    assert oct(os.stat(dest).st_mode & 0o777) == "0o600"
    assert "exported-app" in [client["clientId"] for client in masked["realm_export"]["clients"]]
    again = module_runner(EXPORT, realm=realm, include_clients=True, include_groups_and_roles=True, dest=str(dest))
    assert again["changed"] is False, again["msg"]

    full = module_runner(EXPORT, realm=realm, include_clients=True, include_groups_and_roles=True, include_secrets=True, dest=str(dest),
                         _ansible_no_log=True)
    assert [client["secret"] for client in full["realm_export"]["clients"] if client["clientId"] == "exported-app"] == ["Exported-Secret-1"]

    copy_name = "copy-%s" % uuid.uuid4().hex[:6]
    exported = json.loads(dest.read_text())
    exported["realm"] = copy_name
    source = tmp_path / "copy.json"
    source.write_text(json.dumps(exported))
    # A copy within the same server needs new ids: the export's are taken.
    same_ids = module_runner(IMPORT, realm=copy_name, src=str(source))
    assert same_ids["failed"] is True and "strip_ids" in same_ids["msg"], same_ids["msg"]
    # Keycloak 26.0 answers 409 "Conflict detected. See logs for details"; later versions name a duplicate resource.
    said = "Conflict detected" if keycloak_version < (26, 1) else "Duplicate resource"
    assert said in same_ids["msg"], same_ids["msg"]
    try:
        check = module_runner(IMPORT, check_mode=True, realm=copy_name, src=str(source))
        assert check["changed"] is True and check["realm_created"] is True and check.writes == []
        assert realm_or_none(admin.get_realm, copy_name) is None
        created = module_runner(IMPORT, realm=copy_name, src=str(source), strip_ids=True)
        assert created["changed"] is True and created["realm_created"] is True, created["msg"]
        copied = in_realm(admin, copy_name)
        assert copied.get_client_secrets(copied.get_client_id("exported-app"))["value"] == "Exported-Secret-1"
        assert copied.get_realm_role("exported-role")["name"] == "exported-role"
        rerun = module_runner(IMPORT, realm=copy_name, src=str(source), strip_ids=True)
        assert rerun["changed"] is False and rerun.writes == [], rerun["msg"]
        assert any("not" in warning and "keycloak_realm" in warning for warning in warnings_of(rerun)), warnings_of(rerun)
    finally:
        if realm_or_none(admin.get_realm, copy_name) is not None:
            admin.delete_realm(copy_name)


@pytest.mark.parametrize("check_mode", [True, False])
def test_export_of_a_missing_realm(module_runner, check_mode):
    from harness import fails_or_plans  # pylint: disable=import-error,import-outside-toplevel

    result = module_runner(EXPORT, check_mode=check_mode, realm="no-such-realm-export")
    fails_or_plans(result, check_mode, "no-such-realm-export")


def test_a_realm_imported_without_enabled_is_enabled(module_runner, admin):
    """Keycloak creates a realm from a representation without ``enabled`` disabled; the import, like keycloak_realm, enables it."""
    name, off = "import-%s" % uuid.uuid4().hex[:6], "import-%s" % uuid.uuid4().hex[:6]
    try:
        created = module_runner(IMPORT, realm=name, representation={"realm": name, "roles": {"realm": [{"name": "shopper"}]}})
        assert created["changed"] is True and created["realm_created"] is True, created["msg"]
        assert admin.get_realm(name)["enabled"] is True
        module_runner(IMPORT, realm=off, representation={"realm": off, "enabled": False})
        assert admin.get_realm(off)["enabled"] is False
    finally:
        for realm in (name, off):
            if realm_or_none(admin.get_realm, realm) is not None:
                admin.delete_realm(realm)
