#!/usr/bin/env bash
# ansible-test sanity on a copy of the collection laid out as ansible_collections/iam/keycloak
# (ansible-test needs that path). The sanity tools run from a venv of their own
# (.venv-sanity) holding the exact versions this ansible-core pins for them; ansible-test's
# --venv mode would download pip from a host this machine cannot reach.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
# Other Pythons for the compile test may live under pyenv (read before HOME is changed below).
pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
venv=$repo/.venv-sanity
if [ ! -f "$venv/.installed" ]; then
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$venv/bin/pip" install -q "ansible-core>=2.19,<2.20"
  req=$("$venv/bin/python" -c 'import ansible_test, os; print(os.path.join(os.path.dirname(ansible_test.__file__), "_data", "requirements"))')
  "$venv/bin/pip" install -q -r "$repo/requirements.txt" \
    -r "$req/sanity.pylint.txt" -r "$req/sanity.pep8.txt" -r "$req/sanity.yamllint.txt" \
    -r "$req/sanity.validate-modules.txt" -r "$req/sanity.ansible-doc.txt" -r "$req/sanity.runtime-metadata.txt"
  touch "$venv/.installed"
fi
# ansible-test bootstraps pip in its test venvs with a get-pip script from its own download host,
# which this machine cannot reach; a stand-in that uses the interpreter's ensurepip and PyPI
# does the same job.
pip_version=$("$venv/bin/python" - <<'PY'
import os, re, ansible_test
path = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
print(re.search(r"pip='([0-9.]+)'", open(path).read()).group(1))
PY
)
# ansible-test keeps its state under ~/.ansible/test (a path it does not let us change): it runs
# with a HOME of its own inside the repository, so the user's ~/.ansible is never written.
export HOME=$repo/.cache/home
standin=$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py
if [ ! -f "$standin" ]; then
  mkdir -p "$(dirname "$standin")"
  cat > "$standin" <<'PY'
# Stand-in for get-pip.py (written by iam.keycloak's scripts/sanity.sh).
import subprocess
import sys

args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"])
subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
PY
fi
# one tree per run, so several runs at once do not trip over each other
work=$(mktemp -d "$repo/.cache/sanity-XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/ansible_collections/iam/keycloak
rm -rf "$tree"
mkdir -p "$tree"
cd "$repo"
# tracked files plus new ones not ignored: what the next commit would hold
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] || continue
  mkdir -p "$tree/$(dirname "$f")"
  cp -p "$f" "$tree/$f"
done
cd "$tree"
# a repository of its own, so ansible-test lists the copy's files and not the (ignored) outer tree's
git init -q . && git add -A
export PATH="$venv/bin:$PATH"
version=$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
status=0
ansible-test sanity --local --python "$version" --color no "$@" || status=$?
# The compile test on every other Python the modules claim where they run (3.9 and newer), with each interpreter
# this machine has (on PATH or under pyenv); one it lacks is reported, not failed.
if [ "$#" -eq 0 ] && [ "$status" -eq 0 ]; then
  for other in 3.9 3.10 3.12 3.13; do
    [ "$other" = "$version" ] && continue
    interpreter=$(command -v "python$other" 2>/dev/null || true)
    if [ -z "$interpreter" ] || ! "$interpreter" -c pass 2>/dev/null; then
      interpreter=$(find "$pyenv_root/versions" -maxdepth 3 -path "*/versions/$other.*/bin/python$other" 2>/dev/null | sort | tail -n 1)
    fi
    if [ -z "$interpreter" ]; then
      echo "sanity: no Python $other here: compile test on $other skipped"
      continue
    fi
    mkdir -p "$work/bin-$other" && ln -sf "$interpreter" "$work/bin-$other/python$other"
    PATH="$work/bin-$other:$PATH" ansible-test sanity --local --python "$other" --test compile --color no || status=$?
  done
fi
exit $status
