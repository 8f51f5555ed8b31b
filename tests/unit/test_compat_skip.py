# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""scripts/compat.py without the Python an ansible-core needs: skipped with a notice on a developer's machine, a failure in CI."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import os

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def compat(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("compat_script", os.path.join(REPO, "scripts", "compat.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # An ansible-core whose Python no machine has, and a notice file of the test's own.
    monkeypatch.setattr(module, "VERSIONS", {"9.9.9": ("1.7",)})
    monkeypatch.setattr(module, "SKIPPED", str(tmp_path / "SKIPPED"))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))
    monkeypatch.delenv("COMPAT_ALLOW_MISSING_PYTHON", raising=False)
    return module


def test_a_missing_python_is_skipped_with_what_to_do(compat, monkeypatch, capsys):
    monkeypatch.delenv("CI", raising=False)
    assert compat.main(["9.9.9"]) == 0
    said = capsys.readouterr().out
    with open(compat.SKIPPED, encoding="utf-8") as handle:
        notice = handle.read()
    assert "SKIPPED" in notice and "ansible-core 9.9.9" in notice and "install Python 1.7" in notice and "make compat" in notice
    assert notice.splitlines()[0] in said


def test_a_missing_python_fails_in_ci(compat, monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert compat.main(["9.9.9"]) == 1
    monkeypatch.setenv("COMPAT_ALLOW_MISSING_PYTHON", "1")
    assert compat.main(["9.9.9"]) == 0


def test_the_notice_goes_once_everything_ran(compat, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    compat.main(["9.9.9"])
    assert os.path.exists(compat.SKIPPED)
    compat.report_skipped([])
    assert not os.path.exists(compat.SKIPPED)
