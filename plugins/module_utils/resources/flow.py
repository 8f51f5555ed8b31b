# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Authentication flows: a top-level flow, its ordered tree of executions and sub-flows, their
authenticator configs, and the realm bindings that use it.

A flow is changed in place, never deleted and created again (that would break live logins and
change the ids clients' overrides point at): the task's tree is matched against the server's,
level by level, and only the differences are written: executions added or removed, requirements,
priorities, sub-flow descriptions and configs set. See docs/flows.md.

What Keycloak 26 does that shapes this handler:

- ``GET flows/{alias}/executions`` lists the whole tree flat (``level``, ``index``), with each
  execution's ``requirementChoices``, ``configurable`` and ``priority``; a sub-flow shows its alias
  as ``displayName``, a form sub-flow its form as ``providerId``; ``alias`` is the alias of the
  execution's config and ``authenticationConfig`` its id.
- Keycloak stores any requirement it is sent (CONDITIONAL on an authenticator, ALTERNATIVE where
  only REQUIRED works), so requirements are checked here against the choices the server tells.
  The server tells them per execution only: for an execution not created yet, they are those of
  the same provider elsewhere in the flow or the realm.
- An execution or sub-flow is added DISABLED, at the priority it is sent (without one, two
  executions may get the same priority). Its PUT sets requirement and priority and needs the
  execution as read (a PUT without requirement answers 500).
- A flow's PUT takes the whole flow: one sent without ``topLevel`` stops being top-level.
- Built-in flows take requirement, priority and config changes, but no execution is added to or
  removed from them (400).
- A copy names its sub-flows and configs ``<new alias> <old alias>``.
- Deleting a flow that the realm, a client override or an identity provider uses answers 500:
  the uses are named here first.
- Config aliases are unique in the realm (409). Up to Keycloak 26.6 config values come back in
  clear, secret ones too (the provider's config description says which are secret): they are
  masked here. From 26.7 the server shows ``**********`` for every value its providers do not
  declare as a non-secret property (secret ones, and keys added by hand), realm export included;
  a PUT that sends that mask keeps the stored value (a mask for a key with no value stores
  nothing), one that leaves a key out removes it. A masked value is set but unknown: a task's
  value is never compared with it (a changed secret is not seen; it is sent with the next
  change of that config), keys the task does not give are sent back masked, so they are kept.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ..client.exceptions import KeycloakError, KeycloakOperationError
from ..context import BUILT_IN_FLOWS, TEMPLATE_REALM
from ..engine import KEYCLOAK_MASK, MASK, MASK_CHANGED, Handler, PlanError, string_map
from ..kind import Kind
from .common import differs_from_stored, or_none

REQUIREMENTS = ["REQUIRED", "ALTERNATIVE", "CONDITIONAL", "DISABLED"]
FLOW_TYPES = ["basic-flow", "client-flow"]
SUBFLOW_TYPES = ["basic-flow", "form-flow"]
# bind_as name -> the realm field that binds a flow by alias.
BINDINGS = {
    "browser": "browserFlow",
    "registration": "registrationFlow",
    "direct_grant": "directGrantFlow",
    "reset_credentials": "resetCredentialsFlow",
    "client_authentication": "clientAuthenticationFlow",
    "docker": "dockerAuthenticationFlow",
    "first_broker_login": "firstBrokerLoginFlow",
}
# The one binding that runs client authenticators: it takes a client-flow, every other a basic-flow.
CLIENT_BINDING = "client_authentication"
# Requirement choices Keycloak gives a sub-flow of each type (its own rule, not a provider's):
# used when no sub-flow of that type is in sight to ask.
SUBFLOW_CHOICES = {"basic-flow": ["REQUIRED", "ALTERNATIVE", "DISABLED", "CONDITIONAL"], "form-flow": ["REQUIRED", "DISABLED"]}
# Which providers an execution may use, by the type of the flow that holds it.
PROVIDER_LISTS = {
    "basic-flow": "authenticator",
    "client-flow": "client authenticator",
    "form-flow": "form action",
}
# Words that make a config key a secret when the provider's config description cannot be read.
_SECRET_WORDS = ("secret", "password", "credential", "token")

CONFIG_OPTIONS = dict(alias=dict(type="str", required=True), config=dict(type="dict"),
                      state=dict(type="str", choices=["present", "absent"], default="present"))
EXECUTION_OPTIONS = dict(
    authenticator=dict(type="str"),
    flow_alias=dict(type="str"),
    provider_id=dict(type="str", choices=SUBFLOW_TYPES),
    description=dict(type="str"),
    requirement=dict(type="str", choices=REQUIREMENTS),
    config=dict(type="dict", options=CONFIG_OPTIONS),
    # Sub-flows nest to any depth: Ansible checks the first level, ``wanted_items`` every level.
    executions=dict(type="list", elements="dict"),
)


class BuiltInFlowShape(PlanError):
    """A built-in flow asked for executions it does not have, or without some it has (Keycloak adds none and removes none)."""


class RefusedRequirement(KeycloakOperationError):
    """An execution added by this run does not allow the requirement asked (told only once it exists)."""


def _a(noun):
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _text(value):
    return value or ""


# --------------------------------------------------------------- the task's tree


def wanted_items(items, where="executions"):
    """The task's executions, checked at every level and completed (every key present).

    Ansible checks the first level against ``EXECUTION_OPTIONS``; deeper levels of sub-flows are
    checked here with the same rules, so a mistake anywhere fails before anything is read.
    """
    result = _wanted_level(items, where)
    seen_flows, seen_configs = {}, {}
    for path, item in _walk_wanted(result, where):
        for what, key, seen in (("sub-flow alias", item["flow_alias"], seen_flows),
                                ("config alias", (item["config"] or {}).get("alias"), seen_configs)):
            if key is None:
                continue
            if key in seen:
                raise PlanError("%s and %s: %s '%s' is listed twice (aliases are unique in the realm)" % (seen[key], path, what, key))
            seen[key] = path
    return result


def _walk_wanted(items, where):
    for index, item in enumerate(items):
        path = "%s[%d]" % (where, index)
        yield path, item
        yield from _walk_wanted(item["executions"] or [], path + ".executions")


def _wanted_level(items, where):
    if not isinstance(items, list):
        raise PlanError("%s: a list of executions is expected" % where)
    return [_wanted_item(item, "%s[%d]" % (where, index)) for index, item in enumerate(items)]


def _wanted_item(item, path):
    if not isinstance(item, dict):
        raise PlanError("%s: an execution is a dict (authenticator or flow_alias, requirement, ...)" % path)
    unknown = sorted(set(item) - set(EXECUTION_OPTIONS))
    if unknown:
        raise PlanError("%s: unknown key(s) %s (an execution takes %s)" % (path, ", ".join(unknown), ", ".join(sorted(EXECUTION_OPTIONS))))
    want = dict((key, item.get(key)) for key in EXECUTION_OPTIONS)
    for key, option in EXECUTION_OPTIONS.items():
        value = want[key]
        if value is None:
            continue
        if option["type"] == "str" and not isinstance(value, str):
            raise PlanError("%s: %s must be a string" % (path, key))
        if option.get("choices") and value not in option["choices"]:
            raise PlanError("%s: %s must be one of %s, not '%s'" % (path, key, ", ".join(option["choices"]), value))
    if want["flow_alias"] is not None:
        if want["provider_id"] is None and want["authenticator"]:
            # Only a form sub-flow has an authenticator: its form.
            want["provider_id"] = "form-flow"
        if want["provider_id"] == "form-flow" and not want["authenticator"]:
            raise PlanError("%s: a form-flow sub-flow names its form in authenticator (registration-page-form)" % path)
        if want["provider_id"] == "basic-flow" and want["authenticator"]:
            raise PlanError("%s: set authenticator (an execution) or flow_alias (a sub-flow), not both; only a form-flow "
                            "sub-flow has an authenticator, its form" % path)
    else:
        if not want["authenticator"]:
            raise PlanError("%s: an execution needs authenticator (a provider id) or flow_alias (a sub-flow)" % path)
        for key in ("provider_id", "description", "executions"):
            if want[key] is not None:
                raise PlanError("%s: %s is for sub-flows (set flow_alias)" % (path, key))
    if want["config"] is not None:
        config = want["config"]
        if not isinstance(config, dict) or set(config) - set(CONFIG_OPTIONS) or not isinstance(config.get("alias"), str) or not config["alias"]:
            raise PlanError("%s: config is a dict of alias (required) and config (a map)" % path)
        if config.get("config") is not None and not isinstance(config["config"], dict):
            raise PlanError("%s: config.config is a map of the authenticator's settings" % path)
        state = config.get("state") or "present"
        if state not in CONFIG_OPTIONS["state"]["choices"]:
            raise PlanError("%s: config.state must be present or absent, not '%s'" % (path, state))
        if state == "absent" and config.get("config"):
            raise PlanError("%s: config.state=absent removes the config; it takes no settings" % path)
        want["config"] = {"alias": config["alias"], "config": string_map(config.get("config") or {}), "state": state}
    if want["executions"] is not None:
        want["executions"] = _wanted_level(want["executions"], path + ".executions")
    return want


# --------------------------------------------------------------- the server's tree


class Node:
    """One execution of a flow's tree: as the server has it, or as the task will leave it."""

    def __init__(self, parent):
        self.parent = parent          # alias of the flow that holds it
        self.raw = None               # AuthenticationExecutionInfoRepresentation as read
        self.id = None
        self.flow_id = None           # a sub-flow's own flow id
        self.authenticator = None     # provider id; a form sub-flow's form
        self.flow_alias = None        # set for a sub-flow
        self.provider_id = None       # a sub-flow's type: basic-flow or form-flow
        self.description = None
        self.requirement = "DISABLED"
        self.choices = None           # the requirements the server allows, when it told
        self.configurable = None
        self.priority = None
        self.config_id = None
        self.config_alias = None
        self.config = None
        self.original_config = None
        self.children = []
        # What the plan does with it.
        self.new = False
        self.changes = {}             # requirement / priority / description to write
        self.config_write = None      # "create", "update" or "delete"
        self.check_choices = False    # its requirement is checked once the server tells its choices
        self.parent_type = None       # the type of the flow that holds it
        self.where = None             # the task's path to it, for messages

    @classmethod
    def of_row(cls, parent, row):
        node = cls(parent)
        node.raw = row
        node.id = row.get("id")
        if row.get("authenticationFlow"):
            node.flow_alias = row.get("displayName")
            node.flow_id = row.get("flowId")
            node.provider_id = "form-flow" if row.get("providerId") else "basic-flow"
            node.description = row.get("description")
        node.authenticator = row.get("providerId")
        node.requirement = row.get("requirement") or "DISABLED"
        node.choices = row.get("requirementChoices")
        node.configurable = row.get("configurable")
        node.priority = row.get("priority")
        node.config_id = row.get("authenticationConfig")
        node.config_alias = row.get("alias")
        return node

    @property
    def subflow(self):
        return self.flow_alias is not None

    def label(self):
        if self.subflow:
            return "sub-flow '%s'" % self.flow_alias
        return "execution '%s'" % self.authenticator

    def named(self):
        """The node as messages name it: the task's path when the task lists it."""
        return "%s (%s)" % (self.where, self.label()) if self.where else self.label()


def tree_of(rows, alias):
    """The flat execution list of flow ``alias`` as a tree of ``Node``s."""
    top = []
    stack = [(alias, top)]
    for row in rows or []:
        level = row.get("level") or 0
        del stack[level + 1:]
        parent, siblings = stack[min(level, len(stack) - 1)]
        node = Node.of_row(parent, row)
        siblings.append(node)
        if node.subflow:
            stack.append((node.flow_alias, node.children))
    return top


def walk(nodes):
    """Every node of ``nodes``, parents before their children."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def load_configs(api, nodes):
    """Read the config of every node that has one (one request each)."""
    for node in walk(nodes):
        if node.config_id and node.config is None:
            found = or_none(api.get_authenticator_config, node.config_id) or {}
            node.config = dict(found.get("config") or {})
            node.original_config = dict(node.config)


def copied(rows, alias):
    """The execution rows of a flow as its copy ``alias`` will have them: Keycloak names the copy's
    sub-flows and configs ``<alias> <old alias>``."""
    result = []
    for row in rows or []:
        row = dict(row)
        if row.get("authenticationFlow") and row.get("displayName"):
            row["displayName"] = "%s %s" % (alias, row["displayName"])
        if row.get("alias"):
            row["alias"] = "%s %s" % (alias, row["alias"])
        result.append(row)
    return result


# ------------------------------------------------------------------ views


def is_secret(key, secret_keys):
    if secret_keys is not None:
        return key in secret_keys
    return any(word in key.lower() for word in _SECRET_WORDS)


def view(node, secrets):
    """How a node shows in diff, end_state and keycloak_flow_info: the shape keycloak_flow takes, secrets masked."""
    item = {}
    if node.subflow:
        item["flow_alias"] = node.flow_alias
        item["provider_id"] = node.provider_id
        if node.authenticator:
            item["authenticator"] = node.authenticator
        if node.description:
            item["description"] = node.description
    else:
        item["authenticator"] = node.authenticator
    item["requirement"] = node.requirement
    if node.config_alias is not None:
        hidden = secrets(node.authenticator)
        before = node.original_config or {}
        values = {}
        for key, value in (node.config or {}).items():
            if value == KEYCLOAK_MASK or (value not in (None, "") and is_secret(key, hidden)):
                # A value Keycloak masks (26.7+) is unknown: it cannot show as changed.
                value = MASK if before.get(key, value) in (value, KEYCLOAK_MASK) else MASK_CHANGED
            values[key] = value
        item["config"] = {"alias": node.config_alias, "config": values}
    if node.subflow:
        item["executions"] = [view(child, secrets) for child in node.children]
    return item


def settled(items):
    """Views as they are once written: a changed secret is a secret like any other."""
    for item in items or []:
        values = (item.get("config") or {}).get("config") or {}
        for key, value in values.items():
            if value == MASK_CHANGED:
                values[key] = MASK
        settled(item.get("executions"))
    return items


# ------------------------------------------------------------------ the plan


def _increasing(values):
    """Positions of a longest strictly increasing subsequence of ``values`` (``(position, value)`` pairs)."""
    best = []
    for index, (_position, value) in enumerate(values):
        longest = []
        for previous in range(index):
            if values[previous][1] < value and len(best[previous]) > len(longest):
                longest = best[previous]
        best.append(longest + [index])
    chosen = max(best, key=len) if best else []
    return set(values[index][0] for index in chosen)


def _spread(lower, upper, count):
    """``count`` increasing priorities strictly between ``lower`` and ``upper`` (None: unbounded), or None."""
    if upper is None:
        base = lower if lower is not None else 0
        return [base + 10 * (step + 1) for step in range(count)]
    low = lower if lower is not None else -1
    if upper - low < count + 1:
        return None
    return [low + (step + 1) * (upper - low) // (count + 1) for step in range(count)]


def priorities(kept):
    """Priorities for a level in its new order: ``kept`` holds a priority to keep, or None where one is needed."""
    result = list(kept)
    index = 0
    while index < len(result):
        if result[index] is not None:
            index += 1
            continue
        end = index
        while end < len(result) and result[end] is None:
            end += 1
        values = _spread(result[index - 1] if index else None, result[end] if end < len(result) else None, end - index)
        if values is None:
            # No room between the neighbours: the level is numbered again.
            return [10 * (step + 1) for step in range(len(result))]
        result[index:end] = values
        index = end
    return result


class TreePlan:
    """The writes that turn a flow's tree into the task's, found level by level, and how to send them."""

    def __init__(self, server, alias, flow_type, built_in=False):
        self.server = server
        self.api = server.api
        self.alias = alias
        self.flow_type = flow_type
        self.built_in = built_in
        self.final = []
        self.removed = []
        self.new_subflows = []
        self.new_configs = []

    # ------------------------------------------------------------ planning

    def build(self, nodes, wants):
        """Plan ``wants`` (``wanted_items``) against ``nodes``; every check that can be made is made here."""
        self.server.learn(nodes)
        self.final = self._level(self.alias, self.flow_type, nodes, wants, "executions")
        self._check_built_in()
        self._check_providers()
        self._check_aliases()
        self._check_requirements()
        return self.final

    def _level(self, parent, parent_type, have, wants, where):
        unmatched = list(have)
        final = []
        for index, want in enumerate(wants):
            path = "%s[%d]" % (where, index)
            node = self._match(want, unmatched)
            if node is None:
                node = self._new(parent, parent_type, want, path)
            else:
                unmatched.remove(node)
                self._change(node, want, path)
            final.append(node)
        self.removed.extend(unmatched)
        self._order(final, have)
        return final

    @staticmethod
    def _match(want, candidates):
        if want["flow_alias"] is not None:
            for node in candidates:
                if node.flow_alias == want["flow_alias"]:
                    return node
            return None
        same = [node for node in candidates if not node.subflow and node.authenticator == want["authenticator"]]
        if want["config"] is not None:
            # Of two executions of one authenticator, the one with the task's config is the one meant.
            for node in same:
                if node.config_alias == want["config"]["alias"]:
                    return node
        return same[0] if same else None

    def _new(self, parent, parent_type, want, path):
        node = Node(parent)
        node.new = True
        node.where = path
        if want["flow_alias"] is not None:
            if parent_type == "form-flow":
                raise PlanError("%s: a form-flow holds form actions, not sub-flows" % path)
            node.flow_alias = want["flow_alias"]
            node.provider_id = want["provider_id"] or "basic-flow"
            node.authenticator = want["authenticator"]
            node.description = want["description"]
            self.new_subflows.append(node)
        else:
            node.authenticator = want["authenticator"]
        node.parent_type = parent_type
        if want["requirement"] is not None and want["requirement"] != "DISABLED":
            node.changes["requirement"] = want["requirement"]
            node.requirement = want["requirement"]
        if want["config"] is not None and want["config"]["state"] == "present":
            node.config_alias = want["config"]["alias"]
            node.config = dict(want["config"]["config"])
            node.config_write = "create"
            self.new_configs.append(node)
        if node.subflow:
            node.children = self._level(node.flow_alias, node.provider_id, [], want["executions"] or [], path + ".executions")
        return node

    def _change(self, node, want, path):
        node.where = path
        if node.subflow:
            if want["provider_id"] is not None and want["provider_id"] != node.provider_id:
                raise PlanError("%s: sub-flow '%s' is a %s; Keycloak cannot change a sub-flow's type in place: give the %s "
                                "another alias" % (path, node.flow_alias, node.provider_id, want["provider_id"]))
            if node.provider_id == "form-flow" and want["authenticator"] and want["authenticator"] != node.authenticator:
                raise PlanError("%s: sub-flow '%s' is built on the form '%s'; Keycloak cannot change it in place" % (path, node.flow_alias, node.authenticator))
            if want["description"] is not None and _text(want["description"]) != _text(node.description):
                node.changes["description"] = want["description"]
                node.description = want["description"]
        if want["requirement"] is not None and want["requirement"] != node.requirement:
            node.changes["requirement"] = want["requirement"]
            node.requirement = want["requirement"]
        if want["config"] is not None:
            self._configure(node, want["config"])
        if node.subflow and want["executions"] is not None:
            node.children = self._level(node.flow_alias, node.provider_id, node.children, want["executions"], path + ".executions")

    def _configure(self, node, wanted):
        if wanted["state"] == "absent":
            # Only the config the task names goes: one of another alias, or none, is left as it is.
            if node.config_alias == wanted["alias"]:
                node.config_write = "delete"
                node.config_alias = node.config = None
            return
        if node.config_alias is None:
            node.config_alias = wanted["alias"]
            node.config = dict(wanted["config"])
            node.config_write = "create"
            self.new_configs.append(node)
            return
        # Keys not listed keep their value, as attribute maps do (one Keycloak masks is sent back masked: it keeps it).
        have = node.config or {}
        merged = dict(have)
        merged.update(wanted["config"])
        if wanted["alias"] != node.config_alias:
            self.new_configs.append(node)
        if wanted["alias"] != node.config_alias or any(differs_from_stored(value, have.get(key)) for key, value in wanted["config"].items()):
            node.config_write = "update"
        node.config_alias = wanted["alias"]
        node.config = merged

    def _order(self, final, have):
        """Priorities that put ``final`` in its order, keeping as many of the current ones as possible."""
        existing = [node for node in final if not node.new]
        if any(node.priority is None for node in existing):
            # Keycloak before 25 neither reports nor takes priorities: adding at the end is all it can do.
            positions = [have.index(node) for node in existing]
            if positions != sorted(positions) or any(node.new for node in final[:len(existing)]):
                raise PlanError("%s: this Keycloak does not report execution priorities; reordering needs Keycloak 25 or later"
                                % final[0].named())
            return
        current = [(index, node.priority) for index, node in enumerate(final) if not node.new]
        keep = _increasing(current)
        wanted = priorities([node.priority if index in keep else None for index, node in enumerate(final)])
        for node, priority in zip(final, wanted):
            if node.new:
                node.priority = priority
            elif node.priority != priority:
                node.changes["priority"] = priority
                node.priority = priority

    # -------------------------------------------------------------- checks

    def added(self):
        return [node for node in walk(self.final) if node.new]

    def _check_built_in(self):
        if not self.built_in:
            return
        changes = ["add %s" % node.named() for node in self.added()] + ["remove %s" % node.label() for node in self.removed]
        if changes:
            raise BuiltInFlowShape("'%s' is a built-in flow: Keycloak adds no execution to it and removes none (the task would %s); "
                                   "copy it (copy_from) and change the copy" % (self.alias, ", ".join(changes)))

    def _check_providers(self):
        for node in self.added():
            if node.subflow:
                if node.provider_id == "form-flow":
                    self._known_provider(node, node.authenticator, "form")
            else:
                self._known_provider(node, node.authenticator, PROVIDER_LISTS.get(node.parent_type, "authenticator"))

    def _known_provider(self, node, provider, which):
        offered = self.server.providers(which)
        if offered is None or provider in offered:
            return
        others = [name for name in ("authenticator", "client authenticator", "form action", "form")
                  if name != which and provider in (self.server.providers(name) or ())]
        if others:
            raise PlanError("%s: '%s' is %s, and this part of the flow takes %s" % (node.named(), provider, _a(others[0]), _a(which)))
        raise PlanError("%s: no %s provider '%s' on the server (keycloak_flow_info lists them)" % (node.named(), which, provider))

    def _check_aliases(self):
        if not self.new_subflows and not self.new_configs:
            return
        inventory = self.server.inventory()
        if inventory is None:
            return
        kept = [node for node in walk(self.final) if not node.new]
        taken_flows = dict(inventory["flows"])
        taken_flows[self.alias] = "this flow"
        taken_flows.update((node.flow_alias, "flow '%s'" % self.alias) for node in kept if node.subflow)
        for node in self.new_subflows:
            if node.flow_alias in taken_flows:
                raise PlanError("%s: the alias '%s' is taken (%s); flow and sub-flow aliases are unique in the realm"
                                % (node.named(), node.flow_alias, taken_flows[node.flow_alias]))
        for node in self.new_configs:
            holders = [other for other in walk(self.final) if other is not node and other.config_alias == node.config_alias]
            where = inventory["configs"].get(node.config_alias) or ("flow '%s'" % self.alias if holders else None)
            if where:
                raise PlanError("%s: an authenticator config with the alias '%s' already exists (%s); config aliases are unique in the realm"
                                % (node.named(), node.config_alias, where))
            configurable = node.configurable if node.configurable is not None else self.server.configurable(node.authenticator)
            if configurable is False:
                raise PlanError("%s: '%s' takes no configuration" % (node.named(), node.authenticator))

    def _check_requirements(self):
        for node in walk(self.final):
            wanted = node.changes.get("requirement")
            if wanted is None:
                continue
            choices = node.choices if not node.new else self.server.choices(node)
            if choices is None:
                # The server tells an execution's choices once it exists: tried before any other write.
                node.check_choices = True
            elif wanted not in choices:
                raise PlanError("%s: requirement %s is not one Keycloak allows there (%s)" % (node.named(), wanted, ", ".join(choices)))

    # ------------------------------------------------------------- writing

    def apply(self):
        """Send the planned writes: removals, then additions (parents first), then settings and configs."""
        self._try_requirements()
        for node in self.removed:
            self.api.delete_authentication_flow_execution(node.id)
        added = [node for node in self.added() if node.id is None]
        for node in added:
            self._add(node)
        if added:
            self._adopt(added)
        for node in walk(self.final):
            if node.check_choices and node.requirement not in (node.choices or REQUIREMENTS):
                raise RefusedRequirement("%s: requirement %s is not one Keycloak allows there (%s); the execution was added, disabled"
                                         % (node.named(), node.requirement, ", ".join(node.choices)))
        for node in walk(self.final):
            if node.changes:
                self.api.update_authentication_flow_executions(dict(node.raw, **node.changes), node.parent)
            if node.config_write == "create":
                node.config_id = self.api.create_authenticator_config({"alias": node.config_alias, "config": node.config}, node.id)
            elif node.config_write == "update":
                self.api.update_authenticator_config({"id": node.config_id, "alias": node.config_alias, "config": node.config}, node.config_id)
            elif node.config_write == "delete":
                # Keycloak unlinks the execution from a config it deletes.
                self.api.delete_authenticator_config(node.config_id)
                node.config_id = None

    def _add(self, node):
        if node.subflow:
            payload = {"alias": node.flow_alias, "type": node.provider_id, "description": node.description or ""}
            if node.provider_id == "form-flow":
                payload["provider"] = node.authenticator
        else:
            payload = {"provider": node.authenticator}
        if node.priority is not None:
            payload["priority"] = node.priority
        if node.subflow:
            self.api.create_authentication_flow_subflow(payload, node.parent)
        else:
            self.api.create_authentication_flow_execution(payload, node.parent)

    def _try_requirements(self):
        """Before any other write, add the executions whose requirement choices the server has told nowhere, and ask.

        They are added DISABLED (a disabled execution does nothing) with the sub-flows this run adds
        around them; a refused requirement takes them out again and fails the task, the flow as it was.
        """
        pending = [node for node in walk(self.final) if node.check_choices]
        if not pending:
            return
        new_subflows = dict((node.flow_alias, node) for node in self.added() if node.subflow)
        moving = set(node.flow_alias for removed in self.removed for node in walk([removed]) if node.subflow)
        tried = []
        for node in pending:
            chain = [node]
            while chain[0].parent in new_subflows:
                chain.insert(0, new_subflows[chain[0].parent])
            if any(item.flow_alias in moving for item in chain):
                # Its sub-flow takes the alias of one removed elsewhere first: checked once added, below.
                continue
            for item in chain:
                if item not in tried:
                    self._add(item)
                    tried.append(item)
        if not tried:
            return
        self._adopt(tried)
        refused = [node for node in pending if node in tried and node.requirement not in (node.choices or REQUIREMENTS)]
        if refused:
            for item in tried:
                if item.parent not in set(other.flow_alias for other in tried if other.subflow):
                    self.api.delete_authentication_flow_execution(item.id)
            raise PlanError("; ".join("%s: requirement %s is not one Keycloak allows there (%s)"
                                      % (node.named(), node.requirement, ", ".join(node.choices)) for node in refused)
                            + " (asked by adding it, disabled, and removing it again: the flow is as it was)")

    def _adopt(self, added):
        """Ids and server data of what was just added, from one fresh read of the tree."""
        fresh = list(walk(tree_of(self.api.get_authentication_flow_executions(self.alias), self.alias)))
        by_id = dict((node.id, node) for node in fresh)
        known = set(node.id for node in walk(self.final) if node.id is not None and node not in added)
        for node in walk(self.final):
            if not node.new and node.id in by_id:
                node.raw = by_id[node.id].raw
        for node in added:
            for candidate in fresh:
                if candidate.id in known or candidate.parent != node.parent:
                    continue
                if (node.subflow and candidate.flow_alias == node.flow_alias) or (
                        not node.subflow and not candidate.subflow and candidate.authenticator == node.authenticator
                        and node.priority in (None, candidate.priority)):
                    node.id, node.raw, node.choices, node.flow_id = candidate.id, candidate.raw, candidate.choices, candidate.flow_id
                    known.add(candidate.id)
                    break
            else:
                raise PlanError("%s was added, but is not in the flow read back" % node.named())


# ------------------------------------------------------------------ what the server tells


class Server:
    """What the realm and the server tell about flows, read once each and only when asked.

    ``realm_is_new()`` says whether the realm exists yet: in a realm the run creates, nothing is
    read, and the checks that need the server are left to the real run.
    """

    def __init__(self, api, realm_is_new=lambda: False, own_alias=None):
        self.api = api
        self.realm_is_new = realm_is_new
        self.own_alias = own_alias
        self._flows = None
        self._providers = {}
        self._secrets = {}
        self._choices = {}
        self._configurable = {}
        self._inventory = None

    def flows(self, fresh=False):
        """The realm's top-level flows (one request, again when ``fresh``)."""
        if self._flows is None or fresh:
            self._flows = self.api.get_authentication_flows() or []
        return self._flows

    def find(self, alias, fresh=False):
        for flow in self.flows(fresh):
            if flow.get("alias") == alias:
                return flow
        return None

    def tree(self, alias, rows=None):
        """The tree of flow ``alias`` (or of ``rows``), configs read."""
        nodes = tree_of(self.api.get_authentication_flow_executions(alias) if rows is None else rows, alias)
        load_configs(self.api, nodes)
        return nodes

    def providers(self, which):
        """Ids of the server's providers of one sort (``authenticator``, ``form action``...); None in a realm not created yet."""
        if self.realm_is_new():
            return None
        if which not in self._providers:
            reads = {
                "authenticator": self.api.get_authenticator_providers,
                "client authenticator": self.api.get_client_authenticator_providers,
                "form action": self.api.get_form_action_providers,
                "form": self.api.get_form_providers,
            }
            self._providers[which] = set(provider.get("id") for provider in reads[which]() or [])
        return self._providers[which]

    def secret_keys(self, provider):
        """The config keys of ``provider`` that its config description calls secret; None when there is none to read."""
        if provider not in self._secrets:
            described = None
            if provider and not self.realm_is_new():
                described = or_none(self.api.get_authenticator_provider_config_description, provider)
            self._secrets[provider] = None if described is None else set(
                prop.get("name") for prop in described.get("properties") or [] if prop.get("secret"))
        return self._secrets[provider]

    def learn(self, nodes):
        """Remember what the server told about the providers in ``nodes``: requirement choices, configurable."""
        for node in walk(nodes):
            if node.choices:
                self._choices.setdefault(_provider_key(node), node.choices)
            if node.configurable is not None and not node.subflow:
                self._configurable.setdefault(node.authenticator, node.configurable)

    def choices(self, node):
        """The requirements the server allows a new ``node``: those of the same provider anywhere in the realm."""
        key = _provider_key(node)
        if key not in self._choices:
            self.inventory()
        if key not in self._choices and node.subflow:
            return SUBFLOW_CHOICES[node.provider_id]
        return self._choices.get(key)

    def configurable(self, provider):
        if provider not in self._configurable:
            self.inventory()
        return self._configurable.get(provider)

    def inventory(self):
        """The realm's other flows, read once: where each flow, sub-flow and config alias is, and what their executions tell.

        ``{"flows": {alias: where}, "subflows": {alias: holding flow}, "configs": {alias: where}}``.
        """
        if self._inventory is None and not self.realm_is_new():
            inventory = {"flows": {}, "subflows": {}, "configs": {}}
            for flow in self.flows():
                alias = flow.get("alias")
                inventory["flows"][alias] = "flow '%s'" % alias
                if alias == self.own_alias:
                    continue
                nodes = tree_of(self.api.get_authentication_flow_executions(alias), alias)
                self.learn(nodes)
                for node in walk(nodes):
                    if node.subflow:
                        inventory["flows"][node.flow_alias] = "a sub-flow of flow '%s'" % alias
                        inventory["subflows"][node.flow_alias] = alias
                    if node.config_alias:
                        inventory["configs"][node.config_alias] = "in flow '%s'" % alias
            self._inventory = inventory
        return self._inventory


def _provider_key(node):
    return ("sub-flow", node.provider_id) if node.subflow else ("execution", node.authenticator)


# ------------------------------------------------------------------ the handler


class FlowHandler(Handler):
    """A top-level authentication flow, found by its alias."""

    kind = "flow"
    ignored_fields = ("id", "topLevel", "builtIn")
    set_fields = ("bindAs",)
    not_in_representation = {
        "authenticationExecutions": "use the executions option",
        "executions": "use the executions option",
        "bindAs": "use the bind_as option",
    }

    def __init__(self, api, request, context):
        Handler.__init__(self, api, request, context)
        self.server = Server(api, lambda: self.realm_is_new, request.key)
        self.nodes = None
        self.tree = None
        self.wants = None

    def describe(self, key):
        return "authentication flow '%s'" % key

    # ----------------------------------------------------------------- read

    def read(self, key):
        flow = self.server.find(key, fresh=True)
        if flow is None:
            return None
        if self.request.state == "absent":
            self._check_delete(flow)
        current = dict((field, value) for field, value in flow.items() if field != "authenticationExecutions")
        if self.flags.get("executions") is not None:
            self.nodes = self.server.tree(key)
            current["executions"] = [view(node, self.server.secret_keys) for node in self.nodes]
        if self.flags.get("bind_as") is not None:
            current["bindAs"] = bound_as(self.api.get_realm(self.realm), key)
        return current

    def _check_delete(self, flow):
        """Refuse, before any write, to delete a built-in flow or one still in use (Keycloak answers 500)."""
        if flow.get("builtIn"):
            raise PlanError("'%s' is a built-in flow; built-in flows are never deleted" % flow["alias"])
        nodes = tree_of(self.api.get_authentication_flow_executions(flow["alias"]), flow["alias"])
        ids = set([flow["id"]] + [node.flow_id for node in walk(nodes) if node.subflow])
        aliases = set([flow["alias"]] + [node.flow_alias for node in walk(nodes) if node.subflow])
        # As the earlier plans of the run, or tasks of the play, leave them (a dry run of a play that binds another flow, then
        # deletes this one).
        realm = dict(self.api.get_realm(self.realm) or {})
        realm.update(self.context.planned_states(self.realm, "realm").get(self.realm) or {})
        uses = ["the realm's %s flow" % name for name in bound_as(realm, aliases)]
        for client in self._as_planned("client", "clientId", self.api.get_clients() or []):
            for binding, flow in sorted((client.get("authenticationFlowBindingOverrides") or {}).items()):
                if flow in ids or flow in aliases:
                    uses.append("client '%s' (%s flow override)" % (client.get("clientId"), binding))
        for provider in self._as_planned("identity provider", "alias", self.api.get_idps() or []):
            for field, what in (("firstBrokerLoginFlowAlias", "first broker login flow"), ("postBrokerLoginFlowAlias", "post broker login flow")):
                if provider.get(field) in aliases:
                    uses.append("identity provider '%s' (%s)" % (provider.get("alias"), what))
        if uses:
            raise PlanError("still in use, so not deleted: %s; bind another flow there first" % "; ".join(uses))

    def _as_planned(self, kind, key_field, found):
        """``found`` (the server's objects of ``kind``) as the earlier plans of the run, or tasks of the play, leave them."""
        planned = self.context.planned_states(self.realm, kind)
        result = []
        for item in found:
            key = item.get(key_field)
            if key in planned:
                if planned[key] is not None:
                    result.append(dict(item, **planned[key]))
            else:
                result.append(item)
        known = set(item.get(key_field) for item in found)
        result.extend(state for key, state in sorted(planned.items()) if key not in known and state is not None)
        return result

    # --------------------------------------------------------------- prepare

    def prepare(self, desired, current):
        executions = self.flags.get("executions")
        self.wants = wanted_items(executions) if executions is not None else None
        if current is None:
            base, flow_type = self._new_flow(desired)
            built_in = False
        else:
            flow_type, built_in = current.get("providerId"), bool(current.get("builtIn"))
            if desired.get("providerId") not in (None, flow_type):
                if (self.server.find(current["alias"]) or {}).get("authenticationExecutions"):
                    raise PlanError("providerId: the flow is a %s with executions of that kind; a flow's type does not change in place "
                                    "(give the %s another alias)" % (flow_type, desired["providerId"]))
                flow_type = desired["providerId"]
            base = self.nodes or []
        if self.wants is not None:
            self.tree = TreePlan(self.server, desired.get("alias") or self.request.key, flow_type, built_in)
            final = self.tree.build(base, self.wants)
            desired["executions"] = [view(node, self.server.secret_keys) for node in final]
            for node in self.tree.new_subflows:
                # A client's flow override may name it: later plans of the run see it.
                self.context.will_create(self.realm, "flow", node.flow_alias)
        bind_as = self.flags.get("bind_as")
        if bind_as is not None:
            wrong = [name for name in bind_as if (name == CLIENT_BINDING) != (flow_type == "client-flow")]
            if wrong:
                raise PlanError("bind_as %s: the %s binding takes a %s, and this flow is a %s"
                                % (", ".join(wrong), wrong[0], "client-flow" if wrong[0] == CLIENT_BINDING else "basic-flow", flow_type))
            desired["bindAs"] = sorted(set(((current or {}).get("bindAs") or [])) | set(bind_as))
        return desired

    def _new_flow(self, desired):
        """What a flow the task creates starts from: nothing, or the flow it copies (``copy_from``)."""
        alias = desired["alias"]
        if not self.realm_is_new:
            holder = (self.server.inventory() or {}).get("subflows", {}).get(alias)
            if holder is not None:
                raise PlanError("the alias is taken by a sub-flow of flow '%s'; flow aliases are unique in the realm" % holder)
        copy_from = self.flags.get("copy_from")
        if not copy_from:
            desired.setdefault("providerId", "basic-flow")
            return [], desired["providerId"]
        source = self.reference("flow", copy_from, lambda: self.server.find(copy_from), what="flow '%s' to copy (copy_from)" % copy_from)
        server = self.server
        if not source.exists:
            server = self._built_in_template(copy_from)
            if server is None:
                return [], desired.get("providerId") or "basic-flow"
            source = server.find(copy_from)
        else:
            source = source.value
        flow_type = source.get("providerId")
        if desired.get("providerId") not in (None, flow_type):
            raise PlanError("copy_from '%s' is a %s; a copy is of the same type (provider_id %s)" % (copy_from, flow_type, desired["providerId"]))
        desired["providerId"] = flow_type
        if self.wants is None:
            return [], flow_type
        nodes = server.tree(alias, copied(server.api.get_authentication_flow_executions(copy_from), alias))
        for node in walk(nodes):
            # Planned against the copy to be: none of it exists yet.
            node.id = node.flow_id = node.config_id = None
        return nodes, flow_type

    def _built_in_template(self, copy_from):
        """In a realm the run creates, a built-in flow to copy is as Keycloak makes it in every new realm: the
        template realm's (``context.TEMPLATE_REALM``) is what the plan copies."""
        if not (self.realm_is_new and copy_from in BUILT_IN_FLOWS):
            return None
        template = Server(self.context.api_for(TEMPLATE_REALM))
        try:
            flow = template.find(copy_from)
        except KeycloakError:
            return None
        return template if flow is not None and flow.get("builtIn") else None

    def created_view(self, desired):
        created = copy.deepcopy(desired)
        settled(created.get("executions"))
        return created

    def predict(self, end_state, wanted_items):
        settled(end_state.get("executions"))
        return end_state

    # ---------------------------------------------------------------- writes

    def create(self, context, desired):
        alias = desired["alias"]
        copy_from = self.flags.get("copy_from")
        fields = dict((field, value) for field, value in desired.items() if field not in ("executions", "bindAs"))
        if copy_from:
            self.api.copy_authentication_flow({"newName": alias}, copy_from)
        else:
            self.api.create_authentication_flow(dict(fields, topLevel=True, builtIn=False))
        flow = self.server.find(alias, fresh=True)
        context["id"] = flow["id"]
        if copy_from:
            if any(flow.get(field) != value for field, value in fields.items()):
                wanted = dict(flow, **fields)
                wanted.pop("authenticationExecutions", None)
                self.api.update_authentication_flow(flow["id"], wanted)
            if self.wants is not None:
                # Planned against the copy to be; now the copy is there, with its ids.
                self.tree = TreePlan(self.server, alias, flow.get("providerId"))
                self.tree.build(self.server.tree(alias), self.wants)
        if self.tree is not None:
            self.tree.apply()
        if desired.get("bindAs"):
            self._bind(alias, desired["bindAs"])

    def update(self, context, current, merged, changes):
        fields = set(path[0] for path in changes)
        if fields - set(("executions", "bindAs")):
            # The whole flow, as read with the task's fields over it: a field left out would be cleared.
            flow = dict((field, value) for field, value in merged.items() if field not in ("executions", "bindAs"))
            self.api.update_authentication_flow(current["id"], flow)
        if "executions" in fields:
            self.tree.apply()
        if "bindAs" in fields:
            self._bind(current["alias"], sorted(set(merged["bindAs"]) - set(current.get("bindAs") or [])))

    def _bind(self, alias, names):
        payload = dict((BINDINGS[name], alias) for name in names)
        payload["realm"] = self.realm
        self.api.update_realm(self.realm, payload)

    def delete(self, context, current):
        self.api.delete_authentication_flow(current["id"])


def bound_as(realm, aliases):
    """The bind_as names under which the realm representation ``realm`` binds the flow(s) ``aliases``."""
    if not isinstance(aliases, (set, list, tuple)):
        aliases = set([aliases])
    return sorted(name for name, field in BINDINGS.items() if (realm or {}).get(field) in aliases)


# ------------------------------------------------------------------ reading many


def describe_flows(api, alias=None, providers=True, flow_id=None):
    """Flows (every top-level one, the one ``alias``, or the one with id ``flow_id``) in the shape keycloak_flow
    takes, and the server's providers.

    Returns ``(flows, providers)``; ``providers`` is None unless asked for.
    """
    server = Server(api)
    realm = api.get_realm(api.get_current_realm())
    if flow_id is not None:
        # One read of that flow, not the list; a sub-flow's id names no flow keycloak_flow manages.
        found = or_none(api.get_authentication_flow_for_id, flow_id)
        candidates = [found] if found is not None and found.get("topLevel") else []
    else:
        candidates = server.flows()
    return _described(realm, server, candidates, alias), (_providers(api) if providers else None)


def describe_execution(api, execution_id, providers=True):
    """The execution with id ``execution_id`` as Keycloak represents it (None when there is none), the top-level
    flow that holds it in the shape keycloak_flow takes, and the server's providers.

    Returns ``(execution, flows, providers)``: the ids of executions, in admin events' ``resourcePath`` for example,
    are not in keycloak_flow's shape, so the execution says which one it is.
    """
    server = Server(api)
    realm = api.get_realm(api.get_current_realm())
    execution = or_none(api.get_authentication_flow_execution, execution_id)
    candidates = []
    if execution is not None:
        parent = or_none(api.get_authentication_flow_for_id, execution.get("parentFlow"))
        if parent is not None and parent.get("topLevel"):
            candidates = [parent]
        elif parent is not None:
            # A sub-flow: the top-level flow whose tree lists it (one request per flow until found).
            candidates = [flow for flow in server.flows() if _holds(api, flow, parent["id"])][:1]
    return execution, _described(realm, server, candidates), (_providers(api) if providers else None)


def _holds(api, flow, sub_flow_id):
    return any(row.get("flowId") == sub_flow_id for row in api.get_authentication_flow_executions(flow["alias"]) or [])


def _described(realm, server, candidates, alias=None):
    flows = []
    for flow in candidates:
        if alias is not None and flow.get("alias") != alias:
            continue
        flows.append({
            "id": flow.get("id"),
            "alias": flow.get("alias"),
            "description": flow.get("description"),
            "provider_id": flow.get("providerId"),
            "built_in": bool(flow.get("builtIn")),
            "bind_as": bound_as(realm, flow.get("alias")),
            "executions": [view(node, server.secret_keys) for node in server.tree(flow["alias"])],
        })
    return flows


def _providers(api):
    found = []
    client_properties = api.get_per_client_config_description() or {}
    for which, read in (("authenticator", api.get_authenticator_providers), ("client authenticator", api.get_client_authenticator_providers),
                        ("form action", api.get_form_action_providers), ("form", api.get_form_providers)):
        for provider in sorted(read() or [], key=lambda item: item.get("id")):
            entry = {"id": provider.get("id"), "type": which, "displayName": provider.get("displayName"), "description": provider.get("description")}
            if which == "client authenticator":
                entry["properties"] = client_properties.get(provider.get("id")) or []
            elif which != "form":
                # A form has no config description of its own (404).
                entry["properties"] = (or_none(api.get_authenticator_provider_config_description, provider.get("id")) or {}).get("properties") or []
            found.append(entry)
    return found


# ------------------------------------------------------------------ the kind

FLOW = Kind(
    "flow",
    FlowHandler,
    key="alias",
    key_field="alias",
    settings=dict(
        alias=dict(type="str", required=True),
        description=dict(type="str"),
        # providerId and copyFrom: community.general's keycloak_authentication spells them so.
        provider_id=dict(type="str", choices=FLOW_TYPES, aliases=["providerId"]),
    ),
    flags=dict(
        executions=dict(type="list", elements="dict", options=EXECUTION_OPTIONS),
        copy_from=dict(type="str", aliases=["copyFrom"]),
        bind_as=dict(type="list", elements="str", choices=sorted(BINDINGS)),
    ),

    peers=dict(
        authenticationExecutions="the flow's executions are the tree executions: [{authenticator, requirement, config}, "
                                 "{flow_alias, executions: [...]}], in order",
        force="a flow is changed in place, never deleted and recreated, so force is never needed",
    ),
)
