# -*- coding: utf-8 -*-
"""Galaxy's importer accepts the built tarball with no error and no warning, and galaxy.yml is complete.

galaxy-importer runs its checks here as Galaxy runs them (ansible-doc on every plugin, ansible-lint,
the changelog, the metadata), except ansible-test, which it can only run in a container:
``run_ansible_test = False`` in its configuration; `make sanity` runs ansible-test on the same files.
"""

import glob
import json
import os
import subprocess
import sys

import yaml

from conftest import REPO, tool_env

CONFIG = """[galaxy-importer]
run_ansible_test = False
run_ansible_lint = True
run_ansible_doc = True
check_changelog = True
ansible_local_tmp = {tmp}/ansible-tmp
tmp_root_dir = {tmp}
log_level_main = INFO
"""


def test_galaxy_importer_accepts_the_tarball(tarball, tmp_path):
    (tmp_path / "galaxy-importer.cfg").write_text(CONFIG.format(tmp=tmp_path))
    env = tool_env(GALAXY_IMPORTER_CONFIG=str(tmp_path / "galaxy-importer.cfg"))
    result = subprocess.run([sys.executable, "-m", "galaxy_importer.main", str(tarball)], cwd=str(tmp_path), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    complaints = [line for line in result.stdout.splitlines() if line.startswith(("ERROR", "WARNING", "CRITICAL"))]
    assert result.returncode == 0 and "Importer processing completed successfully" in result.stdout, result.stdout
    assert not complaints, "\n".join(complaints)
    imported = json.loads((tmp_path / "importer_result.json").read_text())
    documented = {item["content_name"] for item in imported["docs_blob"]["contents"]
                  if item["content_type"] == "module" and item["doc_strings"]}
    modules = {os.path.basename(path)[:-3] for path in glob.glob(os.path.join(REPO, "plugins", "modules", "*.py"))}
    assert documented == modules, "modules Galaxy shows without docs: %s" % sorted(modules - documented)
    assert imported["requires_ansible"] == ">=2.16.0"


def test_galaxy_metadata_is_complete_and_true():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    for key in ("namespace", "name", "version", "readme", "authors", "description", "license", "tags", "repository",
                "documentation", "homepage", "issues", "build_ignore"):
        assert galaxy.get(key), key
    assert len(galaxy["tags"]) <= 20 and all(tag.islower() for tag in galaxy["tags"])
    # It says only what the collection has (no roles yet).
    has_roles = any(os.path.isdir(os.path.join(REPO, "roles", name)) for name in os.listdir(os.path.join(REPO, "roles")))
    assert has_roles or "role" not in galaxy["description"].lower()
    for ignored in (".venv", ".cache", "docs/_build"):
        assert ignored in galaxy["build_ignore"], ignored


def test_sanity_ignores_carry_a_reason():
    for path in glob.glob(os.path.join(REPO, "tests", "sanity", "ignore-*.txt")):
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    assert "#" in line, "%s:%d ignores without saying why: %s" % (path, number, line.strip())
