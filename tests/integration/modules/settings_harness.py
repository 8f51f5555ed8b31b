# -*- coding: utf-8 -*-
"""The standard scenario for settings every realm has (events, localization texts, client policies...).

Such a resource is never created from nothing by the task, so the scenario is ``harness.scenario`` without
the create-from-absent and the delete: check mode changes nothing -> apply (as predicted) -> independent
read -> rerun unchanged -> update (check first, as predicted) -> rerun unchanged -> a field set by hand
survives an update that does not mention it.
"""

from harness import NOOP_COUNTS, apply_update_and_hand_edit  # pylint: disable=import-error


def settings_scenario(run, module, args, read, verify, update, verify_update, hand_edit, other_update, verify_hand_edit):
    """Returns the requests of the no-op rerun."""
    before = read()

    def left_alone():
        assert read() == before, "check mode changed the settings"

    apply_update_and_hand_edit(run, module, args, read, left_alone, verify, update, verify_update, hand_edit, other_update,
                               verify_hand_edit)
    return NOOP_COUNTS[module]
