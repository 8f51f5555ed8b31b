# -*- coding: utf-8 -*-
"""keycloak_role against the real server: realm and client roles, attributes, composites."""

import uuid

import pytest

from harness import contained, fails_or_plans, scenario  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.resources.common import or_none

MODULE = "keycloak_role"

ODD_NAMES = ["role with spaces", "path/like/role", "plus+role", "hash#role", "ünïcødé-角色-😀"]


def unique(prefix="r"):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:6])


def make_client(kc, client_id=None):
    client_id = client_id or unique("client")
    kc.create_client({"clientId": client_id})
    return client_id, kc.get_client_id(client_id)


def composites_of(kc, role):
    """{(clientId or "", name)} of a role's children, read independently of the module."""
    found = set()
    for child in kc.get_composite_roles_of_role_by_id(role["id"]):
        client_id = kc.get_client(child["containerId"])["clientId"] if child["clientRole"] else ""
        found.add((client_id, child["name"]))
    return found


def test_realm_role_lifecycle(module_runner, realm, realm_admin):
    kc = realm_admin
    name = "%s reader/+#ü" % unique()

    def read():
        return or_none(kc.get_realm_role, name)

    args = dict(realm=realm, name=name, description="First", attributes={"team": "iam", "levels": ["one", "two"]})

    def verify(role):
        assert role["description"] == "First" and role["clientRole"] is False
        assert role["attributes"] == {"team": ["iam"], "levels": ["one", "two"]}

    def hand_edit():
        role = kc.get_realm_role(name)
        role["attributes"]["handmade"] = ["yes"]
        kc.update_role_by_id(role["id"], role)

    def verify_hand_edit(role):
        assert role["attributes"]["handmade"] == ["yes"], "an attribute set by hand was lost"
        assert role["attributes"]["team"] == ["iam"] and role["attributes"]["extra"] == ["x"]
        assert role["description"] == "Second", "the description the update did not mention was lost"

    requests = scenario(
        module_runner, MODULE, args, read, verify,
        update={"description": "Second", "attributes": {"levels": ["three"]}},
        verify_update=lambda role: role["attributes"]["levels"] == ["three"] or pytest.fail("not updated"),
        hand_edit=hand_edit,
        other_update={"description": None, "attributes": {"extra": "x"}},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "name": name},
    )
    assert requests <= 2, "a no-op run of a realm role should be a login and one read"


def test_client_role_lifecycle_with_composites(module_runner, realm, realm_admin):
    kc = realm_admin
    client_id, client_uuid = make_client(kc, "%s billing/ü" % unique("c"))
    other_id, other_uuid = make_client(kc)
    kc.create_realm_role({"name": "child realm+role"})
    kc.create_client_role(other_uuid, {"name": "foreign child"})
    kc.create_client_role(client_uuid, {"name": "sibling"})
    name = "invoice manager#1"

    def read():
        return or_none(kc.get_client_role, client_uuid, name)

    args = dict(realm=realm, client_id=client_id, name=name, description="Invoices", composites=[{"name": "child realm+role"}])

    def verify(role):
        assert role["clientRole"] is True and role["containerId"] == client_uuid
        assert composites_of(kc, role) == {("", "child realm+role")}

    def verify_update(role):
        assert composites_of(kc, role) == {("", "child realm+role"), (other_id, "foreign child")}

    def hand_edit():
        role = kc.get_client_role(client_uuid, name)
        kc.update_role_by_id(role["id"], dict(role, description="by hand"))
        kc.add_composite_client_roles_to_role(client_uuid, name, [kc.get_client_role(client_uuid, "sibling")])

    def verify_hand_edit(role):
        assert role["description"] == "by hand"
        assert role["attributes"] == {"k": ["v"]}
        assert (client_id, "sibling") in composites_of(kc, role), "a composite added by hand was lost"

    requests = scenario(
        module_runner, MODULE, args, read, verify,
        update={"composites": [{"name": "child realm+role"}, {"name": "foreign child", "client_id": other_id}]},
        verify_update=verify_update,
        hand_edit=hand_edit,
        other_update={"description": None, "attributes": {"k": "v"}},
        verify_hand_edit=verify_hand_edit,
        absent_args={"realm": realm, "client_id": client_id, "name": name},
    )
    # login, client id, role, its composites, the other client's id
    assert requests <= 5, requests


