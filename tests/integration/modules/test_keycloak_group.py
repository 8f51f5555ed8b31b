# -*- coding: utf-8 -*-
"""keycloak_group against the real server: path lookup, parents, attributes, role mappings, many siblings."""

import uuid

import pytest

from harness import contained, scenario  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakPostError
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


# Keycloak 26.0 groups have no description: a POST or PUT that carries one is refused (400
# Unrecognized field "description"), and the module refuses a task that sets one before any write.
DESCRIPTION_FROM = (26, 1)


def has_description(keycloak_version):
    return keycloak_version >= DESCRIPTION_FROM


def role_names(kc, group_id):
    mappings = kc.get_role_mappings("group", group_id) or {}
    names = set(role["name"] for role in mappings.get("realmMappings") or [])
    for client_id, client in (mappings.get("clientMappings") or {}).items():
        names.update("%s/%s" % (client_id, role["name"]) for role in client["mappings"])
    return names


def test_group_lifecycle(module_runner, realm, realm_admin, world, keycloak_version):
    kc = realm_admin
    described = has_description(keycloak_version)
    parent = unique("eng ü")
    kc.create_group({"name": parent})
    path = "/%s/back+end x" % parent

    def read():
        return or_none(kc.get_group_by_path, path)

    args = dict(
        realm=realm,
        path=path,
        attributes={"sites": ["berlin", "lisbon"], "cost_center": 4711},
        realm_roles=["developer"],
        client_roles=[{"client_id": "grafana", "roles": ["viewer"]}],
    )
    if described:
        args["description"] = "Builders"

    def verify(group):
        assert group["name"] == "back+end x" and group["path"] == path
        assert group.get("description") == ("Builders" if described else None)
        assert group["attributes"] == {"sites": ["berlin", "lisbon"], "cost_center": ["4711"]}
        assert role_names(kc, group["id"]) == {"developer", "grafana/viewer"}

    def verify_update(group):
        assert group["attributes"]["sites"] == ["berlin"]
        assert role_names(kc, group["id"]) == {"developer", "auditor", "grafana/viewer"}

    def hand_edit():
        group = read()
        edit = {"name": group["name"], "attributes": dict(group["attributes"], handmade=["yes"])}
        if described:
            edit["description"] = group["description"]
        kc.update_group(group["id"], edit)

    def verify_hand_edit(group):
        assert group["attributes"]["handmade"] == ["yes"], "an attribute set by hand was lost"
        assert group["attributes"]["cost_center"] == ["42"] and group["attributes"]["sites"] == ["berlin"]
        assert group.get("description") == ("Builders" if described else None)
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


def test_fields_not_in_the_task_survive_an_update(module_runner, realm, realm_admin, keycloak_version):
    """Keycloak 26.5 clears a description that a PUT leaves out: the module sends the fresh one.

    Keycloak 26.0 has no description: the PUT carries none (the server would refuse it).
    """
    described = has_description(keycloak_version)
    path = "/" + unique("keep")
    made = module_runner(MODULE, realm=realm, path=path, attributes={"a": "1"})
    assert made["changed"] is True, made["msg"]
    group = realm_admin.get_group_by_path(path)
    edit = {"name": group["name"], "attributes": {"a": ["1"], "hand": ["x"]}}
    if described:
        edit["description"] = "by hand"
    realm_admin.update_group(group["id"], edit)
    updated = module_runner(MODULE, realm=realm, path=path, attributes={"a": "2"})
    assert updated["changed"] is True and updated.writes == [("PUT", updated.writes[0][1])], updated["msg"]
    group = realm_admin.get_group_by_path(path)
    assert group.get("description") == ("by hand" if described else None) and group["attributes"] == {"a": ["2"], "hand": ["x"]}


