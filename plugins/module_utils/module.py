# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""``KeycloakModule``: the one place where Ansible meets the admin client.

It adds the common connection options (with environment fallbacks and ``no_log``),
builds the client lazily, and turns the client's typed errors into ``fail_json`` with
Keycloak's own message. Modules never build a client or catch a client error themselves.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.iam.keycloak.plugins.module_utils.client.connection import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    KeycloakOpenIDConnection,
)
from ansible_collections.iam.keycloak.plugins.module_utils.client.exceptions import KeycloakError
from ansible_collections.iam.keycloak.plugins.module_utils.client.urls import UnsafeSegmentError, shorten, unsafe_segment
from ansible_collections.iam.keycloak.plugins.module_utils.context import realm_missing
from ansible_collections.iam.keycloak.plugins.module_utils.kind import ansible_spec, input_problem


def token_seconds_left(token):
    """The seconds an access token (a JWT) has left by its ``exp`` claim, below zero for one already expired (the
    connection renews it before its first request); None for a token that is not a JWT with an ``exp``. The signature is
    not checked: the server does."""
    import base64
    import json
    import time

    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode("utf-8"))
        left = float(claims["exp"]) - time.time()
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        return None
    # Zero would read as "no lifetime known".
    return left if left else -0.001


def _env(*names):
    return (env_fallback, list(names))


def keycloak_argument_spec():
    """The options of every module: the connection and the play's plan (see the ``iam.keycloak.keycloak`` doc fragment)."""
    return dict(
        auth_keycloak_url=dict(type="str", aliases=["url"], required=True, no_log=False, fallback=_env("KEYCLOAK_URL")),
        auth_realm=dict(type="str", default="master", fallback=_env("KEYCLOAK_REALM")),
        auth_client_id=dict(type="str", default="admin-cli", fallback=_env("KEYCLOAK_CLIENT_ID")),
        auth_client_secret=dict(type="str", no_log=True, fallback=_env("KEYCLOAK_CLIENT_SECRET")),
        auth_username=dict(type="str", aliases=["username"], fallback=_env("KEYCLOAK_USERNAME")),
        auth_password=dict(type="str", aliases=["password"], no_log=True, fallback=_env("KEYCLOAK_PASSWORD")),
        token=dict(type="str", no_log=True, fallback=_env("KEYCLOAK_TOKEN")),
        refresh_token=dict(type="str", no_log=True, fallback=_env("KEYCLOAK_REFRESH_TOKEN")),
        validate_certs=dict(type="bool", default=True, fallback=_env("KEYCLOAK_VALIDATE_CERTS")),
        ca_path=dict(type="path", fallback=_env("KEYCLOAK_CA_PATH")),
        client_cert=dict(type="path", fallback=_env("KEYCLOAK_CLIENT_CERT")),
        client_key=dict(type="path", fallback=_env("KEYCLOAK_CLIENT_KEY")),
        connection_timeout=dict(type="int", default=10, fallback=_env("KEYCLOAK_CONNECTION_TIMEOUT")),
        retries=dict(type="int", default=10, fallback=_env("KEYCLOAK_RETRIES")),
        retry_budget=dict(type="int", default=60, fallback=_env("KEYCLOAK_RETRY_BUDGET")),
        http_agent=dict(type="str", default="Ansible", fallback=_env("KEYCLOAK_HTTP_AGENT")),
        # Set by the collection's action plugin in check mode (context.PlayPlan), never by a task.
        play_plan=dict(type="list", elements="raw"),
    )


AUTH_OPTION_NAMES = frozenset(keycloak_argument_spec())


