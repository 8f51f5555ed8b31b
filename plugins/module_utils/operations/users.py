# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an administrator does *to* users: log them out, e-mail them, set a password, unlock them after
brute-force detection locked them, disable or enable one of them or them all, remove their credentials of a type.

What Keycloak 26 does that shapes these operations:

- Logging a user out ends every session of the user and sets the user's "not before", so no token issued
  before (offline tokens included) is accepted any more: it always has an effect.
- The e-mail actions fail with a 500 and a short message ("Failed to send verify email") when the realm's
  SMTP server cannot be reached, and with a 400 when the user has no e-mail address or an action is not an
  enabled required action. The address and the actions are checked before anything is sent, and a realm
  without an SMTP host is refused at once; Keycloak's own message is kept for the rest.
- Brute-force status is ``{"numFailures", "disabled", ...}``: a user with no failure and not disabled has
  nothing to clear.
- A user's credentials list (``GET .../credentials``) carries no secret value, but OTP credentials carry their
  settings in ``credentialData``: a result shows only a credential's id, type, label and creation time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..client.exceptions import KeycloakError
from .base import Operation, OperationSpec, PlanError, readable

PER_USER = ("logout", "send_verify_email", "send_actions_email", "set_password", "unlock", "disable", "enable", "delete_credentials")
ALL_USERS = ("disable_all", "enable_all")


def locked(status):
    """Whether a brute-force status has anything to clear (failures counted, or a lockout)."""
    status = status or {}
    return bool(status.get("numFailures") or status.get("disabled") or status.get("numTemporaryLockouts"))


def brief_status(status):
    """The parts of a brute-force status a result shows."""
    status = status or {}
    return dict((key, status.get(key)) for key in ("disabled", "numFailures", "numTemporaryLockouts", "lastFailure", "lastIPFailure")
                if key in status)


class EmailError(KeycloakError):
    """Keycloak could not send an e-mail: its message, and what to look at."""