@pytest.mark.parametrize("suffix", ODD_NAMES)
def test_odd_names_realm_and_client(module_runner, realm, realm_admin, suffix):
    kc = realm_admin
    client_id, client_uuid = make_client(kc, "%s %s" % (unique("c"), suffix))
    child = "%s child %s" % (unique(), suffix)
    kc.create_realm_role({"name": child})
    kc.create_client_role(client_uuid, {"name": child})
    for owner in (None, client_id):
        name = "%s %s" % (unique(), suffix)
        args = dict(realm=realm, name=name, client_id=owner, description="d", attributes={suffix: suffix},
                    composites=[{"name": child}, {"name": child, "client_id": client_id}])
        created = module_runner(MODULE, **args)
        assert created["changed"] is True, created["msg"]
        role = kc.get_client_role(client_uuid, name) if owner else kc.get_realm_role(name)
        assert role["attributes"] == {suffix: [suffix]}
        assert composites_of(kc, role) == {("", child), (client_id, child)}
        assert created["id"] == role["id"]
        again = module_runner(MODULE, **args)
        assert again["changed"] is False and again.writes == [], again["msg"]
        updated = module_runner(MODULE, **dict(args, description="e"))
        assert updated["changed"] is True and kc.get_role_by_id(role["id"])["description"] == "e"
        gone = module_runner(MODULE, realm=realm, name=name, client_id=owner, state="absent")
        assert gone["changed"] is True
        # Written where they were read: by name, under the realm or the client.
        for method, url in updated.writes + gone.writes:
            assert "roles-by-id" not in url and ("/clients/%s/roles/" % client_uuid in url if owner else "/clients/" not in url), (method, url)
        assert or_none(kc.get_role_by_id, role["id"]) is None


def test_purge_composites(module_runner, realm, realm_admin):
    kc = realm_admin
    client_id, client_uuid = make_client(kc)
    for child in ("a", "b", "c"):
        kc.create_realm_role({"name": "%s-%s" % (client_id, child)})
    kc.create_client_role(client_uuid, {"name": "x"})
    name = unique()
    a, b, c = ("%s-%s" % (client_id, child) for child in ("a", "b", "c"))
    first = module_runner(MODULE, realm=realm, name=name, composites=[{"name": a}, {"name": b}, {"name": "x", "client_id": client_id}])
    assert first["changed"] is True
    role = kc.get_realm_role(name)
    assert composites_of(kc, role) == {("", a), ("", b), (client_id, "x")}

    # Without purge, roles not listed stay; order of the list does not matter.
    kept = module_runner(MODULE, realm=realm, name=name, composites=[{"name": "x", "client_id": client_id}, {"name": a}])
    assert kept["changed"] is False and kept.writes == [], kept["msg"]

    check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, name=name, composites=[{"name": a}, {"name": c}], purge_composites=True)
    assert check["changed"] is True and check.writes == []
    purged = module_runner(MODULE, diff=True, realm=realm, name=name, composites=[{"name": a}, {"name": c}], purge_composites=True)
    assert purged["changed"] is True
    assert check["diff"] == purged["diff"] and contained(purged["end_state"], check["end_state"])
    assert purged["end_state"]["composites"] == [{"name": a, "clientId": None}, {"name": c, "clientId": None}]
    assert composites_of(kc, role) == {("", a), ("", c)}
    assert sorted(purged["diff"]["before"]["composites"], key=str) == sorted(
        [{"name": a, "clientId": None}, {"name": b, "clientId": None}, {"name": "x", "clientId": client_id}], key=str
    )

    emptied = module_runner(MODULE, realm=realm, name=name, composites=[], purge_composites=True)
    assert emptied["changed"] is True
    assert composites_of(kc, role) == set()
    assert kc.get_realm_role(name)["composite"] is False
    again = module_runner(MODULE, realm=realm, name=name, composites=[], purge_composites=True)
    assert again["changed"] is False and again.writes == []


