# -*- coding: utf-8 -*-
"""A given access token's expiry, read from its ``exp`` claim: a task renews an expired token before its first request."""

import base64
import json
import time

from ansible_collections.iam.keycloak.plugins.module_utils.module import token_seconds_left


def jwt(claims):
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")
    return "%s.%s.signature" % (part({"alg": "RS256", "typ": "JWT"}), part(claims))


def test_seconds_left_come_from_the_exp_claim():
    assert 28 < token_seconds_left(jwt({"exp": int(time.time()) + 30, "sub": "operator"})) <= 30


def test_an_expired_token_has_less_than_nothing_left():
    assert -101 < token_seconds_left(jwt({"exp": int(time.time()) - 100})) <= -99


def test_a_token_that_is_not_a_jwt_has_no_known_expiry():
    for token in ("opaque-token", "a.%%%.c", "a..c", jwt({"sub": "no exp"}), jwt({"exp": "soon"}), jwt(["a", "list"])):
        assert token_seconds_left(token) is None, token
