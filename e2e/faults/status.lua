-- wrk script of the fault suite: POSTs a client_credentials grant with HTTP Basic (BASIC_AUTH, base64) and counts
-- the answers per status code and the 503s lacking Retry-After. Prints one RESULT line:
--   RESULT rps=... ok_rps=... p50_us=... p99_us=... max_us=... requests=... s200=... s503=... other_status=...
--          no_retry_after=... connect=... read=... write=... timeout=... statuses=200:N,503:N
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. (os.getenv("BASIC_AUTH") or "")

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {}; no_retry_after = 0 end
function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if status == 503 and not (headers["Retry-After"] or headers["retry-after"]) then no_retry_after = no_retry_after + 1 end
end

function done(summary, latency, requests)
  local total, missing = {}, 0
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("counts")) do total[code] = (total[code] or 0) + n end
    missing = missing + t:get("no_retry_after")
  end
  local codes, other = {}, 0
  for code, n in pairs(total) do
    table.insert(codes, code .. ":" .. n)
    if code ~= 200 and code ~= 503 then other = other + n end
  end
  table.sort(codes)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f ok_rps=%.1f p50_us=%d p99_us=%d max_us=%d requests=%d s200=%d s503=%d " ..
    "other_status=%d no_retry_after=%d connect=%d read=%d write=%d timeout=%d statuses=%s\n",
    summary.requests / secs, (total[200] or 0) / secs, latency:percentile(50), latency:percentile(99), latency.max,
    summary.requests, total[200] or 0, total[503] or 0, other, missing, e.connect, e.read, e.write, e.timeout,
    table.concat(codes, ",")))
end
