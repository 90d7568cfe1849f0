#!/usr/bin/env python3
"""A client paced at a fixed rate: POSTs a client_credentials grant RATE times a second for DURATION seconds on one
keep-alive connection and prints one RESULT line (achieved rate, statuses, median latency). Used by rate-limits.sh
to show that a client below its limit keeps its rate while another client is refused beyond its own."""
import base64, http.client, sys, time
from urllib.parse import urlsplit

url, client, secret, rate, duration, forwarded = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), \
    float(sys.argv[5]), sys.argv[6]
parts = urlsplit(url)
headers = {"Content-Type": "application/x-www-form-urlencoded",
           "Authorization": "Basic " + base64.b64encode(f"{client}:{secret}".encode()).decode(),
           "X-Forwarded-For": forwarded}
conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
statuses, latencies = {}, []
start = time.monotonic()
sent = 0
while True:
    due = start + sent / rate
    now = time.monotonic()
    if due - start >= duration:
        break
    if due > now:
        time.sleep(due - now)
    began = time.monotonic()
    conn.request("POST", parts.path, body="grant_type=client_credentials", headers=headers)
    response = conn.getresponse()
    response.read()
    latencies.append(time.monotonic() - began)
    statuses[response.status] = statuses.get(response.status, 0) + 1
    sent += 1
elapsed = time.monotonic() - start
latencies.sort()
print("RESULT rps=%.1f sent=%d statuses=%s p50_ms=%.2f" % (sent / elapsed, sent,
      ",".join(f"{k}:{v}" for k, v in sorted(statuses.items())), latencies[len(latencies) // 2] * 1000))
