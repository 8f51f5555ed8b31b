# -*- coding: utf-8 -*-
"""Run modules in-process against the real server, and watch every request they send.

``run_module`` feeds a module its arguments the way Ansible does, captures the JSON it
prints, and records each HTTP request it sent (method and URL) by observing
``requests.Session.send``: nothing is faked, the requests really go to Keycloak.
"""

import contextlib
import importlib
import io
import json
import os
import subprocess
import sys

import requests

from ansible.module_utils import basic

TOKEN_PATH = "/protocol/openid-connect/token"
KEYCLOAK_SERVER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "keycloak", "server.py")


def kc_sh_export(realm, target, users_per_file=None):
    """Have ``kc.sh export`` write ``realm`` to the file ``target``, or with ``users_per_file`` to the folder ``target`` as
    ``--dir`` writes it (``tests/keycloak/server.py export``/``export-dir``, on a copy of the running server's database)."""
    command = ["export", realm, str(target)] if users_per_file is None else ["export-dir", realm, str(target), str(users_per_file)]
    result = subprocess.run([sys.executable, KEYCLOAK_SERVER] + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


class ModuleResult(dict):
    """A module's result, plus the requests it sent."""

    @property
    def requests(self):
        return self["_requests"]

    @property
    def writes(self):
        """Requests that could change the server (everything but GET and logins)."""
        return [r for r in self.requests if r[0] != "GET" and TOKEN_PATH not in r[1]]


@contextlib.contextmanager
def recording():
    calls = []
    original = requests.Session.send

    def send(session, request, **kwargs):
        calls.append((request.method, request.url))
        return original(session, request, **kwargs)

    requests.Session.send = send
    try:
        yield calls
    finally:
        requests.Session.send = original


def run_module(name, args, check_mode=False, diff=False):
    module = importlib.import_module("ansible_collections.iam.keycloak.plugins.modules.%s" % name)
    payload = dict(args)
    payload.update({"_ansible_check_mode": check_mode, "_ansible_diff": diff})
    basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": payload}).encode()
    basic._ANSIBLE_PROFILE = "legacy"
    out = io.StringIO()
    with recording() as calls, contextlib.redirect_stdout(out):
        try:
            module.main()
        except SystemExit:
            pass
    basic._ANSIBLE_ARGS = None
    text = out.getvalue()
    try:
        result = ModuleResult(json.loads(text))
    except ValueError:
        raise AssertionError("module %s printed no JSON result: %r" % (name, text[-2000:]))
    result["_requests"] = calls
    result["_stdout"] = text
    return result


NOOP_COUNTS = {}


def warnings_of(result):
    return ["%s" % warning for warning in result.get("warnings") or []]


def fails_or_plans(result, check_mode, missing):
    """A missing reference: a real run fails naming it; check mode plans, with a warning naming it. Nothing is written."""
    assert result.writes == [], result.writes
    if check_mode:
        assert not result.get("failed"), result["msg"]
        assert any(missing in warning and "does not exist" in warning for warning in warnings_of(result)), (missing, warnings_of(result))
    else:
        assert result.get("failed") is True, result["msg"]
        assert missing in result["msg"], result["msg"]


def contained(real, predicted):
    """Whether every field of ``predicted`` is in ``real`` with the same value (lists: every predicted item is there)."""
    if isinstance(predicted, dict):
        return isinstance(real, dict) and all(contained(real.get(key), value) for key, value in predicted.items())
    if isinstance(predicted, list):
        return isinstance(real, list) and all(any(contained(have, item) for have in real) for item in predicted)
    return real == predicted


def same_prediction(check, real):
    """Check mode predicted what the real run did: the same changed, operation and diff, and an
    end_state whose every field the real run's end_state (the object read back) has."""
    assert check["changed"] == real["changed"], (check["msg"], real["msg"])
    assert check["operation"] == real["operation"], (check["operation"], real["operation"])
    assert check.get("diff") == real.get("diff"), "check mode predicted another diff"
    for key, value in check["end_state"].items():
        assert contained(real["end_state"].get(key), value), "check mode predicted %s=%r, the real run has %r" % (
            key, value, real["end_state"].get(key))


def _ok(result):
    assert not result.get("failed"), result.get("msg")
    return result


def scenario(run, module, args, read, verify, update, verify_update, hand_edit, other_update, verify_hand_edit, absent_args=None):
    """The life of one resource, the same for every module.

    check mode creates nothing -> apply (as predicted) -> independent read -> rerun unchanged ->
    update one field (check first) -> rerun unchanged -> a field set by hand survives an update
    that does not mention it -> rerun unchanged -> check-mode delete deletes nothing -> delete ->
    rerun unchanged.

    ``run`` is the ``module_runner`` fixture; ``read()`` reads the resource with the client
    (None when absent); ``verify``/``verify_update``/``verify_hand_edit`` assert on that read;
    ``update`` and ``other_update`` are argument changes; ``hand_edit()`` changes the resource
    behind the module's back. Returns the requests of the no-op rerun.
    """
    absent_args = absent_args if absent_args is not None else args

    def created_nothing():
        assert read() is None, "check mode created the resource"

    def verify_created(current):
        assert current is not None, "the resource was not created"
        verify(current)

    apply_update_and_hand_edit(run, module, args, read, created_nothing, verify_created, update, verify_update, hand_edit,
                               other_update, verify_hand_edit)

    delete_args = dict(absent_args, state="absent")
    check = _ok(run(module, check_mode=True, diff=True, **delete_args))
    assert check["changed"] is True and check.writes == []
    assert read() is not None, "check-mode delete deleted"
    deleted = _ok(run(module, diff=True, **delete_args))
    same_prediction(check, deleted)
    assert read() is None, "the resource is still there"
    again = _ok(run(module, **delete_args))
    assert again["changed"] is False and again.writes == []
    return NOOP_COUNTS[module]


def apply_update_and_hand_edit(run, module, args, read, left_alone, verify, update, verify_update, hand_edit, other_update,
                               verify_hand_edit):
    """What every scenario shares, for resources made by the task and for settings every realm has.

    check mode writes nothing (``left_alone()`` asserts the resource is as it was) -> apply (as
    predicted) -> independent read (``verify``) -> rerun unchanged -> update one field (check first)
    -> rerun unchanged -> a field set by hand (``hand_edit()``) survives an update that does not
    mention it -> rerun unchanged. Records the requests of the first no-op rerun in NOOP_COUNTS.
    """
    check = _ok(run(module, check_mode=True, diff=True, **args))
    assert check["changed"] is True, check["msg"]
    assert check.writes == [], "check mode wrote: %s" % check.writes
    left_alone()

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
    assert again["changed"] is False and again.writes == [], "a rerun after the update changed: %s" % again["msg"]


def run_playbook(path, check=False, variables=None):
    """``ansible-playbook -vvvv --diff`` on ``path`` against localhost, as an admin runs it (``--check`` when ``check``,
    ``-e @variables`` for a variables file): the completed process, its output in ``stdout`` and ``stderr``."""
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-vvvv", "--diff", "-i", "localhost,", "-c", "local",
               "-e", "ansible_python_interpreter=%s" % sys.executable]
    if variables:
        command += ["-e", "@%s" % variables]
    command.append(path)
    if check:
        command.append("--check")
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(repo, ".cache", "collections"), ANSIBLE_FORCE_COLOR="0")
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)
