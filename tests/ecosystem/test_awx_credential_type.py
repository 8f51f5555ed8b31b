# -*- coding: utf-8 -*-
"""The AWX credential type (awx/keycloak_credential_type.yml) logs every module in, and leaks no secret.

AWX and Automation Platform run a job with ansible-runner. At launch, AWX renders the credential
type's injectors with the credential's inputs (an input left empty is not in the template's
namespace, so it renders as an empty string; a boolean left empty is false; each ``file``
template is written to a file named by ``tower.filename.<name>``) and hands the environment to
ansible-runner with ``suppress_env_files`` so that no secret is written to the job's files.

This test does the same: a playbook in which every module of the collection runs its first
example in check mode, with no connection option and no module_defaults, so the credential's
environment is the only way in; once with a user and password (password grant) and once with a
service-account client (client credentials grant). Both logins are made for the purpose, with the
least privilege the README names: realm-admin of the realm the tasks manage. The job must log
every module in, and no secret may appear anywhere under the job's ``artifacts/``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import sys
import tempfile
import uuid

import pytest
import yaml

ansible_runner = pytest.importorskip("ansible_runner")
sandbox = pytest.importorskip("jinja2.sandbox")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))
import test_examples as examples  # noqa: E402  pylint: disable=wrong-import-position,import-error

CREDENTIAL_TYPE = os.path.join(REPO, "awx", "keycloak_credential_type.yml")
CONNECTION_OPTIONS = {"auth_keycloak_url", "url", "auth_realm", "auth_client_id", "auth_client_secret", "auth_username",
                      "auth_password", "token", "refresh_token", "validate_certs", "ca_path", "client_cert", "client_key"}
# A module answer that says the login itself went wrong (or never happened).
LOGIN_FAILURE = re.compile(r"missing required arguments: auth|no credentials|grant .* failed|401|invalid_grant|"
                           r"invalid_client|unauthorized", re.IGNORECASE)


def credential_type():
    with open(CREDENTIAL_TYPE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def inject(kind, inputs, private_data_dir):
    """The environment AWX gives a job for a credential of this type with these inputs."""
    namespace = {}
    for field in kind["inputs"]["fields"]:
        value = inputs.get(field["id"])
        if field.get("type") == "boolean":
            namespace[field["id"]] = bool(value)
        elif value not in (None, ""):
            namespace[field["id"]] = value
    env = sandbox.ImmutableSandboxedEnvironment()
    filenames = {}
    for label, template in kind["injectors"].get("file", {}).items():
        handle, path = tempfile.mkstemp(dir=os.path.join(private_data_dir, "env"))
        with os.fdopen(handle, "w") as out:
            out.write(env.from_string(template).render(**namespace))
        filenames[label.split(".", 1)[1]] = path
    namespace["tower"] = {"filename": filenames}
    return {name: env.from_string(template).render(**namespace) for name, template in kind["injectors"]["env"].items()}


def probe_tasks(realm):
    """Every module's first example, as a task that can only log in through the environment."""
    tasks = []
    for module in examples.module_names():
        fqcn = "iam.keycloak.%s" % module
        first = next((task for task in examples.examples_of(module) if fqcn in task), None)
        assert first is not None, "%s: no example runs the module itself" % module
        args = dict(first[fqcn] or {})
        for option in CONNECTION_OPTIONS:
            args.pop(option, None)
        if "realm" in args:
            args["realm"] = realm
        task = {"name": "login: %s" % module, fqcn: args, "ignore_errors": True}
        if "no_log" in first:
            task["no_log"] = first["no_log"]
        tasks.append(task)
    return tasks


