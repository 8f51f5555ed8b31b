# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Realms: the realm's own settings, and the defaults that live on the realm.

The realm PUT leaves out fields it is not sent, so an update sends only the top-level
fields that change (with maps such as ``attributes`` and ``smtpServer`` merged with what
the server has: Keycloak replaces those maps whole).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ..engine import KEYCLOAK_MASK, Handler, NameCollection, PlanError, string_map
from ..kind import REPRESENTATION, STATE, UPDATE_PASSWORD, Items, Kind
from ..context import ADMIN_PERMISSIONS_CLIENT, BUILT_IN_CLIENT_SCOPES, BUILT_IN_FLOWS, BUILT_IN_ROLES
from .common import find_group, login_of, normalise_path, or_none, realm_or_none, realm_type, server_version, set_realm_type

# The first Keycloak whose realms have adminPermissionsEnabled (fine-grained admin permissions v2).
ADMIN_PERMISSIONS_FROM = (26, 2)

# List fields of the realm that are sets: their order means nothing to Keycloak.
REALM_SET_FIELDS = (
    "supportedLocales",
    "eventsListeners",
    "enabledEventTypes",
    "otpSupportedApplications",
    "webAuthnPolicySignatureAlgorithms",
    "webAuthnPolicyPasswordlessSignatureAlgorithms",
    "webAuthnPolicyAcceptableAaguids",
    "webAuthnPolicyPasswordlessAcceptableAaguids",
    "webAuthnPolicyExtraOrigins",
    "webAuthnPolicyPasswordlessExtraOrigins",
)


# Realm fields that bind an authentication flow by its alias.
FLOW_BINDINGS = (
    "browserFlow",
    "registrationFlow",
    "directGrantFlow",
    "resetCredentialsFlow",
    "clientAuthenticationFlow",
    "dockerAuthenticationFlow",
    "firstBrokerLoginFlow",
)


