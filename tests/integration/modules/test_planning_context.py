# -*- coding: utf-8 -*-
"""One plan spans several kinds: what an earlier part of the plan creates counts as existing.

Against a server where none of it exists: a realm, a realm role, a client scope, a client with
that scope, a group, and a user in that group with that role. The dry plan sends no write; the
real run sends exactly the planned writes; the rerun plans nothing.
"""

import os
import uuid

from harness import recording  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext
from ansible_collections.iam.keycloak.plugins.module_utils.registry import KINDS

TOKEN_PATH = "/protocol/openid-connect/token"


def objects(realm):
    return [
        ("realm", {"realm": realm, "display_name": "Planned"}),
        ("role", {"realm": realm, "name": "auditor", "description": "reads the books"}),
        ("client_scope", {"realm": realm, "name": "department"}),
        ("client", {"realm": realm, "client_id": "portal", "default_client_scopes": ["department"]}),
        ("group", {"realm": realm, "path": "/staff"}),
        ("user", {"realm": realm, "username": "jane", "email": "jane@example.org", "groups": ["/staff"], "realm_roles": ["auditor"]}),
    ]


def plan_all(keycloak_url, realm):
    def api_for(name):
        return KeycloakAdmin(server_url=keycloak_url, username="admin", password=_password(), realm_name=name, user_realm_name="master")

    context = PlanContext(api_for)
    for kind, params in objects(realm):
        context.plan(KINDS[kind], params)
    return context


def _password():
    return os.environ["KEYCLOAK_ADMIN_PASSWORD"]


def writes(calls):
    return [(method, url) for method, url in calls if method != "GET" and TOKEN_PATH not in url]


def actions(context):
    return [(plan.handler.kind, plan.key, action.description) for plan in context.plans for action in plan.actions]


def test_one_plan_spans_kinds(keycloak_url, admin):
    realm = "plan-%s" % uuid.uuid4().hex[:6]
    try:
        with recording() as calls:
            dry = plan_all(keycloak_url, realm)
        assert writes(calls) == [], "planning wrote: %s" % writes(calls)
        assert dry.warnings == []
        planned = actions(dry)
        assert [plan.operation for plan in dry.plans] == ["create"] * 6
        assert ("user", "jane", "roleMappings 'auditor' added") in planned, planned
        assert admin.get_realms() and realm not in [item["realm"] for item in admin.get_realms()]

        with recording() as calls:
            real = plan_all(keycloak_url, realm)
            assert actions(real) == planned
            real.apply()
        sent = writes(calls)
        # One write per planned action: nothing more, nothing less.
        assert len(sent) == len(planned), (sent, planned)
        assert [plan.done for plan in real.plans] == [[action.description for action in plan.actions] for plan in real.plans]

        in_realm = KeycloakAdmin(server_url=keycloak_url, username="admin", password=_password(), realm_name=realm, user_realm_name="master")
        user_id = in_realm.get_user_id("jane")
        assert [group["path"] for group in in_realm.get_user_groups(user_id)] == ["/staff"]
        assert "auditor" in [role["name"] for role in in_realm.get_realm_roles_of_user(user_id)]
        client = in_realm.get_client(in_realm.get_client_id("portal"))
        assert "department" in client["defaultClientScopes"]
        # The end_state of each real plan is the object read back: server ids are there.
        assert all(plan.end_state.get("id") for plan in real.plans)

        with recording() as calls:
            again = plan_all(keycloak_url, realm)
        assert actions(again) == [] and writes(calls) == []
    finally:
        try:
            admin.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass


def test_a_client_override_names_a_flow_the_same_run_creates(keycloak_url, admin):
    realm = "plan-%s" % uuid.uuid4().hex[:6]

    def api_for(name):
        return KeycloakAdmin(server_url=keycloak_url, username="admin", password=_password(), realm_name=name, user_realm_name="master")

    try:
        context = PlanContext(api_for)
        context.plan(KINDS["realm"], {"realm": realm})
        context.plan(KINDS["flow"], {"realm": realm, "alias": "my browser", "copy_from": "browser"})
        context.plan(KINDS["client"], {"realm": realm, "client_id": "portal", "authentication_flow_binding_overrides": {"browser": "my browser"}})
        context.apply()
        in_realm = api_for(realm)
        flow_id = [flow["id"] for flow in in_realm.get_authentication_flows() if flow["alias"] == "my browser"][0]
        client = in_realm.get_client(in_realm.get_client_id("portal"))
        assert client["authenticationFlowBindingOverrides"] == {"browser": flow_id}
    finally:
        try:
            admin.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass
