# -*- coding: utf-8 -*-
"""``KeycloakOpenIDConnection.cache_reads``: while on, a GET answered once is answered again from memory (a copy), an
error is sent again, the big lists (users, members) are never kept, and turning it off sends every read again."""

import json

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin
from ansible_collections.iam.keycloak.plugins.module_utils.client.connection import KeycloakOpenIDConnection
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakGetError


class Answer:
    def __init__(self, status, body):
        self.status_code = status
        self.content = json.dumps(body).encode()
        self.text = self.content.decode()
        self.headers = {"Content-Type": "application/json"}
        self.request = None
        self.url = "http://kc/x"
        self.reason = "Not Found" if status == 404 else "OK"

    def json(self):
        return json.loads(self.text)


@pytest.fixture()
def admin(monkeypatch):
    connection = KeycloakOpenIDConnection(server_url="http://kc", realm_name="acme", token="token")
    sent = []

    def request(method, path, **_kwargs):
        sent.append((method, path))
        if "missing" in path:
            return Answer(404, {"error": "Could not find client scope"})
        if method == "DELETE":
            return Answer(204, {})
        return Answer(200, [{"name": "scope", "path": path}])

    monkeypatch.setattr(connection, "request", request)
    kc = KeycloakAdmin(connection=connection)
    kc.sent = sent
    return kc


def test_reads_are_sent_once_while_cached_and_copies_come_back(admin):
    admin.connection.cache_reads(True)
    first = admin.get_client_scopes()
    first[0]["name"] = "changed by the caller"
    assert admin.get_client_scopes() == [{"name": "scope", "path": "admin/realms/acme/client-scopes"}]
    assert admin.sent == [("GET", "admin/realms/acme/client-scopes")]
    admin.connection.cache_reads(False)
    admin.get_client_scopes()
    assert len(admin.sent) == 2


def test_errors_users_and_members_are_sent_every_time(admin):
    admin.connection.cache_reads(True)
    for _attempt in range(2):
        with pytest.raises(KeycloakGetError):
            admin.get_client_scope("missing")
        admin.get_users({"max": 10})
        admin.get_group_members("group-id")
    assert len(admin.sent) == 6, admin.sent


def test_writes_are_never_answered_from_memory(admin):
    admin.connection.cache_reads(True)
    admin.get_client_scopes()
    admin.connection.cache_reads(False)
    admin.delete_client_scope("scope-id")
    admin.get_client_scopes()
    assert [method for method, _path in admin.sent] == ["GET", "DELETE", "GET"]
