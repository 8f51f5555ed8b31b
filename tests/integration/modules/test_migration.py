# -*- coding: utf-8 -*-
"""Coming from community.general's keycloak modules (issue 16, item 8; docs/migration.md).

Each row is a task of the community module's documented EXAMPLES (its options as documented there, the
connection options left out) that has an equivalent here, run against this collection's module:

* where an option means the same as ours, it is accepted (an alias: ``copyFrom``, ``target_username``)
  and the task does what it did there;
* where it means something else or has another shape (a group's ``name``, an ``id``, ``credentials``),
  the task fails before sending anything, with a message that names the community option and ours;
* the equivalent task that docs/migration.md gives then works, and its rerun changes nothing.
"""

import pytest

from proxy import Proxy  # tests/keycloak  pylint: disable=import-error

# (our module, the community example's options, the option(s) the message must name, the equivalent task here)
# A None message means the example runs here as it is.
ROWS = [
    ("keycloak_group", dict(name="my-new-kc-group", state="present"), ["option name", "path: /"],
     dict(path="/my-new-kc-group", state="present")),
    ("keycloak_group", dict(name="my-new_group", attributes={"attrib1": "value1", "attrib3": ["with", "numerous"]}),
     ["option name", "path"], dict(path="/my-new_group", attributes={"attrib1": "value1", "attrib3": ["with", "numerous"]})),
    ("keycloak_group", dict(id="9d59aa76-2755-48c6-b1af-beb70a82c3cd", state="absent"), ["option id", "path"],
     dict(path="/my-new_group", state="absent")),
    ("keycloak_role", dict(name="my-new-kc-role", description="My new role", state="present"), None, None),
    ("keycloak_role", dict(name="my-composite-role", composite=True, composites=[{"name": "my-new-kc-role"}]),
     ["option composite", "composites"], dict(name="my-composite-role", composites=[{"name": "my-new-kc-role"}])),
    ("keycloak_client", dict(client_id="test", state="present"), None, None),
    ("keycloak_client", dict(id="9d59aa76-2755-48c6-b1af-beb70a82c3cd", client_id="test", state="absent"),
     ["option id", "client_id"], dict(client_id="test", state="absent")),
    ("keycloak_client_scope", dict(name="my-new-kc-clientscope", state="present"), None, None),
    ("keycloak_user", dict(username="test-user", first_name="Test", last_name="User", email="test@example.com",
                           credentials=[{"type": "password", "value": "Passw0rd-of-test", "temporary": False}]),
     ["option credentials", "password"], dict(username="test-user", first_name="Test", last_name="User",
                                              email="test@example.com", password="Passw0rd-of-test")),
    ("keycloak_role_mapping", dict(target_username="test-user", realm_roles=["my-new-kc-role"]), None, None),
    ("keycloak_role_mapping", dict(target_username="test-user", client_id="test", roles=[{"name": "offline_access"}]),
     ["option client_id", "option roles", "client_roles"],
     dict(user="test-user", client_roles=[{"client_id": "realm-management", "roles": ["view-users"]}])),
    ("keycloak_role_mapping", dict(group_name="my-new-kc-group", parents=[{"name": "top"}], realm_roles=["offline_access"]),
     ["option group_name", "group: /"], dict(group="/my-new-kc-group", realm_roles=["offline_access"])),
    ("keycloak_flow", dict(alias="Copy of first broker login", copyFrom="first broker login"), None, None),
    ("keycloak_flow", dict(alias="Copy of first broker login", copyFrom="first broker login",
                           authenticationExecutions=[{"providerId": "idp-review-profile", "requirement": "REQUIRED"}]),
     ["option authenticationExecutions", "executions"], None),
    ("keycloak_flow", dict(alias="Copy of first broker login", state="absent", force=True), ["option force"],
     dict(alias="Copy of first broker login", state="absent")),
]


@pytest.fixture(scope="module")
def proxied(keycloak_url):
    with Proxy(keycloak_url) as proxy:
        yield proxy


def test_migration_examples(module_runner, proxied, realm):
    """In order: later rows use what earlier ones made (the user, the role, the group)."""
    for module, theirs, words, ours in ROWS:
        del proxied.requests[:]
        result = module_runner(module, auth_keycloak_url=proxied.url, realm=realm, **theirs)
        if words is None:
            assert not result.get("failed"), (module, theirs, result["msg"])
            again = module_runner(module, realm=realm, **theirs)
            assert again["changed"] is False and again.writes == [], (module, theirs, again["msg"])
            continue
        assert result.get("failed") is True, (module, theirs, result.get("msg"))
        assert "community.general's" in result["msg"] and all(word in result["msg"] for word in words), result["msg"]
        assert proxied.requests == [], proxied.requests
        if ours is None:
            continue
        done = module_runner(module, realm=realm, **ours)
        assert not done.get("failed") and done["changed"] is True, (module, ours, done["msg"])
        again = module_runner(module, realm=realm, **ours)
        assert again["changed"] is False and again.writes == [], (module, ours, again["msg"])
