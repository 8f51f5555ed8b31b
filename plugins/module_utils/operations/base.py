# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Operations: what a playbook asks Keycloak to *do* (regenerate a secret, log a user out, clear a cache).

An operation has no desired state to compare with. It is defined once, like a resource kind: an
``OperationSpec`` holds its options and its ``Operation`` class; a module file is its documentation and
``run_operation(SPEC)``. Every operation behaves the same way:

* ``plan()`` reads what it needs and lists the writes (``Step``s) it would send; it sends none.
  Check mode stops there and says what the real run would do; a real run applies the steps in order.
* It acts only when asked, and reports ``changed: true`` when it acts (or would). A step that would
  change nothing (unlocking a user that is not locked) is not planned, so such a run reports
  ``changed: false``.
* The realm and every object it names resolve through the run's ``PlanContext``: in check mode a missing
  realm or object is planned as if an earlier task created it, with a warning; a real run fails, naming
  it, before any write.

No Ansible import here: ``runner.run_operation`` is the only part that meets Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ..client.exceptions import KeycloakError
from ..context import ENDPOINT_FIELDS, PlanContext, PlanError, or_none, realm_endpoints, realm_missing
from ..engine import mask
from .. import kind as kinds

REALM = dict(type="str", default="master")


def readable(error):
    """A client error as a person reads it: the request and Keycloak's own message."""
    text = getattr(error, "description", None) or error.error_message or "%s" % error
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else "%s" % text


class Step:
    """One write of an operation: ``todo`` says what it would do, ``done`` what it did, ``run()`` does it."""

    def __init__(self, todo, done, run):
        self.todo = todo
        self.done = done
        self.run = run


class OperationPlan:
    """The writes an operation needs, and what it returns besides ``changed`` and ``msg``.

    ``result`` holds the operation's own return values. ``diff`` (optional) is a before/after that
    diff mode shows, already masked by the operation. ``after_apply`` callbacks fill ``result`` with
    what only the real run knows (a new secret, Keycloak's import report).
    """

    def __init__(self, what):
        self.what = what
        self.steps = []
        self.result = {}
        self.diff = None
        self.done = []
        self.outputs = []
        self.after_apply = []

    @property
    def changed(self):
        return bool(self.steps)

    def add(self, todo, done, run):
        self.steps.append(Step(todo, done, run))

    def apply(self):
        """Send every planned write, in order; ``done`` grows as they succeed."""
        for step in self.steps:
            self.outputs.append(step.run())
            self.done.append(step.done)
        for callback in self.after_apply:
            callback(self)

    def message(self, check_mode):
        if not self.steps:
            return "%s: %s" % (self.what, self.result.get("_nothing") or "nothing to do")
        if check_mode:
            return "%s: would %s" % (self.what, "; ".join(step.todo for step in self.steps))
        return "%s: %s" % (self.what, "; ".join(step.done for step in self.steps))


class Operation:
    """One operation, built from the admin API of its realm, its arguments and the run's ``PlanContext``.

    ``args`` are the task's options (every option present, unset ones None), the connection options left out.
    """

    # Whether the task runs with no_log: true (set by ``perform``).
    task_no_log = False

    def __init__(self, api, args, context):
        self.api = api
        self.args = args
        self.context = context

    @property
    def realm(self):
        return self.args.get("realm")

    @property
    def check_mode(self):
        return self.context.assume_missing

    @property
    def realm_is_new(self):
        return self.context.realm_is_new(self.realm)

    def describe(self):
        """What the operation works on, as messages name it."""
        return "realm '%s'" % self.realm

    def new_plan(self):
        return OperationPlan(self.describe())

    def plan(self):
        """An ``OperationPlan``: reads only, no write."""
        raise NotImplementedError

    def require_no_log(self, option):
        """Refuse, before any request, to return a secret in clear from a task whose output Ansible would print."""
        if self.args.get(option) and not self.task_no_log:
            raise PlanError("%s returns a secret in clear: run the task with no_log: true (and register the result) so that Ansible "
                            "prints no secret, or leave %s unset" % (option, option))

    def lookup(self, call, *args, **kwargs):
        """``call(...)``, None when the object is not there; a missing realm goes to the context.

        In check mode that is an assumption (with a warning) and None; in a real run a ``PlanError``.
        """
        if self.realm_is_new:
            return None
        try:
            return or_none(call, *args, **kwargs)
        except KeycloakError as error:
            if error.not_found and realm_missing(error):
                self.context.realm_not_found(self.realm)
                return None
            raise

    def reference(self, kind, key, find, what=None, hint=""):
        """A ``context.Ref`` to ``kind`` ``key`` of the realm; ``find`` is called through ``lookup``."""
        return self.context.reference(self.realm, kind, key, lambda: self.lookup(find), what=what, hint=hint)

    def endpoints(self):
        """The realm's issuer, discovery URL and endpoints (see ``resources.common.realm_endpoints``); None while the realm is planned."""
        if self.realm_is_new:
            return dict.fromkeys(ENDPOINT_FIELDS)
        return realm_endpoints(self.api, self.realm)

    def client_ref(self, client_id):
        """The client ``client_id`` (whole representation) as a ``Ref``."""

        def find():
            found = [item for item in self.api.search_clients(client_id) or [] if item.get("clientId") == client_id]
            return found[0] if found else None

        return self.reference("client", client_id, find, what="client '%s' in realm '%s'" % (client_id, self.realm))

    def user_ref(self, username):
        """The user ``username`` (whole representation) as a ``Ref``."""

        def find():
            user_id = self.api.get_user_id(username)
            return or_none(self.api.get_user, user_id) if user_id else None

        return self.reference("user", ("%s" % username).lower(), find, what="user '%s' in realm '%s'" % (username, self.realm))


