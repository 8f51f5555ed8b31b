# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Import a realm, or resources into a realm; export a realm.

What Keycloak 26 does that shapes these operations:

- ``POST /admin/realms`` with a whole RealmRepresentation creates the realm with everything in it.
- ``POST partialImport`` adds users, clients, groups, realm and client roles and identity providers to an
  existing realm. What exists already fails the whole import (``FAIL``), is left as it is (``SKIP``), or is
  deleted and created again (``OVERWRITE``: new ids, and a user loses what the representation does not
  carry). It answers what it added, skipped and overwrote.
- A group without its ``path`` makes the partial import fail with a 500; a top-level group's path is
  filled in here.
- ``partial-export`` masks every secret (``**********``); a client's secret can be read one by one.

So the import plans: it reads whether each resource exists, predicts Keycloak's answer (check mode reports
it without writing), refuses an existing resource with ``FAIL`` before anything is sent, and sends nothing
when every resource would be skipped, so a rerun with ``SKIP`` changes nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import os

from ..context import or_none
from ..engine import KEYCLOAK_MASK, MASK, SECRET_KEYS, mask
from ..bulk import UserSnapshot
from ..realm_document import as_config, users_of
from ..client.exceptions import KeycloakError
from .base import Operation, OperationSpec, PlanError, readable

PARTS = ("users", "clients", "groups", "roles", "identityProviders")
ACTIONS = {"SKIP": "SKIPPED", "OVERWRITE": "OVERWRITTEN"}


