# -*- coding: utf-8 -*-
"""keycloak_group against the real server: path lookup, parents, attributes, role mappings, many siblings."""

import uuid

import pytest

from harness import contained, scenario  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.resources.common import or_none

MODULE = "keycloak_group"


def unique(prefix="g"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


@pytest.fixture(scope="module")
def world(realm_admin):
    """Roles to map: two realm roles, a client with two roles."""
    kc = realm_admin
    kc.create_realm_role({"name": "developer"})
    kc.create_realm_role({"name": "auditor"})
    kc.create_client({"clientId": "grafana"})
    grafana = kc.get_client_id("grafana")
    kc.create_client_role(grafana, {"name": "viewer"})
    kc.create_client_role(grafana, {"name": "editor"})
    return {"grafana": grafana}


def role_names(kc, group_id):
    mappings = kc.get_role_mappings("group", group_id) or {}
    names = set(role["name"] for role in mappings.get("realmMappings") or [])
    for client_id, client in (mappings.get("clientMappings") or {}).items():
        names.update("%s/%s" % (client_id, role["name"]) for role in client["mappings"])
    return names


def test_group_lifecycle(module_runner, realm, realm_admin, world):
    kc = realm_admin
    parent = unique("eng ü")
    kc.create_group({"name": parent})
    path = "/%s/back+end x" % parent

    def read():
        return or_none(kc.get_group_by_path, path)

    args = dict(
        realm=realm,
        path=path,
        description="Builders",
        attributes={"sites": ["berlin", "lisbon"], "cost_center": 4711},
        realm_roles=["developer"],
        client_roles=[{"client_id": "grafana", "roles": ["viewer"]}],
    )

    def verify(group):
        assert group["name"] == "back+end x" and group["path"] == path
        assert group["description"] == "Builders"
        assert group["attributes"] == {"sites": ["berlin", "lisbon"], "cost_center": ["4711"]}
        assert role_names(kc, group["id"]) == {"developer", "grafana/viewer"}

    def verify_update(group):
        assert group["attributes"]["sites"] == ["berlin"]
        assert role_names(kc, group["id"]) == {"developer", "auditor", "grafana/viewer"}

    def hand_edit():
        group = read()
        kc.update_group(group["id"], {"name": group["name"], "description": group["description"],
                                      "attributes": dict(group["attributes"], handmade=["yes"])})

    def verify_hand_edit(group):
        assert group["attributes"]["handmade"] == ["yes"], "an attribute set by hand was lost"
        assert group["attributes"]["cost_center"] == ["42"] and group["attributes"]["sites"] == ["berlin"]
        assert group["description"] == "Builders"
        assert role_names(kc, group["id"]) == {"developer", "auditor", "grafana/viewer"}

    requests = scenario(
        module_runner, MODULE, args, read, verify,
        update={"attributes": {"sites": ["berlin"]}, "realm_roles": ["developer", "auditor"]},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"attributes": {"cost_center": "42"}},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "path": path},
    )
    assert requests <= 2, "a no-op run should be a login and the group read"
    assert kc.get_group_by_path("/" + parent)["subGroupCount"] == 0


def test_fields_not_in_the_task_survive_an_update(module_runner, realm, realm_admin):
    """Keycloak 26.5 clears a description that a PUT leaves out: the module sends the fresh one."""
    path = "/" + unique("keep")
    module_runner(MODULE, realm=realm, path=path, attributes={"a": "1"})
    group = realm_admin.get_group_by_path(path)
    realm_admin.update_group(group["id"], {"name": group["name"], "description": "by hand", "attributes": {"a": ["1"], "hand": ["x"]}})
    updated = module_runner(MODULE, realm=realm, path=path, attributes={"a": "2"})
    assert updated["changed"] is True and updated.writes == [("PUT", updated.writes[0][1])]
    group = realm_admin.get_group_by_path(path)
    assert group["description"] == "by hand" and group["attributes"] == {"a": ["2"], "hand": ["x"]}


def test_path_without_leading_slash_and_names_with_spaces(module_runner, realm, realm_admin):
    name = unique("Sales + Marketing ö")
    first = module_runner(MODULE, realm=realm, path=name + "/", description="x")
    assert first["changed"] is True and first["end_state"]["path"] == "/" + name, first["msg"]
    again = module_runner(MODULE, realm=realm, path="/" + name, description="x")
    assert again["changed"] is False and again.writes == [], again["msg"]
    assert realm_admin.get_group_by_path("/" + name)["id"] == first["id"]