class UserAction(Operation):
    def describe(self):
        if self.args["action"] in ALL_USERS:
            return "users of realm '%s'" % self.realm
        return "user '%s' in realm '%s'" % (self.args["username"], self.realm)

    def plan(self):
        action = self.args["action"]
        plan = self.new_plan()
        if action in ALL_USERS:
            self._plan_all(plan, action == "enable_all")
            return plan
        user = self.user_ref(self.args["username"])
        user_id = user.id if user.exists else None
        plan.result["id"] = user_id
        getattr(self, "_plan_" + action)(plan, user, user_id)
        return plan

    # ---------------------------------------------------------------- one user

    def _plan_logout(self, plan, user, user_id):
        if user.exists:
            plan.result["sessions"] = len(self.api.get_sessions(user_id) or [])
        plan.add("end every session of the user and revoke the tokens issued so far", "logged out of every session",
                 lambda: self.api.user_logout(user_id))

    def _plan_unlock(self, plan, user, user_id):
        if not user.exists:
            plan.add("clear the user's login failures", "login failures cleared", lambda: None)
            return
        status = self.api.get_bruteforce_detection_status(user_id)
        plan.result["brute_force"] = brief_status(status)
        if not locked(status):
            plan.result["_nothing"] = "not locked, no login failure to clear"
            return
        plan.add("clear %s login failure(s)%s" % (status.get("numFailures") or 0, " and the lockout" if status.get("disabled") else ""),
                 "unlocked", lambda: self.api.clear_bruteforce_attempts_for_user(user_id))
        plan.after_apply.append(lambda done: done.result.update(brute_force=brief_status(self.api.get_bruteforce_detection_status(user_id))))

    def _plan_disable(self, plan, user, user_id):
        self._plan_enabled(plan, user, user_id, False)

    def _plan_enable(self, plan, user, user_id):
        self._plan_enabled(plan, user, user_id, True)

    def _plan_enabled(self, plan, user, user_id, enable):
        verb = "enable" if enable else "disable"
        plan.result["enabled"] = enable
        if user.exists and bool((user.value or {}).get("enabled")) == enable:
            plan.result["_nothing"] = "already %sd" % verb
            return
        switch = self.api.enable_user if enable else self.api.disable_user
        plan.add("%s the user" % verb, "%sd" % verb, lambda: switch(user_id))
        plan.diff = {"before": {"enabled": not enable}, "after": {"enabled": enable}}

    def _plan_delete_credentials(self, plan, user, user_id):
        kind = self.args["credential_type"]
        if not kind:
            raise PlanError("action=delete_credentials needs credential_type, the type of the credentials to remove (otp, password, ...)")
        found = [item for item in (self.api.get_credentials(user_id) if user.exists else []) or [] if item.get("type") == kind]
        # Never the credential's data: an OTP credential's settings are no business of the output.
        plan.result["credentials"] = [dict((key, item.get(key)) for key in ("id", "type", "userLabel", "createdDate")) for item in found]
        if user.exists and not found:
            plan.result["_nothing"] = "no %s credential" % kind
            return
        if not user.exists:
            plan.add("remove the user's %s credentials" % kind, "%s credentials removed" % kind, lambda: None)
            return
        for item in found:
            label = " '%s'" % item["userLabel"] if item.get("userLabel") else ""
            plan.add("remove %s credential%s" % (kind, label), "%s credential%s removed" % (kind, label),
                     lambda credential_id=item["id"]: self.api.delete_credential(user_id, credential_id))

    def _plan_set_password(self, plan, user, user_id):
        if self.args["password"] is None:
            raise PlanError("action=set_password needs password")
        temporary = bool(self.args["temporary"])
        what = "a temporary password (to change at the next login)" if temporary else "a new password"
        plan.add("set %s" % what, "password set%s" % (" (temporary)" if temporary else ""),
                 lambda: self.api.set_user_password(user_id, self.args["password"], temporary=temporary))
        plan.diff = {"before": {"password": "********"}, "after": {"password": "******** (changed)"}}

    def _plan_send_verify_email(self, plan, user, user_id):
        self._check_email(user)
        lifespan, client_id, redirect_uri = self._link_options(user)

        def send():
            if lifespan is not None:
                return self.api.send_verify_email_with_lifespan(user_id, lifespan, client_id=client_id, redirect_uri=redirect_uri)
            return self.api.send_verify_email(user_id, client_id=client_id, redirect_uri=redirect_uri)

        plan.add("e-mail the user a link to verify the address", "verify e-mail sent", lambda: self._sending(send))

    def _plan_send_actions_email(self, plan, user, user_id):
        actions = self.args["actions"]
        if not actions:
            raise PlanError("action=send_actions_email needs actions, the required actions the e-mail asks for (UPDATE_PASSWORD, ...)")
        self._check_actions(actions)
        self._check_email(user)
        lifespan, client_id, redirect_uri = self._link_options(user)
        plan.add("e-mail the user a link to %s" % ", ".join(actions), "actions e-mail sent (%s)" % ", ".join(actions),
                 lambda: self._sending(lambda: self.api.send_update_account(user_id, list(actions), client_id=client_id,
                                                                            lifespan=lifespan, redirect_uri=redirect_uri)))

    def _check_email(self, user):
        """An e-mail action needs a user with an address and a realm with an SMTP host: checked before anything is sent."""
        if user.exists and not (user.value or {}).get("email"):
            raise PlanError("the user has no e-mail address")
        if self.realm_is_new:
            return
        realm = self.lookup(self.api.get_realm, self.realm) or {}
        if realm and not (realm.get("smtpServer") or {}).get("host"):
            raise PlanError("realm '%s' has no SMTP server (smtp_server.host of iam.keycloak.keycloak_realm): Keycloak cannot send e-mail"
                            % self.realm)

    def _check_actions(self, actions):
        if self.realm_is_new:
            return
        enabled = dict((item.get("alias"), item.get("enabled")) for item in self.lookup(self.api.get_required_actions) or [])
        if not enabled:
            return
        bad = [action for action in actions if not enabled.get(action)]
        if bad:
            raise PlanError("not an enabled required action of the realm: %s (enabled: %s)"
                            % (", ".join(bad), ", ".join(sorted(alias for alias, on in enabled.items() if on))))

    def _link_options(self, user):
        client_id = self.args["client_id"]
        if client_id is not None and user.exists:
            self.client_ref(client_id)
        if self.args["redirect_uri"] is not None and client_id is None:
            raise PlanError("redirect_uri needs client_id, the client whose redirect URIs allow it")
        return self.args["lifespan"], client_id, self.args["redirect_uri"]

    def _sending(self, send):
        try:
            return send()
        except KeycloakError as error:
            if error.response_code is not None and error.response_code >= 500:
                raise EmailError("Keycloak could not send the e-mail: %s. Check the realm's SMTP settings (host, port, from, "
                                 "credentials) and that the server can reach the SMTP server; the Keycloak server log has the details"
                                 % readable(error), response_code=error.response_code, response_body=error.response_body)
            raise

    # ---------------------------------------------------------------- all users

    def _plan_all(self, plan, enable):
        if not self.args["confirm_all_users"]:
            raise PlanError("action=%s changes every user of the realm: set confirm_all_users: true to confirm"
                            % ("enable_all" if enable else "disable_all"))
        login_realm = getattr(self.api.connection, "login_realm", None)
        if not enable and login_realm == self.realm:
            raise PlanError("the task logs into realm '%s': disabling every user would lock out the login itself" % self.realm)
        if self.realm_is_new or self.lookup(self.api.get_realm, self.realm) is None:
            plan.result["usernames"] = []
            plan.add("%s every user" % ("enable" if enable else "disable"), "users %s" % ("enabled" if enable else "disabled"), lambda: None)
            return
        users = self.api.get_users({"enabled": not enable, "briefRepresentation": True}) or []
        plan.result["usernames"] = sorted(user.get("username") for user in users)
        if not users:
            plan.result["_nothing"] = "no %s user" % ("disabled" if enable else "enabled")
            return
        verb = "enable" if enable else "disable"
        plan.add("%s %d user(s)" % (verb, len(users)), "%d user(s) %sd" % (len(users), verb),
                 self.api.enable_all_users if enable else self.api.disable_all_users)