def test_bad_input_fails_before_any_write(module_runner, realm, realm_admin):
    kc = realm_admin
    client_id, client_uuid = make_client(kc)
    kc.create_realm_role({"name": "existing-child"})
    name = unique()
    missing_references = [
        ({"composites": [{"name": "existing-child"}, {"name": "no-such-role"}]}, "no-such-role"),
        ({"composites": [{"name": "x", "client_id": "no-such-client"}]}, "no-such-client"),
        ({"composites": [{"name": "no-such-client-role", "client_id": client_id}]}, "no-such-client-role"),
        ({"client_id": "no-such-owner"}, "no-such-owner"),
    ]
    for extra, missing in missing_references:
        for check_mode in (True, False):
            result = module_runner(MODULE, check_mode=check_mode, realm=realm, name=name, description="never", **extra)
            fails_or_plans(result, check_mode, missing)
    for extra, missing in [({"client_id": "no-such-owner", "state": "absent"}, "no-such-owner"),
                           ({"representation": {"composites": {"realm": ["existing-child"]}}}, "composites option")]:
        result = module_runner(MODULE, realm=realm, name=name, description="never", **extra)
        assert result.get("failed") is True and missing in result["msg"] and result.writes == [], result["msg"]
    assert or_none(kc.get_realm_role, name) is None
    assert kc.get_client_roles(client_uuid) == []

    # The same bad composite on an existing role leaves its description alone.
    module_runner(MODULE, realm=realm, name=name, description="kept")
    result = module_runner(MODULE, realm=realm, name=name, description="never", composites=[{"name": "no-such-role"}])
    assert result["failed"] is True and result.writes == []
    assert "realm role '%s'" % name in result["msg"]
    assert kc.get_realm_role(name)["description"] == "kept"


def test_attributes_are_partial_and_spelled_freely(module_runner, realm, realm_admin):
    kc = realm_admin
    name = unique()
    module_runner(MODULE, realm=realm, name=name, attributes={"a": "1", "b": ["x", "y"]})
    # A scalar is a one-item list, numbers and booleans are strings to Keycloak.
    same = module_runner(MODULE, realm=realm, name=name, attributes={"a": 1})
    assert same["changed"] is False and same.writes == [], same["msg"]
    changed = module_runner(MODULE, diff=True, realm=realm, name=name, attributes={"c": True})
    assert changed["changed"] is True
    assert changed["diff"] == {"before": {"name": name, "attributes": {"c": None}}, "after": {"name": name, "attributes": {"c": ["true"]}}}
    assert kc.get_realm_role(name)["attributes"] == {"a": ["1"], "b": ["x", "y"], "c": ["true"]}
    order = module_runner(MODULE, realm=realm, name=name, attributes={"b": ["y", "x"]})
    assert order["changed"] is True, "attribute values are ordered lists in Keycloak"


def test_representation_pass_through(module_runner, realm, realm_admin):
    kc = realm_admin
    name = unique()
    result = module_runner(MODULE, realm=realm, name=name, representation={"description": "raw", "attributes": {"k": ["v"]}})
    assert result["changed"] is True
    assert kc.get_realm_role(name)["description"] == "raw"
    # An explicit option wins over the same field in representation.
    result = module_runner(MODULE, realm=realm, name=name, description="option", representation={"description": "raw"})
    assert result["changed"] is True
    assert kc.get_realm_role(name)["description"] == "option"
    assert kc.get_realm_role(name)["attributes"] == {"k": ["v"]}


def test_duplicate_name_in_other_container_is_separate(module_runner, realm, realm_admin):
    kc = realm_admin
    client_id, client_uuid = make_client(kc)
    name = unique()
    assert module_runner(MODULE, realm=realm, name=name, description="realm")["changed"] is True
    client_role = module_runner(MODULE, realm=realm, name=name, client_id=client_id, description="client")
    assert client_role["changed"] is True and client_role["operation"] == "create"
    assert kc.get_realm_role(name)["description"] == "realm"
    assert kc.get_client_role(client_uuid, name)["description"] == "client"