def test_missing_parent_fails_before_any_write(module_runner, realm, realm_admin):
    top = unique("nope")
    result = module_runner(MODULE, realm=realm, path="/%s/b/c" % top, description="never")
    assert result["failed"] is True
    assert "'/%s/b'" % top in result["msg"] and "does not exist" in result["msg"], result["msg"]
    assert result.writes == []
    # A dry run plans the group as if an earlier task of the play created its parent, and says so.
    check = module_runner(MODULE, check_mode=True, realm=realm, path="/%s/b/c" % top, description="never")
    assert check["changed"] is True and check["operation"] == "create" and check.writes == []
    warnings = ["%s" % warning for warning in check["warnings"]]
    assert any("'/%s/b'" % top in warning and "does not exist" in warning for warning in warnings), warnings
    assert or_none(realm_admin.get_group_by_path, "/" + top) is None


def test_parents_create(module_runner, realm, realm_admin):
    top = unique("a")
    kc = realm_admin
    kc.create_group({"name": top})
    path = "/%s/b/c d/e" % top
    check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, path=path, parents="create", attributes={"k": "v"})
    assert check["changed"] is True and check.writes == []
    assert "'/%s/b'" % top in check["msg"] and "'/%s/b/c d'" % top in check["msg"], check["msg"]
    assert or_none(kc.get_group_by_path, "/%s/b" % top) is None
    real = module_runner(MODULE, diff=True, realm=realm, path=path, parents="create", attributes={"k": "v"})
    assert real["changed"] is True and contained(real["end_state"], check["end_state"]) and real["diff"] == check["diff"]
    group = kc.get_group_by_path(path)
    assert group["id"] == real["id"] and group["attributes"] == {"k": ["v"]}
    assert kc.get_group_by_path("/%s/b/c d" % top)["subGroupCount"] == 1
    again = module_runner(MODULE, realm=realm, path=path, parents="create", attributes={"k": "v"})
    assert again["changed"] is False and again.writes == []


def test_many_siblings_one_lookup(module_runner, realm, realm_admin):
    """~150 siblings: the module finds one by path with one request, never listing the children."""
    kc = realm_admin
    parent = unique("big")
    parent_id = kc.create_group({"name": parent})
    for number in range(150):
        kc.create_group({"name": "team %03d" % number}, parent=parent_id)
    path = "/%s/team 077" % parent
    changed = module_runner(MODULE, realm=realm, path=path, attributes={"owner": "ops"}, realm_roles=["developer"])
    assert changed["changed"] is True, changed["msg"]
    assert all("/children" not in url and "first=" not in url for _method, url in changed.requests), changed.requests
    again = module_runner(MODULE, realm=realm, path=path, attributes={"owner": "ops"}, realm_roles=["developer"])
    assert again["changed"] is False and again.writes == []
    assert len(again.requests) == 2, again.requests
    assert kc.get_group_by_path(path)["attributes"] == {"owner": ["ops"]}
    new = module_runner(MODULE, realm=realm, path="/%s/team 150" % parent)
    assert new["changed"] is True and len(kc.get_group_children(parent_id)) == 151
    deleted = module_runner(MODULE, realm=realm, path="/" + parent, state="absent")
    assert deleted["changed"] is True
    assert or_none(kc.get_group_by_path, path) is None, "the subgroups of a deleted group remain"


def test_unknown_roles_fail_before_any_write(module_runner, realm, realm_admin, world):
    name = "/" + unique("r")
    for roles in ({"realm_roles": ["no-such-role"]}, {"client_roles": [{"client_id": "no-such-client", "roles": ["x"]}]},
                  {"client_roles": [{"client_id": "grafana", "roles": ["no-such-client-role"]}]}):
        result = module_runner(MODULE, realm=realm, path=name, **roles)
        assert result["failed"] is True and "no-such" in result["msg"], result["msg"]
        assert result.writes == []
    assert or_none(realm_admin.get_group_by_path, name) is None