def secrets_in(value, path=""):
    """Paths of the secret values (not masked ones) in a representation."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            here = "%s.%s" % (path, key) if path else key
            if key in SECRET_KEYS and isinstance(item, str) and item and item not in (KEYCLOAK_MASK, MASK):
                found.append(here)
            elif key == "credentials" and item:
                found.append(here)
            else:
                found.extend(secrets_in(item, here))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            found.extend(secrets_in(item, "%s[%d]" % (path, number)))
    return found


class RealmImport(Operation):
    def describe(self):
        return "import into realm '%s'" % self.realm

    def representation(self):
        if self.args["src"]:
            try:
                with open(self.args["src"], encoding="utf-8") as handle:
                    representation = json.load(handle)
            except (IOError, OSError, ValueError) as error:
                raise PlanError("cannot read %s as JSON: %s" % (self.args["src"], error))
        else:
            representation = copy.deepcopy(self.args["representation"])
            found = secrets_in(representation)
            if found and not self.task_no_log:
                raise PlanError("representation holds secrets (%s): read it from a file with src, or run the task with no_log: true"
                                % ", ".join(found[:5]))
        if not isinstance(representation, dict):
            raise PlanError("the representation must be a JSON object (a RealmRepresentation)")
        if representation.get("realm") not in (None, self.realm):
            raise PlanError("the representation is of realm '%s', the task imports into realm '%s'" % (representation["realm"], self.realm))
        representation["realm"] = self.realm
        if self.args["strip_ids"]:
            representation = without_ids(representation)
        for group in representation.get("groups") or []:
            group.setdefault("path", "/" + group.get("name", ""))
        return representation

    def plan(self):
        plan = self.new_plan()
        representation = self.representation()
        policy = self.args["if_resource_exists"]
        realm = None if self.realm_is_new else self.lookup_realm()
        predicted = self.predict(representation, policy, realm is not None)
        plan.result.update(added=_count(predicted, "ADDED"), skipped=_count(predicted, "SKIPPED"), overwritten=_count(predicted, "OVERWRITTEN"),
                           results=predicted)
        if realm is None:
            plan.result["realm_created"] = True
            self.context.will_create(self.realm, "realm", self.realm)
            # As keycloak_realm: a realm created without ``enabled`` is enabled (Keycloak would create it disabled).
            representation.setdefault("enabled", True)

            def create():
                try:
                    return self.api.import_realm(representation)
                except KeycloakError as error:
                    hint = _strip_ids_hint(readable(error)) if error.conflict and not self.args["strip_ids"] else None
                    if hint:
                        error.description = "%s: %s" % (readable(error), hint)
                    raise

            plan.add("create realm '%s' from the representation (%d resource(s))" % (self.realm, len(predicted)), "realm created", create)
            return plan
        plan.result["realm_created"] = False
        ignored = sorted(key for key in representation if key not in PARTS + ("realm", "id", "ifResourceExists", "policy"))
        if ignored:
            self.context.warn("realm '%s' exists: only %s are imported into it; the representation's %s are not (see iam.keycloak.keycloak_realm)"
                              % (self.realm, ", ".join(PARTS), ", ".join(ignored[:8]) + (" ..." if len(ignored) > 8 else "")))
        if not plan.result["added"] and not plan.result["overwritten"]:
            plan.result["_nothing"] = "every resource exists already (%s)" % policy
            return plan
        payload = dict((key, representation[key]) for key in PARTS if representation.get(key))
        payload["ifResourceExists"] = policy
        plan.add("import %d resource(s), %s %d existing one(s)" % (
            plan.result["added"] + plan.result["overwritten"], "overwriting" if policy == "OVERWRITE" else "skipping",
            plan.result["overwritten"] + plan.result["skipped"]),
            "imported", lambda: self.api.partial_import_realm(self.realm, payload))

        def reported(done):
            answer = done.outputs[-1] or {}
            results = sorted(answer.get("results") or [], key=lambda item: (item.get("resourceType") or "", item.get("resourceName") or ""))
            done.result.update(added=answer.get("added", 0), skipped=answer.get("skipped", 0), overwritten=answer.get("overwritten", 0),
                               results=[dict((k, v) for k, v in item.items() if k != "id") for item in results])

        plan.after_apply.append(reported)
        return plan

    def lookup_realm(self):
        from ..context import realm_or_none

        return realm_or_none(self.api.get_realm, self.realm)

    def predict(self, representation, policy, exists):
        """``[{action, resourceType, resourceName}]`` as Keycloak would answer; an existing resource with FAIL is an error."""
        found = []

        def judge(kind, name, present, planned=None):
            if present and policy == "FAIL":
                raise PlanError("%s '%s' exists in realm '%s' (if_resource_exists: FAIL); nothing was imported" % (kind.lower(), name, self.realm))
            found.append({"action": ACTIONS[policy] if present else "ADDED", "resourceType": kind, "resourceName": name})
            if not present and planned is not None:
                # What the later tasks of the play may name (a dry run's plan of the play).
                self.context.will_create(self.realm, planned[0], planned[1])

        def subgroups(group):
            for child in group.get("subGroups") or []:
                path = child.get("path") or "%s/%s" % (group.get("path"), child.get("name"))
                self.context.will_create(self.realm, "group", path)
                subgroups(dict(child, path=path))

        api = self.api
        for user in representation.get("users") or []:
            judge("USER", user.get("username"), exists and api.get_user_id(user.get("username")) is not None, ("user", user.get("username")))
        clients = dict((client.get("clientId"), client) for client in representation.get("clients") or [])
        for client_id in clients:
            judge("CLIENT", client_id, exists and api.get_client_id(client_id) is not None, ("client", client_id))
        for group in representation.get("groups") or []:
            present = exists and or_none(api.get_group_by_path, group.get("path")) is not None
            judge("GROUP", group.get("name"), present, ("group", group.get("path")))
            if not present:
                subgroups(group)
        roles = representation.get("roles") or {}
        for role in roles.get("realm") or []:
            judge("REALM_ROLE", role.get("name"), exists and or_none(api.get_realm_role, role.get("name")) is not None, ("role", ("", role.get("name"))))
        for client_id, client_roles in sorted((roles.get("client") or {}).items()):
            uuid = api.get_client_id(client_id) if exists else None
            for role in client_roles or []:
                present = uuid is not None and or_none(api.get_client_role, uuid, role.get("name")) is not None
                judge("CLIENT_ROLE", "%s-->%s" % (client_id, role.get("name")), present, ("role", (client_id, role.get("name"))))
        for provider in representation.get("identityProviders") or []:
            alias = provider.get("alias")
            judge("IDP", alias, exists and or_none(api.get_idp, alias) is not None, ("identity provider", alias))
        return sorted(found, key=lambda item: (item["resourceType"], item["resourceName"] or ""))


def without_ids(value):
    """``value`` without the server ids (``id``, ``containerId``), so that every resource gets a new one."""
    if isinstance(value, dict):
        return dict((key, without_ids(item)) for key, item in value.items() if key not in ("id", "containerId"))
    if isinstance(value, list):
        return [without_ids(item) for item in value]
    return value


def _strip_ids_hint(message):
    """What to do about a 409 to a realm import (the realm itself is known to be new), or None.

    Keycloak 26.5 says an id is taken ("Duplicate resource"); Keycloak 26.0 only answers
    "Conflict detected. See logs for details" (its log names the duplicate key).
    """
    if "Duplicate resource" in message:
        return "the representation's ids are taken on this server (an export of one of its realms); set strip_ids: true to give every resource a new id"
    if "Conflict detected" in message:
        return ("Keycloak does not say what conflicts (its log does); when the representation is an export of a realm of this server, "
                "its ids are taken: set strip_ids: true to give every resource a new id")
    return None


def _count(results, action):
    return len([item for item in results if item["action"] == action])


class RealmExport(Operation):
    def describe(self):
        return "export of realm '%s'" % self.realm

    def plan(self):
        self.require_no_log("include_secrets")
        if self.args["include_users"] and self.args["format"] != "config":
            raise PlanError("include_users needs format: config (Keycloak's partial export has no users)")
        if self.args["include_defaults"] and self.args["format"] != "config":
            raise PlanError("include_defaults needs format: config (format: export is Keycloak's partial export as it is)")
        plan = self.new_plan()
        plan.result["realm_export"] = {}
        if self.args["format"] == "config":
            plan.result.update(config={}, config_secrets={})
        if self.realm_is_new or self.lookup(self.api.get_realm, self.realm) is None:
            return plan
        exported = self.api.export_realm(export_clients=self.args["include_clients"], export_groups_and_role=self.args["include_groups_and_roles"])
        if self.args["include_secrets"]:
            for client in exported.get("clients") or []:
                if client.get("secret") == KEYCLOAK_MASK and client.get("id"):
                    client["secret"] = (self.api.get_client_secrets(client["id"]) or {}).get("value")
        else:
            exported = mask(exported)
        plan.result["realm_export"] = exported
        written = exported
        if self.args["format"] == "config":
            written, placeholders = as_config(exported, defaults=self.args["include_defaults"])
            if self.args["include_users"]:
                # Read page by page, with memberships and role mappings from the groups' and roles' side (no request per
                # user); identity provider links are one request per user, only where the realm has providers.
                identities = self.api.get_user_social_logins if exported.get("identityProviders") else None
                written["users"] = (written.get("users") or []) + users_of(UserSnapshot(self.api), identities)
            plan.result["config"] = written
            plan.result["config_secrets"] = placeholders
        dest = self.args["dest"]
        plan.result["_nothing"] = "exported"
        if dest:
            text = json.dumps(written, indent=2, sort_keys=True) + "\n"
            try:
                with open(dest, encoding="utf-8") as handle:
                    same = handle.read() == text
            except (IOError, OSError):
                same = False
            if same:
                plan.result["_nothing"] = "exported; %s is up to date" % dest
            else:
                plan.add("write the export to %s" % dest, "written to %s" % dest, lambda: _write_private(dest, text))
        return plan


def _write_private(path, text):
    """Write ``text`` to ``path``, readable by its owner only (an export may hold secrets)."""
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(folder, ".%s.tmp" % os.path.basename(path))
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


REALM_IMPORT = OperationSpec(
    "realm_import",
    RealmImport,
    options=dict(
        src=dict(type="path"),
        representation=dict(type="dict"),
        if_resource_exists=dict(type="str", choices=["FAIL", "SKIP", "OVERWRITE"], default="SKIP"),
        strip_ids=dict(type="bool", default=False),
    ),
    common=dict(realm=dict(type="str", required=True)),
    module=dict(required_one_of=[["src", "representation"]], mutually_exclusive=[["src", "representation"]]),
)

REALM_EXPORT = OperationSpec(
    "realm_export",
    RealmExport,
    options=dict(
        include_clients=dict(type="bool", default=False),
        include_groups_and_roles=dict(type="bool", default=False),
        include_secrets=dict(type="bool", default=False, no_log=False),
        format=dict(type="str", choices=["export", "config"], default="export"),
        include_users=dict(type="bool", default=False),
        include_defaults=dict(type="bool", default=False),
        dest=dict(type="path"),
    ),
    common=dict(realm=dict(type="str", required=True)),
)