def test_attribute_key_removed_by_empty_list(module_runner, realm, realm_admin):
    """Keycloak keeps no empty attribute: an empty list removes the key, and a rerun is unchanged."""
    kc = realm_admin
    name = unique()
    created = module_runner(MODULE, realm=realm, name=name, attributes={"a": "1", "b": ["2"], "never": []})
    assert created["changed"] is True and created["end_state"]["attributes"] == {"a": ["1"], "b": ["2"]}
    assert kc.get_realm_role(name)["attributes"] == {"a": ["1"], "b": ["2"]}
    again = module_runner(MODULE, realm=realm, name=name, attributes={"never": []})
    assert again["changed"] is False and again.writes == [], again["msg"]
    removed = module_runner(MODULE, realm=realm, name=name, attributes={"b": []})
    assert removed["changed"] is True and kc.get_realm_role(name)["attributes"] == {"a": ["1"]}
    again = module_runner(MODULE, realm=realm, name=name, attributes={"b": []})
    assert again["changed"] is False and again.writes == [], again["msg"]


def test_rename_by_id_keeps_the_role(module_runner, realm, realm_admin):
    """A role named by its id: a new name renames it, holders and composite parents keep it, every write goes by id."""
    kc = realm_admin
    old, new, parent = unique("old ü/+"), unique("new ü/+"), unique("parent")
    kc.create_realm_role({"name": old, "description": "kept"})
    role = kc.get_realm_role(old)
    kc.create_realm_role({"name": parent})
    kc.add_composite_realm_roles_to_role(parent, [role])
    user_id = kc.create_user({"username": unique("holder")})
    kc.assign_realm_roles(user_id, [role])

    args = dict(realm=realm, id=role["id"], name=new)
    check = module_runner(MODULE, check_mode=True, diff=True, **args)
    assert check["changed"] is True and check.writes == [], check["msg"]
    assert check["diff"]["before"]["name"] == old and check["diff"]["after"]["name"] == new
    renamed = module_runner(MODULE, diff=True, **args)
    assert renamed["changed"] is True and renamed["diff"] == check["diff"], renamed["msg"]
    assert [method for method, url in renamed.writes] == ["PUT"] and "/roles-by-id/%s" % role["id"] in renamed.writes[0][1]
    after = kc.get_realm_role(new)
    assert after["id"] == role["id"] and after["description"] == "kept" and or_none(kc.get_realm_role, old) is None
    assert renamed["end_state"]["name"] == new and renamed["end_state"]["id"] == role["id"]
    assert new in [r["name"] for r in kc.get_realm_roles_of_user(user_id)]
    assert (("", new)) in composites_of(kc, kc.get_realm_role(parent))
    again = module_runner(MODULE, **args)
    assert again["changed"] is False and again.writes == [], again["msg"]

    # Bad ids and names fail before any write.
    taken = module_runner(MODULE, realm=realm, id=role["id"], name=parent)
    assert taken["failed"] is True and "a role of that name exists" in taken["msg"] and taken.writes == [], taken["msg"]
    nobody = module_runner(MODULE, realm=realm, id=str(uuid.uuid4()), name=new)
    assert nobody["failed"] is True and "no role has the id" in nobody["msg"] and nobody.writes == [], nobody["msg"]
    client_id, client_uuid = make_client(kc)
    kc.create_client_role(client_uuid, {"name": "c-role"})
    client_role = kc.get_client_role(client_uuid, "c-role")
    wrong = module_runner(MODULE, realm=realm, id=client_role["id"], name="c-role")
    assert wrong["failed"] is True and "give its client_id" in wrong["msg"] and wrong.writes == [], wrong["msg"]
    moved = module_runner(MODULE, realm=realm, id=client_role["id"], client_id=client_id, name="c-role renamed")
    assert moved["changed"] is True and kc.get_client_role(client_uuid, "c-role renamed")["id"] == client_role["id"], moved["msg"]

    gone = module_runner(MODULE, realm=realm, id=role["id"], name=new, state="absent")
    assert gone["changed"] is True and [method for method, url in gone.writes] == ["DELETE"], gone["msg"]
    assert "/roles-by-id/%s" % role["id"] in gone.writes[0][1] and or_none(kc.get_realm_role, new) is None
    again = module_runner(MODULE, realm=realm, id=role["id"], name=new, state="absent")
    assert again["changed"] is False and again.writes == [], again["msg"]