class AttackDetection(Operation):
    def describe(self):
        if self.args["username"]:
            return "brute-force status of user '%s' in realm '%s'" % (self.args["username"], self.realm)
        return "brute-force status of realm '%s'" % self.realm

    def plan(self):
        plan = self.new_plan()
        clear = self.args["action"] == "clear"
        if not self.args["username"]:
            if not clear:
                raise PlanError("action=status needs username: Keycloak reads the brute-force status one user at a time")
            # Keycloak keeps no list of locked users: clearing them all is one request, made every time it is asked.
            self.lookup(self.api.get_realm, self.realm)
            plan.add("clear the login failures and lockouts of every user", "login failures of every user cleared",
                     self.api.clear_all_bruteforce_attempts)
            return plan
        user = self.user_ref(self.args["username"])
        if not user.exists:
            plan.result.update(id=None, brute_force={}, locked=None)
            if clear:
                plan.add("clear the user's login failures", "login failures cleared", lambda: None)
            return plan
        status = self.api.get_bruteforce_detection_status(user.id)
        plan.result.update(id=user.id, brute_force=brief_status(status), locked=bool((status or {}).get("disabled")))
        if not clear:
            return plan
        if not locked(status):
            plan.result["_nothing"] = "not locked, no login failure to clear"
            return plan
        plan.add("clear %s login failure(s)%s" % (status.get("numFailures") or 0, " and the lockout" if status.get("disabled") else ""),
                 "login failures cleared", lambda: self.api.clear_bruteforce_attempts_for_user(user.id))

        def read_again(done):
            status = self.api.get_bruteforce_detection_status(user.id)
            done.result.update(brute_force=brief_status(status), locked=bool((status or {}).get("disabled")))

        plan.after_apply.append(read_again)
        return plan


USER_ACTION = OperationSpec(
    "user_action",
    UserAction,
    options=dict(
        action=dict(type="str", required=True, choices=list(PER_USER + ALL_USERS)),
        username=dict(type="str"),
        actions=dict(type="list", elements="str"),
        lifespan=dict(type="int"),
        client_id=dict(type="str"),
        redirect_uri=dict(type="str"),
        password=dict(type="str", no_log=True),
        temporary=dict(type="bool", default=False),
        credential_type=dict(type="str", no_log=False),
        confirm_all_users=dict(type="bool", default=False),
    ),
    module=dict(
        required_if=[["action", name, ["username"]] for name in PER_USER]
        + [["action", "set_password", ["password"]], ["action", "send_actions_email", ["actions"]],
           ["action", "delete_credentials", ["credential_type"]]],
    ),
)

ATTACK_DETECTION = OperationSpec(
    "attack_detection",
    AttackDetection,
    options=dict(
        username=dict(type="str"),
        action=dict(type="str", choices=["status", "clear"], default="status"),
    ),
)
