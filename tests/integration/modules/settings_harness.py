# -*- coding: utf-8 -*-
"""The standard scenario for settings every realm has (events, localization texts, client policies...).

Such a resource is never created from nothing by the task, so the scenario is ``harness.scenario`` without
the create-from-absent and the delete: check mode changes nothing -> apply (as predicted) -> independent
read -> rerun unchanged -> update (check first, as predicted) -> rerun unchanged -> a field set by hand
survives an update that does not mention it.
"""

from harness import NOOP_COUNTS, same_prediction  # pylint: disable=import-error


def _ok(result):
    assert not result.get("failed"), result.get("msg")
    return result


def settings_scenario(run, module, args, read, verify, update, verify_update, hand_edit, other_update, verify_hand_edit):
    """Returns the requests of the no-op rerun."""
    before = read()
    check = _ok(run(module, check_mode=True, diff=True, **args))
    assert check["changed"] is True, check["msg"]
    assert check.writes == [], "check mode wrote: %s" % check.writes
    assert read() == before, "check mode changed the settings"

    applied = _ok(run(module, diff=True, **args))
    assert applied["changed"] is True
    same_prediction(check, applied)
    verify(read())

    again = _ok(run(module, **args))
    assert again["changed"] is False, "rerun changed: %s" % again["msg"]
    assert again.writes == [], "an unchanged rerun wrote: %s" % again.writes
    NOOP_COUNTS[module] = len(again.requests)

    changed_args = dict(args, **update)
    check = _ok(run(module, check_mode=True, diff=True, **changed_args))
    assert check["changed"] is True and check.writes == []
    assert check["diff"]["before"] != check["diff"]["after"]
    updated = _ok(run(module, diff=True, **changed_args))
    same_prediction(check, updated)
    verify_update(read())
    again = _ok(run(module, **changed_args))
    assert again["changed"] is False and again.writes == [], again["msg"]

    hand_edit()
    other_args = dict(changed_args, **other_update)
    check = _ok(run(module, check_mode=True, diff=True, **other_args))
    assert check["changed"] is True and check.writes == []
    updated = _ok(run(module, diff=True, **other_args))
    assert updated["changed"] is True
    same_prediction(check, updated)
    verify_hand_edit(read())
    again = _ok(run(module, **other_args))
    assert again["changed"] is False and again.writes == [], again["msg"]
    return NOOP_COUNTS[module]
