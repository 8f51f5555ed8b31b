# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The play's plan in the planning context (no server): what the earlier tasks of a play plan, as the collection's action
plugin hands it to a task in check mode. The whole play against a real Keycloak is in
tests/integration/test_check_mode_play.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext, PlanError, PlayPlan


def context(events=None, found=None):
    """A check-mode context whose server has the objects ``found`` ({(kind, key): value}); ``events`` None: no play's plan."""
    play = None if events is None else PlayPlan(json.loads(json.dumps(events)))
    return PlanContext(lambda realm: None, assume_missing=True, play=play), found or {}


def reference(ctx, found, kind, key, realm="acme"):
    return ctx.reference(realm, kind, key, lambda: found.get((kind, key)))


def test_an_object_an_earlier_task_creates_is_planned_silently():
    ctx, found = context([["create", "acme", "group", "/staff"], ["create", "acme", "role", ["", "auditor"]]])
    assert reference(ctx, found, "group", "/staff").origin == "assumed"
    # A role's key is a tuple, which the plan carries as a JSON list.
    assert reference(ctx, found, "role", ("", "auditor")).origin == "assumed"
    assert ctx.warnings == []


def test_a_name_no_earlier_task_creates_fails_naming_it():
    ctx, found = context([["create", "acme", "group", "/staff"]])
    with pytest.raises(PlanError) as error:
        reference(ctx, found, "group", "/stafff")
    assert "%s" % error.value == "group '/stafff' does not exist, and no earlier task of the play creates it"


def test_without_the_plays_plan_a_missing_object_is_assumed_with_a_warning():
    ctx, found = context()
    assert reference(ctx, found, "group", "/stafff").origin == "assumed"
    assert ctx.warnings == ["group '/stafff' does not exist; planned as if an earlier task creates it"]


def test_an_object_an_earlier_task_deletes_is_missing():
    ctx, found = context([["delete", "acme", "client", "billing"]], {("client", "billing"): {"id": "c1"}})
    with pytest.raises(PlanError) as error:
        reference(ctx, found, "client", "billing")
    assert "deleted by an earlier task of the play" in "%s" % error.value
    # Created again by a later task: there again.
    ctx, found = context([["delete", "acme", "client", "billing"], ["create", "acme", "client", "billing"]], {("client", "billing"): {"id": "c1"}})
    assert reference(ctx, found, "client", "billing").exists


def test_a_realm_no_earlier_task_creates_fails_and_one_it_creates_is_known_with_its_built_ins():
    ctx, found = context([])
    with pytest.raises(PlanError) as error:
        ctx.realm_not_found("acme")
    assert "%s" % error.value == "realm 'acme' does not exist, and no earlier task of the play creates it"
    ctx, found = context([["create", "acme", "realm", "acme"]])
    ctx.realm_not_found("acme")
    assert ctx.realm_is_new("acme") and ctx.warnings == []
    assert reference(ctx, found, "client scope", "profile").origin == "planned"
    assert ctx.is_planned("acme", "role", ("realm-management", "view-users"))


def test_states_of_earlier_tasks_are_read_and_the_last_one_wins():
    ctx, _found = context([["state", "acme", "realm", "acme", {"browserFlow": "custom"}],
                           ["state", "acme", "realm", "acme", {"browserFlow": "browser"}]])
    assert ctx.planned_states("acme", "realm") == {"acme": {"browserFlow": "browser"}}
    assert ctx.play_state("acme", "realm", "acme") == (True, {"browserFlow": "browser"})
    assert ctx.play_state("acme", "realm", "other") == (False, None)
    ctx, _found = context([["delete", "acme", "flow", "custom"]])
    assert ctx.play_state("acme", "flow", "custom") == (True, None)


def test_the_run_notes_what_it_plans_for_the_tasks_after_it():
    ctx, _found = context([])
    ctx.will_create("acme", "group", "/staff")
    ctx.will_create("acme", "group", "/declared", note=False)
    ctx.will_be("acme", "group", "/staff", {"name": "staff"})
    ctx.will_be("acme", "group", "/old", None)
    assert ctx.events == [["create", "acme", "group", "/staff"], ["state", "acme", "group", "/staff", {"name": "staff"}],
                          ["delete", "acme", "group", "/old"]]
    # What this run plans itself is its own: the play's state does not stand in for it.
    assert ctx.play_state("acme", "group", "/staff") == (False, None)


def test_every_module_runs_through_the_collections_action():
    import os

    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    modules = sorted(name for name in os.listdir(os.path.join(repo, "plugins", "modules")) if name.startswith("keycloak_"))
    actions = sorted(name for name in os.listdir(os.path.join(repo, "plugins", "action")) if name.startswith("keycloak_"))
    assert actions == modules
    for name in actions:
        with open(os.path.join(repo, "plugins", "action", name), encoding="utf-8") as handle:
            assert "from ansible_collections.iam.keycloak.plugins.plugin_utils.play_plan import ActionModule" in handle.read(), name


def test_unread_states_are_not_kept_but_their_deletes_are():
    # keycloak_realm_config plans every user of a document: one end state each would be kept for nothing.
    context = PlanContext(lambda realm: None, unread_states=("user",))
    context.will_be("acme", "user", "alice", {"username": "alice", "enabled": True})
    context.will_be("acme", "user", "bob", None)
    context.will_be("acme", "client", "portal", {"clientId": "portal"})
    assert context.planned_states("acme", "user") == {"bob": None}
    assert context.planned_states("acme", "client") == {"portal": {"clientId": "portal"}}
    assert context.events == [["delete", "acme", "user", "bob"], ["state", "acme", "client", "portal", {"clientId": "portal"}]]
