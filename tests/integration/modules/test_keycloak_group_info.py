# -*- coding: utf-8 -*-
"""keycloak_group_info against the real server: one group, all groups, search, hierarchy, members, roles."""

import uuid

import pytest

MODULE = "keycloak_group_info"
WIDE = 120  # more children than one page of the client (100) and than Keycloak's default page (10)


# Every test reads this tree: built once per module for each test, whichever test a parallel worker runs first.
@pytest.fixture(scope="module", autouse=True)
def tree(realm_admin):
    """/org ü (attributes, roles, two members) > /dept a > /team+x ; /wide with WIDE children."""
    kc = realm_admin
    kc.create_realm_role({"name": "developer"})
    kc.create_client({"clientId": "grafana"})
    grafana = kc.get_client_id("grafana")
    kc.create_client_role(grafana, {"name": "viewer"})
    org = kc.create_group({"name": "org ü", "attributes": {"site": ["berlin"]}})
    dept = kc.create_group({"name": "dept a"}, parent=org)
    team = kc.create_group({"name": "team+x"}, parent=dept)
    kc.assign_group_realm_roles(org, [kc.get_realm_role("developer")])
    kc.assign_group_client_roles(org, grafana, [kc.get_client_role(grafana, "viewer")])
    for username in ("alice", "bob"):
        user_id = kc.create_user({"username": username, "enabled": True})
        kc.group_user_add(user_id, org)
    wide = kc.create_group({"name": "wide"})
    for number in range(WIDE):
        kc.create_group({"name": "w%03d" % number}, parent=wide)
    return {"org": org, "dept": dept, "team": team, "wide": wide}


def ok(result):
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False and result.writes == []
    return result["groups"]


def test_one_group_by_path_and_by_id(module_runner, realm, tree):
    by_path = ok(module_runner(MODULE, realm=realm, path="/org ü/dept a/team+x"))
    assert [group["id"] for group in by_path] == [tree["team"]]
    assert by_path[0]["path"] == "/org ü/dept a/team+x"
    by_id = ok(module_runner(MODULE, check_mode=True, realm=realm, id=tree["org"]))
    assert by_id[0]["path"] == "/org ü" and by_id[0]["attributes"] == {"site": ["berlin"]}
    assert by_id[0]["realmRoles"] == ["developer"] and by_id[0]["clientRoles"] == {"grafana": ["viewer"]}
    assert by_id[0]["subGroupCount"] == 1


def test_missing_group_is_an_empty_list(module_runner, realm):
    assert ok(module_runner(MODULE, realm=realm, path="/org ü/nope")) == []
    assert ok(module_runner(MODULE, realm=realm, id=str(uuid.uuid4()))) == []


def test_all_top_level_groups(module_runner, realm):
    groups = ok(module_runner(MODULE, realm=realm))
    assert sorted(group["path"] for group in groups) == ["/org ü", "/wide"]
    org = [group for group in groups if group["name"] == "org ü"][0]
    assert org["attributes"] == {"site": ["berlin"]}, "full representations were asked for"


def test_search_is_done_by_the_server(module_runner, realm):
    result = module_runner(MODULE, realm=realm, search="team+")
    groups = ok(result)
    assert any("search=team%2B" in url for _method, url in result.requests), result.requests
    assert [group["path"] for group in groups] == ["/org ü"]
    assert groups[0]["subGroups"][0]["subGroups"][0]["path"] == "/org ü/dept a/team+x"
    assert ok(module_runner(MODULE, realm=realm, search="team", exact=True)) == []
    assert [group["path"] for group in ok(module_runner(MODULE, realm=realm, search="team+x", exact=True))] == ["/org ü"]


def test_full_hierarchy_reads_every_page(module_runner, realm):
    wide = ok(module_runner(MODULE, realm=realm, path="/wide", full_hierarchy=True))[0]
    assert len(wide["subGroups"]) == WIDE
    assert sorted(child["name"] for child in wide["subGroups"]) == ["w%03d" % number for number in range(WIDE)]
    everything = ok(module_runner(MODULE, realm=realm, full_hierarchy=True))
    org = [group for group in everything if group["name"] == "org ü"][0]
    assert org["subGroups"][0]["subGroups"][0]["name"] == "team+x"
    assert org["subGroups"][0]["subGroups"][0]["subGroups"] == []
    flat = ok(module_runner(MODULE, realm=realm, path="/wide"))[0]
    assert flat["subGroupCount"] == WIDE and not flat["subGroups"]


def test_members_and_role_mappings(module_runner, realm):
    org = ok(module_runner(MODULE, realm=realm, path="/org ü", full_hierarchy=True, include=["members", "role_mappings"]))[0]
    assert sorted(org["members"]) == ["alice", "bob"]
    assert sorted(org["roleMappings"], key=lambda item: item["name"]) == [
        {"name": "developer", "clientId": None},
        {"name": "viewer", "clientId": "grafana"},
    ]
    dept = org["subGroups"][0]
    assert dept["members"] == [] and dept["roleMappings"] == []
    assert dept["subGroups"][0]["members"] == []


def test_path_and_id_exclude_each_other(module_runner, realm, tree):
    result = module_runner(MODULE, realm=realm, path="/org ü", id=tree["org"])
    assert result["failed"] is True and "mutually exclusive" in result["msg"]
    result = module_runner(MODULE, realm=realm, exact=True)
    assert result["failed"] is True and "search" in result["msg"]


def test_count_at_every_level(module_runner, realm, realm_admin, tree):
    def flattened(groups):
        return sum(1 + flattened(group.get("subGroups") or []) for group in groups)

    result = module_runner(MODULE, realm=realm, count=True)
    assert result["count"] == flattened(realm_admin.get_groups(full_hierarchy=True)) == 4 + WIDE
    assert len(ok(result)) == 2
    # A search counts the matching groups at any level, as Keycloak's own count does.
    assert module_runner(MODULE, realm=realm, search="w00", count=True)["count"] == 10
    assert module_runner(MODULE, realm=realm, search="team+", count=True)["count"] == 1
    assert "count" not in module_runner(MODULE, realm=realm)
    refused = module_runner(MODULE, realm=realm, path="/wide", count=True)
    assert refused["failed"] is True and "path" in refused["msg"]
