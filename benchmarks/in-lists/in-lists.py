#!/usr/bin/env python3
"""Long IN lists as a user meets them: POST /v1/sql with N literals, one statement each, to a running server.

    ./hindsight serve --demo --port 7091 &      # then
    python3 benchmarks/in-lists/in-lists.py http://127.0.0.1:7091 20 2000 5000 8000 20000

Prints, per list length, the wall time of the request and the answer's first bytes (or the error).
"""
import json
import sys
import time
import urllib.error
import urllib.request


def main(url, lengths):
    for n in lengths:
        sql = "SELECT COUNT(*) FROM events WHERE seq IN (" + ", ".join(str(i * 3) for i in range(n)) + ")"
        request = urllib.request.Request(url + "/v1/sql", data=json.dumps({"sql": sql}).encode(),
                                         headers={"Content-Type": "application/json"})
        started = time.time()
        try:
            with urllib.request.urlopen(request) as response:
                answer = response.read().decode()
        except urllib.error.HTTPError as e:
            answer = f"{e.code} {e.read().decode()}"
        print(f"POST /v1/sql, IN of {n} literals: {time.time() - started:.2f} s, {answer[:120]}")


if __name__ == "__main__":
    main(sys.argv[1], [int(n) for n in sys.argv[2:]])
