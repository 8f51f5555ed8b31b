# -*- coding: utf-8 -*-
"""The collection's metadata agrees with what is on disk."""

import ast
import os
import re
import sys

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


def python_files(*parts):
    folder = os.path.join(REPO, *parts)
    for top, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(top, name)
                with open(path, encoding="utf-8") as handle:
                    yield os.path.relpath(path, REPO), handle.read()


def test_client_engine_and_kinds_have_no_ansible_import():
    """The client, the engine, the planning context and every kind run as a plain Python library."""
    files = list(python_files("plugins", "module_utils"))
    checked = [path for path, _text in files if not path.endswith("module_utils/module.py")]
    assert any("resources/user.py" in path for path in checked) and any("engine.py" in path for path in checked)
    for path, text in files:
        if path.endswith("module_utils/module.py"):
            continue
        assert "import ansible" not in text and "from ansible" not in text, path


def test_no_private_client_call_outside_the_client():
    pattern = re.compile(r"\._(get|put|post|delete|url|fetch_all|post_created)\(")
    for path, text in list(python_files("plugins")) + list(python_files("tests")):
        if "module_utils/client/" in path:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            assert not pattern.search(line), "%s:%d calls a private client method: %s" % (path, number, line.strip())


def test_handlers_get_their_input_from_the_request_only():
    for path, text in python_files("plugins", "module_utils"):
        assert "self.options" not in text and "module.params" not in text.replace("module.params)", ""), path


def test_sibling_kinds_do_not_import_each_other():
    """Kinds share helpers through resources/common.py and the nested_* collections, never through each other."""
    kinds = set(name[:-3] for name in os.listdir(os.path.join(REPO, "plugins", "module_utils", "resources"))
                if name.endswith(".py") and name != "__init__.py" and name != "common.py" and not name.startswith("nested_"))
    for path, text in python_files("plugins", "module_utils", "resources"):
        for kind in kinds:
            assert "from .%s import" % kind not in text, "%s imports the kind %s" % (path, kind)


def test_a_resource_module_is_docs_and_a_run_of_its_kind():
    sys.path.insert(0, os.path.join(REPO, ".cache", "collections"))
    from ansible_collections.iam.keycloak.plugins.module_utils.registry import MODULES  # pylint: disable=import-outside-toplevel

    for module in MODULES.values():
        with open(os.path.join(REPO, "plugins", "modules", module + ".py"), encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        docs = ("DOCUMENTATION", "EXAMPLES", "RETURN", "__metaclass__")
        code = [node for node in tree.body if not (isinstance(node, ast.Assign) and node.targets[0].id in docs)
                and not isinstance(node, (ast.Import, ast.ImportFrom, ast.If, ast.Expr))]
        assert [node.name for node in code] == ["main"], (module, [type(node).__name__ for node in code])
        calls = [ast.unparse(statement) for statement in code[0].body]
        assert len(calls) == 1 and calls[0].startswith("run("), (module, calls)
