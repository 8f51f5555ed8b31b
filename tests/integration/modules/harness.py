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

import requests

from ansible.module_utils import basic

TOKEN_PATH = "/protocol/openid-connect/token"


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