def test_description_on_a_server_without_it(module_runner, realm, realm_admin, keycloak_version):
    """Keycloak 26.0 refuses a group description (400): the module fails first, in check mode too, and writes nothing."""
    if has_description(keycloak_version):
        pytest.skip("Keycloak %s has group descriptions" % ".".join(map(str, keycloak_version)))
    path = "/" + unique("nodesc")
    with pytest.raises(KeycloakPostError) as refused:
        realm_admin.create_group({"name": path[1:], "description": "x"})
    assert refused.value.response_code == 400 and 'Unrecognized field "description"' in refused.value.description
    for args in ({"description": "x"}, {"representation": {"description": "x"}}):
        for check_mode in (True, False):
            result = module_runner(MODULE, check_mode=check_mode, realm=realm, path=path, **args)
            assert result["failed"] is True and "description" in result["msg"] and "26.0" in result["msg"], result["msg"]
            assert result.writes == []
    made = module_runner(MODULE, realm=realm, path=path, attributes={"a": "1"})
    assert made["changed"] is True, made["msg"]
    described = module_runner(MODULE, realm=realm, path=path, description="x", attributes={"a": "2"})
    assert described["failed"] is True and "description" in described["msg"] and described.writes == [], described["msg"]
    assert realm_admin.get_group_by_path(path)["attributes"] == {"a": ["1"]}


def test_path_without_leading_slash_and_names_with_spaces(module_runner, realm, realm_admin):
    name = unique("Sales + Marketing ö")
    first = module_runner(MODULE, realm=realm, path=name + "/", attributes={"k": "x"})
    assert first["changed"] is True and first["end_state"]["path"] == "/" + name, first["msg"]
    again = module_runner(MODULE, realm=realm, path="/" + name, attributes={"k": "x"})
    assert again["changed"] is False and again.writes == [], again["msg"]
    assert realm_admin.get_group_by_path("/" + name)["id"] == first["id"]


def test_missing_parent_fails_before_any_write(module_runner, realm, realm_admin):
    top = unique("nope")
    result = module_runner(MODULE, realm=realm, path="/%s/b/c" % top, attributes={"k": "never"})
    assert result["failed"] is True
    assert "'/%s/b'" % top in result["msg"] and "does not exist" in result["msg"], result["msg"]
    assert result.writes == []
    # A dry run plans the group as if an earlier task of the play created its parent, and says so.
    check = module_runner(MODULE, check_mode=True, realm=realm, path="/%s/b/c" % top, attributes={"k": "never"})
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


def test_many_siblings_one_lookup(module_runner, realm, realm_admin, world):  # world has the role developer
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


def test_representation_pass_through_and_refusals(module_runner, realm, realm_admin, keycloak_version):
    path = "/" + unique("rep")
    if has_description(keycloak_version):
        made = module_runner(MODULE, realm=realm, path=path, representation={"description": "from raw"})
        assert made["changed"] is True and realm_admin.get_group_by_path(path)["description"] == "from raw"
        wins = module_runner(MODULE, realm=realm, path=path, description="option", representation={"description": "raw"})
        assert wins["changed"] is True and realm_admin.get_group_by_path(path)["description"] == "option"
    else:
        # Keycloak 26.0 has no description (test_description_on_a_server_without_it): another field passes through.
        made = module_runner(MODULE, realm=realm, path=path, representation={"attributes": {"from": ["raw"]}})
        assert made["changed"] is True and realm_admin.get_group_by_path(path)["attributes"] == {"from": ["raw"]}
        wins = module_runner(MODULE, realm=realm, path=path, attributes={"from": "option"}, representation={"attributes": {"from": ["raw"]}})
        assert wins["changed"] is True and realm_admin.get_group_by_path(path)["attributes"] == {"from": ["option"]}
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
    result = module_runner(MODULE, realm=realm, path=path, attributes={"k": "slash"})
    assert result["changed"] is True and result["operation"] == "update", result["msg"]
    group = kc.get_group_by_path(path)
    assert group["name"] == "x/y" and group["attributes"] == {"k": ["slash"]}
    assert module_runner(MODULE, realm=realm, path="/%s/x~/y" % parent, attributes={"k": "slash"}).get("failed"), "'~/' is no escape here"


def test_empty_path_fails(module_runner, realm):
    for path in ("/", "/a//b"):
        result = module_runner(MODULE, realm=realm, path=path)
        assert result["failed"] is True and "empty group name" in result["msg"], result["msg"]
        assert result.writes == []


def test_delete_of_missing_group_is_unchanged(module_runner, realm):
    result = module_runner(MODULE, realm=realm, path="/%s/child" % unique("gone"), state="absent")
    assert result["changed"] is False and result.writes == []
