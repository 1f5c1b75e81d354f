-- wrk script for the Hookline benchmark: signed Impact deliveries.
--
--   wrk -t2 -c64 -d20s --latency -s bench/impact.lua <url> -- <bodies.lua> <run-tag>
--
-- Each request is POST /webhooks/impact with a ~1 KB Impact event body taken in turn
-- from a pre-generated, pre-signed pool (bench/bodies.lua, made by bench/gen_bodies.py:
-- wrk's Lua has no HMAC), its hex HMAC-SHA256 in X-Impact-Signature, and a delivery id
-- unique across threads and runs: <run-tag>-t<thread>-<counter>.
--
-- done() prints machine-readable "BENCH key=value" lines for bench/run.sh (bench/common.lua).
--
-- Non-2xx counting: by default from wrk's own summary.errors.status (responses with a
-- status > 399). Set BENCH_STRICT_STATUS=1 to count every non-2xx status with a
-- response() hook instead; wrk then parses every response's headers and body in Lua,
-- which costs client CPU (and on a 2-core box, server throughput).

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "") .. "common.lua")
local strict = os.getenv("BENCH_STRICT_STATUS") == "1"

-- ---------------------------------------------------------------- main state
setup = common.setup

-- ---------------------------------------------------------------- thread state
local pool, tag, counter, headers
non2xx = 0 -- global, so that done() can read it with thread:get()

function init(args)
   pool = common.load_pool(args[1])
   tag = args[2] or tostring(os.time())
   counter = 0
   headers = common.headers()
end

function request()
   counter = counter + 1
   local entry = pool[common.pool_index(#pool, counter, id)]
   headers["X-Impact-Signature"] = entry.sig
   headers["X-Impact-Delivery-Id"] = common.delivery_id(tag, id, counter)
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
   common.report(summary, latency, {
      { "non2xx", "%d", strict and common.sum("non2xx") or summary.errors.status },
      { "non2xx_method", "%s", strict and "response-hook" or "summary.errors.status" },
   })
end
