# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The declarative engine end to end, over an in-memory admin API (no HTTP, no Keycloak).

``plan`` -> ``Plan.apply`` -> ``outcome`` through a real ``PlanContext`` and ``Request``, with
the small "thing" kind of ``fake_admin``: create, partial update, no-op, delete, purge, check
mode against the real run, de-duplication, secrets in the diff, and references across plans.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

import pytest

from fake_admin import (  # pylint: disable=import-error
    DEFAULT_TAG,
    REALM,
    THING,
    FakeAdmin,
    ThingHandler,
    make_plan,
    new_context,
    run,
    thing_request,
)

from ansible_collections.iam.keycloak.plugins.module_utils import engine, registry
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakError
from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanError, or_none
from ansible_collections.iam.keycloak.plugins.module_utils.engine import MASK, canonical

SECRET = "s3cr3t-value"
OTHER_SECRET = "an0ther-s3cr3t"


def contained(predicted, actual):
    """``predicted`` is part of ``actual``: dict keys by key, list entries in any order (a set is read back sorted)."""
    if isinstance(predicted, dict):
        return isinstance(actual, dict) and all(key in actual and contained(value, actual[key]) for key, value in predicted.items())
    if isinstance(predicted, list):
        return isinstance(actual, list) and set(canonical(item) for item in predicted) <= set(canonical(item) for item in actual)
    return canonical(predicted) == canonical(actual)


def seeded(**fields):
    """A fake with the thing 'one' on it (tags a, b) and a bystander 'two'."""
    api = FakeAdmin()
    base = dict(description="first", enabled=True, count=3, secret=SECRET, uris=["https://a", "https://b"], attributes={"team": ["x"]})
    base.update(fields)
    api.put("one", tags=("a", "b"), **base)
    api.put("two", description="bystander")
    return api


def thing_id(api, name):
    return api.by_name(name)["id"]


# ------------------------------------------------------------------ create


def test_create_writes_the_thing_and_its_tags_and_reads_it_back():
    api = FakeAdmin(default_tags=())
    request = thing_request("one", {"description": "d", "secret": SECRET, "uris": ["https://b", "https://a"], "attributes": {"team": "x"}},
                            tags=["t1", "t2"])
    result, plan = run(api, request)

    new_id = thing_id(api, "one")
    assert api.writes == [
        ("create_thing", {"name": "one", "description": "d", "secret": SECRET, "uris": ["https://b", "https://a"], "attributes": {"team": ["x"]}}),
        ("add_thing_tag", new_id, "t1"),
        ("add_thing_tag", new_id, "t2"),
    ]
    assert result["changed"] is True
    assert result["operation"] == "create"
    assert result["id"] == new_id
    assert result["msg"] == "thing 'one': created; tags 't1' added; tags 't2' added"
    # end_state of a real run is what the server has (its default 'enabled' too), masked.
    assert result["end_state"] == dict(api.by_name("one"), secret=MASK)
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["secret"] == MASK
    assert result["diff"]["after"]["tags"] == ["t1", "t2"]
    assert plan.done == ["created", "tags 't1' added", "tags 't2' added"]


def test_create_without_diff_mode_has_no_diff():
    result, _plan = run(FakeAdmin(), thing_request("one", {"description": "d"}), diff_mode=False)
    assert "diff" not in result
    assert result["changed"] is True


def test_descriptions_name_the_writes_in_order():
    plan = make_plan(FakeAdmin(default_tags=()), thing_request("one", {"description": "d"}, tags=["t1"]))
    assert plan.descriptions() == [action.description for action in plan.actions] and plan.descriptions()[0] == "created"


# ------------------------------------------------------------------ update


def test_update_of_one_field_sends_it_alone_and_leaves_the_others():
    api = seeded()
    before = api.by_name("one")
    result, _plan = run(api, thing_request("one", {"description": "second"}))

    assert api.writes == [("update_thing", before["id"], {"description": "second"})]
    after = api.by_name("one")
    assert after == dict(before, description="second")
    assert api.by_name("two")["description"] == "bystander"
    assert result["operation"] == "update"
    assert result["msg"] == "thing 'one': updated description"
    assert result["diff"] == {"before": {"name": "one", "description": "first"}, "after": {"name": "one", "description": "second"}}
    # Tags were not asked for: neither read nor shown.
    assert "tags" not in result["end_state"]
    assert not [call for call in api.calls if call[0] == "get_thing_tags"]


