# -*- coding: utf-8 -*-
"""The collection's metadata agrees with what is on disk."""

import os

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def modules_on_disk():
    folder = os.path.join(REPO, "plugins", "modules")
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and not name.startswith("_"))


def test_action_group_lists_every_module_once():
    with open(os.path.join(REPO, "meta", "runtime.yml"), encoding="utf-8") as handle:
        runtime = yaml.safe_load(handle)
    group = runtime["action_groups"]["keycloak"]
    assert len(group) == len(set(group)), "a module is listed twice"
    assert sorted(group) == modules_on_disk()


def test_requires_ansible():
    with open(os.path.join(REPO, "meta", "runtime.yml"), encoding="utf-8") as handle:
        assert yaml.safe_load(handle)["requires_ansible"] == ">=2.16.0"


def test_galaxy_identity():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        galaxy = yaml.safe_load(handle)
    assert (galaxy["namespace"], galaxy["name"]) == ("iam", "keycloak")
    assert galaxy["license"] == ["GPL-3.0-or-later"]


def test_client_has_no_ansible_import():
    folder = os.path.join(REPO, "plugins", "module_utils", "client")
    for name in os.listdir(folder):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                text = handle.read()
            assert "import ansible" not in text and "from ansible" not in text, name
