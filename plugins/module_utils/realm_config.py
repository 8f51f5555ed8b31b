# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A whole realm as code: one RealmRepresentation planned and applied through the kinds of the registry.

The document is what ``kc.sh export``, the admin console's partial export or ``keycloak_realm_export``
write (or the same written by hand). Each object of it becomes one ``kind.Request`` of the kind that
manages it, planned by ``engine.plan`` in one ``PlanContext``, in the build order of ``registry.KINDS``:
there is no second implementation of any kind here, only the translation of the document.

* Ids in the document are never sent or matched: objects match by natural key (role name and client,
  client scope name, clientId, group path, username). Ids that an export uses as references (a
  client's flow overrides, the realm's ``defaultRole``) are resolved through the document's own ids.
* Every object of the document is known to the planning context before any is planned, so one may
  name another that a later part of the document creates; the collections that name other objects
  (role composites, service-account roles, the realm's default lists) are written in the engine's
  ``FINISH`` phase, after every object has had its own writes.
* A section the document leaves out is not touched; a field an object leaves out is left as the
  server has it. ``purge`` makes a section exact (what it does not list is deleted, built-in objects
  never), and also the nested lists of its listed objects.
* A value Keycloak masks in exports (``**********``) means "keep what the server has".

No Ansible import: the module layer (``plugins/modules/keycloak_realm_config.py``) calls ``run``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import bisect
import functools
import json
import os
import re

from . import engine
from .client.exceptions import KeycloakError
from .context import BUILT_IN_CLIENT_SCOPES, BUILT_IN_CLIENTS, BUILT_IN_ROLES, PlanContext, PlanError, built_ins
from . import bulk
from .kind import Request, role_item
from .realm_document import placeholders_in
from .registry import KINDS
from .resources.flow import BuiltInFlowShape
from .resources.client_authz import RoleNames, SETTINGS_FIELDS as AUTHZ_SETTINGS, items_from_export
from .resources.client_registration_policy import BUILT_IN as REGISTRATION_BUILT_IN, POLICY_TYPE, SUB_TYPES as REGISTRATION_SUB_TYPES
from .resources.common import normalise_path
from .resources.user_profile import USER_PROFILE_KEY, USER_PROFILE_TYPE
from .resources.organization import LinkedProviders
from .resources.nested_components import first_value
from .resources.realm_key import GENERATED_MATERIAL, IMPORTED_KEY_SECRETS, KEY_PROVIDER, generated
from .resources.user_federation import LDAP_MAPPER, STORAGE

# The sections this version manages, by their document key, in the order they are planned (the
# registry's build order: realm, required action, localization, user profile, role, client scope, flow, identity provider,
# client, group, user, organization, client policies, client registration policy; a client role is a role, planned after the
# client that owns it, which the role's create needs). User federation comes after the groups and clients, which its LDAP
# mappers may name (Keycloak checks a group mapper's parent group and a role mapper's client when the mapper is made).
# A client's authorization settings (``clientAuthorization``) come after the users, groups, roles and clients its policies
# name. The realm's key providers come last: nothing in the document names them.
SECTIONS = ("realm", "requiredActions", "localizationTexts", "userProfile", "roles", "clientScopes", "authenticationFlows",
            "identityProviders", "clients", "groups", "userFederation", "users", "clientAuthorization", "organizations", "clientPolicies",
            "clientRegistrationPolicies", "keys")
# The sections ``purge`` may name (the realm itself is never deleted; nor is a required action: every provider a
# Keycloak 26 server offers is registered in a new realm, so a purge would only ever unregister built-in ones).
PURGEABLE = ("localizationTexts", "userProfile", "roles", "clientScopes", "authenticationFlows", "identityProviders", "clients", "groups",
             "userFederation", "users", "organizations", "clientPolicies", "clientRegistrationPolicies", "keys")
DEFAULT_MAX_DELETES = 10
# The kinds whose planned end states the play's plan keeps from a whole-realm run (later tasks' checks read them; the
# others, thousands of users, would only weigh on every later task).
PLAY_STATES = ("realm", "required action", "user profile")
# From this many users in the document, the realm's users, group members and role holders are read page by page
# once (``bulk.UserSnapshot``) instead of five requests a user. Below it the snapshot's fixed cost (a listing per
# group and per role, built-in client roles included: about 40 requests in a new realm) is not worth it.
BULK_USERS = 20
# From this many new objects of one kind (users, groups, realm roles, client roles), the new ones that partial import
# writes exactly as their own writes would (``bulk.importable``) go in through partial import, IMPORT_BATCH a request,
# when their turn comes in the build order; a client's roles right after the client.
BULK_CREATES = 20
# From this many roles (realm and client roles together) or groups in the document, planning reads the realm's roles
# (one list, and one per client) or groups (page by page, subgroups included) once, instead of each one by itself.
BULK_READS = 20
# From this many clients, client scopes or identity providers in the document, planning reads that section's list once.
BULK_LISTS = 10
IMPORT_BATCH = bulk.IMPORT_BATCH
# Up to this many secret values of the document are also named to Ansible, which masks each one wherever it shows in
# the result, as a second guard. The masking by key (``engine.mask``: the echo of the task's arguments, the diffs and
# end states) is the guard that holds always; Ansible's masking by value costs (strings in the result) x (values): a
# document of 10,000 users, 1,000 of them with a password, took 18 s in it, and 100,000 users would take hours.
SECRET_VALUES_LIMIT = 100
# Independent requests sent at once by default (see ``run``; the module's ``parallelism`` option).
DEFAULT_PARALLELISM = 2

# Top-level fields of a RealmRepresentation that belong to sections or to other kinds not managed by
# this version yet: accepted (Keycloak exports them), left as the server has them, named in a warning.
NOT_MANAGED_YET = (
    "components", "userFederationProviders", "userFederationMappers", "federatedUsers",
)
# The component types managed as sections of their own (the other types of ``components`` are not managed yet).
MANAGED_COMPONENTS = (USER_PROFILE_TYPE, POLICY_TYPE, STORAGE, KEY_PROVIDER)
# Top-level fields Keycloak exports that are not settings to write: server-decided, derived, or
# deprecated aliases of fields written otherwise (``defaultRole`` is the role whose composites the
# document's ``default-roles-<realm>`` role lists; ``defaultRoles`` its pre-13 spelling).
NOT_WRITTEN = (
    "id", "keycloakVersion", "defaultRole", "defaultRoles", "notBefore", "adminPermissionsClient", "privateKey", "publicKey",
    "certificate", "codeSecret", "requiredCredentials", "passwordCredentialGrantAllowed", "social", "socialProviders",
    "updateProfileOnInitialSocialLogin", "applications", "oauthClients", "clientTemplates", "applicationScopeMappings",
    "protocolMappers", "userCacheEnabled", "realmCacheEnabled",
)
# Top-level settings of a RealmRepresentation (Keycloak 26.0 to 26.7) written through the realm kind.
REALM_SETTINGS = (
    "realm", "displayName", "displayNameHtml", "enabled", "sslRequired", "registrationAllowed", "registrationEmailAsUsername",
    "rememberMe", "verifyEmail", "loginWithEmailAllowed", "duplicateEmailsAllowed", "resetPasswordAllowed", "editUsernameAllowed",
    "userManagedAccessAllowed", "organizationsEnabled", "adminPermissionsEnabled", "verifiableCredentialsEnabled",
    "defaultSignatureAlgorithm", "revokeRefreshToken", "refreshTokenMaxReuse", "accessTokenLifespan",
    "accessTokenLifespanForImplicitFlow", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan", "ssoSessionIdleTimeoutRememberMe",
    "ssoSessionMaxLifespanRememberMe", "offlineSessionIdleTimeout", "offlineSessionMaxLifespanEnabled", "offlineSessionMaxLifespan",
    "clientSessionIdleTimeout", "clientSessionMaxLifespan", "clientOfflineSessionIdleTimeout", "clientOfflineSessionMaxLifespan",
    "accessCodeLifespan", "accessCodeLifespanUserAction", "accessCodeLifespanLogin", "actionTokenGeneratedByAdminLifespan",
    "actionTokenGeneratedByUserLifespan", "oauth2DeviceCodeLifespan", "oauth2DevicePollingInterval", "loginTheme", "accountTheme",
    "adminTheme", "emailTheme", "internationalizationEnabled", "supportedLocales", "defaultLocale", "bruteForceProtected",
    "bruteForceStrategy", "permanentLockout", "maxTemporaryLockouts", "maxFailureWaitSeconds", "minimumQuickLoginWaitSeconds",
    "waitIncrementSeconds", "quickLoginCheckMilliSeconds", "maxDeltaTimeSeconds", "failureFactor", "passwordPolicy", "otpPolicyType",
    "otpPolicyAlgorithm", "otpPolicyInitialCounter", "otpPolicyDigits", "otpPolicyLookAheadWindow", "otpPolicyPeriod",
    "otpPolicyCodeReusable", "otpSupportedApplications", "browserFlow", "registrationFlow", "directGrantFlow", "resetCredentialsFlow",
    "clientAuthenticationFlow", "dockerAuthenticationFlow", "firstBrokerLoginFlow", "eventsEnabled", "eventsExpiration",
    "eventsListeners", "enabledEventTypes", "adminEventsEnabled", "adminEventsDetailsEnabled", "smtpServer", "attributes",
    "browserSecurityHeaders",
    # Keycloak 26.7
    "maxSecondaryAuthFailures", "scimApiEnabled",
)
# The realm's default lists: collections of the realm kind, written after the objects they name.
REALM_DEFAULT_LISTS = ("defaultDefaultClientScopes", "defaultOptionalClientScopes", "defaultGroups")
# The other top-level keys: the sections (the realm's own fields aside).
SECTION_KEYS = ("requiredActions", "localizationTexts", "roles", "clientScopes", "authenticationFlows", "authenticatorConfig", "identityProviders",
                "identityProviderMappers", "clients", "groups", "users", "organizations", "clientPolicies", "clientProfiles", "scopeMappings",
                "clientScopeMappings")
# The sections that are lists of objects, and those that are maps (what a RealmRepresentation has there).
_LISTS_OF_OBJECTS = ("requiredActions", "clientScopes", "authenticationFlows", "authenticatorConfig", "identityProviders",
                     "identityProviderMappers", "clients", "groups", "users", "organizations", "scopeMappings")
_MAPS = ("roles", "localizationTexts", "clientScopeMappings", "components", "clientPolicies", "clientProfiles")
# The realm's fields that bind a flow by alias: written after the flows (a document may bind a flow it defines).
FLOW_BINDINGS = ("browserFlow", "registrationFlow", "directGrantFlow", "resetCredentialsFlow", "clientAuthenticationFlow",
                 "dockerAuthenticationFlow", "firstBrokerLoginFlow")

# Fields of an exported object that the server decides (or that are written otherwise): never compared nor sent.
_ROLE_DROPPED = ("id", "composite", "composites", "clientRole", "containerId")
_CLIENT_DROPPED = ("id", "access", "protocolMappers", "defaultClientScopes", "optionalClientScopes", "authorizationSettings",
                   "defaultRoles", "registrationAccessToken", "authenticationFlowBindingOverrides")
_SCOPE_DROPPED = ("id", "protocolMappers")
_GROUP_DROPPED = ("id", "path", "parentId", "subGroups", "subGroupCount", "realmRoles", "clientRoles", "access")
# The fields of a hashed credential (kc.sh export) that a new user is created with: not its id nor its creation time.
_HASHED_CREDENTIAL = ("type", "userLabel", "secretData", "credentialData", "temporary")
_USER_DROPPED = ("id", "createdTimestamp", "totp", "disableableCredentialTypes", "notBefore", "access", "credentials", "groups",
                 "realmRoles", "clientRoles", "federatedIdentities", "serviceAccountClientId", "self", "origin",
                 "clientConsents", "socialLinks", "applicationRoles", "federationLink", "userProfileMetadata")


def _type_name(value):
    """A value's JSON type, for an error (a string names its start: a template that rendered to text shows it)."""
    if isinstance(value, str):
        return "a string (%r)" % (value[:40] + ("..." if len(value) > 40 else ""))
    return {list: "a list", dict: "an object", bool: "a boolean", int: "a number", float: "a number"}.get(type(value), "a %s" % type(value).__name__)


class DocumentError(Exception):
    """The document cannot be applied as written: raised before anything is read or written."""


def read_document(src, realm, user_files=None):
    """The document of ``src``: a JSON file (a RealmRepresentation), or a folder as ``kc.sh export --dir`` writes it, its
    ``<realm>-realm.json`` with the users of its ``<realm>-users-<n>.json`` (and ``<realm>-federated-users-<n>.json``)
    files added, in their order. Read here, not passed as the task's argument: Ansible keeps no copy of it.

    ``user_files`` (a list) gets ``(index, file name)`` of each users file: its first user's index in ``users`` (for
    ``Document``'s ``user_files``, which names a user by its file).
    """
    if not os.path.isdir(src):
        return _read_json(src)
    main = os.path.join(src, "%s-realm.json" % realm)
    names = os.listdir(src)
    if not os.path.isfile(main):
        found = sorted(name for name in names if name.endswith("-realm.json"))
        raise DocumentError("%s: no %s-realm.json, as kc.sh export --dir writes for realm '%s' (realm files there: %s)"
                            % (src, realm, realm, ", ".join(found) or "none"))
    document = _read_json(main)
    for field, kind in (("users", "users"), ("federatedUsers", "federated-users")):
        pattern = re.compile(r"^%s-%s-(\d+)\.json$" % (re.escape(realm), kind))
        for _number, name in sorted((int(match.group(1)), name) for name, match in ((name, pattern.match(name)) for name in names) if match):
            path = os.path.join(src, name)
            part = _read_json(path)
            if part.get("realm") not in (None, realm):
                raise DocumentError("%s: the users of realm '%s', not of '%s'" % (path, part["realm"], realm))
            listed = part.get(field) or []
            if not isinstance(listed, list):
                raise DocumentError("%s: %s is %s, not a list" % (path, field, _type_name(listed)))
            if not listed:
                continue
            if document.get(field) is None:
                document[field] = []
            elif not isinstance(document[field], list):
                raise DocumentError("%s: %s is %s, not a list" % (main, field, _type_name(document[field])))
            if field == "users" and user_files is not None:
                user_files.append((len(document[field]), name))
            document[field].extend(listed)
    return document


def _read_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (IOError, OSError, ValueError) as error:
        raise DocumentError("cannot read %s as JSON: %s" % (path, error))
    if not isinstance(document, dict):
        raise DocumentError("%s: a RealmRepresentation (a JSON object), not %s" % (path, _type_name(document)))
    return document


class Entry:
    """One object of the document: where it is (``path``), its section, and the ``Request`` of its kind; ``plan``, once
    planned, when it changes something (None: nothing to write)."""

    # A run over a big realm holds one per user: no dict of attributes each.
    __slots__ = ("section", "path", "kind", "request", "plan")

    def __init__(self, section, path, kind, request):
        self.section = section
        self.path = path
        self.kind = kind
        self.request = request
        self.plan = None

    def reference(self):
        """``(request kind, reference key)``: what the object is known by (``_reference_key``)."""
        return self.request.kind, _reference_key(self.request)


def _user_path(user_files, index):
    """``users[index]``, or for a user of a users file (``user_files``: sorted ``(first index, file name)``), ``<file>
    users[i]`` (its place in that file)."""
    found = bisect.bisect_left(user_files, (index + 1,)) - 1
    if found < 0:
        return "users[%d]" % index
    first, name = user_files[found]
    return "%s users[%d]" % (name, index - first)


class _UserShared:
    """What the requests of a document's users have alike (``_UserEntry``)."""

    __slots__ = ("realm", "purge", "no_credentials", "source")

    def __init__(self, realm, purge, no_credentials, source=None):
        self.realm = realm
        self.purge = purge
        self.no_credentials = no_credentials
        # A ``_UserSource``, or None.
        self.source = source


# A ``_UserEntry``'s request is made from the document's source (``lean_on_source``).
_FROM_SOURCE = object()


class _UserEntry:
    """A user's ``Entry``: its ``path`` made when shown (``_user_path``), and its request kept as compact JSON text until
    it is replaced (``request = ...``), each read of ``request`` a new ``Request`` made from that text. A run over a big
    realm holds every user's entry while it reads the server and plans them one by one: text is a third of the size of
    the same as Python objects."""

    __slots__ = ("plan", "_request", "_key", "_text", "_shared", "_files", "_index")
    section = "users"
    kind = KINDS["user"]

    def __init__(self, files, index, request, shared):
        self.plan = None
        self._request = None
        self._key = request.key
        self._shared = shared
        try:
            self._text = json.dumps([request.representation, request.items, None if request.flags is shared.no_credentials else request.flags],
                                    separators=(",", ":"))
        except (TypeError, ValueError):
            # A value JSON has no form for (a task's document may hold any YAML): the request is kept as it is.
            self._text, self._request = None, request
        # The document's users files (not the document: no reference cycle keeps a run's entries after it).
        self._files = files
        self._index = index

    @property
    def request(self):
        if self._request is not None:
            return self._request
        shared = self._shared
        if self._text is None:
            # Released: the user is named, and nothing else is asked of it.
            return Request("user", shared.realm, self._key)
        if self._text is _FROM_SOURCE:
            request = shared.source.request(self._index)
            if request.key != self._key:
                raise PlanError("%s: user '%s' when read again, not '%s' (the file changed during the run)" % (self.path, request.key, self._key))
            return request
        representation, items, flags = json.loads(self._text)
        return Request("user", shared.realm, self._key, representation=representation, items=items, purge=shared.purge,
                       flags=shared.no_credentials if flags is None else flags)

    @request.setter
    def request(self, request):
        self._request, self._text = request, None

    def release(self):
        """Keep the user's name only (its plan is made): a purge of the users reads no more of it (``_undeclared``)."""
        self._request = self._text = None

    def lean_on_source(self):
        """Its request, seldom asked for again (a user bound for an import, planned again only if Keycloak refuses its batch),
        is made from the document's source then (``_UserSource``) where it can be, and its text goes."""
        source = self._shared.source
        if isinstance(self._text, str) and source is not None and source.has(self._index):
            self._text = _FROM_SOURCE

    def reference(self):
        # As ``UserHandler.reference_key``, without making the request.
        lowered = self._key.lower()
        return "user", self._key if lowered == self._key else lowered

    @property
    def path(self):
        return _user_path(self._files, self._index)


def _keep_masked(value):
    """``value`` without the fields whose value is a mask (Keycloak's ``**********``, or this collection's ``********`` of
    ``keycloak_realm_export``): "keep what the server has". Changed in place, so a big document is never held twice.
    """
    if isinstance(value, dict):
        for key in [key for key, item in value.items() if item in (engine.KEYCLOAK_MASK, engine.MASK)]:
            del value[key]
        for item in value.values():
            _keep_masked(item)
    elif isinstance(value, list):
        for item in value:
            _keep_masked(item)
    return value


def _without(obj, fields):
    return dict((key, value) for key, value in obj.items() if key not in fields)


def _role_items(realm_roles, client_roles, shared=None):
    """Role items from an export's ``realmRoles`` (names) and ``clientRoles`` (``{clientId: [names]}``); None when neither is given.

    ``shared`` (a dict): one item per role for all the lists made with it (many users hold the same roles; no one
    changes an item in place)."""
    if realm_roles is None and client_roles is None:
        return None
    item = role_item if shared is None else functools.partial(_shared, shared, role_item)
    items = [item(name) for name in realm_roles or []]
    for client_id, names in sorted((client_roles or {}).items()):
        items.extend(item(name, client_id) for name in names or [])
    return items


def _shared(cache, make, *args):
    """``make(*args)``, made once for the same ``args`` and shared (an unhashable one, a list where a name belongs, is made
    each time, for the checks to name)."""
    try:
        found = cache.get(args)
    except TypeError:
        return make(*args)
    if found is None:
        found = cache[args] = make(*args)
    return found


def _user_request(user, realm, purge, no_credentials, update_password, paths, roles):
    """The ``Request`` of a user of the document that ``Document._users`` accepts. What many users have alike is made once
    (``purge``, ``no_credentials``: the flags of a user without credentials; ``paths``, ``roles``: caches of group paths and
    role items); a request's parts are read, never changed in place."""
    password, temporary, hashed = None, False, []
    for credential in user.get("credentials") or []:
        if credential.get("type", "password") == "password" and credential.get("value"):
            password, temporary = credential["value"], bool(credential.get("temporary"))
        elif credential.get("secretData"):
            # As kc.sh export writes them: the hash and its settings, stored as they are when the user is created.
            hashed.append(dict((key, credential[key]) for key in _HASHED_CREDENTIAL if credential.get(key) is not None))
    if password is not None:
        hashed = [credential for credential in hashed if credential.get("type", "password") != "password"]
    groups = user.get("groups")
    identities = user.get("federatedIdentities")
    items = {
        "groups": None if groups is None else [_shared(paths, normalise_path, group) for group in groups],
        "federatedIdentities": None if identities is None else [
            dict((key, identity.get(key)) for key in ("identityProvider", "userId", "userName")) for identity in identities],
        "roleMappings": _role_items(user.get("realmRoles"), user.get("clientRoles"), roles),
    }
    flags = no_credentials if password is None and not hashed else {
        "password": password, "temporary": temporary, "update_password": update_password, "hashed_credentials": hashed}
    return Request("user", realm, user["username"], representation=_without(user, _USER_DROPPED), items=items, purge=purge, flags=flags)


class _UserSource:
    """Where a user of the document is read again, to make its request anew (``_UserEntry.lean_on_source``): the task's
    document (``users``, which the task's arguments keep), or the users files of a ``src`` folder (``folder``, ``files`` as
    ``Document``'s ``user_files``; the module's own document lets its users go)."""

    __slots__ = ("_make", "_users", "_folder", "_files", "_read")

    def __init__(self, make, users=None, folder=None, files=()):
        self._make = make
        self._users = users
        self._folder = folder
        self._files = files
        # The last users file read: a refused import's users are planned again in order, many from one file.
        self._read = (None, None)

    def has(self, index):
        """True when the user at ``index`` can be read again (a user of a ``src`` folder's realm file is not: that file is
        the whole realm, read again for one user)."""
        return self._users is not None or index >= self._files[0][0]

    def request(self, index):
        if self._users is not None:
            return self._make(self._users[index])
        first, name = self._files[bisect.bisect_left(self._files, (index + 1,)) - 1]
        if self._read[0] != name:
            self._read = (name, _read_json(os.path.join(self._folder, name)).get("users") or [])
        return self._make(self._read[1][index - first])


def _composites(role):
    composites = role.get("composites")
    if composites is None:
        return [] if role.get("composite") is False else None
    return _role_items(composites.get("realm"), composites.get("client"))


class Document:
    """A RealmRepresentation checked and translated into ``Entry``s, section by section, in build order."""

    def __init__(self, config, realm, purge=(), update_password="on_create", user_files=(), owned=False, src=None):
        if not isinstance(config, dict):
            raise DocumentError("config must be a RealmRepresentation (a dict), not %s" % type(config).__name__)
        self.realm = realm
        # Where the users of a document read from a folder come from (``read_document``): a user is named by its file.
        self._user_files = sorted(user_files or ())
        # ``owned``: the document is this run's (not the task's argument): its users go as their requests are made.
        self._owned = owned
        # The ``src`` folder an owned document's users files are in (read again for a user: ``_UserSource``).
        self._src = src if src is not None and os.path.isdir(src) else None
        self._user_secrets = set()
        self.user_roles = set()
        unrendered = placeholders_in(config)
        if unrendered:
            raise DocumentError("the document holds placeholders that were never filled in (load it with ansible.builtin.include_vars "
                                "or the template lookup, with the variables defined; a variable set to ********** keeps what the "
                                "server has): %s" % ", ".join(unrendered))
        # Taken over, not copied: the masks go in place, and the objects' requests share the document's values.
        self.config = _keep_masked(config)
        # ``all`` is every purgeable section; ``purge_named`` what the task named itself.
        self.purge = frozenset(PURGEABLE if "all" in purge else purge)
        self.purge_named = frozenset(purge) - frozenset(("all",))
        self.update_password = update_password
        self.errors = []
        self.warnings = []
        self._check_top_level()
        self.entries = dict((section, []) for section in SECTIONS)
        # Every entry in build order (a client role after its client), which is the order of the plans and writes.
        self.ordered = []
        self._flows_by_id = dict((flow.get("id"), flow.get("alias")) for flow in self.config.get("authenticationFlows") or [] if flow.get("id"))
        self._service_accounts = {}
        self._client_scope_mappings = None
        # The aliases of the built-in flows the document lists.
        self.built_in_flows = set()
        self._realm()
        self._required_actions()
        self._localization_texts()
        self._user_profile()
        self._roles()
        self._client_scopes()
        self._flows()
        self._identity_providers()
        self._users_service_accounts()
        self._clients()
        self._groups()
        self._user_federation()
        self._users()
        self._client_authorization()
        self._organizations()
        self._client_policies()
        self._registration_policies()
        self._keys()
        self._check_duplicates()
        if self.errors:
            raise DocumentError("; ".join(self.errors))

    # ------------------------------------------------------------- checks

    def _check_top_level(self):
        named = self.config.get("realm")
        if named is not None and named != self.realm:
            raise DocumentError("the document is realm '%s', the task's realm is '%s': set realm to the document's, or change "
                                "the document" % (named, self.realm))
        known = set(REALM_SETTINGS) | set(REALM_DEFAULT_LISTS) | set(SECTION_KEYS) | set(NOT_MANAGED_YET) | set(NOT_WRITTEN)
        unknown = sorted(key for key in self.config if key not in known and not key.startswith("webAuthnPolicy"))
        if unknown:
            raise DocumentError("unknown top-level field(s) of a RealmRepresentation: %s" % ", ".join(unknown))
        # A section of the wrong shape (a list rendered from a template as a string, say) is named, not tripped over.
        wrong = []
        for key in _LISTS_OF_OBJECTS:
            value = self.config.get(key)
            if value is None:
                continue
            if not isinstance(value, list):
                wrong.append("%s: a list of objects, not %s" % (key, _type_name(value)))
                continue
            wrong.extend("%s[%d]: an object, not %s" % (key, index, _type_name(item)) for index, item in enumerate(value) if not isinstance(item, dict))
        wrong.extend("%s: a map, not %s" % (key, _type_name(self.config[key])) for key in _MAPS
                     if self.config.get(key) is not None and not isinstance(self.config[key], dict))
        if wrong:
            raise DocumentError("; ".join(wrong))
        left = sorted(key for key in NOT_MANAGED_YET if self.config.get(key) not in (None, [], {}))
        if "components" in left and isinstance(self.config["components"], dict):
            # The user profile and the client registration policies are managed (sections of their own); the other component
            # types are not, yet.
            others = sorted(kind for kind, items in self.config["components"].items() if kind not in MANAGED_COMPONENTS and items)
            left = [key if key != "components" else "components (%s)" % ", ".join(others) for key in left if key != "components" or others]
        if left:
            self.warnings.append("not managed by this version, left as the server has them: %s" % ", ".join(left))

    def _check_duplicates(self):
        for section, entries in self.entries.items():
            seen = {}
            for entry in entries:
                key = entry.reference()
                if key in seen:
                    self.errors.append("%s and %s are the same %s '%s'" % (seen[key].path, entry.path, _context_kind(entry.request), _label(entry.request)))
                else:
                    seen[key] = entry

    def _components(self, provider_type):
        """The document's components of ``provider_type`` (an export keeps them by type), or None."""
        components = self.config.get("components")
        return components.get(provider_type) if isinstance(components, dict) else None

    def _named_components(self, providers, provider_type, what):
        """``(path, component, representation)`` of each of ``providers`` (components of ``provider_type``) with a name; one
        without is an error naming ``what``. The representation leaves out ids, the parent and the sub-components."""
        for index, provider in enumerate(providers):
            path = "components.%s[%d]" % (provider_type, index)
            if not isinstance(provider, dict) or not provider.get("name"):
                self.errors.append("%s: a %s needs a name" % (path, what))
                continue
            yield path, provider, _without(provider, ("id", "parentId", "subComponents", "providerType"))

    def _purge_of(self, section):
        return section in self.purge

    def _add(self, section, path, kind, request):
        self._append(Entry(section, path, kind, request))

    def _append(self, entry):
        self.entries[entry.section].append(entry)
        self.ordered.append(entry)

    # ---------------------------------------------------------- sections

    def _realm(self):
        representation = dict((key, value) for key, value in self.config.items() if key in REALM_SETTINGS or key.startswith("webAuthnPolicy"))
        representation["realm"] = self.realm
        items = dict((field, None) for field in REALM_DEFAULT_LISTS)
        for field in REALM_DEFAULT_LISTS:
            if field in self.config:
                items[field] = list(self.config[field] or [])
        purge = dict((field, False) for field in REALM_DEFAULT_LISTS)
        self._add("realm", "realm", KINDS["realm"], Request("realm", self.realm, self.realm, representation=representation, items=items,
                                                            purge=purge, flags={"update_password": self.update_password},
                                                            later=REALM_DEFAULT_LISTS + FLOW_BINDINGS))

    def _required_actions(self):
        """Registered required actions, by alias: registered when missing, brought to the listed fields; never
        unregistered (``keycloak_required_action`` does that)."""
        for index, action in enumerate(self.config.get("requiredActions") or []):
            path = "requiredActions[%d]" % index
            if not isinstance(action, dict):
                self.errors.append("%s: a required action is a RequiredActionProviderRepresentation (a dict with an alias), not %r" % (path, action))
                continue
            if not action.get("alias"):
                self.errors.append("%s: a required action needs an alias" % path)
                continue
            self._add("requiredActions", path, KINDS["required_action"],
                      Request("required_action", self.realm, action["alias"], representation=_without(action, ("providerId",))))

    def _localization_texts(self):
        """The realm's own texts, ``{locale: {message key: text}}``: each locale's listed texts are set; the others are kept
        unless the section is purged (then a locale the document does not list loses all its texts)."""
        locales = self.config.get("localizationTexts")
        if locales is None:
            return
        if not isinstance(locales, dict):
            self.errors.append("localizationTexts: a map of locale to a map of message key to text, not %s" % type(locales).__name__)
            return
        for locale, texts in sorted(locales.items()):
            path = "localizationTexts.%s" % locale
            if not isinstance(texts, dict):
                self.errors.append("%s: a map of message key to text, not %s" % (path, type(texts).__name__))
                continue
            items = [{"key": "%s" % key, "text": "" if text is None else "%s" % text} for key, text in texts.items()]
            self._add("localizationTexts", path, KINDS["realm_localization"],
                      Request("realm_localization", self.realm, locale, representation={"locale": locale}, items={"texts": items},
                              purge={"texts": self._purge_of("localizationTexts")}))

    def _user_profile(self):
        """The user profile, which an export keeps as the config of its ``UserProfileProvider`` component (a JSON text): written
        whole by the user profile kind (attributes and groups by name over the server's), before the users whose attributes
        it declares. Purged (``userProfile``), the attributes and groups it does not list are removed (the built-in ones never).
        """
        providers = self._components(USER_PROFILE_TYPE)
        if not providers:
            return
        path = "components.%s[0].config.%s" % (USER_PROFILE_TYPE, USER_PROFILE_KEY)
        text = ((providers[0] or {}).get("config") or {}).get(USER_PROFILE_KEY)
        try:
            profile = json.loads(text[0] if isinstance(text, list) else text)
        except (TypeError, ValueError) as error:
            self.errors.append("%s: not the JSON of a user profile (%s)" % (path, error))
            return
        if not isinstance(profile, dict):
            self.errors.append("%s: not the JSON of a user profile" % path)
            return
        representation = dict((key, profile[key]) for key in ("attributes", "groups") if key in profile)
        # Stored without it, the policy is "disabled".
        representation["unmanagedAttributePolicy"] = profile.get("unmanagedAttributePolicy") or "DISABLED"
        purge = self._purge_of("userProfile")
        self._add("userProfile", path, KINDS["user_profile"],
                  Request("user_profile", self.realm, self.realm, representation=representation,
                          flags={"purge_attributes": purge, "purge_groups": purge}))

    def _role_request(self, role, client_id, path):
        if not role.get("name"):
            self.errors.append("%s: a role needs a name" % path)
            return None
        representation = _without(role, _ROLE_DROPPED)
        composites = _composites(role)
        return Request("role", self.realm, role["name"], representation=representation,
                       items={"composites": composites}, purge={"composites": self._purge_of("roles")},
                       flags={"client_id": client_id}, later=("composites",))

    def _roles(self):
        roles = self.config.get("roles")
        if roles is None:
            return
        for index, role in enumerate(roles.get("realm") or []):
            request = self._role_request(role, None, "roles.realm[%d]" % index)
            if request is not None:
                self._add("roles", "roles.realm[%d]" % index, KINDS["role"], request)

    def _client_roles(self):
        roles = self.config.get("roles")
        if roles is None:
            return
        for client_id, client_roles in sorted((roles.get("client") or {}).items()):
            for index, role in enumerate(client_roles or []):
                path = "roles.client.%s[%d]" % (client_id, index)
                request = self._role_request(role, client_id, path)
                if request is not None:
                    self._add("roles", path, KINDS["role"], request)

    def _scope_mappings(self):
        """``({client scope name: [role item]}, {clientId: [role item]})`` from ``scopeMappings`` (realm roles) and
        ``clientScopeMappings`` (``{clientId: [...]}``, that client's roles): the entries with ``clientScope`` and those with
        ``client`` (a client's own scope); None for what the document does not have."""
        if self.config.get("scopeMappings") is None and self.config.get("clientScopeMappings") is None:
            return None, None
        of_scopes, of_clients = {}, {}
        entries = [("scopeMappings[%d]" % index, None, entry) for index, entry in enumerate(self.config.get("scopeMappings") or [])]
        for client_id, mappings in sorted((self.config.get("clientScopeMappings") or {}).items()):
            entries += [("clientScopeMappings.%s[%d]" % (client_id, index), client_id, entry) for index, entry in enumerate(mappings or [])]
        scopes = set(scope.get("name") for scope in self.config.get("clientScopes") or [])
        clients = set(client.get("clientId") for client in self.config.get("clients") or [] if isinstance(client, dict))
        for path, client_id, entry in entries:
            if not isinstance(entry, dict):
                self.errors.append("%s: a scope mapping is a map with clientScope (or client) and roles" % path)
            elif entry.get("client"):
                if entry["client"] not in clients:
                    self.errors.append("%s: client '%s' is not in the document's clients" % (path, entry["client"]))
                else:
                    of_clients.setdefault(entry["client"], []).extend(role_item(name, client_id) for name in entry.get("roles") or [])
            elif entry.get("clientScope") not in scopes:
                self.errors.append("%s: client scope '%s' is not in the document's clientScopes" % (path, entry.get("clientScope")))
            else:
                of_scopes.setdefault(entry["clientScope"], []).extend(role_item(name, client_id) for name in entry.get("roles") or [])
        # The clients' own scopes are managed when the document maps roles to one at least (an export always does: the
        # account-console client's): a hand-written document that maps client scopes only leaves the clients' alone.
        return of_scopes, of_clients or None

    def _client_scopes(self):
        mappings, self._client_scope_mappings = self._scope_mappings()
        for index, scope in enumerate(self.config.get("clientScopes") or []):
            path = "clientScopes[%d]" % index
            if not scope.get("name"):
                self.errors.append("%s: a client scope needs a name" % path)
                continue
            mappers = scope.get("protocolMappers")
            items = {"protocolMappers": None if mappers is None else [_without(mapper, ("id",)) for mapper in mappers],
                     "scopeMappings": None if mappings is None else mappings.get(scope["name"], [])}
            purge = {"protocolMappers": self._purge_of("clientScopes"), "scopeMappings": self._purge_of("clientScopes")}
            self._add("clientScopes", path, KINDS["client_scope"], Request("client_scope", self.realm, scope["name"],
                                                                           representation=_without(scope, _SCOPE_DROPPED), items=items,
                                                                           purge=purge, later=("scopeMappings",)))

    def _flows(self):
        """Top-level flows as the flow kind takes them: a tree of executions, sub-flows by alias, configs by alias.

        An export lists every flow flat (sub-flows are flows with ``topLevel: false``) and the configs apart
        (``authenticatorConfig``); executions name them by alias. A built-in flow (``builtIn``) takes its executions'
        requirements, priorities and configs; one whose executions differ from the server's (an export of another Keycloak
        version) is left as the server has it, with a warning (``run``).
        """
        flows = self.config.get("authenticationFlows")
        if flows is None:
            return
        by_alias = dict((flow.get("alias"), flow) for flow in flows)
        configs = dict((config.get("alias"), config) for config in self.config.get("authenticatorConfig") or [])
        for index, flow in enumerate(flows):
            path = "authenticationFlows[%d]" % index
            if not flow.get("alias"):
                self.errors.append("%s: a flow needs an alias" % path)
                continue
            if flow.get("topLevel") is False:
                continue
            executions = self._executions(flow, by_alias, configs, path, set())
            if flow.get("builtIn"):
                # Only its executions' requirements, priorities and configs can change; its own fields are Keycloak's.
                if flow.get("authenticationExecutions") is None:
                    continue
                representation = {"alias": flow["alias"]}
                self.built_in_flows.add(flow["alias"])
            else:
                representation = dict((key, flow[key]) for key in ("alias", "description", "providerId") if flow.get(key) is not None)
            self._add("authenticationFlows", path, KINDS["flow"], Request("flow", self.realm, flow["alias"], representation=representation,
                                                                          flags={"executions": executions}))

    def _executions(self, flow, by_alias, configs, path, seen):
        seen = seen | set((flow["alias"],))
        result = []
        ordered = sorted(enumerate(flow.get("authenticationExecutions") or []), key=lambda pair: (pair[1].get("priority") or 0, pair[0]))
        for index, execution in ordered:
            where = "%s.authenticationExecutions[%d]" % (path, index)
            item = {"requirement": execution.get("requirement")}
            if execution.get("authenticatorFlow") or execution.get("flowAlias"):
                alias = execution.get("flowAlias")
                sub = by_alias.get(alias)
                if sub is None or alias in seen:
                    self.errors.append("%s: sub-flow '%s' is %s" % (where, alias, "not a flow of the document" if sub is None else "its own parent"))
                    continue
                item.update(flow_alias=alias, provider_id=sub.get("providerId"), description=sub.get("description"),
                            executions=self._executions(sub, by_alias, configs, "authenticationFlows[alias=%s]" % alias, seen))
                if execution.get("authenticator"):
                    item["authenticator"] = execution["authenticator"]
            else:
                item["authenticator"] = execution.get("authenticator")
            config_alias = execution.get("authenticatorConfig")
            if config_alias:
                config = configs.get(config_alias)
                if config is None:
                    self.errors.append("%s: authenticatorConfig '%s' is not in the document's authenticatorConfig" % (where, config_alias))
                    continue
                item["config"] = {"alias": config_alias, "config": dict(config.get("config") or {})}
            result.append(dict((key, value) for key, value in item.items() if value is not None))
        return result

    def _identity_providers(self):
        """Identity providers with their mappers (an export lists them apart, by ``identityProviderAlias``).

        The client secret goes through the kind's secret flag: sent when the provider is created, later only with
        ``update_password: always`` (Keycloak shows it masked, so it cannot be compared).
        """
        providers = self.config.get("identityProviders")
        if providers is None:
            return
        mappers = {}
        for index, mapper in enumerate(self.config.get("identityProviderMappers") or []):
            alias = mapper.get("identityProviderAlias")
            if alias not in [provider.get("alias") for provider in providers]:
                self.errors.append("identityProviderMappers[%d]: identity provider '%s' is not in the document's identityProviders" % (index, alias))
                continue
            mappers.setdefault(alias, []).append(dict((key, mapper.get(key)) for key in ("name", "identityProviderMapper", "config")
                                                      if mapper.get(key) is not None))
        listed_mappers = "identityProviderMappers" in self.config
        for index, provider in enumerate(providers):
            path = "identityProviders[%d]" % index
            if not provider.get("alias"):
                self.errors.append("%s: an identity provider needs an alias" % path)
                continue
            representation = _without(provider, ("internalId", "types"))
            config = dict(representation.get("config") or {})
            secret = config.pop("clientSecret", None)
            if "config" in representation:
                representation["config"] = config
            items = {"mappers": mappers.get(provider["alias"], []) if listed_mappers else None}
            flags = {"client_secret": secret, "update_secret": self.update_password}
            self._add("identityProviders", path, KINDS["identity_provider"],
                      Request("identity_provider", self.realm, provider["alias"], representation=representation, items=items,
                              purge={"mappers": self._purge_of("identityProviders")}, flags=flags))

    def _users_service_accounts(self):
        """The roles of service accounts, which an export lists among the users (``serviceAccountClientId``)."""
        for index, user in enumerate(self.config.get("users") or []):
            client_id = user.get("serviceAccountClientId")
            if client_id:
                self._service_accounts[client_id] = (_user_path(self._user_files, index), _role_items(user.get("realmRoles"), user.get("clientRoles")))

    def _clients(self):
        listed = set()
        for index, client in enumerate(self.config.get("clients") or []):
            path = "clients[%d]" % index
            client_id = client.get("clientId")
            if not client_id:
                self.errors.append("%s: a client needs a clientId" % path)
                continue
            listed.add(client_id)
            representation = _without(client, _CLIENT_DROPPED)
            overrides = client.get("authenticationFlowBindingOverrides")
            if overrides:
                representation["authenticationFlowBindingOverrides"] = self._flow_overrides(path, overrides)
            mappers = client.get("protocolMappers")
            items = {
                "protocolMappers": None if mappers is None else [_without(mapper, ("id",)) for mapper in mappers],
                "defaultClientScopes": client.get("defaultClientScopes"),
                "optionalClientScopes": client.get("optionalClientScopes"),
                "serviceAccountRoleMappings": self._service_accounts.get(client_id, (None, None))[1],
                "scopeMappings": None if self._client_scope_mappings is None else self._client_scope_mappings.get(client_id, []),
            }
            purge = dict((name, self._purge_of("clients")) for name in items)
            # Only a client with a service account has its roles (the export lists them with its service account user).
            purge["serviceAccountRoleMappings"] = purge["serviceAccountRoleMappings"] and bool(client.get("serviceAccountsEnabled"))
            self._add("clients", path, KINDS["client"], Request("client", self.realm, client_id, representation=representation, items=items,
                                                                purge=purge, later=("serviceAccountRoleMappings", "scopeMappings")))
        for client_id, (path, _roles) in sorted(self._service_accounts.items()):
            if client_id not in listed:
                self.errors.append("%s: the service account of client '%s', which the document's clients do not list" % (path, client_id))
        # A client role is a role: planned after the clients, which its create needs.
        self._client_roles()

    def _flow_overrides(self, path, overrides):
        """A client's flow overrides with the flows named by alias: an export names them by the flows' ids."""
        result = {}
        for binding, flow in overrides.items():
            if flow in (None, ""):
                result[binding] = flow
            elif flow in self._flows_by_id:
                result[binding] = self._flows_by_id[flow]
            elif _looks_like_id(flow):
                self.errors.append("%s.authenticationFlowBindingOverrides.%s: no flow of the document has the id '%s'" % (path, binding, flow))
            else:
                result[binding] = flow
        return result

    def _groups(self):
        groups = self.config.get("groups")
        if groups is None:
            return

        def walk(group, parent, path):
            if not group.get("name"):
                self.errors.append("%s: a group needs a name" % path)
                return
            group_path = (parent or "") + "/" + group["name"]
            roles = _role_items(group.get("realmRoles"), group.get("clientRoles"))
            request = Request("group", self.realm, normalise_path(group_path), representation=_without(group, _GROUP_DROPPED),
                              items={"roleMappings": roles}, purge={"roleMappings": self._purge_of("groups")},
                              flags={"parents": "fail", "path": group_path})
            self._add("groups", path, KINDS["group"], request)
            for index, child in enumerate(group.get("subGroups") or []):
                walk(child, group_path, "%s.subGroups[%d]" % (path, index))

        for index, group in enumerate(groups):
            walk(group, None, "groups[%d]" % index)

    def _user_federation(self):
        """User federation providers (LDAP, Kerberos), which an export keeps as components of their type, by name, with their
        LDAP mappers (``subComponents``) by name. The bind credential goes through the kind's secret flag: sent when the
        provider is created, later only with ``update_password: always`` (Keycloak masks it). Purged (``userFederation``),
        the providers and the mappers the document does not list are deleted (a provider with the users it imported)."""
        providers = self._components(STORAGE)
        if providers is None:
            return
        for path, provider, representation in self._named_components(providers, STORAGE, "user federation provider"):
            config = dict(representation.get("config") or {})
            credential = _given_secret(config.pop("bindCredential", None))
            # When the provider last synced its users: the server's record, not a setting.
            config.pop("lastSync", None)
            if "config" in representation:
                representation["config"] = config
            mappers = (provider.get("subComponents") or {}).get(LDAP_MAPPER)
            if mappers is not None:
                mappers = [_without(mapper, ("id", "parentId", "subComponents", "providerType", "subType")) for mapper in mappers]
            flags = {"bind_credential": credential, "update_secret": self.update_password}
            self._add("userFederation", path, KINDS["user_federation"],
                      Request("user_federation", self.realm, provider["name"], representation=representation, items={"mappers": mappers},
                              purge={"mappers": self._purge_of("userFederation")}, flags=flags))

    def _users(self):
        federated, kept_hashes = [], []
        # What many users have alike is made once: their purge, the flags of the users without credentials (most), their
        # group paths and role items. A request's parts are read, never changed in place.
        purge = dict((name, self._purge_of("users")) for name in ("groups", "federatedIdentities", "roleMappings"))
        no_credentials = {"password": None, "temporary": False, "update_password": self.update_password, "hashed_credentials": []}
        make = functools.partial(_user_request, realm=self.realm, purge=purge, no_credentials=no_credentials, update_password=self.update_password,
                                 paths={}, roles={})
        users = self.config.get("users") or []
        if not self._owned:
            source = _UserSource(make, users=users)
        elif self._src is not None and self._user_files:
            source = _UserSource(make, folder=self._src, files=self._user_files)
        else:
            # One file read whole again for a user: its text is kept instead.
            source = None
        shared = _UserShared(self.realm, purge, no_credentials, source)
        # The roles whose holders a plan of the users compares (``bulk.UserSnapshot``'s ``roles``): those they list, or every
        # role (None) when their role mappings are purged, which takes off the roles they do not list.
        self.user_roles = None if purge["roleMappings"] else set()
        for index, user in enumerate(users):
            if self._owned:
                # The run's own document (``read_document``'s): each user's request keeps what it needs of the user (the same
                # values, not copies), and its secrets are noted, so the document's object of the user goes now.
                self._user_secrets |= engine.secret_values(user)
                users[index] = None
            path = _user_path(self._user_files, index)
            if user.get("serviceAccountClientId"):
                continue
            if user.get("federationLink"):
                # Imported by a user federation provider (a kc.sh export lists them): the provider makes and syncs them.
                federated.append(path)
                continue
            if not user.get("username"):
                self.errors.append("%s: a user needs a username" % path)
                continue
            if not isinstance(user["username"], str):
                # YAML reads username: 1234 as a number (and 0123 as another one): the name must be written as text.
                self.errors.append("%s: username %r is %s, not text (quote it in YAML)" % (path, user["username"], _type_name(user["username"])))
                continue
            if user["username"].strip() != user["username"]:
                # Keycloak refuses whitespace in a username (error-username-invalid-character), and finds no user by it: a
                # create of it would fail after the writes planned before it.
                self.errors.append("%s: username '%s' begins or ends with spaces, which Keycloak's default user profile refuses"
                                   % (path, user["username"]))
                continue
            request = make(user)
            password, hashed = request.flags["password"], request.flags["hashed_credentials"]
            if hashed and self.update_password == "always":
                kept_hashes.append(path)
            if password:
                self._user_secrets.add(password)
            if self.user_roles is not None:
                self.user_roles.update(bulk.role_key(item.get("clientId"), item["name"]) for item in request.items["roleMappings"] or [])
            self._append(_UserEntry(self._user_files, index, request, shared))
        if kept_hashes:
            self.warnings.append("%d user(s) with hashed credentials (update_password: always): a hash is stored when the user is "
                                 "created; the admin API cannot replace the credentials of an existing user with a hash (give "
                                 "the password as value to set it): %s" % (len(kept_hashes), _first(kept_hashes)))
        if federated:
            self.warnings.append("%d user(s) imported by a user federation provider (federationLink) are left to the provider, which "
                                 "makes and syncs them: %s" % (len(federated), _first(federated)))

    def _client_authorization(self):
        """The authorization settings of the document's clients (``clients[].authorizationSettings``, as an export writes them):
        the resource server's settings, and its scopes, resources, policies and permissions by name, through
        ``keycloak_client_authz``'s handler. After the users, groups, roles and clients their policies name. With the clients
        purged, the objects a setup does not list are removed (a resource users own never)."""
        clients = [client for client in self.config.get("clients") or [] if isinstance(client, dict) and client.get("clientId")]
        # A role policy names a client role ``clientId/role``: split at the longest client id the document (or a new realm) has.
        roles = RoleNames(None, client_ids=set(client["clientId"] for client in clients) | BUILT_IN_CLIENTS)
        for index, client in enumerate(self.config.get("clients") or []):
            settings = client.get("authorizationSettings") if isinstance(client, dict) else None
            if not settings or not client.get("clientId"):
                continue
            path = "clients[%d].authorizationSettings" % index
            if not client.get("authorizationServicesEnabled", True):
                self.errors.append("%s (client '%s'): authorization settings of a client without authorization services "
                                   "(authorizationServicesEnabled is false)" % (path, client["clientId"]))
                continue
            if not isinstance(settings, dict):
                self.errors.append("%s (client '%s'): a map (ResourceServerRepresentation)" % (path, client["clientId"]))
                continue
            representation = dict((field, settings[field]) for field in AUTHZ_SETTINGS if settings.get(field) is not None)
            representation["clientId"] = client["clientId"]
            # Permissions are policies of type resource or scope in an export.
            keys = (("scopes", "scopes"), ("resources", "resources"), ("policies", "policies"), ("permissions", "policies"))
            listed = dict((name, settings.get(key)) for name, key in keys)
            exported = items_from_export(settings, roles)
            items = dict((name, None if listed[name] is None else exported[name]) for name in exported)
            purge = dict((name, self._purge_of("clients")) for name in items)
            self._add("clientAuthorization", path, KINDS["client_authz"],
                      Request("client_authz", self.realm, client["clientId"], representation=representation, items=items, purge=purge))

    def _organizations(self):
        """Organizations (as ``kc.sh export`` writes them): settings, domains, attributes, members by username, linked
        identity providers with their organization domain and redirect. After the users and providers they name. A managed
        member (made by the organization's provider at a login) is left to Keycloak."""
        for index, organization in enumerate(self.config.get("organizations") or []):
            path = "organizations[%d]" % index
            if not isinstance(organization, dict) or not organization.get("name"):
                self.errors.append("%s: an organization needs a name" % path)
                continue
            members = organization.get("members")
            providers = organization.get("identityProviders")
            items = {
                "members": None if members is None else [
                    member.get("username") if isinstance(member, dict) else member for member in members
                    if not (isinstance(member, dict) and member.get("membershipType") == "MANAGED")],
                "identityProviders": None if providers is None else [
                    LinkedProviders.link(provider) if isinstance(provider, dict) else {"alias": provider} for provider in providers],
            }
            purge = dict((name, self._purge_of("organizations")) for name in items)
            self._add("organizations", path, KINDS["organization"],
                      Request("organization", self.realm, organization["name"],
                              representation=_without(organization, ("id", "members", "identityProviders")), items=items, purge=purge))

    def _client_policies(self):
        """The realm's client profiles (``clientProfiles.profiles``) and policies (``clientPolicies.policies``), by name: last,
        as a policy may enforce rules on the writes of the document's own clients. ``purge: [clientPolicies]`` removes the
        profiles and policies the document does not list (of the lists it gives)."""
        items = {"profiles": None, "policies": None}
        for key, field in (("clientProfiles", "profiles"), ("clientPolicies", "policies")):
            holder = self.config.get(key)
            if holder is None:
                continue
            if not isinstance(holder, dict) or not isinstance(holder.get(field, []), list):
                self.errors.append("%s: a map with a list %s" % (key, field))
                continue
            if field in holder:
                items[field] = holder[field] or []
                for index, entry in enumerate(items[field]):
                    if not isinstance(entry, dict) or not entry.get("name"):
                        self.errors.append("%s.%s[%d]: needs a name" % (key, field, index))
        if items == {"profiles": None, "policies": None}:
            return
        purge = dict((field, self._purge_of("clientPolicies")) for field in items)
        self._add("clientPolicies", "clientPolicies", KINDS["client_policies"],
                  Request("client_policies", self.realm, self.realm, representation={}, items=items, purge=purge))

    def _registration_policies(self):
        """Client registration policies, which an export keeps as components of their type: by sub-type and name (a new realm
        has policies of one name in both sub-types); last, as they rule what the registration service accepts, not the admin
        API. Purged (``clientRegistrationPolicies``), the policies the document does not list are deleted, but a new realm's."""
        policies = self._components(POLICY_TYPE)
        if policies is None:
            return
        for index, policy in enumerate(policies):
            path = "components.%s[%d]" % (POLICY_TYPE, index)
            if not isinstance(policy, dict) or not policy.get("name") or policy.get("subType") not in REGISTRATION_SUB_TYPES:
                self.errors.append("%s: a client registration policy needs a name and a subType (%s)" % (path, ", ".join(REGISTRATION_SUB_TYPES)))
                continue
            self._add("clientRegistrationPolicies", path, KINDS["client_registration_policy"],
                      Request("client_registration_policy", self.realm, policy["name"],
                              representation=_without(policy, ("id", "parentId", "subComponents", "providerType"))))

    def _keys(self):
        """The realm's key providers, which an export keeps as components of their type, by name. What a generated provider
        (``rsa-generated``, ``hmac-generated``, ...) holds of its key (``kc.sh export`` writes it; the admin API never shows
        it) is left out: the server keeps or generates its own, so an export applies to another server. An imported key
        (``rsa``, ``rsa-enc``) and a keystore's passwords (``java-keystore``) go through the kind's secret flags, as the
        module's options: sent when the provider is created, later only with ``update_password: always``; masked, kept.
        Purged (``keys``), the providers the document does not list are deleted; only when it lists some (a realm
        without key providers would sign with fallback keys made on the spot, and every token issued before would fail)."""
        providers = self._components(KEY_PROVIDER)
        if not providers:
            if "keys" in self.purge_named:
                self.errors.append("purge names keys, but the document lists no key provider (components.%s): the realm would be "
                                   "left with none" % KEY_PROVIDER)
            return
        left_out = []
        for path, provider, representation in self._named_components(providers, KEY_PROVIDER, "key provider"):
            config = dict(representation.get("config") or {})
            if generated(provider.get("providerId")):
                if [key for key in GENERATED_MATERIAL if config.pop(key, None) is not None]:
                    left_out.append(provider["name"])
            flags = {"update_secret": self.update_password}
            for flag, key in KINDS["realm_key"].handler.secret_flags.items():
                flags[flag] = _given_secret(config.pop(key, None))
            if "config" in representation:
                representation["config"] = config
            self._add("keys", path, KINDS["realm_key"], Request("realm_key", self.realm, provider["name"], representation=representation,
                                                                flags=flags))
        if left_out:
            self.warnings.append("the keys of generated key providers (%s) are left out: the server keeps or generates its own; an "
                                 "imported provider (rsa, rsa-enc, java-keystore) carries a key" % ", ".join(left_out))

    # ------------------------------------------------------------- output

    def secrets(self):
        """Every secret value of the document (for Ansible's no_log list)."""
        found = engine.secret_values(self.config) | self._user_secrets
        for section, entries in self.entries.items():
            if section == "users":
                # Their passwords are in ``_user_secrets`` (each user's request is not made again for this).
                continue
            for entry in entries:
                for flag in ("password", "client_secret", "bind_credential", "private_key", "keystore_password", "key_password"):
                    if entry.request.flags.get(flag):
                        found.add(entry.request.flags[flag])
        return found


def _first(paths, count=5):
    """The first ``count`` of ``paths`` for a message."""
    return ", ".join(paths[:count]) + (", ..." if len(paths) > count else "")


def _given_secret(value):
    """A component's secret config value as the document gives it (a list of one, or a value); None for the mask (keep what the
    server has) or nothing."""
    value = first_value(value)
    return None if value in (engine.KEYCLOAK_MASK, engine.MASK, "") else value


def _looks_like_id(value):
    return isinstance(value, str) and len(value) == 36 and value.count("-") == 4


def _reference_key(request):
    """The key under which the planning context knows the object of ``request``: its handler's ``reference_key``
    (a handler reads nothing until it plans)."""
    return KINDS[request.kind].handler(None, request, None).reference_key()


def _context_kind(request):
    return KINDS[request.kind].handler.kind


def _label(request):
    if request.kind == "role" and request.flags.get("client_id"):
        return "%s/%s" % (request.flags["client_id"], request.key)
    return "%s" % (request.key,)


# Identity providers that authenticate to their server without a client secret (the others need one to log anybody in).
_NO_SECRET_PROVIDERS = ("saml",)
_NO_SECRET_AUTH_METHODS = ("private_key_jwt",)


def _missing_secrets(document):
    """A secret that a new object needs and the document lacks (an export masks it): named before any write, all at once."""
    missing = []
    for entry in document.entries["identityProviders"]:
        request = entry.request
        config = request.representation.get("config") or {}
        if entry.plan is None or entry.plan.operation != "create" or request.flags.get("client_secret"):
            continue
        if request.representation.get("providerId") in _NO_SECRET_PROVIDERS or config.get("clientAuthMethod") in _NO_SECRET_AUTH_METHODS:
            continue
        missing.append("%s.config.clientSecret (identity provider '%s')" % (entry.path, request.key))
    for entry in document.entries["userFederation"]:
        request = entry.request
        config = request.representation.get("config") or {}
        if entry.plan is None or entry.plan.operation != "create" or request.flags.get("bind_credential"):
            continue
        if (request.representation.get("providerId") or "ldap") != "ldap" or not first_value(config.get("bindDn")) \
                or (first_value(config.get("authType")) or "simple") == "none":
            continue
        missing.append("%s.config.bindCredential (user federation '%s')" % (entry.path, request.key))
    for entry in document.entries["keys"]:
        request = entry.request
        if entry.plan is None or entry.plan.operation != "create":
            continue
        for flag in IMPORTED_KEY_SECRETS.get(request.representation.get("providerId"), ()):
            if not request.flags.get(flag):
                missing.append("%s.config.%s (realm key '%s')" % (entry.path, KINDS["realm_key"].handler.secret_flags[flag], request.key))
    if missing:
        return ["a new object needs a secret the document does not give (an export masks it; fill it in, from a vault): %s"
                % ", ".join(missing)]
    return []


# ------------------------------------------------------------------ purge


def _built_in(realm, request):
    """Whether the object of ``request`` is one Keycloak makes itself: never deleted by a purge."""
    kind = _context_kind(request)
    key = _reference_key(request)
    if (kind, key) in built_ins(realm):
        return True
    if kind == "role":
        client_id, name = key
        return client_id in BUILT_IN_CLIENTS or (not client_id and name in BUILT_IN_ROLES)
    return False


def _absent(kind_name, realm, key, flags=None, representation=None):
    return Request(kind_name, realm, key, state="absent", flags=flags or {}, representation=representation)


def _undeclared(document, api):
    """``{section: [(path, Request(absent))]}``: what the server has and the purged sections do not list."""
    realm = document.realm
    declared = set(entry.reference() for entries in document.entries.values() for entry in entries)
    result = dict((section, []) for section in PURGEABLE)

    def consider(section, request, what):
        if (request.kind, _reference_key(request)) in declared or _built_in(realm, request):
            return
        result[section].append((what, request))

    if "localizationTexts" in document.purge:
        for locale in api.get_localization_locales() or []:
            consider("localizationTexts", _absent("realm_localization", realm, locale), "localization '%s'" % locale)
    if "roles" in document.purge:
        for role in api.get_realm_roles(brief_representation=True) or []:
            consider("roles", _absent("role", realm, role["name"]), "realm role '%s'" % role["name"])
        # The roles of the clients the document names (its client roles' and its clients').
        client_ids = set(key[0] for kind, key in declared if kind == "role" and key[0])
        client_ids |= set(entry.request.key for entry in document.entries["clients"])
        for client_id in sorted(client_ids):
            if client_id in BUILT_IN_CLIENTS:
                continue
            uuid = api.get_client_id(client_id)
            if uuid is None:
                continue
            for role in api.get_client_roles(uuid) or []:
                consider("roles", _absent("role", realm, role["name"], {"client_id": client_id}), "client role '%s/%s'" % (client_id, role["name"]))
    if "clientScopes" in document.purge:
        for scope in api.get_client_scopes() or []:
            if scope["name"] not in BUILT_IN_CLIENT_SCOPES:
                consider("clientScopes", _absent("client_scope", realm, scope["name"]), "client scope '%s'" % scope["name"])
    if "authenticationFlows" in document.purge:
        for flow in api.get_authentication_flows() or []:
            if flow.get("topLevel", True) and not flow.get("builtIn"):
                consider("authenticationFlows", _absent("flow", realm, flow["alias"]), "authentication flow '%s'" % flow["alias"])
    if "identityProviders" in document.purge:
        for provider in api.get_idps() or []:
            consider("identityProviders", _absent("identity_provider", realm, provider["alias"]), "identity provider '%s'" % provider["alias"])
    if "clients" in document.purge:
        for client in api.get_clients() or []:
            consider("clients", _absent("client", realm, client["clientId"]), "client '%s'" % client["clientId"])
    if "groups" in document.purge:
        _undeclared_groups(api, realm, declared, result["groups"])
    if "organizations" in document.purge and api.get_realm(realm).get("organizationsEnabled"):
        for organization in api.get_organizations() or []:
            consider("organizations", _absent("organization", realm, organization["name"]), "organization '%s'" % organization["name"])
    if "clientRegistrationPolicies" in document.purge:
        for policy in api.get_components({"type": POLICY_TYPE}) or []:
            if (policy.get("subType"), policy.get("name")) in REGISTRATION_BUILT_IN:
                continue
            request = _absent("client_registration_policy", realm, policy["name"],
                              representation={"name": policy["name"], "subType": policy.get("subType")})
            consider("clientRegistrationPolicies", request, "%s client registration policy '%s'" % (policy.get("subType"), policy["name"]))
    if "userFederation" in document.purge:
        for provider in api.get_components({"type": STORAGE}) or []:
            consider("userFederation", _absent("user_federation", realm, provider["name"]),
                     "user federation '%s' (with the users it imported)" % provider["name"])
    if "keys" in document.purge and document.entries["keys"]:
        # Only when the document lists key providers (``purge: all`` with none listed leaves the realm's keys alone).
        for provider in api.get_components({"type": KEY_PROVIDER}) or []:
            consider("keys", _absent("realm_key", realm, provider["name"]), "realm key '%s'" % provider["name"])
    if "users" in document.purge:
        for user in api.get_users({"briefRepresentation": True}) or []:
            if user.get("federationLink") or user.get("serviceAccountClientId") or (realm == "master" and user["username"] == "admin"):
                continue
            consider("users", _absent("user", realm, user["username"]), "user '%s'" % user["username"])
    return result


def _undeclared_groups(api, realm, declared, found):
    """Groups the document does not list: the top-most of each undeclared subtree is deleted (its subgroups with it)."""

    def walk(group, parent_path):
        path = parent_path + "/" + group["name"]
        if ("group", path) not in declared:
            found.append(("group '%s'" % path, _absent("group", realm, path, {"path": path, "parents": "fail"})))
            return
        for child in api.get_group_children(group["id"]) if group.get("subGroupCount") else []:
            walk(child, path)

    for group in api.get_groups({"briefRepresentation": True}) or []:
        walk(group, "")


# ------------------------------------------------------------------- the run


class RealmConfigError(Exception):
    """The run stopped: ``result`` says what was planned and what was written."""

    def __init__(self, message, result):
        Exception.__init__(self, message)
        self.result = result


class _Planned:
    """What a check-mode run keeps of a changing plan, which it never writes: its line of the report (``_summary``), and
    its diff when one is asked for (not the handler, the reads and the closures of each object of a big realm)."""

    __slots__ = ("operation", "summary", "_diff")
    changed = True

    def __init__(self, plan_, diff_mode):
        self.operation = plan_.operation
        self.summary = _summary(plan_)
        self._diff = plan_.diff() if diff_mode else None

    @property
    def header(self):
        # As ``_header``: made when a diff shows it.
        return "%s %s" % (self.operation, self.summary["object"])

    def diff(self):
        return self._diff


class _ImportedUsers:
    """The handler an ``_Importing`` user names: what a partial import reads of one (``bulk.batch_of``, ``bulk.imported_user``)
    and a failed run's message (``describe``). The users of a run share one: the document gives them one purge."""

    kind = "user"
    describe = engine.Handler.describe

    def __init__(self, realm, purge):
        self.request = Request("user", realm, None, purge=purge)


class _Importing(_Planned):
    """What an apply keeps of a new user that a partial import creates (``bulk.importable``), once enough of them are planned
    for an import (``BULK_USERS``): what ``_Planned`` keeps, and the user's fields as the import sends them (``after``, kept
    as compact JSON text). It stands for the user's plan in the import (``bulk.import_plans``), without the handler, the
    closures of the writes and the request of each of many users. A user of a batch Keycloak refuses is planned again,
    from its entry (``_plan_again``)."""

    __slots__ = ("key", "handler", "_after")

    def __init__(self, plan_, diff_mode, handler):
        _Planned.__init__(self, plan_, diff_mode)
        self.key = plan_.key
        self.handler = handler
        try:
            self._after = json.dumps(plan_.after, separators=(",", ":"))
        except (TypeError, ValueError):
            self._after = plan_.after

    @property
    def after(self):
        return json.loads(self._after) if isinstance(self._after, str) else self._after

    def descriptions(self):
        return list(self.summary["changes"])

    @property
    def done(self):
        """Its writes once its import is written (``written_elsewhere``), else none."""
        return self.descriptions() if self._after is None else []

    def written_elsewhere(self):
        """Its import is written: the fields it sent are not needed any more."""
        self._after = None


def _header(plan_):
    return "%s %s" % (plan_.operation, plan_.handler.describe(plan_.key))


def _summary(plan_):
    if isinstance(plan_, _Planned):
        return plan_.summary
    handler = plan_.handler
    entry = {"object": handler.describe(plan_.key), "operation": plan_.operation}
    if plan_.changed_paths:
        entry["fields"] = sorted(".".join(path) for path in plan_.changed_paths)
    entry["changes"] = [action.description for action in plan_.actions]
    return entry


def report(entries_by_section):
    """``{section: {create: [...], update: [...], delete: [...], counts: {...}}}`` of the changed objects."""
    result = {}
    for section, entries in entries_by_section.items():
        part = {"create": [], "update": [], "delete": []}
        for entry in entries:
            plan_ = entry.plan
            if plan_ is None or not plan_.changed:
                continue
            part.get(plan_.operation, part["update"]).append(_summary(plan_))
        part["counts"] = dict((operation, len(part[operation])) for operation in ("create", "update", "delete"))
        if any(part["counts"].values()):
            result[section] = part
    return result


def diffs(entries_by_section):
    """One before/after diff per changed object, secrets masked (Ansible shows a list of diffs one by one)."""
    result = []
    for section in SECTIONS:
        for entry in entries_by_section.get(section) or []:
            if entry.plan is not None and entry.plan.changed:
                diff = dict(entry.plan.diff())
                header = "%s (%s)" % (entry.plan.header if isinstance(entry.plan, _Planned) else _header(entry.plan), entry.path)
                diff.update(before_header=header, after_header=header)
                result.append(diff)
    return result


def run(api_for, realm, config, purge=(), max_deletes=DEFAULT_MAX_DELETES, check_mode=False, diff_mode=False, update_password="on_create",
        secrets=None, play=None, parallelism=DEFAULT_PARALLELISM, user_files=(), owned=False, src=None):
    """Plan the document ``config`` against realm ``realm``; apply it unless ``check_mode``.

    ``user_files``: where the users of a document read from a folder come from (``read_document``'s), to name them.
    ``owned``: ``config`` is the run's to change (``read_document``'s, not the task's argument): its users' own objects
    are let go once each has its request, which keeps what it needs of them. ``src``: the folder ``config`` was read from
    (``read_document``), where a user is read again to plan it again (a user of an import Keycloak refuses).

    ``play`` (a ``context.PlayPlan``, check mode) is what the earlier tasks of the play plan: what they create may be named.
    ``parallelism``: how many independent requests go at once (the partial imports of many new objects, the reads of
    user pages, group members and role holders).
    Returns ``(result, warnings)``; ``result["_events"]`` is what the run plans, for the play's plan (every create and
    delete; the end states of the realm, its required actions and user profile only, which later checks read), in check mode
    (empty otherwise: only a dry run's plan is read by the tasks after it).
    Raises ``DocumentError`` (bad document, before anything is read),
    ``RealmConfigError`` (refused plan, before any write; or a write that failed, with what was written).
    """
    document = Document(config, realm, purge=purge, update_password=update_password, user_files=user_files, owned=owned, src=src)
    if secrets is not None:
        # Secrets of free-form maps (a client's secret, an SMTP password) have no option of their own to carry no_log.
        found = document.secrets()
        if len(found) <= SECRET_VALUES_LIMIT:
            secrets.update(found)
    # A user's end state is read by no later plan, and the play's plan takes PLAY_STATES only: not kept for each user.
    # Its events are for the play's plan, which only a check-mode run gives the tasks after it.
    context = PlanContext(api_for, play=play, unread_states=("user",), events=check_mode)
    api = api_for(realm)
    try:
        return _run(api_for, api, context, document, realm, check_mode, diff_mode, max_deletes, parallelism)
    finally:
        # A run that fails while it plans leaves no read to be reused on the connection.
        context.writing()


def _run(api_for, api, context, document, realm, check_mode, diff_mode, max_deletes, parallelism):
    entries = document.entries

    # The realm first: a realm this run creates is created before the rest is planned against it (a new
    # realm comes with built-in objects that the document lists too; they are compared once they exist).
    # Every object of the document is known to the context first: one may name another that a later part creates.
    for entry in document.ordered[1:]:
        kind_name, key = entry.reference()
        context.will_create(realm, KINDS[kind_name].handler.kind, key, note=False)
    realm_entry = document.ordered[0]
    # What many plans read alike is read once while the document is planned (the realm's plan too); every read of the
    # writes goes to the server.
    context.plan_many(api.connection)
    try:
        realm_entry.plan = engine.plan(KINDS["realm"].handler(api, realm_entry.request, context))
    except PlanError as error:
        raise RealmConfigError("the document cannot be applied; nothing was written: realm '%s': %s" % (realm, error), {"changed": False})
    new_realm = realm_entry.plan.operation == "create"
    if new_realm and not check_mode:
        context.writing()
        _write(realm_entry.plan, [realm_entry], phase=engine.OWN)
        context.realm_created(realm)
        context.plan_many(api.connection)
    # A realm this run has just created is read too (it has its built-in objects): at once, where there are many.
    readable = not (new_realm and check_mode)
    if readable and len(entries["users"]) >= BULK_USERS:
        context.use_snapshot(realm, "users", lambda: bulk.UserSnapshot(api, workers=parallelism, roles=document.user_roles))
    # Many roles or groups: their lists are read once too (a few requests, where each object by itself takes one).
    if readable and len(entries["roles"]) >= BULK_READS:
        context.use_snapshot(realm, "roles", lambda: bulk.RoleSnapshot(api))
    if readable and len(entries["groups"]) >= BULK_READS:
        context.use_snapshot(realm, "groups", lambda: bulk.GroupSnapshot(api))
    # Clients, client scopes and identity providers: one list each, where each object by itself takes a request.
    for section, read, field in (("clients", api.get_clients, "clientId"), ("clientScopes", api.get_client_scopes, "name"),
                                 ("identityProviders", api.get_idps, "alias")):
        if readable and len(entries[section]) >= BULK_LISTS:
            context.use_snapshot(realm, section, lambda read=read, field=field: bulk.ListSnapshot(read(), field))
    errors = []
    # New users a partial import will create (``_import_batches``): once there are enough of them for an import, each
    # keeps what the import, the report and the diff read (``_Importing``), not its plan.
    importing, waiting, imported_users = 0, [], None
    for entry in document.ordered[1:]:
        # Read once: a user's is made anew at each read (``_UserEntry``).
        request = entry.request
        if new_realm and check_mode and _built_in(realm, request):
            document.warnings.append("%s (%s): built into the new realm; compared with it once the realm exists"
                                     % (entry.path, _label(request)))
            continue
        handler = entry.kind.handler(api_for(realm), request, context)
        built_in_flow = request.kind == "flow" and request.key in document.built_in_flows
        try:
            entry.plan = engine.plan(handler)
        except BuiltInFlowShape as error:
            if not built_in_flow:
                errors.append("%s (%s): %s" % (entry.path, handler.describe(request.key), error))
                continue
            # An export of another Keycloak version: its built-in flow has other executions than this server's.
            document.warnings.append("%s (built-in flow '%s'): its executions are not this server's (an export of another Keycloak "
                                     "version?); left as the server has it" % (entry.path, request.key))
        except PlanError as error:
            errors.append("%s (%s): %s" % (entry.path, handler.describe(request.key), error))
        if built_in_flow and entry.plan is not None and entry.plan.operation == "create":
            # A built-in flow the admin API does not list (Keycloak hides 'saml ecp'): Keycloak made it, and keeps it.
            entry.plan = None
        if entry.plan is not None and not entry.plan.changed:
            # Nothing to write, report or show: the plan (its reads, views and closures, kilobytes an object) is not kept,
            # so a run over a big realm that changes little holds the document and the snapshots, not a plan per object.
            entry.plan = None
        elif entry.plan is not None and check_mode:
            # A plan writes nothing: its line of the report is kept, and its diff when one is asked for.
            entry.plan = _Planned(entry.plan, diff_mode)
        elif entry.plan is not None and entry.plan.handler.kind == "user" and bulk.importable(entry.plan):
            importing += 1
            waiting.append(entry)
            if importing >= BULK_USERS:
                for waiting_entry in waiting:
                    if imported_users is None:
                        imported_users = _ImportedUsers(realm, waiting_entry.plan.handler.request.purge)
                    waiting_entry.plan = _Importing(waiting_entry.plan, diff_mode, imported_users)
                    waiting_entry.lean_on_source()
                waiting = []
        if isinstance(entry, _UserEntry) and (entry.plan is None or (isinstance(entry.plan, _Planned) and not isinstance(entry.plan, _Importing))):
            # A user planned for good: what its plan compared is not needed any more (a purge reads its name alone,
            # ``_undeclared``), and a big realm's users are let go one by one. One to import keeps it until it is written,
            # to be planned again if Keycloak refuses its batch.
            entry.release()
    errors.extend(_missing_secrets(document))
    if errors:
        raise RealmConfigError("the document cannot be applied; nothing was written: " + "; ".join(errors), {"changed": new_realm and not check_mode})

    deletes = _undeclared(document, api) if document.purge and not (new_realm and check_mode) else {}
    counts = dict((section, len(found)) for section, found in deletes.items() if found)
    total = sum(counts.values())
    if total > max_deletes:
        raise RealmConfigError(
            "the plan deletes %d object(s), more than max_deletes (%d): %s; nothing was written (raise max_deletes to allow it)"
            % (total, max_deletes, ", ".join("%s %d" % (section, count) for section, count in sorted(counts.items()))),
            {"changed": new_realm and not check_mode, "deletes": counts})
    ordered = [entry for entry in document.ordered if entry.plan is not None]
    # Deletes last, the most dependent section first (users before the groups and roles they hold).
    for section in reversed(PURGEABLE):
        for what, request in deletes.get(section) or []:
            entry = Entry(section, what, KINDS[request.kind], request)
            entry.plan = engine.plan(entry.kind.handler(api_for(realm), request, context))
            entries[section].append(entry)
            ordered.append(entry)
    plan_report = report(entries)
    result = {"changed": any(entry.plan.changed for entry in ordered), "plan": plan_report}
    context.writing()
    if not check_mode:
        batches = _import_batches(ordered)
        imported = set()
        for phase in engine.PHASES:
            for entry in ordered:
                if entry is realm_entry and new_realm and phase == engine.OWN:
                    continue
                batch = bulk.batch_of(entry.plan)
                if batch in batches:
                    # Many new objects of one kind: created through partial import in batches, when the first one's turn comes.
                    written = bulk.import_plans(api, realm, batch, batches.pop(batch), size=IMPORT_BATCH, workers=parallelism)
                    imported.update(id(plan) for plan in written)
                if id(entry.plan) in imported:
                    if isinstance(entry.plan, _Importing):
                        # Written: what its entry kept to plan it again goes.
                        entry.release()
                    continue
                if isinstance(entry.plan, _Importing):
                    # A new user whose import Keycloak refused (that import wrote nothing): planned again, with its writes,
                    # against the server as it is now, and created by itself, which names what Keycloak refuses.
                    entry.plan = _plan_again(entry, api_for(realm), context, ordered, plan_report)
                _write(entry.plan, ordered, phase, plan_report)
        result["changes"] = plan_report
    if diff_mode:
        result["diff"] = diffs(entries)
    result["msg"] = _message(plan_report, check_mode)
    result["_events"] = [event for event in context.events if event[0] != "state" or event[2] in PLAY_STATES]
    return result, document.warnings + context.warnings


def _import_batches(ordered):
    """``{batch: [plan]}``: the new objects written through partial import (``bulk.import_plans``), in build order; only
    where there are many (BULK_USERS users, BULK_CREATES of the other kinds; the client roles of all clients counted
    together, each client's imported on its own)."""
    found = {}
    for entry in ordered:
        if entry.plan is not None and (isinstance(entry.plan, _Importing) or bulk.importable(entry.plan)):
            found.setdefault(bulk.batch_of(entry.plan), []).append(entry.plan)
    counts = {}
    for batch, plans in found.items():
        counts[batch[0]] = counts.get(batch[0], 0) + len(plans)
    return dict((batch, plans) for batch, plans in found.items()
                if counts[batch[0]] >= (BULK_USERS if batch[0] == "user" else BULK_CREATES))


def _write(plan_, ordered, phase, plan_report=None):
    try:
        plan_.apply(phase, read_back_state=False)
    except (KeycloakError, PlanError) as error:
        raise _failed(plan_, error, ordered, plan_report)


def _plan_again(entry, api, context, ordered, plan_report):
    """A new plan of ``entry``, with its writes, against the server as it is now (the run reads no snapshot once it writes)."""
    try:
        return engine.plan(entry.kind.handler(api, entry.request, context))
    except (KeycloakError, PlanError) as error:
        raise _failed(entry.plan, error, ordered, plan_report)


def _failed(plan_, error, ordered, plan_report):
    """The error of a run stopped by ``error`` at ``plan_``, with what was written before it."""
    written = [{"object": entry.plan.handler.describe(entry.plan.key), "done": list(entry.plan.done)}
               for entry in ordered if entry.plan is not None and entry.plan.done]
    what = plan_.handler.describe(plan_.key)
    message = getattr(error, "description", None) or "%s" % error
    return RealmConfigError("%s: %s; written before it: %d object(s) (see written); a rerun plans what is left" % (what, message, len(written)),
                            {"changed": bool(written), "written": written, "plan": plan_report})


def _message(plan_report, check_mode):
    if not plan_report:
        return "the realm is as the document says"
    parts = []
    for section in SECTIONS:
        counts = (plan_report.get(section) or {}).get("counts")
        if counts:
            parts.append("%s: %s" % (section, ", ".join("%d %s" % (count, operation) for operation, count in sorted(counts.items()) if count)))
    return ("would change " if check_mode else "changed ") + "; ".join(parts)
