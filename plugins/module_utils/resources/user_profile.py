# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The realm's declarative user profile: its attributes, attribute groups and unmanaged attribute policy.

One object per realm (``GET/PUT admin/realms/<realm>/users/profile``), always there, written
whole. What Keycloak 26 does that shapes this handler:

- The PUT replaces the whole profile: an attribute or group missing from it is deleted. So
  the handler lays the task's attributes over the profile as read in this run, by name, and
  writes the result; attributes and groups the task does not list are kept unless purged, and
  the built-in attributes (username, email, firstName, lastName) are never purged.
- ``unmanagedAttributePolicy`` absent means disabled: ``DISABLED`` stands for that absence.
- An unknown validator or attribute group is refused by the PUT; both are checked while
  planning, so check mode says so too.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ..engine import Handler, PlanError
from ..kind import Kind

BUILT_IN_ATTRIBUTES = ("username", "email", "firstName", "lastName")
POLICIES = ["ENABLED", "ADMIN_EDIT", "ADMIN_VIEW", "DISABLED"]
DISABLED = "DISABLED"
VALIDATOR_TYPE = "org.keycloak.validate.Validator"
# Where an export keeps the profile: the config of the realm's component of this type, as one JSON text.
USER_PROFILE_TYPE = "org.keycloak.userprofile.UserProfileProvider"
USER_PROFILE_KEY = "kc.user.profile.config"

# The profile of a new realm (Keycloak 26): what a realm the run creates starts with.
_PERMISSIONS = {"view": ["admin", "user"], "edit": ["admin", "user"]}
_REQUIRED = {"roles": ["user"]}
_NAME_CHARACTERS = {"length": {"max": 255}, "person-name-prohibited-characters": {}}
DEFAULT_PROFILE = {
    "attributes": [
        {"name": "username", "displayName": "${username}", "validations": {"length": {"min": 3, "max": 255}, "username-prohibited-characters": {},
                                                                           "up-username-not-idn-homograph": {}},
         "permissions": _PERMISSIONS, "multivalued": False},
        {"name": "email", "displayName": "${email}", "validations": {"email": {}, "length": {"max": 255}}, "required": _REQUIRED,
         "permissions": _PERMISSIONS, "multivalued": False},
        {"name": "firstName", "displayName": "${firstName}", "validations": _NAME_CHARACTERS, "required": _REQUIRED,
         "permissions": _PERMISSIONS, "multivalued": False},
        {"name": "lastName", "displayName": "${lastName}", "validations": _NAME_CHARACTERS, "required": _REQUIRED,
         "permissions": _PERMISSIONS, "multivalued": False},
    ],
    "groups": [{"name": "user-metadata", "displayHeader": "User metadata", "displayDescription": "Attributes, which refer to user metadata"}],
    "unmanagedAttributePolicy": DISABLED,
}


def laid_over(have, wanted, purge, keep=()):
    """The named items of ``have`` with those of ``wanted`` laid over them, in ``have``'s order, new ones last.

    Each field a wanted item gives replaces that field whole; fields it does not give keep their
    value. Items not wanted are dropped when ``purge`` is true, unless named in ``keep``.
    """
    wanted_by_name = dict((item["name"], item) for item in wanted)
    result = []
    for item in have or []:
        name = item.get("name")
        if name in wanted_by_name:
            merged = copy.deepcopy(item)
            merged.update(copy.deepcopy(wanted_by_name.pop(name)))
            result.append(merged)
        elif not purge or name in keep:
            result.append(copy.deepcopy(item))
    names = [item["name"] for item in wanted]
    result.extend(copy.deepcopy(wanted_by_name[name]) for name in names if name in wanted_by_name)
    return result


def _unique_names(items, what):
    names = [item.get("name") for item in items]
    if any(not name for name in names):
        raise PlanError("every %s needs a name" % what)
    repeated = sorted(set(name for name in names if names.count(name) > 1))
    if repeated:
        raise PlanError("%s %s listed more than once" % (what, ", ".join("'%s'" % name for name in repeated)))