class RealmHandler(Handler):
    # Its update sends whole maps (attributes, SMTP): laid over a read right before the write.
    fresh_update = True
    kind = "realm"
    set_fields = REALM_SET_FIELDS
    ignored_fields = ("id",)

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        # Scope names each realm default list was asked for (so one scope is not listed in both).
        self.wanted_scopes = {}

    def read(self, key):
        return realm_or_none(self.api.get_realm, key)

    def identity(self, current):
        return current.get("realm")

    def prepare(self, desired, current):
        if current is None and desired.get("enabled") is None:
            # Keycloak creates a realm sent without ``enabled`` disabled (its login page answers "Realm not enabled");
            # the admin console creates it enabled, and so does the collection unless the task says enabled: false.
            desired["enabled"] = True
        self._check_flows(desired, current)
        self._check_admin_permissions(desired, current)
        self._had_admin_permissions = bool((current or {}).get("adminPermissionsEnabled"))
        if isinstance(desired.get("passwordPolicy"), str):
            desired["passwordPolicy"] = normalise_policy(desired["passwordPolicy"])
        if "attributes" in desired:
            desired["attributes"] = string_map(desired["attributes"])
        if "smtpServer" in desired:
            desired["smtpServer"] = string_map(desired["smtpServer"])
            stored = ((current or {}).get("smtpServer") or {}).get("password") == KEYCLOAK_MASK
            if stored and self.flags.get("update_password") != "always":
                # A password is stored and cannot be compared: sent only when asked (update_password), even when
                # other SMTP settings change. The masked value the server shows keeps the stored one.
                desired["smtpServer"].pop("password", None)
        return desired

    def _check_admin_permissions(self, desired, current):
        """Fine-grained admin permissions v2 come with Keycloak 26.2: an older server refuses the field (400) at the write."""
        if desired.get("adminPermissionsEnabled") is None:
            return
        if current is not None:
            lacking = "adminPermissionsEnabled" not in current
        else:
            version = server_version(self.api)
            lacking = bool(version) and version[:2] < ADMIN_PERMISSIONS_FROM
        if lacking:
            raise PlanError("admin_permissions_enabled: this Keycloak has no fine-grained admin permissions v2 (Keycloak %d.%d "
                            "or newer); leave the option out" % ADMIN_PERMISSIONS_FROM)

    def _check_flows(self, desired, current):
        """A flow binding must name a flow of the realm: Keycloak would store any alias and break logins."""
        wanted = dict((field, desired[field]) for field in FLOW_BINDINGS if desired.get(field) is not None)
        if current is not None:
            wanted = dict((field, alias) for field, alias in wanted.items() if current.get(field) != alias)
        if not wanted:
            return
        known = BUILT_IN_FLOWS if current is None else set(flow["alias"] for flow in self.api.get_authentication_flows())
        for field, alias in sorted(wanted.items()):
            # A flow that a later part of the run creates is bound once it exists (the binding is written late then).
            if alias not in known and not (field in self.request.later and self.context.is_planned(self.realm, "flow", alias)):
                raise PlanError("%s: no authentication flow '%s' in the realm" % (field, alias))

    def unknown_secret(self, path):
        # Keycloak shows the SMTP password as ********** only: it cannot be compared.
        return self.flags.get("update_password") == "always"

    def create(self, context, desired):
        self.api.create_realm(desired)
        context["id"] = desired["realm"]

    _had_admin_permissions = False

    def predict(self, end_state, wanted_items):
        if end_state.get("adminPermissionsEnabled") is True and not self._had_admin_permissions:
            # Keycloak makes the client of fine-grained admin permissions v2 when they are turned on: later plans (and
            # tasks of the play) may name it.
            self.context.will_create(self.realm, "client", ADMIN_PERMISSIONS_CLIENT)
        # A scope linked in one list leaves the other (Keycloak holds it in one list at most).
        for field, other in (("defaultDefaultClientScopes", "defaultOptionalClientScopes"), ("defaultOptionalClientScopes", "defaultDefaultClientScopes")):
            if wanted_items.get(field) is not None and isinstance(end_state.get(other), list):
                end_state[other] = [name for name in end_state[other] if name not in wanted_items[field] or name in (wanted_items.get(other) or [])]
        return end_state

    def update(self, context, current, merged, changes):
        fields = sorted(set(path[0] for path in changes))
        payload = dict((field, merged[field]) for field in fields)
        payload["realm"] = current["realm"]
        self.api.update_realm(current["realm"], payload)

    def refuse_delete(self, current):
        name = current["realm"]
        if name == "master":
            return ("master is Keycloak's administration realm: its admins and their logins live there, and a server "
                    "without it cannot be administered")
        login_realm = login_of(self.api)[0]
        if name == login_realm:
            return ("the task is logged in through this realm (auth_realm '%s'): deleting it would delete the account "
                    "the task runs as, mid-task; log in through another realm to delete it" % login_realm)
        return None

    def delete(self, context, current):
        self.api.delete_realm(current["realm"])

    def collections(self):
        return {
            "defaultRoles": DefaultRoles(self),
            "defaultGroups": DefaultGroups(self),
            "defaultDefaultClientScopes": DefaultClientScopes(self, "default"),
            "defaultOptionalClientScopes": DefaultClientScopes(self, "optional"),
        }


def not_in_new_realm(handler, message):
    """A default the realm about to be created cannot have: an error before the create; in a dry run, a warning.

    A dry run of a play that creates the realm, then a role (group, scope), then makes it a default, sees no realm:
    it plans as if the earlier tasks created it, as every reference does in check mode.
    """
    if handler.context.assume_missing:
        handler.context.warn("%s (planned as if an earlier task of the play creates it)" % message)
    else:
        raise PlanError(message)


class DefaultRoles(NameCollection):
    """Realm roles every new user gets: the composites of ``default-roles-<realm>``."""

    name = "defaultRoles"

    def read(self, current):
        return [role["name"] for role in self.api.get_realm_default_roles()]

    def resolve(self, item, current):
        if current is None and item not in BUILT_IN_ROLES and not self.handler.context.is_planned(self.handler.realm, "role", ("", item)):
            not_in_new_realm(self.handler, "default role '%s': a new realm has only the realm roles %s; create the role, then make it a "
                             "default role" % (item, ", ".join(sorted(BUILT_IN_ROLES))))
        if current is not None:
            self.handler.reference("role", ("", item), lambda: or_none(self.api.get_realm_role, item),
                                   what="default role '%s': realm role '%s'" % (item, item))
        return item

    def add(self, context, item):
        self.api.add_realm_default_roles([self.api.get_realm_role(item)])

    def remove(self, context, have):
        self.api.remove_realm_default_roles([self.api.get_realm_role(have)])