def test_update_of_one_attribute_keeps_the_other_attributes():
    api = seeded(attributes={"team": ["x"], "site": ["paris"]})
    result, _plan = run(api, thing_request("one", {"attributes": {"site": "lyon"}}))

    assert api.by_name("one")["attributes"] == {"team": ["x"], "site": ["lyon"]}
    assert result["msg"] == "thing 'one': updated attributes.site"


@pytest.mark.parametrize("field, empty", [("attributes", {}), ("uris", [])])
def test_an_empty_value_on_an_object_without_the_field_changes_nothing_and_shows_nothing(field, empty):
    api = seeded()
    del api.things[thing_id(api, "one")][field]
    result, plan = run(api, thing_request("one", {field: empty}))
    assert plan.actions == [] and result["changed"] is False
    assert result["diff"]["before"] == result["diff"]["after"]
    assert result["end_state"] == engine.mask(dict((key, value) for key, value in api.by_name("one").items() if key != "tags"))


def test_none_leaves_a_field_alone():
    api = seeded()
    result, plan = run(api, thing_request("one", {"description": None, "count": None}))
    assert plan.actions == []
    assert result["changed"] is False


def test_rerun_has_no_actions_and_sends_nothing():
    api = FakeAdmin()
    request = thing_request("one", {"description": "d", "secret": SECRET, "uris": ["https://b", "https://a", "https://b"], "attributes": {"k": [1, True]}},
                            tags=["t1"], purge_tags=True)
    run(api, request)
    api.reset_log()

    result, plan = run(api, request)
    assert plan.actions == []
    assert api.writes == []
    assert result["changed"] is False
    assert result["operation"] == "none"
    assert result["msg"] == "thing 'one' is as wanted"
    assert result["diff"]["before"] == result["diff"]["after"]


# ------------------------------------------------------------------ delete


def test_delete_removes_the_thing_and_shows_it_masked_in_the_diff():
    api = seeded()
    one = api.by_name("one")
    result, plan = run(api, thing_request("one", state="absent"))

    assert api.writes == [("delete_thing", one["id"])]
    assert api.by_name("one") is None and api.by_name("two") is not None
    assert result["operation"] == "delete"
    assert result["end_state"] == {}
    assert result["diff"]["after"] == {}
    assert result["diff"]["before"]["secret"] == MASK
    assert result["diff"]["before"]["description"] == "first"
    assert SECRET not in json.dumps(result)
    assert plan.done == ["deleted"]


def test_delete_of_an_absent_thing_is_a_no_op():
    api = FakeAdmin()
    result, plan = run(api, thing_request("ghost", state="absent"))
    assert plan.actions == [] and api.writes == []
    assert result == {"changed": False, "end_state": {}, "msg": "thing 'ghost' is as wanted", "operation": "none",
                      "diff": {"before": {}, "after": {}}}


# ------------------------------------------------------------------- purge


def test_purge_true_removes_the_items_not_listed():
    api = seeded()
    one = thing_id(api, "one")
    result, _plan = run(api, thing_request("one", tags=["a", "c"], purge_tags=True))

    assert sorted(api.writes) == [("add_thing_tag", one, "c"), ("remove_thing_tag", one, "b")]
    assert api.by_name("one")["tags"] == ["a", "c"]
    assert result["end_state"]["tags"] == ["a", "c"]
    assert result["diff"]["before"]["tags"] == ["a", "b"]
    assert result["diff"]["after"]["tags"] == ["a", "c"]


def test_purge_false_keeps_the_items_not_listed():
    api = seeded()
    one = thing_id(api, "one")
    result, _plan = run(api, thing_request("one", tags=["a", "c"], purge_tags=False))

    assert api.writes == [("add_thing_tag", one, "c")]
    assert api.by_name("one")["tags"] == ["a", "b", "c"]
    assert result["end_state"]["tags"] == ["a", "b", "c"]
    # The diff shows the listed items only: 'b' is not the task's business.
    assert result["diff"]["before"]["tags"] == ["a"]
    assert result["diff"]["after"]["tags"] == ["a", "c"]


