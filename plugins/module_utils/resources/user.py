# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users: their profile, password, group memberships, identity-provider links and roles.

Keycloak never returns a password, so one is only sent when the user is created (with
``update_password: on_create``) or on every run (``always``). Groups and identity-provider
links go in the create request itself, so a new user is never seen without them; for an
existing user they are joined and left one by one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ..context import BUILT_IN_REQUIRED_ACTIONS
from ..engine import Collection, Handler, NameCollection, PlanError, list_map, unique
from ..kind import UPDATE_PASSWORD, Items, Kind, RoleItems
from .common import find_group, kept_attributes, login_of, normalise_path, or_none, server_version
from .nested_role_mappings import RoleMappings

# Fields that have options of their own: in ``representation`` they would never compare
# equal (Keycloak does not return them on the user), so they are refused there.
_OWN_OPTIONS = {
    "credentials": "password",
    "groups": "groups",
    "federatedIdentities": "federated_identities",
    "realmRoles": "realm_roles",
    "clientRoles": "client_roles",
}
# Root attributes of the user profile: an update that sends ``attributes`` sends these too,
# so the server's user profile does not take them for removed.
_PROFILE_ROOT = ("username", "email", "firstName", "lastName")
# Credential fields an info module may show: never secretData nor credentialData.
CREDENTIAL_METADATA = ("id", "type", "userLabel", "createdDate")


