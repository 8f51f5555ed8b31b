# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A confidential client's secret: read it, regenerate it, rotate it, end a rotated secret's grace period.

Keycloak keeps one secret per confidential client. With feature ``client-secret-rotation`` and a client
policy whose profile has the ``secret-rotation`` executor, a regenerated secret does not end the old one
at once: the old one becomes the *rotated* secret and keeps working for the executor's
``rotated-expiration-period``.

A secret is returned in clear only when the task asks (``return_secret``) and runs with ``no_log: true``;
everywhere else it is masked.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..engine import MASK, MASK_CHANGED
from ..context import or_none
from .base import Operation, OperationSpec, PlanError

ROTATION_FEATURE = "CLIENT_SECRET_ROTATION"
ROTATION_EXECUTOR = "secret-rotation"
ROTATED_SECRET = "client.secret.rotated"
ROTATED_EXPIRATION = "client.secret.rotated.expiration.time"
SECRET_EXPIRATION = "client.secret.expiration.time"


class ClientSecret(Operation):
    def describe(self):
        return "client '%s' in realm '%s'" % (self.args["client_id"], self.realm)

    def shown(self, secret):
        """The secret as the result shows it: in clear only when asked for."""
        if secret is None:
            return None
        return secret if self.args["return_secret"] else MASK

    def plan(self):
        self.require_no_log("return_secret")
        action = self.args["action"]
        plan = self.new_plan()
        client = self.client_ref(self.args["client_id"])
        plan.result.update(self.endpoints())
        if not client.exists:
            # Check mode, with the client (or its realm) assumed: nothing to read.
            plan.result.update(secret=None, id=None)
            if action != "read":
                plan.add(*self._steps(action, None))
            return plan
        current = client.value
        plan.result["id"] = current["id"]
        if current.get("publicClient"):
            raise PlanError("the client is public: it has no secret (set public_client: false with keycloak_client first)")
        if action == "rotate":
            self._check_rotation()
        self._show(plan, current["id"], current)
        if action == "read":
            return plan
        if action == "invalidate_rotated":
            if plan.result.get("rotated_secret") is None:
                plan.result["_nothing"] = "no rotated secret to invalidate"
                return plan
            plan.add(*self._steps(action, current["id"]))
            plan.after_apply.append(lambda done: self._show(done, current["id"]))
            return plan
        plan.add(*self._steps(action, current["id"]))
        plan.diff = {"before": {"secret": MASK}, "after": {"secret": MASK_CHANGED}}
        # Until the real run, the new secret is not known.
        plan.result["secret"] = None
        plan.after_apply.append(lambda done: self._show(done, current["id"]))
        return plan

    def _steps(self, action, client_uuid):
        if action == "invalidate_rotated":
            return ("end the grace period of the rotated secret", "rotated secret invalidated",
                    lambda: self.api.invalidate_client_rotated_secret(client_uuid))
        if action == "rotate":
            return ("rotate the secret, the current one staying valid for the grace period", "secret rotated",
                    lambda: self.api.generate_client_secrets(client_uuid))
        return ("regenerate the secret", "secret regenerated", lambda: self.api.generate_client_secrets(client_uuid))

    def _show(self, plan, client_uuid, client=None):
        """The secret, the rotated secret and their expiry times of the client (read now, unless given) into the result."""
        if client is None:
            client = self.api.get_client(client_uuid)
        attributes = client.get("attributes") or {}
        plan.result["secret"] = self.shown((self.api.get_client_secrets(client_uuid) or {}).get("value"))
        rotated = or_none(self.api.get_client_rotated_secret, client_uuid) if attributes.get(ROTATED_SECRET) else None
        plan.result["rotated_secret"] = self.shown((rotated or {}).get("value"))
        plan.result["rotated_secret_expiration"] = _int(attributes.get(ROTATED_EXPIRATION)) if rotated else None
        plan.result["secret_expiration"] = _int(attributes.get(SECRET_EXPIRATION))

    def _check_rotation(self):
        """Rotation needs the server feature and a realm policy whose profile rotates secrets: else the old secret would end at once."""
        features = dict((feature.get("name"), feature.get("enabled")) for feature in self.api.get_server_info().get("features") or [])
        if not features.get(ROTATION_FEATURE):
            raise PlanError("rotate needs the server feature client-secret-rotation (start Keycloak with --features=client-secret-rotation); "
                            "use action=regenerate to replace the secret at once")
        answer = self.api.get_client_profiles(include_global=True) or {}
        profiles = (answer.get("profiles") or []) + (answer.get("globalProfiles") or [])
        rotating = set(profile["name"] for profile in profiles
                       if any(executor.get("executor") == ROTATION_EXECUTOR for executor in profile.get("executors") or []))
        policies = [policy for policy in (self.api.get_client_policies() or {}).get("policies") or []
                    if policy.get("enabled") and rotating.intersection(policy.get("profiles") or [])]
        if not policies:
            raise PlanError("rotate needs an enabled client policy whose profile has the secret-rotation executor (see "
                            "iam.keycloak.keycloak_client_policies); without one the current secret would stop working at once")


def _int(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


CLIENT_SECRET = OperationSpec(
    "client_secret",
    ClientSecret,
    options=dict(
        client_id=dict(type="str", required=True),
        action=dict(type="str", choices=["read", "regenerate", "rotate", "invalidate_rotated"], default="read"),
        return_secret=dict(type="bool", default=False, no_log=False),
    ),
    server_made=("secret", "issuer"),
)
