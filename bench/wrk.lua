-- wrk script for bench/run.sh: POSTs $BENCH_BODY as JSON; with $BENCH_DELAY_MS each connection waits that
-- long before each request (the soak's paced load). Prints one line at the end for run.sh to read:
-- RESULT requests duration_us p50_us p99_us non_2xx_or_3xx socket_errors
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY") or ""
wrk.headers["Content-Type"] = "application/json"

local pause_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "")
if pause_ms then
  function delay() return pause_ms end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