class DefaultGroups(NameCollection):
    """Groups (by path) every new user joins."""

    name = "defaultGroups"

    def read(self, current):
        return [group["path"] for group in self.api.get_realm_default_groups() or []]

    def resolve(self, item, current):
        item = normalise_path(item)
        if current is None:
            # A group that a later part of the same run creates (a whole-realm document) is as good as one that exists.
            if self.handler.context.is_planned(self.handler.realm, "group", item):
                return item
            not_in_new_realm(self.handler, "default group '%s': a new realm has no group; create the group, then make it a default group" % item)
        else:
            self.handler.reference("group", item, lambda: find_group(self.api, item), what="default group '%s'" % item)
        return item

    def _group_id(self, path):
        return find_group(self.api, path)["id"]

    def add(self, context, item):
        self.api.add_realm_default_group(self._group_id(item))

    def remove(self, context, have):
        self.api.remove_realm_default_group(self._group_id(have))


class DefaultClientScopes(NameCollection):
    """Client scopes every new client gets, as default or as optional scopes."""

    def __init__(self, handler, which):
        NameCollection.__init__(self, handler)
        self.which = which
        self.other = "optional" if which == "default" else "default"
        self.name = "defaultDefaultClientScopes" if which == "default" else "defaultOptionalClientScopes"

    def _scopes(self):
        if self.which == "default":
            return self.api.get_default_default_client_scopes()
        return self.api.get_default_optional_client_scopes()

    def read(self, current):
        return [scope["name"] for scope in self._scopes()]

    def resolve(self, item, current):
        if item in self.handler.wanted_scopes.get(self.other, ()):
            raise PlanError("client scope '%s' is listed both as default and as optional client scope" % item)
        self.handler.wanted_scopes.setdefault(self.which, set()).add(item)
        if current is None and item not in BUILT_IN_CLIENT_SCOPES and not self.handler.context.is_planned(self.handler.realm, "client scope", item):
            not_in_new_realm(self.handler, "%s client scope '%s': not a client scope a new realm has; create the scope, then list it" % (self.which, item))
        if current is not None:
            self.handler.reference("client scope", item, lambda: self.api.get_client_scope_by_name(item),
                                   what="%s client scope '%s'" % (self.which, item))
        return item

    def _scope_id(self, name):
        scope = self.api.get_client_scope_by_name(name)
        if scope is None:
            raise PlanError("%s client scope '%s' does not exist" % (self.which, name))
        return scope["id"]

    def add(self, context, item):
        # Keycloak holds a scope in one of the two lists at most and answers 409 to a second link (a new
        # realm has its built-in scopes linked already): move the scope, or leave it where it is.
        scope_id = self._scope_id(item)
        set_realm_type(self.api, scope_id, realm_type(self.api, scope_id), self.which)

    def remove(self, context, have):
        if self.which == "default":
            self.api.delete_default_default_client_scope(self._scope_id(have))
        else:
            self.api.delete_default_optional_client_scope(self._scope_id(have))


def normalise_policy(policy):
    """A password policy as Keycloak stores it: ``length(12)  and   digits(1)`` -> ``length(12) and digits(1)``."""
    return " and ".join(part.strip() for part in re.split(r"\s+and\s+", policy.strip()) if part.strip())


# ------------------------------------------------------------------ the kind

_SMTP = dict(
    host=dict(type="str"),
    port=dict(type="int", range=(1, 65535)),
    reply_to=dict(type="str"),
    reply_to_display_name=dict(type="str"),
    envelope_from=dict(type="str"),
    from_display_name=dict(type="str"),
    ssl=dict(type="bool"),
    starttls=dict(type="bool"),
    auth=dict(type="bool"),
    user=dict(type="str"),
    password=dict(type="str", no_log=True),
)
_SMTP["from"] = dict(type="str")

