# -*- coding: utf-8 -*-
"""Every way a module can log in, and every way that can fail, against the real server."""

import http.server
import os
import shutil
import ssl
import subprocess
import threading

import pytest
import requests

from harness import run_module  # pylint: disable=import-error

INFO = "keycloak_server_info"


@pytest.fixture(scope="module")
def service_account_client(admin, keycloak_url):
    """A confidential master-realm client whose service account may read the server info."""
    client_id = "ansible-sa-%s" % os.getpid()
    internal = admin.create_client({
        "clientId": client_id, "enabled": True, "publicClient": False,
        "serviceAccountsEnabled": True, "standardFlowEnabled": False, "secret": "s3cret-%s" % os.getpid(),
    }, skip_exists=True)
    user = admin.get_client_service_account_user(internal)
    admin.assign_realm_roles(user["id"], [admin.get_realm_role("admin")])
    yield client_id, "s3cret-%s" % os.getpid()
    admin.delete_client(internal)


def test_password_grant(admin_credentials):
    result = run_module(INFO, dict(admin_credentials, gather=["version"]))
    assert result["version"], result


def test_client_credentials_grant(keycloak_url, service_account_client):
    client_id, secret = service_account_client
    result = run_module(INFO, {"auth_keycloak_url": keycloak_url, "auth_client_id": client_id, "auth_client_secret": secret, "gather": ["version"]})
    assert result.get("version"), result
    assert secret not in result["_stdout"]


def test_given_token_is_used_without_login(keycloak_url):
    token = requests.post(
        keycloak_url + "/realms/master/protocol/openid-connect/token",
        data={"grant_type": "password", "client_id": "admin-cli",
              "username": os.environ["KEYCLOAK_ADMIN_USER"], "password": os.environ["KEYCLOAK_ADMIN_PASSWORD"]},
        timeout=30,
    ).json()["access_token"]
    result = run_module(INFO, {"auth_keycloak_url": keycloak_url, "token": token, "gather": ["version"]})
    assert result.get("version"), result
    assert [request[0] for request in result.requests] == ["GET"], "a given token needs no login"


def test_environment_fallbacks(keycloak_url, monkeypatch):
    monkeypatch.setenv("KEYCLOAK_URL", keycloak_url)
    monkeypatch.setenv("KEYCLOAK_USERNAME", os.environ["KEYCLOAK_ADMIN_USER"])
    monkeypatch.setenv("KEYCLOAK_PASSWORD", os.environ["KEYCLOAK_ADMIN_PASSWORD"])
    result = run_module(INFO, {"gather": ["version"]})
    assert result.get("version"), result


def test_wrong_password_is_a_clear_error(keycloak_url):
    result = run_module(INFO, {"auth_keycloak_url": keycloak_url, "auth_username": "admin", "auth_password": "wrong-password"})
    assert result["failed"] is True
    assert "password grant" in result["msg"] and "realm 'master'" in result["msg"]
    assert "Invalid user credentials" in result["msg"] or "invalid_grant" in result["msg"]
    assert "wrong-password" not in result["_stdout"]


def test_wrong_client_secret_is_a_clear_error(keycloak_url, service_account_client):
    client_id = service_account_client[0]
    result = run_module(INFO, {"auth_keycloak_url": keycloak_url, "auth_client_id": client_id, "auth_client_secret": "not-it"})
    assert result["failed"] is True
    assert "client credentials grant" in result["msg"] and client_id in result["msg"]


def test_no_credentials_fails_before_any_request(keycloak_url):
    result = run_module(INFO, {"auth_keycloak_url": keycloak_url})
    assert result["failed"] is True and "no credentials" in result["msg"]
    assert result.requests == []


def test_unreachable_url_is_a_clear_error():
    result = run_module(INFO, {"auth_keycloak_url": "http://127.0.0.1:9", "auth_username": "admin", "auth_password": "admin",
                               "connection_timeout": 3, "retries": 1})
    assert result["failed"] is True
    assert "cannot reach http://127.0.0.1:9" in result["msg"] and "(after 1 retry)" in result["msg"]


@pytest.fixture(scope="module")
def tls_stub(tmp_path_factory):
    """An HTTPS server with a self-signed certificate (Keycloak itself runs plain HTTP here)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "https://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()


def test_bad_tls_is_a_clear_error(tls_stub):
    result = run_module(INFO, {"auth_keycloak_url": tls_stub, "auth_username": "admin", "auth_password": "admin", "connection_timeout": 5})
    assert result["failed"] is True
    assert "TLS certificate verification failed" in result["msg"] and tls_stub in result["msg"]
