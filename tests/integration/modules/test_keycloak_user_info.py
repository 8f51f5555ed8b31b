# -*- coding: utf-8 -*-
"""keycloak_user_info against the real server: lookups, server-side filters and what ``include`` adds."""

import uuid

import pytest

MODULE = "keycloak_user_info"


@pytest.fixture(scope="module")
def people(realm_admin):
    """Three users with attributes, a password, a group and roles; the realm keeps custom attributes."""
    kc = realm_admin
    profile = kc.get_user_profile_config()
    profile["unmanagedAttributePolicy"] = "ENABLED"
    kc.update_user_profile_config(profile)
    tag = uuid.uuid4().hex[:6]
    parent = kc.create_group({"name": "engineering"})
    backend = kc.create_group({"name": "backend"}, parent=parent)
    kc.create_realm_role({"name": "auditor"})
    kc.create_client({"clientId": "billing"})
    billing = kc.get_client_id("billing")
    kc.create_client_role(billing, {"name": "invoice-reader"})
    users = {}
    for name, first, enabled, site in (("Zoë.Ångström", "Zoë", True, "zurich"), ("anna+tag", "Anna", True, "geneva"), ("bob", "Bob", False, "zurich")):
        username = "%s-%s" % (name, tag)
        user_id = kc.create_user(
            {
                "username": username,
                "email": "%s@example.org" % username.replace("+", "-"),
                "firstName": first,
                "lastName": "Tester",
                "enabled": enabled,
                "attributes": {"site": [site], "tag": [tag]},
                "credentials": [{"type": "password", "value": "Secret-%s" % tag, "temporary": False}],
            }
        )
        users[first] = {"id": user_id, "username": username.lower()}
    zoe = users["Zoë"]["id"]
    kc.group_user_add(zoe, backend)
    kc.assign_realm_roles(zoe, [kc.get_realm_role("auditor")])
    kc.assign_client_role(zoe, billing, [kc.get_client_role(billing, "invoice-reader")])
    return {"tag": tag, "users": users}


def names(result):
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is False and result.writes == []
    return sorted(user["firstName"] for user in result["users"])


def test_by_id_and_by_exact_username(module_runner, realm, people):
    zoe = people["users"]["Zoë"]
    by_id = module_runner(MODULE, realm=realm, id=zoe["id"])
    assert names(by_id) == ["Zoë"] and by_id["users"][0]["attributes"]["site"] == ["zurich"]
    for spelling in (zoe["username"], zoe["username"].upper()):
        assert names(module_runner(MODULE, realm=realm, username=spelling)) == ["Zoë"]
    # Exact: a prefix of a username finds nobody.
    assert module_runner(MODULE, realm=realm, username=zoe["username"][:5])["users"] == []
    assert module_runner(MODULE, realm=realm, id=str(uuid.uuid4()))["users"] == []


def test_server_side_filters(module_runner, realm, people):
    tag = people["tag"]
    # Keycloak 26 searches by prefix: the tag at the end of the usernames needs wildcards.
    assert names(module_runner(MODULE, realm=realm, search=tag)) == []
    assert names(module_runner(MODULE, realm=realm, search="*%s*" % tag)) == ["Anna", "Bob", "Zoë"]
    assert names(module_runner(MODULE, realm=realm, search="*%s*" % tag, enabled=False)) == ["Bob"]
    assert names(module_runner(MODULE, realm=realm, q="site:zurich tag:%s" % tag)) == ["Bob", "Zoë"]
    assert names(module_runner(MODULE, realm=realm, first_name="Ann", last_name="Tester")) == ["Anna"]
    assert names(module_runner(MODULE, realm=realm, first_name="Ann", exact=True)) == []
    anna = people["users"]["Anna"]["username"]
    assert names(module_runner(MODULE, realm=realm, email="%s@example.org" % anna.replace("+", "-"), exact=True)) == ["Anna"]
    page = module_runner(MODULE, realm=realm, search="*%s*" % tag, first=0, max=2)
    assert len(page["users"]) == 2


def test_include_groups_roles_and_credential_metadata(module_runner, realm, people):
    zoe = people["users"]["Zoë"]
    result = module_runner(MODULE, check_mode=True, realm=realm, username=zoe["username"], include=["groups", "roles", "credentials"])
    assert names(result) == ["Zoë"]
    user = result["users"][0]
    assert user["groups"] == ["/engineering/backend"]
    assert "auditor" in user["realmRoles"] and user["clientRoles"]["billing"] == ["invoice-reader"]
    assert [credential["type"] for credential in user["credentials"]] == ["password"]
    assert set(user["credentials"][0]) <= {"id", "type", "userLabel", "createdDate"}
    assert "secretData" not in result["_stdout"] and "credentialData" not in result["_stdout"]
    assert "Secret-%s" % people["tag"] not in result["_stdout"]
    plain = module_runner(MODULE, realm=realm, username=zoe["username"])["users"][0]
    assert "groups" not in plain and "credentials" not in plain and "realmRoles" not in plain


def test_id_and_filters_do_not_mix(module_runner, realm, people):
    result = module_runner(MODULE, realm=realm, id=people["users"]["Bob"]["id"], search="x")
    assert result.get("failed") is True and "mutually exclusive" in result["msg"]


def test_count_of_every_page(module_runner, realm, realm_admin, people):
    tag = people["tag"]
    page = module_runner(MODULE, realm=realm, search="*%s*" % tag, first=0, max=2, count=True)
    assert len(page["users"]) == 2 and page["count"] == 3 and page.writes == []
    assert len(page.requests) == len(module_runner(MODULE, realm=realm, search="*%s*" % tag, first=0, max=2).requests) + 1
    # Keycloak 26.0 ignores enabled and emailVerified next to a search in its count, and emailVerified in
    # its list too: the module then filters the search's users itself, so every version gives the same answer.
    disabled = module_runner(MODULE, realm=realm, search="*%s*" % tag, enabled=False, count=True)
    assert disabled["count"] == 1 and [user["username"] for user in disabled["users"]] == [people["users"]["Bob"]["username"]]
    verified = module_runner(MODULE, realm=realm, search="*%s*" % tag, email_verified=True, count=True)
    assert verified["count"] == 0 and verified["users"] == []
    unverified = module_runner(MODULE, realm=realm, search="*%s*" % tag, email_verified=False, enabled=True, first=1, max=5, count=True)
    assert unverified["count"] == 2 and len(unverified["users"]) == 1 and unverified.writes == []
    assert module_runner(MODULE, realm=realm, q="site:zurich tag:%s" % tag, count=True)["count"] == 2
    # Without a filter: every user of the realm, as many as the full listing returns.
    every = module_runner(MODULE, realm=realm, count=True)
    assert every["count"] == len(every["users"]) == len(realm_admin.get_users())
    assert "count" not in module_runner(MODULE, realm=realm, search="*%s*" % tag)
    refused = module_runner(MODULE, realm=realm, first_name="Ann", exact=True, count=True)
    assert refused["failed"] is True and "exact" in refused["msg"] and len(refused.requests) <= 1
