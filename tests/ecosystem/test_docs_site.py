# -*- coding: utf-8 -*-
"""The docs site builds without a warning and shows every module, every guide and the release notes."""

import glob
import os
import re
import subprocess
import sys

import pytest

from conftest import BIN, REPO, tool_env


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    dest = tmp_path_factory.mktemp("docs")
    result = subprocess.run([sys.executable, os.path.join(REPO, "scripts", "docs.py"), "--dest", str(dest)],
                            env=tool_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert result.returncode == 0, result.stdout[-5000:]
    return dest / "html"


def modules():
    return sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(REPO, "plugins", "modules", "*.py")))


def test_every_module_has_a_page_with_options_examples_and_return_values(site):
    index = (site / "collection" / "index.html").read_text()
    for module in modules():
        page = site / "collection" / ("%s_module.html" % module)
        assert page.exists(), module
        html = page.read_text()
        assert "did not return correct DOCUMENTATION" not in html, "%s: antsibull-docs made an error page" % module
        for section in ("Parameters", "Examples", "Return Values"):
            assert section in html, "%s: no %s" % (module, section)
        assert "%s_module.html" % module in index, "%s is not in the collection index" % module


def test_every_guide_is_a_page(site):
    for guide in glob.glob(os.path.join(REPO, "docs", "*.md")):
        name = os.path.basename(guide)[:-3]
        assert (site / "guides" / ("%s.html" % name)).exists(), name
    home = (site / "index.html").read_text()
    for guide in ("getting-started", "authentication", "check-mode", "client", "migration"):
        assert "guides/%s.html" % guide in home, guide


def test_release_notes_are_a_page(site):
    notes = (site / "changelog.html").read_text()
    assert re.search(r"v0\.\d+\.\d+", notes)


def test_module_documentation_passes_antsibull_lint():
    result = subprocess.run([os.path.join(BIN, "antsibull-docs"), "lint-collection-docs", "--plugin-docs",
                             "--skip-rstcheck", REPO], env=tool_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, check=False)
    assert result.returncode == 0, result.stdout[-5000:]


def test_changelog_fragments_are_valid():
    result = subprocess.run([os.path.join(BIN, "antsibull-changelog"), "lint"], cwd=REPO, env=tool_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
