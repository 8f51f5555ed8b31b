# -*- coding: utf-8 -*-
# Copyright: (c) 2026, iam.keycloak contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ansible-core range the collection claims, tested: `make compat`.

For the oldest and the newest ansible-core of the claimed range, a virtualenv of its own
(``.cache/compat/ansible-core-<version>``, made once) with only what the modules and these tests
need, then, with that ansible-core:

* the unit tests (``tests/unit``);
* every module's EXAMPLES through ``ansible-playbook`` (ansible-runner) against the local Keycloak,
  each task run twice, the second time expecting ``changed: false``
  (``tests/integration/test_examples.py``: create, rerun, delete for every module), the guides' playbooks,
  and the keycloak_token lookup's play (``tests/integration/modules/test_token_lookup.py``).

The main virtualenv (``make test``) runs everything else on the ansible-core of requirements-dev.txt.
An ansible-core newer than the controller Python supports runs on a newer Python when one is
installed (``python3.13``/``python3.12`` on PATH, or under ``pyenv root``). When none is, that version
is skipped: the rest runs, and the command ends (and ``make test`` ends, from ``SKIPPED``) saying what was
not tested and how to add it. In CI (``CI`` set to ``true``, as .ci/run and CI services set it) a missing
Python is a failure, unless ``COMPAT_ALLOW_MISSING_PYTHON=1``.

    python scripts/compat.py [--unit-only] [VERSION ...]
"""

import glob
import os
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# (ansible-core, the Python versions it runs on as a controller, newest first)
VERSIONS = {
    "2.16.19": ("3.12", "3.11", "3.10"),
    "2.21.5": ("3.14", "3.13", "3.12"),
}
PACKAGES = ["requests>=2.25", "pytest>=8", "pytest-xdist>=3", "hypothesis>=6", "pyyaml>=6", "ansible-runner>=2.4"]
# What this machine could not test, for `make test` to repeat at its end (removed when everything ran).
SKIPPED = os.path.join(REPO, ".cache", "compat", "SKIPPED")
# The EXAMPLES of different modules use realms of their own: three workers run them side by side (they mostly wait on Keycloak).
EXAMPLE_WORKERS = os.environ.get("COMPAT_WORKERS", "3")


def works(python):
    """``python`` runs (a pyenv shim of a version that is not selected does not)."""
    try:
        return subprocess.run([python, "-c", "pass"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode == 0
    except OSError:
        return False


def find_python(wanted):
    """A Python interpreter of one of the ``wanted`` versions: the current one, PATH, or pyenv's."""
    current = "%d.%d" % sys.version_info[:2]
    if current in wanted:
        return sys.executable
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    for version in wanted:
        candidates = [shutil.which("python%s" % version)]
        candidates += sorted(glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python" + version)), reverse=True)
        for candidate in candidates:
            if candidate and works(candidate):
                return candidate
    return None


def venv_for(version, python):
    folder = os.path.join(REPO, ".cache", "compat", "ansible-core-%s" % version)
    marker = os.path.join(folder, ".installed")
    if not os.path.exists(marker):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([python, "-m", "venv", folder], check=True)
        pip = os.path.join(folder, "bin", "pip")
        subprocess.run([pip, "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([pip, "install", "-q", "ansible-core==%s" % version] + PACKAGES, check=True)
        with open(marker, "w", encoding="utf-8") as handle:
            handle.write(python + "\n")
    return os.path.join(folder, "bin", "python")


def run(python, label, args):
    started = time.monotonic()
    print("compat: %s ..." % label, flush=True)
    result = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"] + args, cwd=REPO, check=False)
    print("compat: %s: %s in %.0f s" % (label, "passed" if result.returncode == 0 else "FAILED", time.monotonic() - started), flush=True)
    return result.returncode == 0


def main(argv):
    unit_only = "--unit-only" in argv
    versions = [arg for arg in argv if not arg.startswith("--")] or list(VERSIONS)
    in_ci = os.environ.get("CI", "").lower() in ("true", "1", "yes")
    allow_missing = os.environ.get("COMPAT_ALLOW_MISSING_PYTHON") == "1" or not in_ci
    failures, skipped = [], []
    for version in versions:
        if version not in VERSIONS:
            print("compat: unknown ansible-core version %s (known: %s)" % (version, ", ".join(VERSIONS)), file=sys.stderr)
            return 2
        python = find_python(VERSIONS[version])
        if python is None:
            print("compat: ansible-core %s NOT TESTED: no Python %s on this machine" % (version, " or ".join(VERSIONS[version])), flush=True)
            skipped.append(version)
            if not allow_missing:
                failures.append("%s (no Python; CI must test it)" % version)
            continue
        interpreter = venv_for(version, python)
        reported = subprocess.run([interpreter, "-c", "import ansible, sys; print(ansible.__version__, sys.version.split()[0])"],
                                  stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
        print("compat: ansible-core %s on Python %s" % tuple(reported.split()), flush=True)
        if not run(interpreter, "ansible-core %s: unit tests" % version, ["tests/unit"]):
            failures.append("%s unit" % version)
        if not unit_only and not run(interpreter, "ansible-core %s: every module's EXAMPLES, run twice" % version,
                                     ["-n", EXAMPLE_WORKERS, "tests/integration/test_examples.py",
                                      "tests/integration/modules/test_token_lookup.py"]):
            failures.append("%s examples" % version)
    report_skipped(skipped)
    if failures:
        print("compat: failed: %s" % ", ".join(failures), flush=True)
        return 1
    return 0


def report_skipped(skipped):
    """Say what was not tested and how to add it, here and in SKIPPED (which `make test` prints at its end)."""
    if not skipped:
        if os.path.exists(SKIPPED):
            os.remove(SKIPPED)
        return
    lines = ["SKIPPED: the unit tests and every module's EXAMPLES on ansible-core %s (no Python %s on this machine)."
             % (version, " or ".join(VERSIONS[version])) for version in skipped]
    choices = VERSIONS[skipped[0]]
    wanted = choices[1] if len(choices) > 1 else choices[0]  # the newest Python is often not packaged yet: the one before it
    lines.append("To test it, install Python %s so that python%s is on PATH (or under pyenv: pyenv install %s), then run make compat."
                 % (wanted, wanted, wanted))
    lines.append("Everything else ran. CI (CI=true) fails instead of skipping.")
    os.makedirs(os.path.dirname(SKIPPED), exist_ok=True)
    with open(SKIPPED, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print("compat: " + "\ncompat: ".join(lines), flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