def test_purge_with_an_empty_list_removes_everything():
    api = seeded()
    run(api, thing_request("one", tags=[], purge_tags=True))
    assert api.by_name("one")["tags"] == []


def test_purge_at_create_removes_the_default_item_the_new_object_comes_with():
    api = FakeAdmin(default_tags=(DEFAULT_TAG,))
    result, plan = run(api, thing_request("one", {"description": "d"}, tags=["t1"], purge_tags=True))

    new_id = thing_id(api, "one")
    assert api.by_name("one")["tags"] == ["t1"]
    assert ("remove_thing_tag", new_id, DEFAULT_TAG) in api.writes
    # The unlisted default goes before the listed ones are added.
    assert plan.done == ["created", "tags not listed removed", "tags 't1' added"]
    assert result["end_state"]["tags"] == ["t1"]


def test_no_purge_at_create_keeps_the_default_item():
    api = FakeAdmin(default_tags=(DEFAULT_TAG,))
    result, _plan = run(api, thing_request("one", tags=["t1"], purge_tags=False))
    assert api.by_name("one")["tags"] == [DEFAULT_TAG, "t1"]
    assert result["end_state"]["tags"] == [DEFAULT_TAG, "t1"]


def test_a_listed_default_item_is_neither_removed_nor_added_again_at_create():
    api = FakeAdmin(default_tags=(DEFAULT_TAG,))
    run(api, thing_request("one", tags=[DEFAULT_TAG, "t1"], purge_tags=True))
    assert api.by_name("one")["tags"] == [DEFAULT_TAG, "t1"]
    assert [write[0] for write in api.writes] == ["create_thing", "add_thing_tag"]


# -------------------------------------------------------------- check mode

