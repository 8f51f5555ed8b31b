"""Ask every URL given in turn, every quarter of a second, until the stop file exists (at most 15 minutes).

Prints JSON: how many rounds ran, and how many of them no URL answered 200 (the service was unreachable).
"""
import json
import os
import sys
import time
import urllib.request

stop_file, urls = sys.argv[1], sys.argv[2:]
rounds = down = 0
deadline = time.monotonic() + 900
while not os.path.exists(stop_file) and time.monotonic() < deadline:
    rounds += 1
    answered = False
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                answered = answered or response.status == 200
        except OSError:
            pass
    down += 0 if answered else 1
    time.sleep(0.25)
print(json.dumps({"rounds": rounds, "down": down}))