@pytest.fixture(scope="module")
def login_realm(admin):
    """A realm with a user and a service-account client that are realm-admin there, and nothing more."""
    realm = "awx-%s" % uuid.uuid4().hex[:8]
    logins = {"username": "awx-operator", "password": "Awx-operator-%s" % uuid.uuid4().hex,
              "client_id": "awx-automation", "client_secret": "awx-client-secret-%s" % uuid.uuid4().hex}
    admin.change_current_realm("master")
    admin.create_realm({"realm": realm, "enabled": True})
    try:
        admin.change_current_realm(realm)
        management = admin.get_client_id("realm-management")
        realm_admin = admin.get_client_role(management, "realm-admin")
        user_id = admin.create_user({"username": logins["username"], "enabled": True, "firstName": "AWX",
                                     "lastName": "Operator", "email": "awx-operator@example.com", "emailVerified": True})
        admin.set_user_password(user_id, logins["password"], temporary=False)
        admin.assign_client_role(user_id, management, [realm_admin])
        client = admin.create_client({"clientId": logins["client_id"], "publicClient": False,
                                      "secret": logins["client_secret"], "serviceAccountsEnabled": True,
                                      "standardFlowEnabled": False, "directAccessGrantsEnabled": False})
        account = admin.get_client_service_account_user(client)
        admin.assign_client_role(account["id"], management, [realm_admin])
        # The realm records every login, so the test can count them (server-side evidence).
        admin.set_events({"eventsEnabled": True, "eventsListeners": ["jboss-logging"],
                          "enabledEventTypes": ["LOGIN", "LOGIN_ERROR", "CLIENT_LOGIN", "CLIENT_LOGIN_ERROR"]})
        logins["user_id"] = user_id
        yield realm, logins
    finally:
        admin.change_current_realm("master")
        admin.delete_realm(realm)


def logins_recorded(admin, realm, grant, logins):
    """(successful logins, failed logins) the realm recorded for the credential's identity."""
    admin.change_current_realm(realm)
    if grant == "password":
        ok = admin.get_events({"type": "LOGIN", "user": logins["user_id"]})
        failed = admin.get_events({"type": "LOGIN_ERROR"})
    else:
        ok = admin.get_events({"type": "CLIENT_LOGIN", "client": logins["client_id"]})
        failed = admin.get_events({"type": "CLIENT_LOGIN_ERROR"}) + admin.get_events({"type": "LOGIN_ERROR"})
    admin.change_current_realm("master")
    return len(ok), len(failed)


