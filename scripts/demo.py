"""Run the example playbook against the local Keycloak twice: the second run must change nothing."""

import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
sys.path.insert(0, os.path.join(REPO, "tests", "keycloak"))
import server  # noqa: E402  pylint: disable=wrong-import-position,import-error


def collections_path():
    """A folder where Ansible finds this repository as ansible_collections/iam/keycloak."""
    folder = os.path.join(REPO, ".cache", "collections")
    link = os.path.join(folder, "ansible_collections", "iam", "keycloak")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(REPO, link)
    return folder


def main():
    url = subprocess.run([sys.executable, os.path.join(REPO, "tests", "keycloak", "server.py"), "url"],
                         check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    env = dict(os.environ, KEYCLOAK_URL=url, KEYCLOAK_USERNAME=os.environ.get("KEYCLOAK_ADMIN_USER", server.DEFAULT_ADMIN_USER),
               KEYCLOAK_PASSWORD=os.environ.get("KEYCLOAK_ADMIN_PASSWORD", server.DEFAULT_ADMIN_PASSWORD),
               ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_FORCE_COLOR="0")
    command = [os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
               "-e", "ansible_python_interpreter=%s" % sys.executable, os.path.join(REPO, "examples", "demo.yml")]
    for run, label in ((1, "first run: builds the realm"), (2, "second run: must change nothing")):
        print("\n=== demo, %s (Keycloak at %s) ===" % (label, url), flush=True)
        result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        print(result.stdout)
        if result.returncode != 0:
            sys.exit("demo: the playbook failed on run %d" % run)
        changed = re.search(r"localhost\s*:\s*ok=\d+\s+changed=(\d+)", result.stdout)
        if run == 2 and (changed is None or changed.group(1) != "0"):
            sys.exit("demo: the rerun reported changes; it must report changed=0")
    print("demo: done, the rerun changed nothing")


if __name__ == "__main__":
    main()
