"""Render the CHANGELOG.md the next release will have, without touching the repository.

    changelog_preview.py DEST      write DEST/CHANGELOG.md (and print where)

A release runs `antsibull-changelog release` in the repository: it moves the fragments of
changelogs/fragments/ into changelogs/changelog.yaml under the version of galaxy.yml and writes
CHANGELOG.md. This script does exactly that in a copy, so the docs site and the tests can show
and check the release notes of the coming release while the fragments stay where they are.
"""

import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)


def render(dest):
    os.makedirs(dest, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest) as copy:
        shutil.copytree(os.path.join(REPO, "changelogs"), os.path.join(copy, "changelogs"))
        shutil.copy(os.path.join(REPO, "galaxy.yml"), copy)
        # antsibull-changelog lists the plugins that are new in the release from the collection itself.
        shutil.copytree(os.path.join(REPO, "plugins"), os.path.join(copy, "plugins"))
        shutil.copytree(os.path.join(REPO, "meta"), os.path.join(copy, "meta"))
        env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
        env.setdefault("ANSIBLE_COLLECTIONS_PATH", os.path.join(REPO, ".cache", "collections"))
        result = subprocess.run([os.path.join(BIN, "antsibull-changelog"), "release", "--is-collection",
                                 "--collection-namespace", "iam", "--collection-name", "keycloak"],
                                cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                check=False)
        if result.returncode != 0:
            sys.exit("changelog: antsibull-changelog release failed:\n%s" % result.stdout)
        target = os.path.join(dest, "CHANGELOG.md")
        shutil.copy(os.path.join(copy, "CHANGELOG.md"), target)
    print("changelog: %s" % os.path.relpath(target, REPO))
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    render(os.path.abspath(sys.argv[1]))
