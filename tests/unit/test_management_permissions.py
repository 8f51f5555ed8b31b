# -*- coding: utf-8 -*-
"""keycloak_management_permissions decides its model from the task's options and the server's features, before any request
that reads or writes a realm: the messages of the cases a test server cannot be made to show on demand (a server with
neither feature) and of mixed options."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils import engine
from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext, PlanError
from ansible_collections.iam.keycloak.plugins.module_utils.resources.management_permissions import MANAGEMENT_PERMISSIONS


class Server:
    """Answers the server info with the given features; any other call is a failure (nothing else may be asked)."""

    def __init__(self, version=None, **features):
        self.features = features
        self.version = version
        self.calls = []

    def get_server_info(self):
        self.calls.append("get_server_info")
        info = {"features": [{"name": name, "enabled": enabled} for name, enabled in self.features.items()]}
        if self.version:
            info["systemInfo"] = {"version": self.version}
        return info

    def __getattr__(self, name):
        raise AssertionError("unexpected call %s" % name)


def plan(api, **params):
    request = MANAGEMENT_PERMISSIONS.request(dict(params, realm="acme"))
    return engine.plan(MANAGEMENT_PERMISSIONS.handler(api, request, PlanContext(lambda realm: api)))


@pytest.mark.parametrize("params", [
    dict(group="/staff", scope_permissions=[{"scope": "manage-members", "policies": ["p"]}]),
    dict(client="billing"),
])
def test_feature_off(params):
    server = Server(ADMIN_FINE_GRAINED_AUTHZ=False, ADMIN_FINE_GRAINED_AUTHZ_V2=False)
    with pytest.raises(PlanError, match="off on this server: it runs neither feature admin-fine-grained-authz:v2 nor "
                                        "admin-fine-grained-authz:v1"):
        plan(server, **params)
    assert server.calls == ["get_server_info"]


class OldServer(Server):
    """A Keycloak 26.0: no admin-permissions client in any realm (v2 makes it)."""

    def get_client_id(self, client_id):
        self.calls.append("get_client_id %s" % client_id)


@pytest.mark.parametrize("v1_on, named", [
    (False, "which has v1 only (feature admin-fine-grained-authz:v1, a preview feature off by default)"),
    (True, "which runs v1 (feature admin-fine-grained-authz:v1): name the object with group or client"),
])
def test_v2_task_before_keycloak_26_2(v1_on, named):
    """Keycloak 26.0 lists no v2 feature at all: the task names the version v2 needs (one server read), before any write."""
    server = OldServer(version="26.0.8", ADMIN_FINE_GRAINED_AUTHZ=v1_on)
    with pytest.raises(PlanError, match="need Keycloak 26.2 or later") as info:
        plan(server, name="p", resource_type="Users", scopes=["view"])
    assert "this server is Keycloak 26.0.8, " + named in str(info.value)
    assert server.calls == ["get_client_id admin-permissions", "get_server_info"]


def test_v1_task_before_keycloak_26_2_without_the_feature():
    server = Server(version="26.0.8", ADMIN_FINE_GRAINED_AUTHZ=False)
    with pytest.raises(PlanError, match="v1 are off on this server \\(Keycloak 26.0.8, which has no v2\\): start it with feature admin-fine-grained-authz:v1"):
        plan(server, group="/staff", scope_permissions=[{"scope": "manage-members", "policies": ["p"]}])
    assert server.calls == ["get_server_info"]


@pytest.mark.parametrize("params, named", [
    (dict(group="/staff", resource_type="Groups", scopes=["view"]), "resource_type, scopes: options of a v2 permission"),
    (dict(name="p", scope_permissions=[{"scope": "view"}]), "scope_permissions: options of the v1 model"),
    (dict(name="p", realm_management_policies=[{"name": "x", "type": "role", "roles": ["r"]}]), "realm_management_policies"),
])
def test_mixed_options_fail_before_any_request(params, named):
    with pytest.raises(PlanError, match=named):
        plan(Server(), **params)
