#!/usr/bin/env python3
"""Load driver and report helpers of the fault suite (e2e/faults/run.sh); python3 standard library only.

  faults.py load URL --basic B64 --threads N --duration S --out FILE [--tokens FILE] [--revoke-every S]
      POSTs grant_type=client_credentials to URL (the token endpoint) on N keep-alive connections until S seconds
      have passed or SIGTERM arrives. Writes one line per request to FILE: "t0 t1 status kind" (epoch seconds; kind
      is http, or no-retry-after for a 503 without Retry-After, or, with status 0 when no HTTP answer came, one of
      refused/reset/closed/timeout/other:Name), and the first five answers other than 200 (status, headers, body)
      to FILE.samples. With --tokens, the access_token of every 200 goes there as "issued TOKEN"; with
      --revoke-every, a thread revokes the newest issued token that often (POST /oauth2/revoke, same Basic auth)
      and writes "revoking TOKEN" before and "revoked TOKEN" after a 200.
  faults.py outage RECORDS EVENTS      figures of case 1 (database outage); exit 1 if a promise is broken
  faults.py stop RECORDS T_TERM [DRAIN]  figures of case 3 (graceful stop); exit 1 if a promise is broken
  faults.py introspect ADMIN_URL TOKENS LABEL   introspects every token; exit 1 unless issued ones are active and
                                          revoked ones inactive
"""
import collections
import http.client
import json
import signal
import socket
import sys
import threading
import time
import urllib.parse

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def connection(url, timeout=10.0):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout), u.path


def classify(exc):
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "closed"  # the server closed the connection without an answer
    if isinstance(exc, (ConnectionResetError, BrokenPipeError)):
        return "reset"
    if isinstance(exc, socket.timeout):
        return "timeout"
    return "other:" + type(exc).__name__


def arg(args, name, default=None):
    return args[args.index(name) + 1] if name in args else default


