# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action every module of the collection runs through: ``plugins/action/keycloak_<module>.py``, one per module (Ansible
runs a module through the action plugin of its name), each this class.

Outside check mode it only runs the module. In check mode it gives the task the plan of the play: what the earlier
tasks of the same play planned on the same server (objects created and deleted, end states), which the module's
planning context reads (``module_utils/context.py``, ``PlayPlan``). So a dry run is exact across tasks: an object an
earlier task creates may be named, one that no earlier task creates fails the dry run naming it, as the real run
would fail.

The plan is kept from task to task as the host fact ``iam_keycloak_play_plan`` (per play: a fact of another play is
started over), and within a loop from item to item. ``keycloak_play_plan: warn`` (a variable: of the play, the host or
the task) turns it off: a missing object is then assumed with a warning, as a module run by itself does.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

FACT = "iam_keycloak_play_plan"
OPTION = "play_plan"
VARIABLE = "keycloak_play_plan"
MODES = ("strict", "warn")
# Within a loop, the items of one task run in one worker process, one after the other, and the facts of an item reach
# the next only when the whole task is done: the plan so far is carried here ({(task, host): plan}).
_CARRIED = {}


def _play_id(task):
    node = task
    while node is not None:
        play = getattr(node, "_play", None)
        if play is not None:
            return getattr(play, "_uuid", None)
        node = getattr(node, "_parent", None)
    return None


def _server(args):
    url = args.get("auth_keycloak_url") or args.get("url") or os.environ.get("KEYCLOAK_URL") or ""
    return ("%s" % url).rstrip("/")


class ActionModule(ActionBase):

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        mode = self._templar.template(task_vars.get(VARIABLE, "strict"))
        if mode not in MODES:
            raise AnsibleError("%s is %r: it is one of %s" % (VARIABLE, mode, ", ".join(MODES)))
        args = dict(self._task.args)
        planning = bool(self._play_context.check_mode) and mode == "strict"
        if OPTION in args:
            raise AnsibleError("%s is set by the collection's action plugin, not by a task" % OPTION)
        plan = server = carried_key = None
        if planning:
            play = _play_id(self._task)
            host = task_vars.get("inventory_hostname")
            carried_key = (getattr(self._task, "_uuid", None), host)
            plan = _CARRIED.get(carried_key)
            if plan is None or plan.get("play") != play:
                fact = (task_vars.get("ansible_facts") or {}).get(FACT) or task_vars.get(FACT)
                servers = fact.get("servers") if isinstance(fact, dict) and fact.get("play") == play else None
                plan = {"play": play, "servers": dict(servers or {})}
            server = _server(args)
            args[OPTION] = list(plan["servers"].get(server) or [])
        wrap_async = self._task.async_val and not self._connection.has_native_async
        module_result = self._execute_module(module_name=self._task.action, module_args=args, task_vars=task_vars, wrap_async=wrap_async)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        events = module_result.pop(OPTION, None)
        invocation = (module_result.get("invocation") or {}).get("module_args")
        if isinstance(invocation, dict):
            invocation.pop(OPTION, None)
        if planning and not module_result.get("failed"):
            if events:
                plan["servers"][server] = list(plan["servers"].get(server) or []) + list(events)
            _CARRIED[carried_key] = plan
            facts = dict(module_result.get("ansible_facts") or {})
            facts[FACT] = plan
            module_result["ansible_facts"] = facts
        return merge_hash(result, module_result)
