# -*- coding: utf-8 -*-
"""The built collection installs, and its modules run under ansible-playbook with module_defaults."""

import os
import subprocess
import sys
import textwrap

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)


def test_built_tarball_installs_and_runs(tmp_path, keycloak_url):
    dist = tmp_path / "dist"
    installed = tmp_path / "collections"
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--output-path", str(dist), REPO],
                   check=True, capture_output=True, text=True)
    tarballs = list(dist.glob("iam-keycloak-*.tar.gz"))
    assert len(tarballs) == 1
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--force", "-p", str(installed), str(tarballs[0])],
                   check=True, capture_output=True, text=True)
    root = installed / "ansible_collections" / "iam" / "keycloak"
    assert (root / "plugins" / "modules" / "keycloak_server_info.py").exists()
    assert not (root / ".venv").exists() and not (root / ".cache").exists() and not (root / "tests" / "output").exists()

    playbook = tmp_path / "play.yml"
    playbook.write_text(textwrap.dedent("""\
        - hosts: localhost
          gather_facts: false
          module_defaults:
            group/iam.keycloak.keycloak:
              auth_keycloak_url: "%s"
              auth_username: "%s"
              auth_password: "%s"
          tasks:
            - iam.keycloak.keycloak_server_info:
                gather: [version]
              register: info
            - ansible.builtin.assert:
                that: info.version is version('26', '>=')
        """ % (keycloak_url, os.environ["KEYCLOAK_ADMIN_USER"], os.environ["KEYCLOAK_ADMIN_PASSWORD"])))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(installed), ANSIBLE_FORCE_COLOR="0")
    for name in list(env):
        if name.startswith("KEYCLOAK_"):
            env.pop(name)
    result = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
                             "-e", "ansible_python_interpreter=%s" % sys.executable, str(playbook)],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "failed=0" in result.stdout


def test_ansible_doc_renders_every_module():
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(REPO, "plugins", "modules")) if name.endswith(".py"))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, ".cache", "collections"))
    for module in modules:
        result = subprocess.run([os.path.join(BIN, "ansible-doc"), "iam.keycloak.%s" % module], capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0 and "ERROR" not in result.stderr, (module, result.stderr)