def test_purge_roles(module_runner, realm, realm_admin, world):
    path = "/" + unique("p")
    module_runner(MODULE, realm=realm, path=path, realm_roles=["developer", "auditor"],
                  client_roles=[{"client_id": "grafana", "roles": ["viewer", "editor"]}])
    group_id = realm_admin.get_group_by_path(path)["id"]
    kept = module_runner(MODULE, realm=realm, path=path, realm_roles=["developer"])
    assert kept["changed"] is False, "roles not listed are removed without purge_roles"
    purged = module_runner(MODULE, diff=True, realm=realm, path=path, realm_roles=["developer"],
                           client_roles=[{"client_id": "grafana", "roles": ["editor"]}], purge_roles=True)
    assert purged["changed"] is True
    assert role_names(realm_admin, group_id) == {"developer", "grafana/editor"}
    assert {"name": "auditor", "clientId": None} in purged["diff"]["before"]["roleMappings"]
    again = module_runner(MODULE, realm=realm, path=path, realm_roles=["developer"],
                          client_roles=[{"client_id": "grafana", "roles": ["editor"]}], purge_roles=True)
    assert again["changed"] is False and again.writes == []
    emptied = module_runner(MODULE, realm=realm, path=path, realm_roles=[], purge_roles=True)
    assert emptied["changed"] is True and role_names(realm_admin, group_id) == set()


def test_attribute_key_removed_by_empty_list(module_runner, realm, realm_admin):
    path = "/" + unique("attr")
    module_runner(MODULE, realm=realm, path=path, attributes={"a": "1", "b": ["2", "3"], "never": []})
    assert realm_admin.get_group_by_path(path)["attributes"] == {"a": ["1"], "b": ["2", "3"]}
    again = module_runner(MODULE, realm=realm, path=path, attributes={"never": []})
    assert again["changed"] is False and again.writes == []
    removed = module_runner(MODULE, realm=realm, path=path, attributes={"b": []})
    assert removed["changed"] is True
    assert realm_admin.get_group_by_path(path)["attributes"] == {"a": ["1"]}
    again = module_runner(MODULE, realm=realm, path=path, attributes={"b": []})
    assert again["changed"] is False and again.writes == []


def test_representation_pass_through_and_refusals(module_runner, realm, realm_admin):
    path = "/" + unique("rep")
    made = module_runner(MODULE, realm=realm, path=path, representation={"description": "from raw"})
    assert made["changed"] is True and realm_admin.get_group_by_path(path)["description"] == "from raw"
    wins = module_runner(MODULE, realm=realm, path=path, description="option", representation={"description": "raw"})
    assert wins["changed"] is True and realm_admin.get_group_by_path(path)["description"] == "option"
    for raw, word in (({"name": "renamed"}, "renaming"), ({"path": "/x"}, "path"), ({"realmRoles": ["developer"]}, "realm_roles")):
        refused = module_runner(MODULE, realm=realm, path=path, representation=raw)
        assert refused["failed"] is True and word in refused["msg"], refused["msg"]
        assert refused.writes == []


def test_existing_name_with_slash_is_found_by_its_plain_path(module_runner, realm, realm_admin):
    """Keycloak 26.5 writes '/' in names unescaped and resolves such paths; the module keeps the name."""
    kc = realm_admin
    parent = unique("s")
    parent_id = kc.create_group({"name": parent})
    kc.create_group({"name": "x/y"}, parent=parent_id)
    path = "/%s/x/y" % parent
    result = module_runner(MODULE, realm=realm, path=path, description="slash")
    assert result["changed"] is True and result["operation"] == "update", result["msg"]
    group = kc.get_group_by_path(path)
    assert group["name"] == "x/y" and group["description"] == "slash"
    assert module_runner(MODULE, realm=realm, path="/%s/x~/y" % parent, description="slash").get("failed"), "'~/' is no escape here"


def test_empty_path_fails(module_runner, realm):
    for path in ("/", "/a//b"):
        result = module_runner(MODULE, realm=realm, path=path)
        assert result["failed"] is True and "empty group name" in result["msg"], result["msg"]
        assert result.writes == []


def test_delete_of_missing_group_is_unchanged(module_runner, realm):
    result = module_runner(MODULE, realm=realm, path="/%s/child" % unique("gone"), state="absent")
    assert result["changed"] is False and result.writes == []
