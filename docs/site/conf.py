# Sphinx configuration of the iam.keycloak docs site, built by scripts/docs.py (`make docs`):
# the module reference comes from antsibull-docs, the guides are the Markdown files of docs/.
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

project = "iam.keycloak"
copyright = "iam.keycloak contributors"  # pylint: disable=redefined-builtin
title = "iam.keycloak: Keycloak for Ansible"
html_short_title = "iam.keycloak"

extensions = ["sphinx_antsibull_ext", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"

pygments_style = "ansible"
highlight_language = "YAML+Jinja"


def _repository():
    """The collection's repository, from galaxy.yml (one source)."""
    import os  # pylint: disable=import-outside-toplevel

    import yaml  # pylint: disable=import-outside-toplevel

    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "galaxy.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["repository"].rstrip("/")


html_theme = "sphinx_ansible_theme"
# The header names the collection's own places (the theme's defaults are Ansible's blog and forum); the logo's
# link is relative (_templates/extrabody.html), so the site works opened from disk and under any path.
html_theme_options = {
    "display_version": False,
    "documentation_home_url": "index.html",
    "topbar_links": {
        "iam.keycloak on GitHub": _repository(),
        "Keycloak documentation": "https://www.keycloak.org/documentation",
    },
}
templates_path = ["_templates"]
html_show_sphinx = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False
html_title = title

# Markdown guides: "#" anchors for headings down to ###, as GitHub makes them.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

# Every reference must resolve; no inventory is fetched from the network (the build is offline).
nitpicky = True
default_role = "any"
