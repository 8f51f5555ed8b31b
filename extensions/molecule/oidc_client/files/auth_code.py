# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A browser's authorization-code login with PKCE, as a public client does it, for the oidc_client scenario's verify.

    auth_code.py ISSUER CLIENT_ID REDIRECT_URI      (the user's name and password in KCM_USER and KCM_PASSWORD)

Asks for a login without a code challenge first (a client that requires PKCE S256 must refuse it), then logs in
through Keycloak's login form with a challenge, takes the code from the redirect (never followed: the application's
URL is not there), and exchanges it with the verifier. Prints one JSON object: ``without_pkce`` (the error of the
first redirect), ``redirect`` (where the login sent the browser, without its query), and ``claims`` (the access
token's payload).
"""

import base64
import hashlib
import html
import json
import os
import re
import secrets
import sys
from urllib.parse import parse_qs, urlsplit

import requests

TIMEOUT = 30


def query_of(location):
    return dict((name, values[0]) for name, values in parse_qs(urlsplit(location).query).items())


def payload(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def main(issuer, client_id, redirect_uri):
    auth = issuer.rstrip("/") + "/protocol/openid-connect/auth"
    token_url = issuer.rstrip("/") + "/protocol/openid-connect/token"
    base = {"client_id": client_id, "response_type": "code", "scope": "openid", "redirect_uri": redirect_uri}

    refused = requests.get(auth, params=dict(base, state="no-pkce"), allow_redirects=False, timeout=TIMEOUT)
    without_pkce = query_of(refused.headers.get("Location", "")).get("error") if refused.status_code in (302, 303) else refused.status_code

    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode("ascii")
    browser = requests.Session()
    form = browser.get(auth, params=dict(base, state="with-pkce", code_challenge=challenge, code_challenge_method="S256"), timeout=TIMEOUT)
    form.raise_for_status()
    tag = re.search(r'<form[^>]*\bid="kc-form-login"[^>]*>', form.text)
    if tag is None:
        raise SystemExit("no login form in Keycloak's answer:\n" + form.text[:2000])
    action = html.unescape(re.search(r'\baction="([^"]+)"', tag.group(0)).group(1))
    # Keycloak marks its session cookies Secure; a browser sends them to http://127.0.0.1 (a secure context), requests
    # does not, unless told.
    for cookie in browser.cookies:
        cookie.secure = False
    login = browser.post(action, data={"username": os.environ["KCM_USER"], "password": os.environ["KCM_PASSWORD"], "credentialId": ""},
                         allow_redirects=False, timeout=TIMEOUT)
    location = login.headers.get("Location", "")
    if login.status_code not in (302, 303) or "code" not in query_of(location):
        raise SystemExit("the login did not redirect with a code (%d %s):\n%s" % (login.status_code, location, login.text[:2000]))
    answer = query_of(location)
    tokens = requests.post(token_url, data={"grant_type": "authorization_code", "client_id": client_id, "code": answer["code"],
                                            "redirect_uri": redirect_uri, "code_verifier": verifier}, timeout=TIMEOUT)
    if tokens.status_code != 200:
        raise SystemExit("the code exchange failed (%d): %s" % (tokens.status_code, tokens.text))
    parts = urlsplit(location)
    print(json.dumps({"without_pkce": without_pkce, "state": answer.get("state"),
                      "redirect": "%s://%s%s" % (parts.scheme, parts.netloc, parts.path),
                      "claims": payload(tokens.json()["access_token"])}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
