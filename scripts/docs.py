"""Build the HTML docs site: the module reference from antsibull-docs, the guides from docs/*.md.

    docs.py [--dest DIR]     build DIR/rst and DIR/html (default docs/_build); open DIR/html/index.html

The build fails on any warning: an antsibull-docs error about a module's documentation, a broken
reference or link in a guide, a guide that is in no table of contents.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import changelog_preview  # noqa: E402  pylint: disable=wrong-import-position,import-error

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
SITE = os.path.join(REPO, "docs", "site")
GUIDES = os.path.join(REPO, "docs")
# A Markdown link whose target is a relative path: (text)(path#anchor).
LINK = re.compile(r"(\]\()(?!https?:|mailto:|#)([^)\s]+)(\))")
MODULE_SOURCE = re.compile(r"^plugins/modules/(keycloak_\w+)\.py$")


def repository_url():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["repository"].rstrip("/")


def environment():
    env = dict(os.environ)
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    collections = os.path.join(REPO, ".cache", "collections")
    link = os.path.join(collections, "ansible_collections", "iam", "keycloak")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(REPO, link)
    env.setdefault("ANSIBLE_COLLECTIONS_PATH", collections)
    env.setdefault("ANSIBLE_HOME", os.path.join(REPO, ".cache", "ansible"))
    return env


def run(command, env, what):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    problems = [line for line in result.stdout.splitlines() if re.search(r"\b(ERROR|WARNING|CRITICAL)\b", line)]
    if result.returncode != 0 or problems:
        sys.stdout.write(result.stdout)
        sys.exit("docs: %s failed (exit %d, %d problem lines)" % (what, result.returncode, len(problems)))
    return result.stdout


def copy_guide(source, target, base):
    """A guide, with links to files outside docs/ turned into links to the repository."""
    with open(source, encoding="utf-8") as handle:
        text = handle.read()

    def absolute(match):
        path = match.group(2)
        plain = path.split("#")[0]
        inside = os.path.normpath(os.path.join(GUIDES, plain))
        if plain.endswith(".md") and os.path.dirname(inside) == GUIDES:
            return match.group(0)  # another guide: a page of the site
        module = MODULE_SOURCE.match(os.path.relpath(inside, REPO))
        if module:
            # A module's source (what GitHub shows) is its reference page on the site.
            return "%s../collection/%s_module.rst%s" % (match.group(1), module.group(1), match.group(3))
        relative = os.path.relpath(inside, REPO)
        kind = "tree" if os.path.isdir(os.path.join(REPO, relative)) else "blob"
        return "%s%s/%s/main/%s%s" % (match.group(1), base, kind, relative, match.group(3))

    with open(target, "w", encoding="utf-8") as handle:
        handle.write(LINK.sub(absolute, text))


def entitle(index):
    """The reference's title is the collection's name as it is spelt (antsibull-docs writes it title-cased: "Iam.Keycloak")."""
    with open(index, encoding="utf-8") as handle:
        text = handle.read()
    fixed = re.sub(r"^Iam\.Keycloak\n=+$", "iam.keycloak module reference\n" + "=" * len("iam.keycloak module reference"), text, count=1, flags=re.M)
    if fixed == text:
        sys.exit("docs: the title antsibull-docs writes in %s changed; update scripts/docs.py" % index)
    with open(index, "w", encoding="utf-8") as handle:
        handle.write(fixed)


def build(dest):
    env = environment()
    rst = os.path.join(dest, "rst")
    html = os.path.join(dest, "html")
    shutil.rmtree(rst, ignore_errors=True)
    os.makedirs(os.path.join(rst, "collection"))
    os.makedirs(os.path.join(rst, "guides"))
    # antsibull-docs wants its output folder writable by its owner only.
    for folder in (rst, os.path.join(rst, "collection")):
        os.chmod(folder, 0o755)
    run([os.path.join(BIN, "antsibull-docs"), "--config-file", os.path.join(SITE, "antsibull-docs.cfg"), "collection",
         "--use-current", "--squash-hierarchy", "--dest-dir", os.path.join(rst, "collection"), "iam.keycloak"],
        env, "antsibull-docs (the module reference)")
    entitle(os.path.join(rst, "collection", "index.rst"))
    for page in ("index.rst", "ansible-docs.rst"):
        shutil.copy(os.path.join(SITE, page), os.path.join(rst, page))
    base = repository_url()
    for name in sorted(os.listdir(GUIDES)):
        if name.endswith(".md"):
            copy_guide(os.path.join(GUIDES, name), os.path.join(rst, "guides", name), base)
    changelog = changelog_preview.render(os.path.join(dest, "changelog"))
    shutil.copy(changelog, os.path.join(rst, "changelog.md"))
    run([os.path.join(BIN, "sphinx-build"), "-q", "-W", "--keep-going", "-b", "html", "-c", SITE, rst, html],
        env, "sphinx-build")
    print("docs: %s" % os.path.join(os.path.relpath(html, os.getcwd()), "index.html"))
    return html


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", default=os.path.join(REPO, "docs", "_build"))
    build(os.path.abspath(parser.parse_args().dest))


if __name__ == "__main__":
    main()