def load(args):
    url = args[0]
    basic = arg(args, "--basic")
    threads = int(arg(args, "--threads", "8"))
    duration = float(arg(args, "--duration", "10"))
    out_path = arg(args, "--out")
    tokens_path = arg(args, "--tokens")
    revoke_every = arg(args, "--revoke-every")
    headers = dict(FORM, Authorization="Basic " + basic)
    body = "grant_type=client_credentials"
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    lock = threading.Lock()
    records, issued, token_log, samples = [], [], [], []

    def worker():
        conn, path = connection(url)
        mine = []
        while not stop.is_set():
            t0 = time.time()
            try:
                conn.request("POST", path, body, headers)
                resp = conn.getresponse()
                data = resp.read()
                t1 = time.time()
                retry = resp.status != 503 or resp.getheader("Retry-After") is not None
                mine.append((t0, t1, resp.status, "http" if retry else "no-retry-after"))
                if resp.status != 200 and len(samples) < 5:
                    with lock:
                        samples.append(f"{t1:.6f} {resp.status} {dict(resp.getheaders())} {data[:400]!r}")
                if resp.status == 200 and tokens_path:
                    token = json.loads(data)["access_token"]
                    with lock:
                        issued.append(token)
                        token_log.append("issued " + token)
                if resp.will_close:
                    conn.close()
            except Exception as exc:  # noqa: BLE001 - every failure is a record
                t1 = time.time()
                kind = classify(exc)
                mine.append((t0, t1, 0, kind))
                conn.close()
                if kind == "refused":
                    time.sleep(0.02)
        with lock:
            records.extend(mine)

    def revoker():
        conn, _ = connection(url)
        path = urllib.parse.urlsplit(url).path.replace("/oauth2/token", "/oauth2/revoke")
        while not stop.wait(float(revoke_every)):
            with lock:
                if not issued:
                    continue
                token = issued.pop()
                token_log.append("revoking " + token)
            try:
                conn.request("POST", path, "token=" + token, headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status == 200:
                    with lock:
                        token_log.append("revoked " + token)
            except Exception:  # noqa: BLE001 - the server may be gone; the token stays "revoking"
                conn.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    if revoke_every:
        workers.append(threading.Thread(target=revoker))
    for w in workers:
        w.start()
    stop.wait(duration)
    stop.set()
    for w in workers:
        w.join()
    records.sort()
    with open(out_path, "w") as f:
        for t0, t1, status, kind in records:
            f.write(f"{t0:.6f} {t1:.6f} {status} {kind}\n")
    with open(out_path + ".samples", "w") as f:
        f.write("".join(line + "\n" for line in samples))
    if tokens_path:
        with open(tokens_path, "w") as f:
            f.write("\n".join(token_log) + "\n")


def read_records(path):
    with open(path) as f:
        return [(float(a), float(b), int(c), d) for a, b, c, d in (line.split() for line in f)]


def counts(recs):
    c = collections.Counter(str(s) if s else k for _, _, s, k in recs)
    return ", ".join(f"{k}: {v}" for k, v in sorted(c.items())) or "none"


def outage(args):
    recs = read_records(args[0])
    ev = {}
    with open(args[1]) as f:
        for line in f:
            k, v = line.split()
            ev[k] = float(v)
    down, up, ready = ev["pg_stopped"], ev["pg_start"], ev["pg_ready"]
    before = [r for r in recs if r[1] <= ev["pg_stop"]]
    during = [r for r in recs if r[0] >= down and r[1] <= up]
    after = [r for r in recs if r[0] >= ready]
    bad = [r for r in recs if r[2] not in (200, 503)]
    ok = True
    print(f"figure: outage: requests before the outage: {counts(before)}; during it ({up - down:.1f} s): "
          f"{counts(during)}; after PostgreSQL is back: {counts(after)}; overall: {counts(recs)}")
    max_latency = max((r[1] - r[0] for r in recs if down <= r[0] <= up), default=0.0)
    first_200 = min((r[1] for r in recs if r[2] == 200 and r[1] > up), default=None)
    recovery = f"{first_200 - ready:.2f} s" if first_200 else "never"
    print(f"figure: outage: max latency during the outage {max_latency * 1000:.0f} ms; PostgreSQL accepting "
          f"connections again -> first token 200: {recovery} (PostgreSQL stopped in {down - ev['pg_stop']:.2f} s, "
          f"started in {ready - up:.2f} s)")
    if not before or any(r[2] != 200 for r in before):
        print("  broken: before the outage every request must be 200"); ok = False
    if not during or any(r[2] != 503 for r in during):
        print("  broken: during the outage every request must be 503"); ok = False
    if bad:
        print(f"  broken: {len(bad)} requests were neither 200 nor 503, first: {bad[0]}"); ok = False
    no_retry = sum(1 for r in recs if r[3] == "no-retry-after")
    if no_retry:
        print(f"  broken: {no_retry} answers 503 without Retry-After"); ok = False
    if max_latency >= 5:
        print("  broken: a request during the outage took 5 s or more"); ok = False
    if first_200 is None or first_200 - ready > 5:
        print("  broken: no token 200 within 5 s of PostgreSQL accepting connections"); ok = False
    return ok


def stop(args):
    recs = read_records(args[0])
    term = float(args[1])
    drain = float(args[2]) if len(args) > 2 else 0.0
    during = [r for r in recs if r[1] >= term]
    # A 503 with Retry-After after SIGTERM is a request that arrived once the stop had begun: refused, not carried
    # out, safe to send again. Anything else but 200 is a broken promise.
    refused_503 = [r for r in during if r[2] == 503 and r[3] == "http"]
    answered_bad = [r for r in during if r[2] not in (0, 200) and r not in refused_503]
    dropped = [r for r in during if r[2] == 0 and r[3] != "refused"]
    # The ports close at the end of the drain period. A request sent on a kept-alive connection in the last moment
    # before that, which the server had not read yet, is dropped with the connection (a TCP race no server can
    # close for a client without a load balancer): counted and shown, not a broken promise. A request sent earlier
    # that lost its connection is.
    cut = [r for r in dropped if r[0] < term + drain - 0.1]
    last_200 = max((r[1] for r in during if r[2] == 200), default=term) - term
    first_refused = min((r[1] for r in during if r[3] == "refused"), default=term) - term
    print(f"figure: graceful stop: requests before SIGTERM: {counts([r for r in recs if r[1] < term])}; "
          f"ending after SIGTERM: {counts(during)}; last 200 at +{last_200:.3f} s, first refused at "
          f"+{first_refused:.3f} s; refused with 503 and Retry-After: {len(refused_503)}; dropped as the ports "
          f"closed: {len(dropped) - len(cut)}")
    ok = True
    if answered_bad:
        print(f"  broken: {len(answered_bad)} answers after SIGTERM were not 200: "
              + ", ".join(f"{r[2]} at +{r[1] - term:.3f} s" for r in answered_bad[:5])); ok = False
    if cut:
        print(f"  broken: {len(cut)} requests lost their connection without an answer: "
              + ", ".join(f"{r[3]} at +{r[1] - term:.3f} s" for r in cut[:5])); ok = False
    if not any(r[2] == 200 for r in during):
        print("  broken: no request was answered after SIGTERM"); ok = False
    return ok


def introspect(args):
    admin, tokens_path, label = args
    issued, revoking, revoked = set(), set(), set()
    with open(tokens_path) as f:
        for line in f:
            if line.strip():
                kind, token = line.split()
                {"issued": issued, "revoking": revoking, "revoked": revoked}[kind].add(token)
    want_active = sorted(issued - revoking)
    want_inactive = sorted(revoked)
    todo = [(t, True) for t in want_active] + [(t, False) for t in want_inactive]
    results, lock = [], threading.Lock()

    def worker(chunk):
        conn, _ = connection(admin)
        mine = []
        for token, _ in chunk:
            for attempt in range(3):
                try:
                    conn.request("POST", "/oauth2/introspect", "token=" + token, FORM)
                    resp = conn.getresponse()
                    data = resp.read()
                    mine.append((token, resp.status == 200 and json.loads(data).get("active") is True))
                    break
                except (OSError, http.client.HTTPException):
                    conn.close()
                    if attempt == 2:
                        mine.append((token, None))
        with lock:
            results.extend(mine)

    n = 8
    threads = [threading.Thread(target=worker, args=(todo[i::n],)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    active = {t for t, a in results if a}
    failed = [t for t, a in results if a is None]
    n_active = sum(1 for t in want_active if t in active)
    n_inactive = sum(1 for t in want_inactive if t not in active)
    revocations = (f"; revoked (200) before {label}: {len(want_inactive)}; inactive after restart: {n_inactive} "
                   f"(revocations without an answer, not checked: {len(revoking - revoked)})") if revoking else ""
    print(f"figure: {label}: tokens answered 200 before {label}: {len(want_active)}; active after restart: "
          f"{n_active}{revocations}")
    ok = n_active == len(want_active) and n_inactive == len(want_inactive) and not failed and want_active
    if not ok:
        lost = [t for t in want_active if t not in active][:3]
        back = [t for t in want_inactive if t in active][:3]
        print(f"  broken: inactive though answered 200: {lost}; active though revoked: {back}; "
              f"introspection failed for {len(failed)}")
    return ok


if __name__ == "__main__":
    cmd, rest = sys.argv[1], sys.argv[2:]
    if cmd == "load":
        load(rest)
        sys.exit(0)
    sys.exit(0 if {"outage": outage, "stop": stop, "introspect": introspect}[cmd](rest) else 1)