class UserHandler(Handler):
    # Its update sends the object as read with the task's fields over it: laid over a read right before the write.
    fresh_update = True
    kind = "user"
    set_fields = ("requiredActions",)
    write_only_fields = ("credentials",)
    not_in_representation = dict((field, "use the %s option" % option) for field, option in _OWN_OPTIONS.items())

    def snapshot(self):
        """Every user of the realm read at once, while a run that plans many users plans (``bulk.UserSnapshot``), or None."""
        return self.snapshot_of("users")

    def read(self, key):
        snapshot = self.snapshot()
        if snapshot is not None:
            # The snapshot answers with a copy of its own.
            return _state(snapshot.user(key))
        user_id = self.api.get_user_id(key)
        if user_id is None:
            return None
        return _state(or_none(self.api.get_user, user_id))

    def reference_key(self):
        # The name itself where it is lower-case already (most): the run keeps this key for each of its users.
        key = self.request.key
        lowered = key.lower()
        return key if lowered == key else lowered

    def prepare(self, desired, current):
        # Keycloak stores usernames and e-mail addresses lower-cased.
        for field in ("username", "email"):
            if isinstance(desired.get(field), str):
                desired[field] = desired[field].lower()
        # The user profile keeps no empty name or e-mail: "" removes one, and asks nothing of a user without it.
        for field in ("email", "firstName", "lastName"):
            if desired.get(field) == "" and not (current or {}).get(field):
                del desired[field]
        if "attributes" in desired:
            # Nor empty attribute values: "" is dropped from a list, and an empty list removes the key.
            attributes = list_map(desired["attributes"])
            attributes = dict((key, None if values is None else [value for value in values if value != ""]) for key, values in attributes.items())
            desired["attributes"] = kept_attributes(attributes, current)
            self._check_profile(desired["attributes"], current)
        if current is None and "enabled" not in desired:
            # As the admin console does: a new user can log in unless the task says otherwise.
            desired["enabled"] = True
        if "requiredActions" in desired:
            desired["requiredActions"] = self._required_actions(desired["requiredActions"], current)
        password = self.flags.get("password")
        send_password = password is not None and (current is None or self.flags.get("update_password") == "always")
        if send_password:
            desired["credentials"] = [{"type": "password", "value": password, "temporary": bool(self.flags.get("temporary"))}]
        if current is None and self.flags.get("hashed_credentials"):
            # keycloak_realm_config: the hashed credentials of an export, stored as they are by the create (or the import).
            desired["credentials"] = list(desired.get("credentials") or []) + [dict(item) for item in self.flags["hashed_credentials"]]
        if self.flags.get("temporary") and password is not None and "requiredActions" in desired:
            # A temporary password brings UPDATE_PASSWORD with it; it stays until the user
            # picks a password, and is not the task's to remove.
            pending = "UPDATE_PASSWORD" in ((current or {}).get("requiredActions") or [])
            if (send_password or pending) and "UPDATE_PASSWORD" not in desired["requiredActions"]:
                desired["requiredActions"] = list(desired["requiredActions"]) + ["UPDATE_PASSWORD"]
        return desired

    def _required_actions(self, wanted, current):
        """The realm's spelling of each action; one the realm has not enabled is an error.

        Keycloak drops without a word an action it does not know by that exact alias, or has
        disabled, so the task could never converge. The realm's actions are read only when the
        list is to change, as the earlier plans of this run leave them; in a realm this run creates, they
        are only spelled as the realm will spell them.
        """
        wanted = unique(wanted, key=lambda action: action.lower())
        if set(wanted) == set((current or {}).get("requiredActions") or []):
            return wanted
        planned = self.context.planned_states(self.realm, "required action")
        if self.realm_is_new:
            # Spelled as the new realm will spell them (its built-in actions, and those an earlier plan registers); whether
            # one is enabled is known once the realm exists.
            spelled = dict((alias.lower(), alias) for alias in BUILT_IN_REQUIRED_ACTIONS)
            spelled.update((alias.lower(), alias) for alias, state in planned.items() if state is not None)
            return unique(spelled.get(action.lower(), action) for action in wanted)
        listed = self.context.remembered(self.realm, "required actions", self.api.get_required_actions) or []
        actions = dict((action["alias"], action) for action in listed)
        # As an earlier plan of this run leaves them (keycloak_realm_config registers or enables one, then gives it to users).
        for alias, state in planned.items():
            if state is None:
                actions.pop(alias, None)
            else:
                actions[alias] = dict(actions.get(alias) or {}, **state)
        enabled = dict((action["alias"].lower(), action["alias"]) for action in actions.values() if action.get("enabled"))
        unknown = [action for action in wanted if action.lower() not in enabled]
        if unknown:
            raise PlanError(
                "required action(s) %s: not enabled in the realm (enabled: %s)"
                % (", ".join("'%s'" % action for action in unknown), ", ".join(sorted(enabled.values())))
            )
        return unique(enabled[action.lower()] for action in wanted)

    def _check_profile(self, attributes, current):
        """Refuse attributes the realm's user profile would drop: the task could never converge.

        Keycloak 24+ keeps only attributes its user profile declares, unless unmanaged
        attributes are allowed. The profile is read only when an attribute is to change.
        """
        have = (current or {}).get("attributes") or {}
        changing = [key for key, value in attributes.items() if value is not None and have.get(key) != value]
        if not changing or self.realm_is_new:
            return
        # As an earlier plan of this run leaves it (keycloak_realm_config writes the profile before the users), else as read.
        profile = self.context.planned_states(self.realm, "user profile").get(self.realm)
        if profile is None:
            profile = self.context.remembered(self.realm, "user profile", lambda: or_none(self.api.get_user_profile_config)) or {}
        if not profile or profile.get("unmanagedAttributePolicy") in ("ENABLED", "ADMIN_EDIT"):
            return
        declared = set(attribute.get("name") for attribute in profile.get("attributes") or [])
        dropped = sorted(set(changing) - declared)
        if dropped:
            raise PlanError(
                "attribute(s) %s: not declared in the realm's user profile, which does not allow unmanaged attributes "
                "(unmanagedAttributePolicy: %s), so Keycloak would drop them; declare them with iam.keycloak.keycloak_user_profile "
                "(attributes), or set unmanaged_attribute_policy to ENABLED or ADMIN_EDIT with it"
                % (", ".join("'%s'" % key for key in dropped), profile.get("unmanagedAttributePolicy") or "not set")
            )

    def create(self, context, desired):
        context["id"] = self.api.create_user(desired)
        if "requiredActions" in desired:
            # Keycloak adds the realm's default required actions to every new user, even one
            # created with a list of its own; the task's list is the user's whole list.
            wanted = desired["requiredActions"]
            if set(self.api.get_user(context["id"]).get("requiredActions") or []) != set(wanted):
                self.api.update_user(context["id"], {"requiredActions": wanted})

    def update(self, context, current, merged, changes):
        fields = set(path[0] for path in changes)
        # The password first: one the realm's password policy refuses stops the task before
        # the rest of the user is changed.
        if "credentials" in fields:
            credential = merged["credentials"][0]
            self.api.set_user_password(current["id"], credential["value"], temporary=credential["temporary"])
        if fields - set(("credentials",)):
            payload = dict((field, merged[field]) for field in fields if field != "credentials")
            if "attributes" in payload:
                payload.update((field, merged[field]) for field in _PROFILE_ROOT if merged.get(field) is not None)
            self.api.update_user(current["id"], payload)

    def refuse_delete(self, current):
        login_realm, login_id, login_name = login_of(self.api)
        if self.realm != login_realm:
            return None
        if current.get("id") == login_id or (login_id is None and (current.get("username") or "").lower() == login_name):
            return ("this is the account the task is logged in as (realm '%s'): deleting it would end the task's own "
                    "login; delete it while logged in as another administrator" % login_realm)
        return None

    def delete(self, context, current):
        self.api.delete_user(current["id"])

    def collections(self):
        return {
            "groups": Groups(self),
            "federatedIdentities": FederatedIdentities(self),
            "roleMappings": RoleMappings(self, "user"),
        }