class UserProfileHandler(Handler):
    """The user profile of the request's realm (the key is the realm's name)."""

    kind = "user profile"

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self._validators = None

    def describe(self, key):
        return "user profile of realm '%s'" % key

    def read(self, key):
        profile = self.api.get_user_profile_config()
        if profile is not None:
            profile.setdefault("unmanagedAttributePolicy", DISABLED)
        return profile

    def missing(self):
        # Every realm has a user profile: a realm the run creates (or that check mode assumes) has the default one.
        return copy.deepcopy(DEFAULT_PROFILE)

    def identity(self, current):
        return None

    def prepare(self, desired, current):
        return self.compose(desired, current)

    def compose(self, desired, current):
        """The desired profile: the task's attributes and groups laid over ``current``'s, checked."""
        desired = copy.deepcopy(desired)
        attributes = desired.get("attributes")
        groups = desired.get("groups")
        if attributes is not None:
            _unique_names(attributes, "attribute")
            self._check_validators(attributes, current)
            desired["attributes"] = laid_over(current.get("attributes"), attributes, self.flags.get("purge_attributes"), BUILT_IN_ATTRIBUTES)
        if groups is not None:
            _unique_names(groups, "attribute group")
            desired["groups"] = laid_over(current.get("groups"), groups, self.flags.get("purge_groups"))
        final_groups = set(group.get("name") for group in desired.get("groups", current.get("groups")) or [])
        for attribute in desired.get("attributes", current.get("attributes")) or []:
            group = attribute.get("group")
            if group and group not in final_groups:
                purged = group in set(item.get("name") for item in current.get("groups") or [])
                raise PlanError(
                    "attribute '%s' is in the attribute group '%s', which %s" % (
                        attribute["name"], group, "purge_groups would delete; list the group, or move the attribute" if purged else
                        "is not a group of the user profile (groups: %s); list it in groups" % ", ".join(sorted(final_groups)))
                )
        return desired

    def _check_validators(self, attributes, current):
        """Validators Keycloak does not have are refused (it would refuse the whole PUT); the server's list is read only for new ones."""
        have = set()
        for attribute in current.get("attributes") or []:
            have.update((attribute.get("validations") or {}).keys())
        wanted = set()
        for attribute in attributes:
            wanted.update((attribute.get("validations") or {}).keys())
        new = wanted - have
        if not new:
            return
        if self._validators is None:
            info = self.api.get_server_info() or {}
            self._validators = set(item["id"] for item in (info.get("componentTypes") or {}).get(VALIDATOR_TYPE) or [])
        unknown = sorted(new - self._validators)
        if unknown:
            users = sorted(attribute["name"] for attribute in attributes if set((attribute.get("validations") or {}).keys()) & set(unknown))
            raise PlanError("attribute(s) %s: Keycloak has no validator %s (it has: %s)" % (
                ", ".join("'%s'" % name for name in users), ", ".join("'%s'" % name for name in unknown), ", ".join(sorted(self._validators))))

    def create(self, context, desired):
        # Never planned: missing() gives every realm a profile to update.
        raise PlanError("a user profile is never created")

    def update(self, context, current, merged, changes):
        if self.realm_is_new:
            # Planned against the default profile of a realm the run creates: lay the task over the real one now.
            current = self.read(self.request.key)
            merged = dict(current, **self.compose(self.request.representation, current))
        payload = copy.deepcopy(merged)
        if payload.get("unmanagedAttributePolicy") == DISABLED:
            del payload["unmanagedAttributePolicy"]
        self.api.update_user_profile_config(payload)

    def delete(self, context, current):
        raise PlanError("a user profile cannot be deleted")


# ------------------------------------------------------------------ the kind

_ATTRIBUTE = dict(
    name=dict(type="str", required=True),
    display_name=dict(type="str"),
    validations=dict(type="dict"),
    annotations=dict(type="dict"),
    required=dict(type="dict"),
    permissions=dict(type="dict"),
    selector=dict(type="dict"),
    group=dict(type="str"),
    multivalued=dict(type="bool"),
)
_GROUP = dict(
    name=dict(type="str", required=True),
    display_header=dict(type="str"),
    display_description=dict(type="str"),
    annotations=dict(type="dict"),
)

USER_PROFILE = Kind(
    "user_profile",
    UserProfileHandler,
    key="realm",
    common=dict(realm=dict(type="str", default="master"), representation=dict(type="dict")),
    settings=dict(
        unmanaged_attribute_policy=dict(type="str", choices=POLICIES),
        attributes=dict(type="list", elements="dict", options=_ATTRIBUTE),
        groups=dict(type="list", elements="dict", options=_GROUP),
    ),
    flags=dict(
        purge_attributes=dict(type="bool", default=False),
        purge_groups=dict(type="bool", default=False),
    ),
)
