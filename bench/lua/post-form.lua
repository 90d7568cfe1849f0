-- POST a form (BODY, default a client_credentials grant) with optional HTTP Basic (BASIC_AUTH, base64)
-- and X-Forwarded-For (FORWARDED_FOR).
wrk.method = "POST"
wrk.body = os.getenv("BODY") or "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local basic = os.getenv("BASIC_AUTH")
if basic and #basic > 0 then wrk.headers["Authorization"] = "Basic " .. basic end
-- FORWARDED_FOR: an X-Forwarded-For header, to stand for a client address behind a trusted proxy.
local forwarded = os.getenv("FORWARDED_FOR")
if forwarded and #forwarded > 0 then wrk.headers["X-Forwarded-For"] = forwarded end
function done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), summary.requests,
    summary.errors.status))
end