def _state(user):
    """The user as a plan sees it: without ``access`` (what the logged-in admin may do with the user, not the user's
    state; the user list gives it shortened, so a user read alone and one read with every other would differ)."""
    if user is not None:
        user.pop("access", None)
    return user


class Groups(NameCollection):
    """The groups the user is a direct member of, by path (``/engineering/backend``)."""

    name = "groups"

    def __init__(self, handler):
        NameCollection.__init__(self, handler)
        self._ids = {}
        self._paths = None

    @staticmethod
    def normalise(path):
        # As keycloak_group spells paths: "staff/" and "//staff" are the group "/staff".
        return normalise_path(path)

    def read(self, current):
        """The user's group paths: one read, remembered for the plan (``resolve`` reads first)."""
        if current is None:
            return []
        if self._paths is None:
            self._paths = []
            snapshot = self.handler.snapshot()
            for group in snapshot.groups(current["id"]) if snapshot is not None else self.api.get_user_groups(current["id"]):
                self._ids[group["path"]] = group["id"]
                self._paths.append(group["path"])
        return list(self._paths)

    def resolve(self, item, current):
        """Find the group now, so a missing one fails before any write; a group the user is in is known."""
        path = self.normalise(item)
        self.read(current)
        if path not in self._ids:
            # The run keeps the reference for the plans after this one: its lookup holds the client, not this user's plan.
            api = self.api
            self._ids[path] = self.handler.reference("group", path, lambda: find_group(api, path))
        return path

    def _group_id(self, path):
        found = self._ids[path]
        return found if isinstance(found, str) else found.id

    def sent_with_create(self):
        return True

    def add(self, context, item):
        self.api.group_user_add(context["id"], self._group_id(item))

    def remove(self, context, have):
        self.api.group_user_remove(context["id"], self._group_id(have))


class FederatedIdentities(Collection):
    """The user's links to accounts at identity providers, one per provider alias."""

    name = "federatedIdentities"
    ignored = ()

    def __init__(self, handler):
        Collection.__init__(self, handler)
        self._known = set()
        self._links = None

    def key(self, item):
        return item.get("identityProvider")

    @staticmethod
    def link(item):
        return {"identityProvider": item.get("identityProvider"), "userId": item.get("userId"), "userName": item.get("userName")}

    def read(self, current):
        """The user's links: one read, remembered for the plan (``resolve`` reads first)."""
        if current is None:
            return []
        if self._links is None:
            self._links = [self.link(item) for item in self.api.get_user_social_logins(current["id"]) or []]
            self._known.update(link["identityProvider"] for link in self._links)
        return list(self._links)

    def resolve(self, item, current):
        """Find the identity provider now, so a missing one fails before any write; a linked one is known."""
        alias = item.get("identityProvider")
        self.read(current)
        if alias not in self._known:
            self.handler.reference("identity provider", alias, lambda: or_none(self.api.get_idp, alias))
            self._known.add(alias)
        return self.link(item)

    def view(self, item):
        return self.link(item)

    def sent_with_create(self):
        return True

    def add(self, context, item):
        self.api.add_user_social_login(context["id"], item["identityProvider"], item["userId"], item["userName"])

    def update(self, context, have, item):
        # Keycloak cannot change a link in place: it is replaced.
        self.remove(context, have)
        self.add(context, self.merged(have, item))

    def remove(self, context, have):
        self.api.delete_user_social_login(context["id"], have["identityProvider"])


# ------------------------------------------------------------------ reading


