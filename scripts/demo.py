"""The README's demo: plan, apply and rerun examples/demo.yml against the local Keycloak.

1. the plan: `--check --diff` on a server without the demo realm; every task says what it would
   do, with a diff whose secrets are masked, and nothing is written;
2. the apply: the same changes, for real;
3. the rerun: changed=0.

It fails when the apply changes a different number of tasks than the plan predicted, when a
demo secret shows up in the output, or when the rerun changes anything.
"""

import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
sys.path.insert(0, os.path.join(REPO, "tests", "keycloak"))
import server  # noqa: E402  pylint: disable=wrong-import-position,import-error

PLAYBOOK = os.path.join(REPO, "examples", "demo.yml")
REALM = "demo"
# The secrets of examples/demo.yml: none may appear in what Ansible prints.
SECRETS = ("demo-client-secret-change-me", "Demo-password-change-me-1")


def collections_path():
    """A folder where Ansible finds this repository as ansible_collections/iam/keycloak."""
    folder = os.path.join(REPO, ".cache", "collections")
    link = os.path.join(folder, "ansible_collections", "iam", "keycloak")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(REPO, link)
    return folder


def remove_demo_realm(url, user, password):
    """The plan is shown on a server without the demo realm: a realm left by an earlier demo goes first."""
    sys.path.insert(0, collections_path())
    from ansible_collections.iam.keycloak.plugins.module_utils.client.admin import KeycloakAdmin  # pylint: disable=import-outside-toplevel

    admin = KeycloakAdmin(server_url=url, username=user, password=password, realm_name="master")
    if any(realm["realm"] == REALM for realm in admin.get_realms()):
        print("demo: removing the realm '%s' an earlier demo left on this local server" % REALM, flush=True)
        admin.delete_realm(REALM)


def recap(output):
    found = re.search(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", output)
    return tuple(int(n) for n in found.groups()) if found else None


def play(env, title, *options):
    print("\n" + "=" * 100 + "\n== %s\n" % title + "=" * 100, flush=True)
    command = [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", "ansible_python_interpreter=%s" % sys.executable] + list(options) + [PLAYBOOK]
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    print(result.stdout, flush=True)
    if result.returncode != 0:
        sys.exit("demo: the playbook failed (%s)" % title)
    leaked = [secret for secret in SECRETS if secret in result.stdout]
    if leaked:
        sys.exit("demo: a secret appeared in the output (%s)" % title)
    counts = recap(result.stdout)
    if counts is None:
        sys.exit("demo: no PLAY RECAP in the output (%s)" % title)
    return counts, result.stdout


def yourself_command(url, user, password="..."):
    """The command the demo tells a user to paste, from the repository's folder (a test runs it as printed).

    Outside make nothing tells Ansible where the collection is, nor which Python has ``requests``: the
    command says both (``make demo`` has made .cache/collections/ansible_collections/iam/keycloak a link to
    this clone, and .venv the Python the modules run with).
    """
    return ("ANSIBLE_COLLECTIONS_PATH=.cache/collections KEYCLOAK_URL=%s KEYCLOAK_USERNAME=%s KEYCLOAK_PASSWORD=%s "
            ".venv/bin/ansible-playbook -i localhost, -c local -e ansible_python_interpreter=\"$PWD/.venv/bin/python\" "
            "--check --diff examples/demo.yml" % (url, user, password))


def main():
    url = subprocess.run([sys.executable, os.path.join(REPO, "tests", "keycloak", "server.py"), "url"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    user = os.environ.get("KEYCLOAK_ADMIN_USER", server.DEFAULT_ADMIN_USER)
    password = os.environ.get("KEYCLOAK_ADMIN_PASSWORD", server.DEFAULT_ADMIN_PASSWORD)
    env = dict(os.environ, KEYCLOAK_URL=url, KEYCLOAK_USERNAME=user, KEYCLOAK_PASSWORD=password,
               ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_FORCE_COLOR="0")
    env.setdefault("ANSIBLE_HOME", os.path.join(REPO, ".cache", "ansible"))
    remove_demo_realm(url, user, password)

    plan_counts, plan_output = play(
        env, "1. The plan: ansible-playbook --check --diff (nothing is written; secrets are masked)", "--check", "--diff")
    apply_counts = play(env, "2. The apply: the same playbook, for real")[0]
    rerun_counts = play(env, "3. The rerun: nothing left to do")[0]
    planned, applied, rerun = plan_counts[1], apply_counts[1], rerun_counts[1]

    masked = plan_output.count('"********"')
    print("=" * 100)
    print("demo: the plan predicted %d changed tasks, the apply changed %d, the rerun %d." % (planned, applied, rerun))
    print("demo: the plan's diffs showed %d secrets masked as \"********\"; no demo secret appeared in any output."
          % masked)
    if applied != planned:
        sys.exit("demo: the apply changed %d tasks, the plan predicted %d" % (applied, planned))
    if rerun != 0:
        sys.exit("demo: the rerun reported changed=%d; it must report changed=0" % rerun)
    print("""
Next steps
  - Look at what was built: %(url)s/admin/master/console/#/%(realm)s (admin / %(password)s).
  - Change something in examples/demo.yml (a role's description, a redirect URI, a user's group) and run
    `make demo` again: the plan shows exactly that change, the apply makes it, the rerun is clean.
  - Run it yourself, from this folder (the password is the admin's, above):
        %(yourself)s
  - Read on: docs/getting-started.md, docs/check-mode.md, and every module's page (`make docs`).
  - `make stop` stops the local Keycloak.""" % dict(url=url, realm=REALM, user=user, password=password, yourself=yourself_command(url, user)))


if __name__ == "__main__":
    main()