REALM = Kind(
    "realm",
    RealmHandler,
    key="realm",
    key_field="realm",
    common=dict(realm=dict(type="str", required=True), state=STATE, representation=REPRESENTATION),
    settings=dict(
        display_name=dict(type="str"),
        display_name_html=dict(type="str"),
        enabled=dict(type="bool"),
        ssl_required=dict(type="str", choices=["all", "external", "none"]),
        registration_allowed=dict(type="bool"),
        registration_email_as_username=dict(type="bool"),
        remember_me=dict(type="bool"),
        verify_email=dict(type="bool"),
        login_with_email_allowed=dict(type="bool"),
        duplicate_emails_allowed=dict(type="bool"),
        reset_password_allowed=dict(type="bool", no_log=False),
        edit_username_allowed=dict(type="bool"),
        user_managed_access_allowed=dict(type="bool"),
        organizations_enabled=dict(type="bool"),
        admin_permissions_enabled=dict(type="bool"),
        default_signature_algorithm=dict(type="str"),
        revoke_refresh_token=dict(type="bool", no_log=False),
        refresh_token_max_reuse=dict(type="int", no_log=False),
        access_token_lifespan=dict(type="int", no_log=False),
        access_token_lifespan_for_implicit_flow=dict(type="int", no_log=False),
        sso_session_idle_timeout=dict(type="int"),
        sso_session_max_lifespan=dict(type="int"),
        sso_session_idle_timeout_remember_me=dict(type="int"),
        sso_session_max_lifespan_remember_me=dict(type="int"),
        offline_session_idle_timeout=dict(type="int"),
        offline_session_max_lifespan_enabled=dict(type="bool"),
        offline_session_max_lifespan=dict(type="int"),
        client_session_idle_timeout=dict(type="int"),
        client_session_max_lifespan=dict(type="int"),
        client_offline_session_idle_timeout=dict(type="int"),
        client_offline_session_max_lifespan=dict(type="int"),
        access_code_lifespan=dict(type="int"),
        access_code_lifespan_user_action=dict(type="int"),
        access_code_lifespan_login=dict(type="int"),
        action_token_generated_by_admin_lifespan=dict(type="int", no_log=False),
        action_token_generated_by_user_lifespan=dict(type="int", no_log=False),
        oauth2_device_code_lifespan=dict(type="int"),
        oauth2_device_polling_interval=dict(type="int"),
        login_theme=dict(type="str"),
        account_theme=dict(type="str"),
        admin_theme=dict(type="str"),
        email_theme=dict(type="str"),
        internationalization_enabled=dict(type="bool"),
        supported_locales=dict(type="list", elements="str"),
        default_locale=dict(type="str"),
        brute_force_protected=dict(type="bool"),
        brute_force_strategy=dict(type="str", choices=["MULTIPLE", "LINEAR"]),
        permanent_lockout=dict(type="bool"),
        max_temporary_lockouts=dict(type="int"),
        max_failure_wait_seconds=dict(type="int"),
        minimum_quick_login_wait_seconds=dict(type="int"),
        wait_increment_seconds=dict(type="int"),
        quick_login_check_milli_seconds=dict(type="int"),
        max_delta_time_seconds=dict(type="int"),
        failure_factor=dict(type="int"),
        password_policy=dict(type="str", no_log=False),
        otp_policy_type=dict(type="str", choices=["totp", "hotp"]),
        otp_policy_algorithm=dict(type="str"),
        otp_policy_digits=dict(type="int"),
        otp_policy_period=dict(type="int"),
        otp_policy_initial_counter=dict(type="int"),
        otp_policy_look_ahead_window=dict(type="int"),
        otp_policy_code_reusable=dict(type="bool"),
        web_authn_policy_rp_entity_name=dict(type="str"),
        web_authn_policy_rp_id=dict(type="str"),
        web_authn_policy_signature_algorithms=dict(type="list", elements="str"),
        web_authn_policy_attestation_conveyance_preference=dict(type="str"),
        web_authn_policy_authenticator_attachment=dict(type="str"),
        web_authn_policy_require_resident_key=dict(type="str", no_log=False),
        web_authn_policy_user_verification_requirement=dict(type="str"),
        web_authn_policy_create_timeout=dict(type="int"),
        web_authn_policy_avoid_same_authenticator_register=dict(type="bool"),
        browser_flow=dict(type="str"),
        registration_flow=dict(type="str"),
        direct_grant_flow=dict(type="str"),
        reset_credentials_flow=dict(type="str"),
        client_authentication_flow=dict(type="str"),
        docker_authentication_flow=dict(type="str"),
        first_broker_login_flow=dict(type="str"),
        events_enabled=dict(type="bool"),
        events_expiration=dict(type="int"),
        events_listeners=dict(type="list", elements="str"),
        enabled_event_types=dict(type="list", elements="str"),
        admin_events_enabled=dict(type="bool"),
        admin_events_details_enabled=dict(type="bool"),
        smtp_server=dict(type="dict", options=_SMTP),
        attributes=dict(type="dict"),
    ),
    items=[
        Items("defaultRoles", "default_roles", dict(type="list", elements="str")),
        Items("defaultGroups", "default_groups", dict(type="list", elements="str")),
        Items("defaultDefaultClientScopes", "default_client_scopes", dict(type="list", elements="str")),
        Items("defaultOptionalClientScopes", "optional_client_scopes", dict(type="list", elements="str")),
    ],
    flags=dict(update_password=UPDATE_PASSWORD),

    peers=dict(id="a realm is found by its name: set realm (the realm's id is its name here)"),
)