def find_users(client, user_id=None, username=None, query=None):
    """Users by id, by exact username, or by the server-side filters of ``query``."""
    if user_id is not None:
        user = or_none(client.get_user, user_id)
        return [user] if user else []
    if username is not None:
        users = client.get_users({"username": username, "exact": True})
        wanted = username.lower()
        return [user for user in users or [] if ("%s" % user.get("username", "")).lower() == wanted]
    ignored = _ignored_next_to_search(client, query)
    if ignored:
        users = _matching(client, query, ignored)
        first = (query or {}).get("first") or 0
        size = (query or {}).get("max")
        return users[first:] if size is None else users[first:first + size]
    return client.get_users(query)


# The filters Keycloak's user count takes (the count has no exact, idp_alias nor idp_user_id).
COUNT_FILTERS = ("search", "email", "firstName", "lastName", "enabled", "emailVerified", "q")
# Keycloak 26.0 takes a search alone: next to ``search`` its user count ignores ``enabled`` and
# ``emailVerified``, and its user list ignores ``emailVerified`` (26.5 honours both in both).
SEARCH_WITH_FILTERS_FROM = (26, 1)
_IGNORED_NEXT_TO_SEARCH = ("enabled", "emailVerified")


def count_users(client, query=None):
    """How many users match the filters of ``query`` on every page (paging left out): Keycloak counts them itself.

    On a server that ignores some filters next to ``search`` (Keycloak 26.0), the matching users are
    listed and counted here instead.
    """
    ignored = _ignored_next_to_search(client, query)
    if ignored:
        return len(_matching(client, query, ignored))
    return client.users_count(dict((key, value) for key, value in (query or {}).items() if key in COUNT_FILTERS and value is not None))


def _ignored_next_to_search(client, query):
    """The filters of ``query`` that this server ignores next to its ``search`` (Keycloak 26.0); the version is read only then."""
    query = query or {}
    named = [key for key in _IGNORED_NEXT_TO_SEARCH if query.get(key) is not None]
    if query.get("search") is None or not named:
        return []
    version = server_version(client)
    return named if version and version < SEARCH_WITH_FILTERS_FROM else []


def _matching(client, query, ignored):
    """Every user the server finds for ``query`` (all pages), kept only if it matches the ``ignored`` filters too."""
    every = dict((key, value) for key, value in query.items() if key not in ("first", "max") and value is not None)
    return [user for user in client.get_users(every) if all(user.get(key) == query[key] for key in ignored)]


def describe_user(client, user, include):
    """``user`` with what ``include`` asks for: group paths, role mappings, credential metadata."""
    if "groups" in include:
        user["groups"] = [group["path"] for group in client.get_user_groups(user["id"])]
    if "roles" in include:
        mappings = client.get_all_roles_of_user(user["id"]) or {}
        user["realmRoles"] = sorted(role["name"] for role in mappings.get("realmMappings") or [])
        user["clientRoles"] = dict(
            (client_id, sorted(role["name"] for role in client_mappings.get("mappings") or []))
            for client_id, client_mappings in (mappings.get("clientMappings") or {}).items()
        )
    if "credentials" in include:
        user["credentials"] = [
            dict((field, credential[field]) for field in CREDENTIAL_METADATA if field in credential)
            for credential in client.get_credentials(user["id"]) or []
        ]
    return user


# ------------------------------------------------------------------ the kind

USER = Kind(
    "user",
    UserHandler,
    key="username",
    key_field="username",
    settings=dict(
        username=dict(type="str", required=True),
        email=dict(type="str"),
        first_name=dict(type="str"),
        last_name=dict(type="str"),
        enabled=dict(type="bool"),
        email_verified=dict(type="bool"),
        attributes=dict(type="dict"),
        required_actions=dict(type="list", elements="str"),
    ),
    items=[
        Items("groups", "groups", dict(type="list", elements="str")),
        Items(
            "federatedIdentities",
            "federated_identities",
            dict(
                type="list",
                elements="dict",
                options=dict(
                    identity_provider=dict(type="str", required=True),
                    user_id=dict(type="str", required=True),
                    user_name=dict(type="str", required=True),
                ),
            ),
        ),
        RoleItems(),
    ],
    flags=dict(
        password=dict(type="str", no_log=True),
        temporary=dict(type="bool", default=False),
        update_password=UPDATE_PASSWORD,
    ),

    peers=dict(
        id="a user is found by its username, never by its id: set username",
        credentials="a password is set with password, temporary and update_password",
    ),
)
