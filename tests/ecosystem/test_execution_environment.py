# -*- coding: utf-8 -*-
"""The execution environment: the collection declares what it needs, and ansible-builder makes a build context.

No container engine is needed: ``ansible-builder create`` writes the context (Containerfile and
_build/), and ``ansible-builder introspect`` reads the collection's meta/execution-environment.yml
exactly as the image build does.
"""

import os
import subprocess
import sys

import yaml

from conftest import BIN, REPO, tool_env

EXAMPLE = os.path.join(REPO, "examples", "execution-environment", "execution-environment.yml")


def test_the_collection_declares_requests_and_ca_certificates():
    result = subprocess.run([os.path.join(BIN, "ansible-builder"), "introspect", "--sanitize",
                             os.path.join(REPO, ".cache", "collections")],
                            env=tool_env(), capture_output=True, text=True, check=True)
    dependencies = yaml.safe_load(result.stdout.split("\n", 1)[1])
    python = [line for line in dependencies["python"] if "iam.keycloak" in line]
    system = [line for line in dependencies["system"] if "iam.keycloak" in line]
    assert any(line.startswith("requests") for line in python), result.stdout
    assert any(line.startswith("ca-certificates") for line in system), result.stdout
    with open(os.path.join(REPO, "requirements.txt"), encoding="utf-8") as handle:
        wanted = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    assert wanted == ["requests>=2.25"], "the EE test names the one dependency; update it with requirements.txt"


def test_ansible_builder_creates_the_build_context(tmp_path):
    context = tmp_path / "context"
    result = subprocess.run([os.path.join(BIN, "ansible-builder"), "create", "-f", EXAMPLE, "-c", str(context),
                             "--output-filename", "Containerfile"],
                            env=tool_env(), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile or "ansible-galaxy" in containerfile
    assert "introspect" in containerfile, "the image build must read the collections' dependencies"
    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert {"name": "iam.keycloak", "version": ">=0.1.0"} in requirements["collections"]
    assert sys.version_info >= (3, 9)
