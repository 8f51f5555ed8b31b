# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Organizations (Keycloak 25+): their settings, domains, attributes, members and linked identity providers.

What Keycloak 26 does that shapes this handler:

- Organizations must be enabled in the realm (``organizationsEnabled``); otherwise every
  organization endpoint answers 404 "Organizations not enabled for this realm". A real run
  fails before any write, naming the realm switch; check mode plans as if an earlier task of
  the play turned it on. A server without the feature answers a bare 404: the task fails
  saying so.
- The alias is fixed once the organization exists (400 "Cannot change the alias").
- The list answer leaves ``attributes`` out: the organization is read whole by id. A PUT
  without ``attributes`` keeps them, and the PUT here carries the fresh object anyway.
- Members are users, added by id (a bare JSON string). A managed member (made by the
  organization's identity provider at a first login) is deleted with its membership, so
  ``purge_members`` never removes one.
- A linked identity provider's domain (``kc.org.domain``) and "redirect when the e-mail domain
  matches" (``kc.org.broker.redirect.mode.email-matches``) are config keys of the provider,
  written through the provider; the domain must be one of the organization's.
- Organization groups are not in Keycloak 26.5's admin API.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ..client.exceptions import KeycloakError
from ..context import REALM_NOT_FOUND
from ..engine import Collection, Handler, NameCollection, PlanError, list_map
from ..kind import Items, Kind
from .common import kept_attributes, or_none

DOMAIN = "kc.org.domain"
REDIRECT = "kc.org.broker.redirect.mode.email-matches"
NOT_ENABLED = "Organizations not enabled"
MANAGED = "MANAGED"


def _says(error, text):
    """Whether Keycloak's answer holds ``text`` (the client keeps it as bytes or text)."""
    for value in (getattr(error, "description", None), error.error_message, "%s" % error):
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if value and text in value:
            return True
    return False


def _bool_text(value):
    if value is None:
        return None
    return "true" if value in (True, "true", "True") else "false"


# Characters Keycloak refuses in an organization's alias (URI delimiters and space): seen on Keycloak 26.5.
_RESERVED = frozenset(" :/?#[]@!$&()*+,;=\\")


class OrganizationHandler(Handler):
    """An organization found by its name."""

    kind = "organization"
    set_fields = ("domains",)
    ignored_fields = ("id",)
    not_in_representation = {"members": "use the members option", "identityProviders": "use the identity_providers option"}

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.domains = set()
        # username -> membershipType, as read (a managed member is never purged).
        self.member_types = {}

    def read(self, key):
        try:
            found = [item for item in self.api.get_organizations({"search": key, "exact": True}) or [] if item.get("name") == key]
        except KeycloakError as error:
            if error.not_found and _says(error, NOT_ENABLED):
                return self._not_enabled()
            if error.not_found and not _says(error, REALM_NOT_FOUND):
                raise PlanError("this Keycloak has no organizations (Keycloak 25 or later, with the ORGANIZATION feature): %s" % error)
            raise
        if not found:
            return None
        return self.api.get_organization(found[0]["id"])

    def _not_enabled(self):
        planned = self.context.planned_states(self.realm, "realm").get(self.realm) or {}
        if planned.get("organizationsEnabled") in (True, "true"):
            # An earlier plan of this run turns them on (keycloak_realm_config's realm settings): nothing to find yet.
            return None
        what = "organizations are not enabled in realm '%s'" % self.realm
        if not self.context.assume_missing:
            raise PlanError("%s; turn them on with iam.keycloak.keycloak_realm (organizations_enabled: true)" % what)
        if self.context.play is not None:
            raise PlanError("%s, and no earlier task of the play turns them on (iam.keycloak.keycloak_realm: organizations_enabled: true)" % what)
        self.context.warn("%s; planned as if an earlier task turns them on" % what)
        return None

    def prepare(self, desired, current):
        have = current or {}
        if current is not None and desired.get("alias") not in (None, current.get("alias")):
            raise PlanError("alias: Keycloak cannot change the alias of an organization (this one is '%s')" % current.get("alias"))
        if "domains" in desired:
            desired["domains"] = [dict(domain, verified=bool(domain.get("verified"))) for domain in desired["domains"]]
            names = [domain["name"] for domain in desired["domains"]]
            if len(names) != len(set(names)):
                raise PlanError("domains: a domain is listed more than once")
        if current is None and not desired.get("domains"):
            # Keycloak 26 refuses an organization without a domain.
            raise PlanError("a new organization needs at least one domain (domains)")
        if current is None:
            self._check_alias(desired)
        if "attributes" in desired:
            desired["attributes"] = kept_attributes(list_map(desired["attributes"]), have)
        self.domains = set(domain["name"] for domain in desired.get("domains", have.get("domains")) or [])
        return desired

    @staticmethod
    def _check_alias(desired):
        """Keycloak takes the name as alias unless one is given, and refuses an alias with a URI-reserved character (400)."""
        alias = desired.get("alias") or desired.get("name") or ""
        reserved = sorted(set(character for character in alias if character in _RESERVED))
        if reserved:
            source = "alias" if desired.get("alias") else "name (the alias, since no alias is set)"
            suggestion = re.sub(r"-+", "-", "".join("-" if character in _RESERVED else character for character in alias.lower())).strip("-")
            raise PlanError("%s '%s' holds %s, which Keycloak refuses in an organization alias: set alias, for example '%s'"
                            % (source, alias, " ".join("'%s'" % character for character in reserved), suggestion))

    def created_view(self, desired):
        view = copy.deepcopy(desired)
        view.setdefault("enabled", True)
        view.setdefault("alias", desired.get("name"))
        return view

    def create(self, context, desired):
        payload = dict((key, value) for key, value in desired.items() if key not in self.not_in_representation)
        context["id"] = self.api.create_organization(payload)

    def update(self, context, current, merged, changes):
        payload = dict((key, value) for key, value in merged.items() if key not in self.not_in_representation)
        self.api.update_organization(current["id"], payload)

    def delete(self, context, current):
        self.api.delete_organization(current["id"])

    def purges(self, name, have):
        if name == "members" and self.member_types.get(have) == MANAGED:
            return False
        return Handler.purges(self, name, have)

    def collections(self):
        return {"members": Members(self), "identityProviders": LinkedProviders(self)}


class Members(NameCollection):
    """Members by username; a managed member is never purged (Keycloak would delete the user)."""

    name = "members"

    def __init__(self, handler):
        NameCollection.__init__(self, handler)
        self._members = None
        self._ids = {}

    def read(self, current):
        if current is None or current.get("id") is None:
            return []
        if self._members is None:
            self._members = dict((user["username"], user) for user in self.api.get_organization_members(current["id"]) or [])
            self.handler.member_types.update((name, user.get("membershipType")) for name, user in self._members.items())
        return sorted(self._members)

    def resolve(self, item, current):
        username = item.lower()
        self.read(current)
        if username not in (self._members or {}):
            self._ids[username] = self.handler.reference("user", username, lambda: self.api.get_user_id(username),
                                                         what="user '%s' (member)" % username)
        return username

    def add(self, context, item):
        self.api.organization_user_add(self._ids[item].id, context["id"])

    def remove(self, context, have):
        self.api.organization_user_remove(self._members[have]["id"], context["id"])


class LinkedProviders(Collection):
    """Identity providers linked to the organization, by alias, with their domain and redirect setting."""

    name = "identityProviders"
    ignored = ()

    def __init__(self, handler):
        Collection.__init__(self, handler)
        self._linked = None

    def key(self, item):
        return item.get("alias")

    @staticmethod
    def link(provider):
        config = provider.get("config") or {}
        item = {"alias": provider["alias"]}
        if config.get(DOMAIN):
            item["domain"] = config[DOMAIN]
        if config.get(REDIRECT) is not None:
            item["redirectEmailMatches"] = config[REDIRECT] == "true"
        return item

    def read(self, current):
        if current is None or current.get("id") is None:
            return []
        if self._linked is None:
            self._linked = [self.link(provider) for provider in self.api.get_organization_idps(current["id"]) or []]
        return list(self._linked)

    def resolve(self, item, current):
        alias = item["alias"]
        linked = alias in [entry["alias"] for entry in self.read(current)]
        if not linked:
            found = self.handler.reference("identity provider", alias, lambda: or_none(self.api.get_idp, alias),
                                           what="identity provider '%s'" % alias)
            if found.exists and found.value.get("organizationId"):
                raise PlanError("identity provider '%s' is linked to another organization already" % alias)
        domain = item.get("domain")
        if domain and domain != "ANY" and domain not in self.handler.domains:
            raise PlanError("identity provider '%s': domain '%s' is not a domain of the organization (%s)"
                            % (alias, domain, ", ".join(sorted(self.handler.domains))))
        return item

    def differs(self, have, wanted):
        return any(wanted.get(field) is not None and wanted[field] != have.get(field) for field in ("domain", "redirectEmailMatches"))

    def add(self, context, item):
        self.api.organization_idp_add(context["id"], item["alias"])
        self._configure(item)

    def update(self, context, have, item):
        self._configure(item)

    def _configure(self, item):
        if item.get("domain") is None and item.get("redirectEmailMatches") is None:
            return
        provider = self.api.get_idp(item["alias"])
        config = dict(provider.get("config") or {})
        if item.get("domain") is not None:
            config[DOMAIN] = item["domain"]
        if item.get("redirectEmailMatches") is not None:
            config[REDIRECT] = _bool_text(item["redirectEmailMatches"])
        self.api.update_idp(item["alias"], dict(provider, config=config))

    def remove(self, context, have):
        self.api.organization_idp_remove(context["id"], have["alias"])


# ------------------------------------------------------------------ reading


def turned_on_by_play(error, play, realm):
    """Whether ``error`` says the realm has no organizations while an earlier task of the play (``context.PlayPlan``) turns them
    on: an info module's dry run then reads none, as a new realm has."""
    state = ((play.states.get((realm, "realm")) or {}).get(realm) or {}) if play is not None else {}
    return error.not_found and _says(error, NOT_ENABLED) and state.get("organizationsEnabled") in (True, "true")


def find_organizations(api, name=None, search=None, include=()):
    """The realm's organizations (whole), by exact ``name`` or ``search`` (name or domain); with members and providers when asked."""
    if name is not None:
        found = [item for item in api.get_organizations({"search": name, "exact": True}) or [] if item.get("name") == name]
    else:
        found = api.get_organizations({"search": search} if search else None) or []
    result = []
    for brief in sorted(found, key=lambda item: item.get("name") or ""):
        organization = api.get_organization(brief["id"])
        if "members" in include:
            organization["members"] = sorted(
                ({"username": user["username"], "membershipType": user.get("membershipType")} for user in api.get_organization_members(brief["id"]) or []),
                key=lambda member: member["username"])
        if "identity_providers" in include:
            organization["identityProviders"] = sorted((LinkedProviders.link(provider) for provider in api.get_organization_idps(brief["id"]) or []),
                                                       key=lambda item: item["alias"])
        result.append(organization)
    return result


# ------------------------------------------------------------------ the kind

ORGANIZATION = Kind(
    "organization",
    OrganizationHandler,
    key="name",
    key_field="name",
    settings=dict(
        name=dict(type="str", required=True),
        alias=dict(type="str"),
        description=dict(type="str"),
        redirect_url=dict(type="str"),
        enabled=dict(type="bool"),
        domains=dict(type="list", elements="dict", options=dict(name=dict(type="str", required=True), verified=dict(type="bool", default=False))),
        attributes=dict(type="dict"),
    ),
    items=[
        Items("members", "members", dict(type="list", elements="str")),
        Items("identityProviders", "identity_providers", dict(type="list", elements="dict", options=dict(
            alias=dict(type="str", required=True),
            domain=dict(type="str"),
            redirect_email_matches=dict(type="bool"),
        ))),
    ],
)
