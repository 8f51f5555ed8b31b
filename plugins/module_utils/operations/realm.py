# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realm-wide operations: clear the server's caches, issue and revoke client-registration initial access tokens.

Keycloak says nothing about what a cache holds, so clearing one is sent every time it is asked. An initial
access token is shown by Keycloak once, in the answer to its creation: the operation returns it then, from
a task that runs with ``no_log: true`` only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..kind import JAVA_INT_MAX
from .base import Operation, OperationSpec, PlanError

CACHES = ("realm", "user", "keys")
# What a token's listing shows (never the token itself, which Keycloak does not list).
TOKEN_FIELDS = ("id", "count", "remainingCount", "expiration", "timestamp")


class ClearCache(Operation):
    def plan(self):
        plan = self.new_plan()
        self.lookup(self.api.get_realm, self.realm)
        clear = {
            "realm": ("clear the realm cache", "realm cache cleared", self.api.clear_realm_cache),
            "user": ("clear the user cache", "user cache cleared", self.api.clear_user_cache),
            "keys": ("clear the cache of external public keys", "keys cache cleared", self.api.clear_keys_cache),
        }
        for cache in _unique(self.args["caches"]):
            plan.add(*clear[cache])
        return plan


class InitialAccessToken(Operation):
    def describe(self):
        return "initial access tokens of realm '%s'" % self.realm

    def plan(self):
        plan = self.new_plan()
        action = self.args["action"]
        if action == "create" and not self.task_no_log:
            raise PlanError("action=create returns the new token in clear (Keycloak shows it once): run the task with no_log: true "
                            "and register the result, so that Ansible prints no token")
        if self.args["count"] is not None and self.args["count"] < 0 or self.args["expiration"] < 0:
            raise PlanError("count and expiration must not be negative")
        tokens = [] if self.realm_is_new else self.lookup(self.api.get_initial_access_tokens)
        tokens = [dict((key, token.get(key)) for key in TOKEN_FIELDS if key in token) for token in tokens or []]
        plan.result["tokens"] = sorted(tokens, key=lambda token: token.get("timestamp") or 0)
        if action == "list":
            return plan
        if action == "delete":
            token_id = self.args["id"]
            if not token_id:
                raise PlanError("action=delete needs id, the id of the token to revoke (see action=list)")
            if not any(token["id"] == token_id for token in tokens):
                plan.result["_nothing"] = "no token with id '%s' (already revoked, used up or expired)" % token_id
                return plan
            plan.add("revoke the token %s" % token_id, "token %s revoked" % token_id,
                     lambda: self.api.delete_initial_access_token(token_id))
            plan.after_apply.append(self._list_again)
            return plan
        count, expiration = self.args["count"], self.args["expiration"]
        plan.result.update(token=None, id=None)
        plan.add("create a token for %d client(s), %s" % (count, "valid %d second(s)" % expiration if expiration else "without expiry"),
                 "token created", lambda: self.api.create_initial_access_token(count=count, expiration=expiration))

        def created(done):
            answer = done.outputs[-1] or {}
            done.result.update(token=answer.get("token"), id=answer.get("id"))
            self._list_again(done)

        plan.after_apply.append(created)
        return plan

    def _list_again(self, done):
        tokens = [dict((key, token.get(key)) for key in TOKEN_FIELDS if key in token) for token in self.api.get_initial_access_tokens() or []]
        done.result["tokens"] = sorted(tokens, key=lambda token: token.get("timestamp") or 0)


def _unique(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


CACHE = OperationSpec(
    "cache",
    ClearCache,
    options=dict(caches=dict(type="list", elements="str", choices=list(CACHES), required=True)),
)

INITIAL_ACCESS_TOKEN = OperationSpec(
    "initial_access_token",
    InitialAccessToken,
    options=dict(
        action=dict(type="str", choices=["create", "list", "delete"], default="create"),
        count=dict(type="int", default=1, range=(1, JAVA_INT_MAX)),
        expiration=dict(type="int", default=86400),
        id=dict(type="str"),
    ),
    module=dict(required_if=[["action", "delete", ["id"]]]),
    server_made=("token", "id"),
)
