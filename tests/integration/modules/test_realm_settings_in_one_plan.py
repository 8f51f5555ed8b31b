# -*- coding: utf-8 -*-
"""The realm settings kinds in one plan with the realm that an earlier part of the plan creates.

A new realm comes with event settings, client registration policies and no client policy: the plan of the
settings is made against those (an update of the default ``Max Clients Limit`` policy, never a second one),
sends nothing while planning, applies as planned, and plans nothing on the rerun.
"""

import copy
import os
import uuid

from harness import recording  # pylint: disable=import-error

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_policies import CLIENT_POLICIES
from ansible_collections.iam.keycloak.plugins.module_utils.resources.client_registration_policy import CLIENT_REGISTRATION_POLICY
from ansible_collections.iam.keycloak.plugins.module_utils.resources.events_config import EVENTS_CONFIG
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm import REALM
from ansible_collections.iam.keycloak.plugins.module_utils.resources.realm_localization import REALM_LOCALIZATION

TOKEN_PATH = "/protocol/openid-connect/token"


def objects(realm):
    return [
        (REALM, {"realm": realm}),
        (EVENTS_CONFIG, {"realm": realm, "events_enabled": True, "enabled_event_types": ["LOGIN", "LOGIN_ERROR"]}),
        (REALM_LOCALIZATION, {"realm": realm, "locale": "en", "texts": {"loginTitle": "Sign in"}}),
        (CLIENT_POLICIES, {"realm": realm, "profiles": [{"name": "pkce", "executors": [{"executor": "pkce-enforcer"}]}],
                           "policies": [{"name": "all", "conditions": [{"condition": "any-client"}], "profiles": ["pkce"]}]}),
        (CLIENT_REGISTRATION_POLICY, {"realm": realm, "name": "Max Clients Limit", "sub_type": "anonymous", "config": {"max-clients": 5}}),
    ]


def plan_all(keycloak_url, realm):
    def api_for(name):
        return KeycloakAdmin(server_url=keycloak_url, username=os.environ["KEYCLOAK_ADMIN_USER"], password=os.environ["KEYCLOAK_ADMIN_PASSWORD"],
                             realm_name=name, user_realm_name="master")

    context = PlanContext(api_for)
    for kind, params in objects(realm):
        context.plan(kind, params)
    return context


def writes(calls):
    return [(method, url) for method, url in calls if method != "GET" and TOKEN_PATH not in url]


def test_settings_of_a_realm_the_plan_creates(keycloak_url, admin):
    realm = "settings-%s" % uuid.uuid4().hex[:6]
    try:
        with recording() as calls:
            dry = plan_all(keycloak_url, realm)
        assert writes(calls) == [], "planning wrote: %s" % writes(calls)
        assert [plan.operation for plan in dry.plans] == ["create", "update", "create", "update", "update"]
        with recording() as calls:
            dry.apply()
        assert len([method for method, url in writes(calls) if url.endswith("/components") and method == "POST"]) == 0, writes(calls)
        in_realm = KeycloakAdmin(connection=copy.copy(admin.connection))
        in_realm.change_current_realm(realm)
        limits = [item for item in in_realm.get_components({"type": "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy",
                                                            "name": "Max Clients Limit"}) if item["subType"] == "anonymous"]
        assert len(limits) == 1 and limits[0]["config"]["max-clients"] == ["5"]
        assert in_realm.get_events_config()["eventsEnabled"] is True
        assert in_realm.get_localization_texts("en") == {"loginTitle": "Sign in"}
        assert [policy["name"] for policy in in_realm.get_client_policies()["policies"]] == ["all"]
        rerun = plan_all(keycloak_url, realm)
        assert [action.description for plan in rerun.plans for action in plan.actions] == []
    finally:
        admin.change_current_realm("master")
        try:
            admin.delete_realm(realm)
        except Exception:  # pylint: disable=broad-except
            pass
