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


def links_of(page):
    """The ``href`` and ``src`` values of an HTML page."""
    from html.parser import HTMLParser  # pylint: disable=import-outside-toplevel

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(value for name, value in attrs if name in ("href", "src") and value)

    Links().feed(page.read_text(encoding="utf-8"))
    return found


def is_external(link):
    return re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", link) is not None


def test_every_link_works_opened_from_disk(site):
    """The README says: open index.html. So every link is relative (a "/" would lead to the disk's root) and leads to a file."""
    problems = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60, "the site has %d pages" % len(pages)
    for page in pages:
        for link in links_of(page):
            if is_external(link) or link.startswith("#"):
                continue
            if link.startswith("/"):
                problems.append("%s: %s is absolute" % (page.relative_to(site), link))
                continue
            target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
            if not target.exists():
                problems.append("%s: %s leads nowhere" % (page.relative_to(site), link))
    assert not problems, "\n".join(problems[:40])


def test_every_link_works_served_under_a_sub_path(site):
    """Served by a web server under /docs/iam.keycloak/ (as a project site is), every page links only to pages that are there."""
    import http.server  # pylint: disable=import-outside-toplevel
    import threading  # pylint: disable=import-outside-toplevel
    import urllib.error  # pylint: disable=import-outside-toplevel
    import urllib.parse  # pylint: disable=import-outside-toplevel
    import urllib.request  # pylint: disable=import-outside-toplevel

    prefix = "/docs/iam.keycloak/"

    class UnderPrefix(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(site / "no-such-file-outside-the-prefix")
            return super().translate_path("/" + path[len(prefix):])

        def log_message(self, *args):  # pylint: disable=arguments-differ
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), UnderPrefix)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = "http://127.0.0.1:%d%s" % (server.server_address[1], prefix)
    seen, queue, problems = set(), [root + "index.html"], []
    try:
        while queue and len(seen) < 2000:  # bounded: the site has about 70 pages and their assets
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=30) as answer:  # nosec: 127.0.0.1 only
                    content = answer.read()
                body = content.decode("utf-8", "replace") if url.endswith(".html") else ""
            except urllib.error.HTTPError as error:
                problems.append("%s: %d" % (url, error.code))
                continue
            if not body:
                continue
            page = site / url[len(root):]
            for link in links_of(page):
                if is_external(link) or link.startswith("#"):
                    continue
                target = urllib.parse.urljoin(url, link).split("#")[0].split("?")[0]
                if not target.startswith(root):
                    problems.append("%s: %s leaves the site's path" % (url, link))
                elif target.endswith(".html") or "." in target.rsplit("/", 1)[-1]:
                    queue.append(target)
    finally:
        server.shutdown()
        server.server_close()
    assert not problems, "\n".join(problems[:40])
    assert len([url for url in seen if url.endswith(".html")]) > 60, "the crawl from index.html found %d pages" % len(seen)


def test_the_header_is_the_collections_own(site):
    """The collection's name as it is spelt, and its own links in the header: not Ansible's blog and forum."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "Iam.Keycloak" not in html, page
        assert "forum.ansible.com" not in html and "ansible.com/blog" not in html, page
    home = (site / "index.html").read_text(encoding="utf-8")
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        repository = re.search(r"^repository: (\S+)", handle.read(), re.M).group(1)
    assert repository in home
