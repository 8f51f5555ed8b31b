"""Check that a command leaves the user's own Ansible folder (~/.ansible) as it found it.

    home_guard.py snapshot STATE   record every path under ~/.ansible with its size and mtime
    home_guard.py verify STATE     exit 1, naming each path, if a file or folder was added, changed or removed

`make test` and `make demo` keep every cache, collection copy and tool state inside the
repository (ANSIBLE_HOME, ANSIBLE_REMOTE_TMP and XDG_CACHE_HOME point into .cache/, and the
sanity script runs ansible-test with a HOME of its own); this is the check that they do.
What it checks is what is left behind: files (by size and mtime) and folders (by being there).
Anything else that leaves something in ~/.ansible at the same time (another Ansible run of yours)
shows up here too: run the tests alone to be sure.
"""

import json
import os
import sys

WATCHED = os.path.expanduser("~/.ansible")


def listing(root):
    """{relative path: [kind, size, mtime_ns]} of root and everything under it; {} when it is absent."""
    found = {}
    if not os.path.lexists(root):
        return found
    for folder, subdirs, files in os.walk(root):
        for name in [""] + subdirs + files:
            path = os.path.join(folder, name) if name else folder
            try:
                info = os.lstat(path)
            except OSError:
                continue
            kind = "dir" if os.path.isdir(path) and not os.path.islink(path) else "file"
            # A folder counts by being there; its mtime only says that something came and went
            # (an Ansible run of yours that cleaned up after itself), which leaves nothing behind.
            found[os.path.relpath(path, root)] = [kind, info.st_size, info.st_mtime_ns] if kind == "file" else [kind]
    return found


def main(argv):
    if len(argv) != 3 or argv[1] not in ("snapshot", "verify"):
        sys.exit(__doc__)
    state = argv[2]
    now = listing(WATCHED)
    if argv[1] == "snapshot":
        os.makedirs(os.path.dirname(os.path.abspath(state)), exist_ok=True)
        with open(state, "w", encoding="utf-8") as handle:
            json.dump(now, handle)
        return
    with open(state, encoding="utf-8") as handle:
        before = json.load(handle)
    added = sorted(set(now) - set(before))
    removed = sorted(set(before) - set(now))
    changed = sorted(path for path in set(now) & set(before) if now[path] != before[path])
    if added or removed or changed:
        print("home_guard: %s was modified (everything should stay inside the repository):" % WATCHED)
        for label, paths in (("added", added), ("changed", changed), ("removed", removed)):
            for path in paths[:20]:
                print("  %s %s" % (label, os.path.join(WATCHED, path)))
            if len(paths) > 20:
                print("  ... and %d more %s" % (len(paths) - 20, label))
        sys.exit(1)
    print("home_guard: %s untouched (%d paths, as before)" % (WATCHED, len(now)))


if __name__ == "__main__":
    main(sys.argv)