class KeycloakModule(AnsibleModule):
    """An ``AnsibleModule`` with the Keycloak connection options and a ready client.

    ``argument_spec`` may carry the option keys of ``kind.py`` (``range``, ``empty``, ``field``): they
    are checked here, after Ansible's own checks and before any request (``kind.input_problem``).
    """

    def __init__(self, argument_spec=None, peers=None, **kwargs):
        spec = keycloak_argument_spec()
        checked = argument_spec or {}
        # Options of the community.general module of the same kind that this module spells otherwise: a task
        # written for that module is refused with our option's name (see ``fail_json``), not only "unsupported".
        self._peers = peers or {}
        self._validating = True
        own = ansible_spec(checked)
        # A module's own option wins over an auth alias of the same name (keycloak_user's
        # ``username`` and ``password`` are the user's, not the login's).
        for option in spec.values():
            if option.get("aliases"):
                option["aliases"] = [alias for alias in option["aliases"] if alias not in own]
        spec.update(own)
        kwargs.setdefault("supports_check_mode", True)
        AnsibleModule.__init__(self, argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        self._validating = False
        # Validated: Ansible's copy of the arguments replaced the task's. Keeping the task's would keep a second copy
        # of a big argument (a whole realm's document) for the whole run.
        self._given = None
        self._connection = None
        self._client = None
        self.module_name = _module_name() or self._name
        problem = input_problem(self.params, checked)
        if problem:
            option, value, reason = problem
            self.fail_json(msg="option %s %s %s; nothing was sent" % (
                option, "(a secret)" if checked.get(option.split("[")[0].split(".")[0], {}).get("no_log") else shorten(value), reason))
        self.refuse_unsafe_names("realm")
        if self.params.get("auth_realm"):  # empty means the default (an AWX credential's empty input)
            self.refuse_unsafe_names("auth_realm")

    # ------------------------------------------------------------- the client

    def connection_options(self):
        """Keyword arguments for ``KeycloakOpenIDConnection`` from the auth options."""
        # An empty value is no value (its default, if it has one): an AWX credential injects "" for an input left empty.
        spec = keycloak_argument_spec()
        params = dict((name, spec[name].get("default") if value == "" else value) for name, value in self.params.items() if name in spec)
        username, password = params["auth_username"], params["auth_password"]
        if (username is None) != (password is None):
            self.fail_json(msg="auth_username and auth_password go together: set both, or neither")
        for name in ("retries", "retry_budget"):
            if params[name] is not None and params[name] < 0:
                self.fail_json(msg="%s is %s: it must be 0 or more" % (name, params[name]))
        if username is None and params["auth_client_secret"] is None and params["token"] is None:
            self.fail_json(
                msg="no credentials: set auth_username and auth_password, auth_client_secret (client credentials), or token "
                "(or their KEYCLOAK_* environment variables)"
            )
        verify = params["ca_path"] if params["ca_path"] else params["validate_certs"]
        cert = params["client_cert"]
        if cert and params["client_key"]:
            cert = (cert, params["client_key"])
        token = None
        if params["token"]:
            token = {"access_token": params["token"], "refresh_token": params["refresh_token"]}
            # A token given to many tasks (one login per play) outlives its lifetime: with its expiry read from the token
            # itself, a task renews it before its first request, instead of after the server refused that request.
            left = token_seconds_left(params["token"])
            if left is not None:
                token["expires_in"] = left
        return dict(
            server_url=params["auth_keycloak_url"],
            username=username,
            password=password,
            token=token,
            realm_name=params["auth_realm"],
            user_realm_name=params["auth_realm"],
            client_id=params["auth_client_id"],
            client_secret_key=params["auth_client_secret"],
            verify=verify,
            cert=cert,
            timeout=params["connection_timeout"],
            http_agent=params["http_agent"],
            max_retries=params["retries"],
            retry_budget=params["retry_budget"],
        )

    @property
    def connection(self):
        if self._connection is None:
            try:
                self._connection = KeycloakOpenIDConnection(**self.connection_options())
            except KeycloakError as error:
                self.fail_keycloak(error)
        return self._connection

    @property
    def client(self):
        """A ``KeycloakAdmin`` on this task's connection (built on first use)."""
        if self._client is None:
            from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

            self._client = KeycloakAdmin(connection=self.connection)
        return self._client

    def client_for(self, realm):
        """A ``KeycloakAdmin`` that manages ``realm`` over this task's connection (same login)."""
        from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin

        admin = KeycloakAdmin(connection=_RealmView(self.connection, self.connection.realm_name))
        # The view's realm is the admin API's "current realm": switched the documented way.
        admin.change_current_realm(realm)
        return admin

    # -------------------------------------------------------------- failures

    def _load_params(self):
        AnsibleModule._load_params(self)
        # The arguments as the task gave them, before Ansible's conversions: what an error message can point into,
        # kept while Ansible validates them (see ``__init__``).
        self._given = dict(self.params or {})

    def fail_json(self, msg, **kwargs):  # pylint: disable=arguments-differ
        if getattr(self, "_validating", False):
            # Ansible refused the arguments: a community.general option name given here says what to use instead.
            given = getattr(self, "_given", None) or {}
            known = set(self.argument_spec)
            for option in self.argument_spec.values():
                known.update(option.get("aliases") or [])
            named = ["option %s is community.general's: %s" % (name, self._peers[name]) for name in sorted(self._peers)
                     if name in given and name not in known]
            if named:
                msg = "%s (%s)" % ("; ".join(named), msg)
            else:
                culprit = _type_culprit(given, self.argument_spec)
                if culprit and culprit.split("[")[0] not in msg:
                    msg = "option %s: %s" % (culprit, msg)
        AnsibleModule.fail_json(self, msg=_bounded(msg), **kwargs)

    # ------------------------------------------------------- the echo of the arguments

    def masked_params(self):
        """The task's arguments with every secret inside a map or list masked by key (``engine.mask``).

        A secret inside a free-form map (a representation, an identity provider's config, a whole realm document) has no
        option of its own to carry ``no_log``. Ansible masks what a module names in ``no_log_values``, but it logs the
        arguments to the host's system log while the module starts, before the module can name them, and its masking of
        the result by value costs (strings in the result) x (values), which a realm document of many users with passwords
        makes hours. Masked by key, the echo of the arguments holds no secret from the start.
        """
        from ansible_collections.iam.keycloak.plugins.module_utils import engine

        return dict((name, engine.mask(value) if isinstance(value, (dict, list)) else value) for name, value in (self.params or {}).items())

    def _log_invocation(self):
        # Ansible writes "Invoked with <arguments>" to the journal or syslog of the host the module runs on.
        params = self.params
        self.params = self.masked_params()
        try:
            AnsibleModule._log_invocation(self)
        finally:
            self.params = params

    def _return_formatted(self, kwargs):
        # The result's echo of the arguments (``invocation``, shown at -vvv and kept by register).
        if "invocation" not in kwargs:
            kwargs["invocation"] = {"module_args": self.masked_params()}
        AnsibleModule._return_formatted(self, kwargs)

    def exit_json(self, **kwargs):
        if isinstance(kwargs.get("msg"), str):
            kwargs["msg"] = _bounded(kwargs["msg"])
        AnsibleModule.exit_json(self, **kwargs)

    def play(self):
        """The play's plan (``context.PlayPlan``) that the collection's action plugin gives a task in check mode, or None."""
        from ansible_collections.iam.keycloak.plugins.module_utils.context import PlayPlan

        events = self.params.get("play_plan")
        return PlayPlan(events) if self.check_mode and events is not None else None

    def exit_planned(self, result, events):
        """Exit with ``result``, and (under the action plugin, in check mode) ``events``, what this task plans, for the
        play's plan of the tasks after it (the action plugin takes them out of the result)."""
        from ansible_collections.iam.keycloak.plugins.module_utils import engine

        if self.check_mode and self.params.get("play_plan") is not None:
            result["play_plan"] = [event if event[0] != "state" else event[:4] + [engine.mask(event[4])] for event in events]
        self.exit_json(**result)

    def refuse_unsafe_names(self, *options):
        """Fail before any request when one of ``options`` (names that become URL path segments) is empty,
        ``.`` or ``..``: such a name would address another resource (the client refuses it too)."""
        for option in options:
            value = self.params.get(option)
            if value is not None and unsafe_segment(value):
                self.fail_unsafe(UnsafeSegmentError(option, value), option)

    def fail_unsafe(self, error, option=None):
        """``fail_json`` for a value the client refused as a URL path segment, naming the task's option that holds it."""
        option = option or _option_holding(self.params, error.value, AUTH_OPTION_NAMES)
        self.fail_json(msg="%s %s: %s; nothing was sent for it" % (
            "option %s is" % option if option else "%s is" % (error.argument or "a name"), shorten(error.value), error.reason))

    def fail_unexpected(self, error, what=None, **result):
        """``fail_json`` for an exception nobody foresaw (a bug, or an answer of an unexpected shape): a sentence
        naming the module, the option and value it concerns, and the error; the traceback goes in ``exception``,
        which Ansible shows at ``-vvv`` only."""
        text = "%s: %s" % (type(error).__name__, error) if "%s" % error else type(error).__name__
        option = _option_in_message(self.params, "%s" % error, skip=AUTH_OPTION_NAMES, secret=self.no_log_values)
        where = ""
        if option:
            where = " (option %s = %s)" % (option, shorten(_value_at(self.params, option)))
        message = "%s could not handle its input%s%s: %s; this is a bug of the module or an answer it did not expect (run with " \
            "-vvv for the traceback)" % (self.module_name, " while planning %s" % what if what else "", where, shorten(text, 300))
        self.fail_json(msg=message, exception=traceback.format_exc(), **result)

    def fail_keycloak(self, error, what=None, **result):
        """``fail_json`` for a client error: Keycloak's message, the HTTP status, and what was being done."""
        message = error.description or "%s" % error
        if what:
            message = "%s: %s" % (what, message)
        details = {"http_status": error.response_code}
        details.update(result)
        self.fail_json(msg=message, **details)

    def run(self, body, empty=None):
        """Run ``body()`` and exit with its result dict; client errors become failures.

        A realm that does not exist is named as such. In check mode, an info module whose realm
        does not exist yet returns ``empty`` with a warning: the play's earlier task would create it.
        """
        try:
            result = body()
        except UnsafeSegmentError as error:
            self.fail_unsafe(error)
        except KeycloakError as error:
            self._fail_read(error, empty)
        except Exception as error:  # pylint: disable=broad-except
            self.fail_unexpected(error)
        self.exit_json(**result)

    def _fail_read(self, error, empty):
        """An info module's read failed: a missing realm is named as such (in check mode, taken as created)."""
        if error.not_found and realm_missing(error):
            realm = self.params.get("realm")
            play = self.play()
            if self.check_mode and empty is not None and (play is None or play.creates_realm(realm)):
                if play is None:
                    self.warn("realm '%s' does not exist; in check mode it is taken as created by an earlier task, and empty" % realm)
                self.exit_json(changed=False, **empty)
            if self.check_mode and play is not None:
                self.fail_json(msg="realm '%s' does not exist, and no earlier task of the play creates it" % realm,
                               http_status=error.response_code)
            self.fail_json(msg="realm '%s' does not exist" % realm, http_status=error.response_code)
        self.fail_keycloak(error)


# The longest message a module returns: a name of a megabyte is shown cut, not repeated in full.
MESSAGE_LIMIT = 2000


def _bounded(msg):
    """``msg`` cut in the middle when longer than ``MESSAGE_LIMIT`` (its start and end say what and why)."""
    text = "%s" % (msg,)
    if len(text) <= MESSAGE_LIMIT:
        return msg
    keep = (MESSAGE_LIMIT - 40) // 2
    return "%s ... (%d characters left out) ... %s" % (text[:keep], len(text) - 2 * keep, text[-keep:])


def _type_culprit(given, spec):
    """The option (``client_roles[0]``) whose value is not the dict its spec asks for; Ansible's message for it names
    no option ("dictionary requested, could not parse JSON or key=value")."""
    for name in sorted(spec):
        option = spec[name]
        value = next((given[alias] for alias in [name] + list(option.get("aliases") or []) if alias in given), None)
        if value is None:
            continue
        if option.get("type") == "dict" and not isinstance(value, dict):
            return name
        if option.get("type") == "list" and option.get("elements") == "dict" and isinstance(value, list):
            for index, item in enumerate(value):
                if not isinstance(item, dict):
                    return "%s[%d]" % (name, index)
    return None


def _module_name():
    """The ``keycloak_*`` module running (from the call stack: a module file calls ``run``), or None."""
    for frame in reversed(traceback.extract_stack()):
        found = re.search(r"plugins[/\\]modules[/\\](keycloak_\w+)\.py$", frame[0])
        if found:
            return found.group(1)
    return None


def _option_in_message(params, text, skip=(), secret=()):
    """The option whose value (a name, not a secret) the error's text quotes, or None."""
    found = []

    def search(node, path):
        if isinstance(node, dict):
            for key in sorted(node):
                if not (key in skip and not path):
                    search(node[key], "%s.%s" % (path, key) if path else key)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                search(item, "%s[%d]" % (path, index))
        elif isinstance(node, str) and node and node not in secret and ("'%s'" % node in text or '"%s"' % node in text):
            found.append(path)

    search(params, "")
    return found[0] if found else None


def _value_at(params, path):
    node = params
    for part in re.findall(r"[^.\[\]]+", path):
        node = node[int(part)] if isinstance(node, list) else node.get(part)
    return node


def _option_holding(params, value, skip=()):
    """The option (``realm_roles[0]``, ``client_roles[1].roles[0]``) whose value is ``value``, or None."""
    def search(node, path):
        if isinstance(node, dict):
            for key in sorted(node):
                if key in skip and not path:
                    continue
                found = search(node[key], "%s.%s" % (path, key) if path else key)
                if found:
                    return found
        elif isinstance(node, list):
            for index, item in enumerate(node):
                found = search(item, "%s[%d]" % (path, index))
                if found:
                    return found
        elif node == value and path:
            return path
        return None

    return search(params, "")


class _RealmView:
    """A connection that shares a login with another but manages a different realm.

    The client reads ``realm_name`` for every URL; the token, session and retries are
    the shared connection's, so one task that touches several realms logs in once.
    """

    def __init__(self, connection, realm_name):
        self._shared = connection
        self.realm_name = realm_name
        self.user_realm_name = connection.login_realm

    def __getattr__(self, name):
        return getattr(self._shared, name)


def run(kind):
    """The whole body of a resource module: options from ``kind``, one plan, applied unless in check mode."""
    module = KeycloakModule(argument_spec=kind.option_spec(), supports_check_mode=True, peers=kind.peers, **kind.module)
    module.refuse_unsafe_names(kind.key)
    try:
        request = kind.request(module.params)
    except Exception as error:  # pylint: disable=broad-except
        module.fail_unexpected(error)
    reconcile(module, kind, request)


def run_operation(spec):
    """The whole body of an operation module (``operations/``): options from ``spec``, one plan, applied unless in check mode."""
    from ansible_collections.iam.keycloak.plugins.module_utils.operations.base import PlanError, perform

    module = KeycloakModule(argument_spec=spec.option_spec(), supports_check_mode=True, **spec.module)
    try:
        result, warnings, the_plan = perform(spec, module.client_for, dict(module.params), module.check_mode, module._diff,
                                             task_no_log=module.no_log, play=module.play())
    except PlanError as error:
        module.fail_json(msg="%s" % error)
    except UnsafeSegmentError as error:
        module.fail_unsafe(error)
    except KeycloakError as error:
        done = list(getattr(error, "done", None) or [])
        module.fail_keycloak(error, what=getattr(error, "what", None), changed=bool(done), done=done)
    except Exception as error:  # pylint: disable=broad-except
        module.fail_unexpected(error)
    for warning in warnings:
        module.warn(warning)
    module.exit_planned(result, the_plan.events)


def reconcile(module, kind, request):
    """Plan ``request`` in a context of its own, apply it unless in check mode, and exit.

    In check mode a missing realm or referenced object is planned as if an earlier task of
    the play created it (with a warning naming it), so a play that builds something new can be
    dry-run; a real run fails before any write instead.
    """
    from ansible_collections.iam.keycloak.plugins.module_utils import engine
    from ansible_collections.iam.keycloak.plugins.module_utils.context import PlanContext

    # A secret inside a free-form map (an identity provider's or an authenticator's config) has no
    # option of its own to carry no_log: its value is masked everywhere Ansible prints, the echo of
    # the task's arguments included.
    module.no_log_values.update(engine.secret_values([request.representation, request.items]))
    context = PlanContext(module.client_for, assume_missing=module.check_mode, play=module.play())
    handler = kind.handler(module.client_for(request.realm), request, context)
    the_plan = None
    try:
        the_plan = engine.plan(handler)
        for warning in context.warnings:
            module.warn(warning)
        result = engine.outcome(the_plan, module.check_mode, module._diff)
    except engine.PlanError as error:
        done = the_plan.done if the_plan is not None else []
        module.fail_json(msg="%s: %s" % (handler.describe(request.key), error), changed=bool(done), done=done)
    except UnsafeSegmentError as error:
        module.fail_unsafe(error)
    except KeycloakError as error:
        # A write that failed after others succeeded: say what was already written.
        done = the_plan.done if the_plan is not None else []
        module.fail_keycloak(error, what=handler.describe(request.key), changed=bool(done), done=done)
    except Exception as error:  # pylint: disable=broad-except
        done = the_plan.done if the_plan is not None else []
        module.fail_unexpected(error, what=handler.describe(request.key), changed=bool(done), done=done)
    module.exit_planned(result, context.events)