def run_job(tmp_path, keycloak_url, realm, inputs):
    private = tmp_path / "job"
    for folder in ("project", "inventory", "env"):
        (private / folder).mkdir(parents=True, exist_ok=True)
    variables = dict(examples.EXAMPLE_VARS)
    for name in examples.FOLDER_VARS:
        variables[name] = str(tmp_path / "files" / name)
    play = {"name": "every module, logged in by the credential alone", "hosts": "localhost", "gather_facts": False,
            "check_mode": True, "vars": variables, "tasks": probe_tasks(realm)}
    (private / "project" / "probe.yml").write_text(yaml.safe_dump([play], sort_keys=False))
    # The files the examples read (certificates, keys, exports), as the examples test makes them.
    context = examples.Context(None, {"acme": realm}, keycloak_url, str(private))
    for entry in examples.TABLE.values():
        for fixture in entry.get("fixtures", []):
            if getattr(fixture, "writes_files", False):
                fixture(context)
    (private / "inventory" / "hosts").write_text(
        "localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    envvars = inject(credential_type(), dict(inputs, url=keycloak_url), str(private))
    envvars.update({"PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
                    "ANSIBLE_COLLECTIONS_PATH": os.environ["ANSIBLE_COLLECTIONS_PATH"], "ANSIBLE_FORCE_COLOR": "0"})
    # Nothing of the developer's own environment may log a module in.
    hidden = {name: os.environ.pop(name) for name in list(os.environ) if name.startswith("KEYCLOAK_")
              and name not in envvars}
    try:
        runner = ansible_runner.run(private_data_dir=str(private), playbook="probe.yml", envvars=envvars, quiet=True,
                                    suppress_env_files=True, verbosity=3)
    finally:
        os.environ.update(hidden)
    return private, runner


def results_by_task(runner):
    results = {}
    for event in runner.events:
        data = event.get("event_data", {})
        if event.get("event") in ("runner_on_ok", "runner_on_failed") and data.get("task", "").startswith("login: "):
            results[data["task"][len("login: "):]] = (event["event"], data.get("res", {}))
    return results


def leaks(private, secrets):
    """Every file under artifacts/ that holds one of the secrets.

    ansible-runner itself writes the job's environment, as the caller gave it, to
    ``artifacts/<ident>/command`` (mode 0600; AWX removes the job's folder after the run): that
    is the credential's own value, not something the collection printed, so it is left out.
    Everything the job said is checked: the event stream, stdout, stderr, facts.
    """
    found = []
    for folder, _subdirs, files in os.walk(private / "artifacts"):
        for name in files:
            path = os.path.join(folder, name)
            if name == "command" and os.path.dirname(folder) == str(private / "artifacts"):
                continue
            with open(path, "rb") as handle:
                content = handle.read()
            found += ["%s holds %s..." % (os.path.relpath(path, private), secret[:6]) for secret in secrets
                      if secret.encode() in content]
    return found


def test_credential_type_is_importable():
    """The fields AWX requires, secret fields marked, and an injector for every input."""
    kind = credential_type()
    assert kind["kind"] == "cloud" and kind["name"]
    fields = {field["id"]: field for field in kind["inputs"]["fields"]}
    for field in fields.values():
        assert {"id", "label", "type"} <= set(field), field
        assert field["type"] in ("string", "boolean"), field
    assert fields["password"].get("secret") and fields["client_secret"].get("secret")
    assert set(kind["inputs"]["required"]) <= set(fields)
    injected = yaml.safe_dump(kind["injectors"])
    for name in fields:
        assert re.search(r"\b%s\b" % name, injected), "input %s is never injected" % name
    for variable in kind["injectors"]["env"]:
        assert variable.startswith("KEYCLOAK_")


def test_injected_variables_are_the_modules_fallbacks():
    """Each injected variable is one the modules read (the shared doc fragment names them)."""
    with open(os.path.join(REPO, "plugins", "doc_fragments", "keycloak.py"), encoding="utf-8") as handle:
        fragment = handle.read()
    for variable in credential_type()["injectors"]["env"]:
        assert "E(%s)" % variable in fragment, variable


def test_empty_inputs_are_safe_defaults(tmp_path):
    (tmp_path / "env").mkdir()
    env = inject(credential_type(), {"url": "https://sso.example.com", "username": "u", "password": "p"}, str(tmp_path))
    assert env["KEYCLOAK_REALM"] == "master" and env["KEYCLOAK_CLIENT_ID"] == "admin-cli"
    assert env["KEYCLOAK_VALIDATE_CERTS"] == "True", "TLS verification must stay on unless asked to go off"
    assert env["KEYCLOAK_CA_PATH"] == "" and env["KEYCLOAK_CLIENT_SECRET"] == ""
    env = inject(credential_type(), {"url": "u", "ca_certificate": "PEM", "disable_tls_verification": True}, str(tmp_path))
    assert env["KEYCLOAK_VALIDATE_CERTS"] == "False"
    with open(env["KEYCLOAK_CA_PATH"], encoding="utf-8") as handle:
        assert handle.read() == "PEM"


@pytest.mark.parametrize("grant", ["password", "client_credentials"])
def test_every_module_logs_in_through_the_credential_alone(grant, tmp_path, keycloak_url, admin, login_realm):
    realm, logins = login_realm
    if grant == "password":
        inputs = {"realm": realm, "username": logins["username"], "password": logins["password"]}
        secrets = [logins["password"]]
    else:
        inputs = {"realm": realm, "client_id": logins["client_id"], "client_secret": logins["client_secret"]}
        secrets = [logins["client_secret"]]
    before = logins_recorded(admin, realm, grant, logins)
    private, runner = run_job(tmp_path, keycloak_url, realm, inputs)
    after = logins_recorded(admin, realm, grant, logins)
    results = results_by_task(runner)
    stdout = runner.stdout.read() if runner.stdout else ""
    assert runner.status == "successful", stdout[-3000:]
    assert set(results) == set(examples.module_names()), "modules that never ran: %s" % (
        sorted(set(examples.module_names()) - set(results)))
    not_logged_in = {module: res.get("msg") for module, (event, res) in results.items()
                     if event == "runner_on_failed" and LOGIN_FAILURE.search(str(res.get("msg")))}
    assert not not_logged_in, "modules the credential did not log in: %s" % not_logged_in
    # Every module logs in once: the realm saw as many logins of the credential's identity as
    # modules ran, and no failed login.
    failed_before_login = {module: res.get("msg") for module, (event, res) in results.items()
                           if event == "runner_on_failed" and not LOGIN_FAILURE.search(str(res.get("msg")))}
    assert after[1] == before[1], "failed logins recorded: %d" % (after[1] - before[1])
    assert after[0] - before[0] >= len(results), (
        "%d logins for %d modules; these failed, maybe before logging in: %s"
        % (after[0] - before[0], len(results), failed_before_login))
    assert not leaks(private, secrets), leaks(private, secrets)
