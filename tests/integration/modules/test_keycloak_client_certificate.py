# -*- coding: utf-8 -*-
"""keycloak_client_certificate against the real server: a client logs in with a JWT its uploaded certificate verifies."""

import base64
import datetime
import json
import time
import uuid

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from harness import fails_or_plans  # pylint: disable=import-error

MODULE = "keycloak_client_certificate"


def key_pair(name):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256()))
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return key, cert.public_bytes(serialization.Encoding.PEM).decode(), public


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def client_assertion(key, client_id, audience):
    header = b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    now = int(time.time())
    claims = b64(json.dumps({"iss": client_id, "sub": client_id, "aud": audience, "jti": uuid.uuid4().hex, "iat": now, "exp": now + 60}).encode())
    signature = key.sign(("%s.%s" % (header, claims)).encode(), padding.PKCS1v15(), hashes.SHA256())
    return "%s.%s.%s" % (header, claims, b64(signature))


def jwt_login(keycloak_url, realm, client_id, key):
    token_url = "%s/realms/%s/protocol/openid-connect/token" % (keycloak_url, realm)
    answer = requests.post(token_url, timeout=30, data={
        "grant_type": "client_credentials", "client_id": client_id,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": client_assertion(key, client_id, "%s/realms/%s" % (keycloak_url, realm)),
    })
    return answer.status_code


@pytest.fixture(scope="module")
def jwt_client(realm_admin):
    realm_admin.create_client({"clientId": "batch-jobs", "publicClient": False, "serviceAccountsEnabled": True,
                               "standardFlowEnabled": False, "clientAuthenticatorType": "client-jwt"})
    return "batch-jobs"


def test_certificate_lets_the_client_sign_in(module_runner, realm, jwt_client, keycloak_url):
    first_key, first_cert, _public = key_pair("first")
    second_key, second_cert, second_public = key_pair("second")
    assert jwt_login(keycloak_url, realm, jwt_client, first_key) != 200

    check = module_runner(MODULE, check_mode=True, diff=True, realm=realm, client_id=jwt_client, certificate=first_cert)
    assert check["changed"] is True and check.writes == [] and check["diff"]["before"] == {}
    assert jwt_login(keycloak_url, realm, jwt_client, first_key) != 200
    done = module_runner(MODULE, diff=True, realm=realm, client_id=jwt_client, certificate=first_cert)
    assert done["changed"] is True and done["diff"] == check["diff"] and done["stored"] == check["stored"]
    # Keycloak remembers for a while that the client had no key (the failed login above): clearing its keys cache makes it look again.
    assert jwt_login(keycloak_url, realm, jwt_client, first_key) != 200
    assert module_runner("keycloak_cache", realm=realm, caches=["keys"])["changed"] is True
    assert jwt_login(keycloak_url, realm, jwt_client, first_key) == 200
    again = module_runner(MODULE, realm=realm, client_id=jwt_client, certificate=first_cert.replace("\n", "\r\n"))
    assert again["changed"] is False and again.writes == [], again["msg"]

    replaced = module_runner(MODULE, realm=realm, client_id=jwt_client, public_key=second_public)
    assert replaced["changed"] is True and list(replaced["stored"]) == ["publicKey"]
    module_runner("keycloak_cache", realm=realm, caches=["keys"])
    assert jwt_login(keycloak_url, realm, jwt_client, second_key) == 200
    assert jwt_login(keycloak_url, realm, jwt_client, first_key) != 200, "the replaced certificate still verifies"
    again = module_runner(MODULE, realm=realm, client_id=jwt_client, public_key=second_public)
    assert again["changed"] is False and again.writes == []
    assert second_cert


def test_saml_signing_certificate(module_runner, realm, realm_admin):
    uuid_ = realm_admin.create_client({"clientId": "https://sp.example.com/saml", "protocol": "saml"})
    _key, cert, _public = key_pair("sp")
    done = module_runner(MODULE, realm=realm, client_id="https://sp.example.com/saml", usage="saml_signing", certificate=cert)
    assert done["changed"] is True
    stored = realm_admin.get_client(uuid_)["attributes"]["saml.signing.certificate"]
    assert stored == done["stored"]["certificate"]


@pytest.mark.parametrize("bad", ["not a certificate", "-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----"])
def test_malformed_pem_is_refused_before_anything_is_sent(module_runner, realm, jwt_client, bad):
    result = module_runner(MODULE, realm=realm, client_id=jwt_client, certificate=bad)
    assert result["failed"] is True and "PEM" in result["msg"] and result.requests == []


@pytest.mark.parametrize("check_mode", [True, False])
def test_missing_client(module_runner, realm, check_mode):
    _key, cert, _public = key_pair("x")
    result = module_runner(MODULE, check_mode=check_mode, realm=realm, client_id="no-such-client", certificate=cert)
    fails_or_plans(result, check_mode, "no-such-client")
