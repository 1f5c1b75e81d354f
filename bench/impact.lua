-- wrk script for the Hookline benchmark: signed Impact deliveries.
--
--   wrk -t2 -c64 -d20s --latency -s bench/impact.lua <url> -- <bodies.lua> <run-tag>
--
-- Each request is POST /webhooks/impact with a ~1 KB Impact event body taken in turn
-- from a pre-generated, pre-signed pool (bench/bodies.lua, made by bench/gen_bodies.py:
-- wrk's Lua has no HMAC), its hex HMAC-SHA256 in X-Impact-Signature, and a delivery id
-- unique across threads and runs: <run-tag>-t<thread>-<counter>.
--
-- done() prints machine-readable "BENCH key=value" lines for bench/run.sh.
--
-- Non-2xx counting: by default from wrk's own summary.errors.status (responses with a
-- status > 399). Set BENCH_STRICT_STATUS=1 to count every non-2xx status with a
-- response() hook instead; wrk then parses every response's headers and body in Lua,
-- which costs client CPU (and on a 2-core box, server throughput).

local strict = os.getenv("BENCH_STRICT_STATUS") == "1"

-- ---------------------------------------------------------------- main state
local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

-- ---------------------------------------------------------------- thread state
local pool, tag, counter, headers
non2xx = 0 -- global, so that done() can read it with thread:get()

function init(args)
   local path = args[1] or "bench/bodies.lua"
   tag = args[2] or tostring(os.time())
   pool = dofile(path)
   if pool == nil or #pool == 0 then
      error("no bodies in " .. path)
   end
   counter = 0
   headers = {
      ["Content-Type"] = "application/json",
      ["Connection"] = "keep-alive",
   }
end

function request()
   counter = counter + 1
   -- threads start at different offsets so that they do not send the same body in step
   local entry = pool[((counter + id * 97) % #pool) + 1]
   headers["X-Impact-Signature"] = entry.sig
   headers["X-Impact-Delivery-Id"] = tag .. "-t" .. id .. "-" .. counter
   return wrk.format("POST", "/webhooks/impact", headers, entry.body)
end

if strict then
   function response(status, hdrs, body)
      if status < 200 or status > 299 then
         non2xx = non2xx + 1
      end
   end
end

-- ---------------------------------------------------------------- report (main state)
function done(summary, latency, requests)
   local secs = summary.duration / 1e6
   local non2xx_total
   if strict then
      non2xx_total = 0
      for _, t in ipairs(threads) do
         non2xx_total = non2xx_total + (tonumber(t:get("non2xx")) or 0)
      end
   else
      non2xx_total = summary.errors.status
   end
   local e = summary.errors
   io.write(string.format("BENCH requests=%d\n", summary.requests))
   io.write(string.format("BENCH duration_s=%.3f\n", secs))
   io.write(string.format("BENCH non2xx=%d\n", non2xx_total))
   io.write(string.format("BENCH non2xx_method=%s\n", strict and "response-hook" or "summary.errors.status"))
   io.write(string.format("BENCH socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
   io.write(string.format("BENCH timeouts=%d\n", e.timeout))
   io.write(string.format("BENCH rps=%.1f\n", summary.requests / secs))
   io.write(string.format("BENCH p50_ms=%.2f\n", latency:percentile(50) / 1000))
   io.write(string.format("BENCH p90_ms=%.2f\n", latency:percentile(90) / 1000))
   io.write(string.format("BENCH p99_ms=%.2f\n", latency:percentile(99) / 1000))
   io.write(string.format("BENCH max_ms=%.2f\n", latency.max / 1000))
   io.write(string.format("BENCH bytes=%d\n", summary.bytes))
end