SCENARIOS = {
    "create": (FakeAdmin, thing_request("new", {"description": "d", "secret": SECRET, "uris": ["u2", "u1", "u2"]}, tags=["t1"])),
    "create with purge": (FakeAdmin, thing_request("new", {"description": "d"}, tags=["t2", "t1"], purge_tags=True)),
    "update": (seeded, thing_request("one", {"description": "changed", "uris": ["https://c"], "attributes": {"site": "x"}})),
    "secret only": (seeded, thing_request("one", {"secret": OTHER_SECRET})),
    "purge": (seeded, thing_request("one", {"count": 4}, tags=["b", "c"], purge_tags=True)),
    "keep": (seeded, thing_request("one", tags=["c"])),
    "no-op": (seeded, thing_request("one", {"description": "first", "uris": ["https://b", "https://a"]}, tags=["b", "a"])),
    "delete": (seeded, thing_request("one", state="absent")),
    "delete absent": (FakeAdmin, thing_request("ghost", state="absent")),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_check_mode_predicts_the_real_run_and_writes_nothing(scenario):
    make, request = SCENARIOS[scenario]
    checked_api, real_api = make(), make()
    assert checked_api.things == real_api.things

    checked, _plan = run(checked_api, copy.deepcopy(request), context=new_context(checked_api, assume_missing=True), check_mode=True)
    assert checked_api.writes == []

    real, _plan = run(real_api, copy.deepcopy(request))
    assert checked["changed"] == real["changed"]
    assert checked["operation"] == real["operation"]
    assert checked["diff"] == real["diff"]
    assert checked["msg"] == real["msg"]
    assert contained(checked["end_state"], real["end_state"]), (checked["end_state"], real["end_state"])
    if real["changed"]:
        # The real run read the object back: its end_state is the server's.
        assert contained(real["end_state"], engine.mask(real_api.by_name(request.key) or {}))


def test_check_mode_of_a_create_has_no_id_yet():
    api = FakeAdmin()
    result, _plan = run(api, thing_request("one", {"description": "d"}), check_mode=True)
    assert result["id"] is None
    assert result["changed"] is True and api.writes == []


# ------------------------------------------------------------- duplicates


def test_duplicates_in_a_set_field_are_sent_once_and_compare_equal():
    api = FakeAdmin()
    run(api, thing_request("one", {"uris": ["u1", "u1", "u2"]}))
    assert api.writes[0][1]["uris"] == ["u1", "u2"]
    api.reset_log()

    _result, plan = run(api, thing_request("one", {"uris": ["u2", "u1", "u2", "u1"]}))
    assert plan.actions == []


def test_duplicates_in_collection_items_are_added_once():
    api = FakeAdmin(default_tags=())
    _result, plan = run(api, thing_request("one", tags=["t1", "t1", "t2", "t1"]))
    assert list(plan.done) == ["created", "tags 't1' added", "tags 't2' added"]
    assert plan.end_state["tags"] == ["t1", "t2"]

    api.reset_log()
    _result, plan = run(api, thing_request("one", tags=["t2", "t2"], purge_tags=True))
    assert plan.done == ["tags 't1' removed"]
    assert api.by_name("one")["tags"] == ["t2"]


# ---------------------------------------------------------------- secrets


def test_a_secret_only_change_is_shown_changed_and_never_in_clear():
    api = seeded()
    result, _plan = run(api, thing_request("one", {"secret": OTHER_SECRET}))

    assert result["changed"] is True
    assert result["diff"]["before"]["secret"] == MASK
    assert result["diff"]["after"]["secret"] == engine.MASK_CHANGED == "******** (changed)"
    assert result["end_state"]["secret"] == MASK
    assert result["msg"] == "thing 'one': updated secret"
    text = json.dumps(result)
    assert SECRET not in text and OTHER_SECRET not in text
    assert api.by_name("one")["secret"] == OTHER_SECRET


def test_an_unchanged_secret_is_not_marked_changed():
    api = seeded()
    result, _plan = run(api, thing_request("one", {"secret": SECRET, "description": "other"}))
    assert result["diff"]["before"]["secret"] == MASK
    assert result["diff"]["after"]["secret"] == MASK
    assert SECRET not in json.dumps(result)


def test_a_nested_secret_only_change_is_marked_at_its_depth():
    api = seeded(config={"smtp": {"host": "mail", "password": SECRET}})
    result, _plan = run(api, thing_request("one", {"config": {"smtp": {"password": OTHER_SECRET}}}))
    assert result["diff"]["after"]["config"]["smtp"]["password"] == engine.MASK_CHANGED
    assert result["diff"]["before"]["config"]["smtp"]["password"] == MASK
    assert result["msg"] == "thing 'one': updated config.smtp.password"
    assert api.by_name("one")["config"]["smtp"] == {"host": "mail", "password": OTHER_SECRET}
    text = json.dumps(result)
    assert SECRET not in text and OTHER_SECRET not in text


# ------------------------------------------------------------ refusals


def test_a_field_not_in_representation_is_refused_before_any_write():
    api = seeded()
    with pytest.raises(PlanError, match="^representation may not set tags: use the tags option$"):
        make_plan(api, thing_request("one", {"tags": ["a"]}))
    assert api.writes == []


def test_a_refused_field_set_to_none_is_left_alone():
    api = seeded()
    assert make_plan(api, thing_request("one", {"tags": None})).actions == []


def test_a_field_not_in_representation_is_refused_before_any_read():
    api = seeded()
    with pytest.raises(PlanError):
        make_plan(api, thing_request("one", {"tags": ["a"]}))
    assert api.calls == []


def test_the_id_is_server_generated_and_never_compared():
    api = seeded()
    assert make_plan(api, thing_request("one", {"id": "other", "description": "first"})).actions == []


# -------------------------------------------------------------- failures


def test_a_failure_part_way_leaves_done_with_what_was_written():
    api = FakeAdmin(default_tags=())
    plan = make_plan(api, thing_request("one", tags=["t1"]))
    api.fail_on = "add_thing_tag"
    with pytest.raises(KeycloakError):
        plan.apply()
    assert plan.done == ["created"]


def test_or_none_tells_a_missing_object_from_a_missing_realm():
    api = FakeAdmin()
    assert or_none(api.get_thing, "nope") is None
    api.realm_exists = False
    with pytest.raises(KeycloakError):
        or_none(api.get_thing, "nope")


# ------------------------------------------------------------- references


def test_a_reference_to_an_object_an_earlier_plan_creates_is_planned_then_found():
    api = FakeAdmin(default_tags=())
    context = new_context(api)
    parent_plan = context.add(make_plan(api, thing_request("parent", {"description": "p"}), context))
    assert context.is_planned(REALM, "thing", "parent")

    child_plan = context.add(make_plan(api, thing_request("child", {"parent": "parent"}), context))
    reference = child_plan.handler.parent
    assert reference.origin == "planned" and not reference.exists
    assert context.warnings == []
    # Looked up when first asked for: before the parent's plan has run, it is not there.
    with pytest.raises(PlanError, match="was to be created earlier in this run, but it does not exist"):
        reference.value  # pylint: disable=pointless-statement

    assert api.writes == []
    context.apply()
    parent = api.by_name("parent")
    assert reference.value["id"] == parent["id"] == reference.id
    assert api.by_name("child")["parentId"] == parent["id"]
    assert parent_plan.end_state["description"] == "p"


def test_a_reference_to_an_object_on_the_server_resolves_at_once():
    api = seeded()
    plan = make_plan(api, thing_request("child", {"parent": "two"}))
    assert plan.handler.parent.origin == "server" and plan.handler.parent.exists
    plan.apply()
    assert api.by_name("child")["parentId"] == thing_id(api, "two")


def test_a_missing_reference_is_an_assumption_with_a_warning_in_check_mode():
    api = FakeAdmin()
    context = new_context(api, assume_missing=True)
    result, plan = run(api, thing_request("child", {"parent": "ghost"}), context=context, check_mode=True)

    assert plan.handler.parent.origin == "assumed"
    assert context.warnings == ["thing 'ghost' does not exist; planned as if an earlier task creates it"]
    assert result["changed"] is True and result["operation"] == "create"
    assert api.writes == []


def test_a_missing_reference_is_an_error_without_assume_missing():
    api = FakeAdmin()
    context = new_context(api)
    with pytest.raises(PlanError, match="^thing 'ghost' does not exist$"):
        make_plan(api, thing_request("child", {"parent": "ghost"}), context)
    assert api.writes == [] and context.warnings == []


def test_a_missing_realm_is_assumed_in_check_mode():
    api = FakeAdmin(realm_exists=False)
    context = new_context(api, assume_missing=True)
    result, _plan = run(api, thing_request("one", {"description": "d"}, tags=["t1"]), context=context, check_mode=True)

    assert context.realm_status(REALM) == "assumed"
    assert context.warnings == ["realm 'test' does not exist; planned as if an earlier task creates it"]
    assert result["changed"] is True and result["operation"] == "create"
    assert result["end_state"] == {"name": "one", "description": "d", "tags": ["t1"]}
    assert api.writes == []

    # Nothing more is read in a realm known to be new.
    calls = len(api.calls)
    _result, plan = run(api, thing_request("two"), context=context, check_mode=True)
    assert plan.operation == "create" and len(api.calls) == calls


def test_a_missing_realm_is_an_error_in_a_real_run():
    api = FakeAdmin(realm_exists=False)
    context = new_context(api)
    with pytest.raises(PlanError, match="^realm 'test' does not exist$"):
        run(api, thing_request("one", {"description": "d"}), context=context)
    assert context.realm_status(REALM) is None
    assert api.writes == []


def test_a_found_realm_is_remembered():
    api = seeded()
    context = new_context(api)
    make_plan(api, thing_request("one"), context)
    assert context.realm_status(REALM) == "exists"
    assert not context.realm_is_new(REALM)


def test_a_planned_realm_makes_its_objects_new_without_reading():
    api = FakeAdmin(realm_exists=False)
    context = new_context(api)
    context.will_create("master", "realm", REALM)
    plan = make_plan(api, thing_request("one"), context)
    assert plan.operation == "create"
    assert api.calls == []
    with pytest.raises(PlanError, match="realm 'test' is created by this run and has no such object"):
        make_plan(api, thing_request("child", {"parent": "ghost"}), context)


# ------------------------------------------------------------ translation


def test_the_user_kind_turns_options_into_a_request():
    request = registry.KINDS["user"].request(
        {
            "realm": "corp",
            "username": "Alice",
            "first_name": "Alice",
            "email_verified": True,
            "attributes": {"site": "paris"},
            "required_actions": ["VERIFY_EMAIL"],
            "groups": ["/staff"],
            "purge_groups": True,
            "realm_roles": ["auditor"],
            "client_roles": [{"client_id": "app", "roles": ["viewer", "editor"]}],
            "password": "pw",
            "update_password": "always",
            "representation": {"notBefore": 0, "firstName": "overridden by the option"},
        }
    )
    assert request.kind == "user"
    assert request.realm == "corp"
    assert request.key == "Alice"
    assert request.state == "present"
    assert request.representation == {
        "notBefore": 0,
        "username": "Alice",
        "firstName": "Alice",
        "emailVerified": True,
        "attributes": {"site": "paris"},
        "requiredActions": ["VERIFY_EMAIL"],
    }
    assert request.items == {
        "groups": ["/staff"],
        "federatedIdentities": None,
        "roleMappings": [{"name": "auditor", "clientId": None}, {"name": "viewer", "clientId": "app"}, {"name": "editor", "clientId": "app"}],
    }
    assert request.purge == {"groups": True, "federatedIdentities": False, "roleMappings": False}
    assert request.flags == {"password": "pw", "temporary": False, "update_password": "always"}


def test_the_user_kind_translates_suboptions_and_defaults():
    request = registry.KINDS["user"].request(
        {"username": "bob", "state": "absent", "federated_identities": [{"identity_provider": "idp", "user_id": "42", "user_name": "bob"}]}
    )
    assert request.realm == "master"
    assert request.state == "absent"
    assert request.representation == {"username": "bob"}
    assert request.items == {
        "groups": None,
        "federatedIdentities": [{"identityProvider": "idp", "userId": "42", "userName": "bob"}],
        "roleMappings": None,
    }
    assert request.flags == {"password": None, "temporary": False, "update_password": "on_create"}


def test_a_kind_request_drives_the_engine():
    api = FakeAdmin(default_tags=())
    request = THING.request({"realm": REALM, "name": "one", "description": "d", "uris": ["u"], "tags": ["t"], "purge_tags": True,
                             "representation": {"count": 2}})
    assert request.representation == {"count": 2, "description": "d", "uris": ["u"], "name": "one"}
    assert request.items == {"tags": ["t"]} and request.purge == {"tags": True}
    result = engine.outcome(engine.plan(ThingHandler(api, request, new_context(api))), False, False)
    assert result["changed"] is True
    assert api.by_name("one") == {"id": result["id"], "name": "one", "description": "d", "count": 2, "uris": ["u"], "enabled": True, "tags": ["t"]}


def test_secret_values_are_found_in_free_form_maps():
    """What reconcile hands Ansible as no_log values: secrets under any secret key, at any depth."""
    found = engine.secret_values([{"config": {"clientSecret": "idp-s3cret", "clientId": "x"}},
                                  {"mappers": [{"config": {"bindCredential": "ldap-s3cret"}}]},
                                  {"value": "not-a-secret-here", "credentials": [{"value": "pw-s3cret"}]},
                                  {"secret": "**********"},
                                  # A component's config, as kc.sh export writes it: each value a list of strings.
                                  {"config": {"privateKey": ["MIIE-s3cret"], "ecdsaPrivateKey": ["ME4C-s3cret"], "bindCredential": ["**********"],
                                              "priority": ["100"]}}])
    assert found == {"idp-s3cret", "ldap-s3cret", "pw-s3cret", "MIIE-s3cret", "ME4C-s3cret"}


def test_later_collections_are_written_in_the_finish_phase_after_every_plan_of_the_run():
    api = FakeAdmin(default_tags=())
    context = new_context(api)
    first = thing_request("one", tags=["t1"])
    first.later = frozenset(("tags",))
    context.add(make_plan(api, first, context))
    context.add(make_plan(api, thing_request("two"), context))
    context.apply()

    # The tag of 'one' waits for the create of 'two', which a later plan makes.
    assert [write[0] for write in api.writes] == ["create_thing", "create_thing", "add_thing_tag"]
    assert [action.phase for action in context.plans[0].actions] == [engine.OWN, engine.FINISH]
    assert api.by_name("one")["tags"] == ["t1"]


def test_a_plan_applied_phase_by_phase_does_each_write_once():
    api = seeded()
    request = thing_request("one", {"description": "new"}, tags=["a", "c"], purge_tags=True)
    request.later = frozenset(("tags",))
    plan = make_plan(api, request)
    plan.apply(engine.OWN)
    assert plan.done == ["updated description"]
    plan.apply(engine.FINISH)
    assert plan.done == ["updated description", "tags 'c' added", "tags 'b' removed"]
    assert api.by_name("one")["tags"] == ["a", "c"]