class OperationSpec:
    """An operation, defined once: its name, its ``Operation`` class, its options and ``AnsibleModule`` extras.

    ``options`` are argument-spec dicts; ``realm`` comes with every operation unless ``common`` says otherwise.
    ``server_made`` names the results that only the server makes (a secret, a token, a document): a check run
    that cannot know one returns it null with ``planned: true``, so a later task can tell "not known yet" from a value.
    """

    def __init__(self, name, operation, options=None, module=None, common=None, server_made=()):
        self.name = name
        self.server_made = tuple(server_made)
        self.operation = operation
        self.own_options = options or {}
        self.module = module or {}
        self.common = dict(realm=REALM) if common is None else common

    def option_spec(self):
        spec = copy.deepcopy(self.common)
        spec.update(copy.deepcopy(self.own_options))
        return spec

    def argument_spec(self):
        return kinds.ansible_spec(self.option_spec())

    def args(self, params):
        """The operation's own options of ``params`` (every one present)."""
        spec = self.option_spec()
        return kinds.with_defaults(dict((name, params.get(name)) for name in spec), spec)


def planned(result, server_made, check_mode):
    """Whether a server-made result is null because only the real run will know it (check mode of a new object or a write)."""
    return bool(check_mode) and any(name in result and result[name] is None for name in server_made)


def perform(spec, api_for, params, check_mode=False, diff_mode=False, task_no_log=False, play=None):
    """Plan the operation ``spec`` for ``params`` and, unless in check mode, apply it.

    ``task_no_log`` says whether the task runs with ``no_log: true`` (an operation returns a secret in clear
    only then). Returns ``(result, warnings, plan)``. Raises ``PlanError`` (bad input, missing object: before any
    write) and the client's ``KeycloakError`` (``plan.done`` says what went through before it).
    """
    args = spec.args(params)
    context = PlanContext(api_for, assume_missing=check_mode, play=play)
    operation = spec.operation(api_for(args.get("realm") or "master"), args, context)
    operation.task_no_log = bool(task_no_log)
    the_plan = None
    try:
        the_plan = operation.plan()
        if not check_mode and the_plan.changed:
            the_plan.apply()
    except KeycloakError as error:
        # What the failure was about, and the writes that went through before it.
        error.what = operation.describe()
        error.done = list(the_plan.done) if the_plan is not None else []
        raise
    except PlanError as error:
        raise PlanError("%s: %s" % (operation.describe(), error))
    result = dict((key, value) for key, value in the_plan.result.items() if not key.startswith("_"))
    result.update(changed=the_plan.changed, msg=the_plan.message(check_mode), actions=[step.todo for step in the_plan.steps])
    if spec.server_made:
        result["planned"] = planned(result, spec.server_made, check_mode)
    if diff_mode and the_plan.diff is not None:
        result["diff"] = the_plan.diff
    # What the run plans, for the play's plan of the tasks after it (see ``context.PlayPlan``).
    the_plan.events = list(context.events)
    return result, list(context.warnings), the_plan


__all__ = ["Operation", "OperationPlan", "OperationSpec", "PlanError", "mask", "perform"]
