# -*- coding: utf-8 -*-
"""The client methods the realm operations need beyond the python-keycloak reference, against a real Keycloak.

Client secret rotation, client policies and profiles, localization texts, client keys and certificates,
initial access tokens, offline sessions, the realm's v1 users permissions. Every call's effect is read
back through another method.
"""

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakGetError, KeycloakPutError


def readable(error):
    """Keycloak's message of a client error, whichever attribute carries it (``description``, or ``error_message``)."""
    text = getattr(error, "description", None) or error.error_message
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else text


def test_client_profiles_and_policies(realm_admin):
    assert realm_admin.get_client_profiles() == {"profiles": []}
    assert "globalProfiles" in realm_admin.get_client_profiles(include_global=True)
    assert "globalPolicies" in realm_admin.get_client_policies(include_global=True)
    profile = {"name": "pkce", "description": "PKCE", "executors": [{"executor": "pkce-enforcer", "configuration": {"auto-configure": True}}]}
    realm_admin.update_client_profiles({"profiles": [profile]})
    policy = {"name": "all", "enabled": True, "conditions": [{"condition": "any-client", "configuration": {}}], "profiles": ["pkce"]}
    realm_admin.update_client_policies({"policies": [policy]})
    assert realm_admin.get_client_profiles()["profiles"] == [profile]
    assert realm_admin.get_client_policies()["policies"][0]["profiles"] == ["pkce"]
    realm_admin.update_client_policies({"policies": []})
    realm_admin.update_client_profiles({"profiles": []})
    assert realm_admin.get_client_policies()["policies"] == []


def test_rotated_client_secret(realm_admin):
    uuid = realm_admin.create_client({"clientId": "rotated-secret", "publicClient": False})
    # Without a rotation, there is no rotated secret: a 404 (and invalidating one answers 204 all the same).
    with pytest.raises(KeycloakGetError) as missing:
        realm_admin.get_client_rotated_secret(uuid)
    assert missing.value.response_code == 404
    realm_admin.invalidate_client_rotated_secret(uuid)
    features = dict((f["name"], f["enabled"]) for f in realm_admin.get_server_info()["features"])
    if not features.get("CLIENT_SECRET_ROTATION"):
        pytest.skip("the server runs without the client-secret-rotation feature")
    realm_admin.update_client_profiles({"profiles": [{"name": "rotate", "executors": [{"executor": "secret-rotation", "configuration": {
        "expiration-period": "2592000", "rotated-expiration-period": "3600", "remaining-rotation-period": "864000"}}]}]})
    realm_admin.update_client_policies({"policies": [{"name": "rotate", "enabled": True, "profiles": ["rotate"], "conditions": [
        {"condition": "client-access-type", "configuration": {"type": ["confidential"]}}]}]})
    try:
        old = realm_admin.get_client_secrets(uuid)["value"]
        new = realm_admin.generate_client_secrets(uuid)["value"]
        assert new != old and realm_admin.get_client_rotated_secret(uuid)["value"] == old
        realm_admin.invalidate_client_rotated_secret(uuid)
        with pytest.raises(KeycloakGetError):
            realm_admin.get_client_rotated_secret(uuid)
    finally:
        realm_admin.update_client_policies({"policies": []})
        realm_admin.update_client_profiles({"profiles": []})


def test_send_verify_email_with_lifespan(realm_admin):
    no_mail = realm_admin.create_user({"username": "verify-no-mail", "enabled": True})
    with pytest.raises(KeycloakPutError) as refused:
        realm_admin.send_verify_email_with_lifespan(no_mail, 600)
    assert refused.value.response_code == 400 and "email" in readable(refused.value).lower()
    mail = realm_admin.create_user({"username": "verify-mail", "enabled": True, "email": "verify@example.com"})
    # No SMTP server in the test realm: the request gets as far as sending.
    with pytest.raises(KeycloakPutError) as failed:
        realm_admin.send_verify_email_with_lifespan(mail, 600, client_id="account")
    assert failed.value.response_code == 500 and "Failed to send" in readable(failed.value)


def test_delete_initial_access_token(realm_admin):
    token = realm_admin.create_initial_access_token(count=1, expiration=600)
    assert token["id"] in [item["id"] for item in realm_admin.get_initial_access_tokens()]
    realm_admin.delete_initial_access_token(token["id"])
    assert token["id"] not in [item["id"] for item in realm_admin.get_initial_access_tokens()]
    realm_admin.delete_initial_access_token(token["id"])


def test_client_key_info_and_upload(realm_admin):
    import subprocess
    import tempfile

    uuid = realm_admin.create_client({"clientId": "keyed", "protocol": "saml"})
    assert not realm_admin.get_client_key_info(uuid, "saml.encryption").get("certificate")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder + "/k.pem", "-out", folder + "/c.pem",
                        "-days", "2", "-subj", "/CN=keyed"], check=True, capture_output=True)
        pem = open(folder + "/c.pem", encoding="ascii").read()
        public = subprocess.run(["openssl", "x509", "-in", folder + "/c.pem", "-pubkey", "-noout"], check=True, capture_output=True, text=True).stdout
    stored = realm_admin.upload_client_key(uuid, "saml.encryption", pem)
    body = "".join(pem.split("-----")[2].split())
    assert stored["certificate"] == body and realm_admin.get_client_key_info(uuid, "saml.encryption")["certificate"] == body
    realm_admin.upload_client_key(uuid, "saml.encryption", public, keystore_format="Public Key PEM")
    info = realm_admin.get_client_key_info(uuid, "saml.encryption")
    assert "BEGIN PUBLIC KEY" in info["publicKey"]


def test_localization_texts(realm_admin):
    assert realm_admin.get_localization_texts("de") == {}
    realm_admin.add_localization_texts("de", {"a": "1", "b": "2"})
    realm_admin.update_localization_text("de", "c/d e", "Ä {0}")
    assert realm_admin.get_localization_texts("de") == {"a": "1", "b": "2", "c/d e": "Ä {0}"}
    assert "de" in realm_admin.get_localization_locales()
    realm_admin.delete_localization_text("de", "a")
    assert sorted(realm_admin.get_localization_texts("de")) == ["b", "c/d e"]
    realm_admin.delete_localization_texts("de")
    assert realm_admin.get_localization_texts("de") == {} and "de" not in realm_admin.get_localization_locales()


def test_offline_sessions(realm_admin, keycloak_url):
    import requests

    realm = realm_admin.get_current_realm()
    user_id = realm_admin.create_user({"username": "offline-user", "enabled": True, "email": "offline@example.com", "firstName": "Off",
                                       "lastName": "Line", "credentials": [{"type": "password", "value": "Offline-1-pw", "temporary": False}]})
    cli = realm_admin.get_client_id("admin-cli")
    assert realm_admin.get_client_offline_sessions(cli) == [] and realm_admin.get_user_offline_sessions(user_id, cli) == []
    answer = requests.post("%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm), timeout=30,
                           data={"grant_type": "password", "client_id": "admin-cli", "username": "offline-user",
                                 "password": "Offline-1-pw", "scope": "openid offline_access"})
    assert answer.status_code == 200, answer.text
    assert [session["userId"] for session in realm_admin.get_client_offline_sessions(cli)] == [user_id]
    assert len(realm_admin.get_user_offline_sessions(user_id, cli)) == 1
