-- wrk script for the OUTBOUND benchmark: publishes events to Hookline's webhooks.
--
--   wrk -t2 -c32 -d20s --latency -s bench/publish.lua <url> -- <bodies.lua> <run-tag> <event> <rate-per-thread> <admin-token> [<batch>]
--
-- Each request is POST /api/events with `Authorization: Bearer <admin-token>` and one of the
-- ~1 KB Impact envelopes of bench/bodies.lua (made by bench/gen_bodies.py), its "event" set to
-- <event> and a "publishTag" field (<run-tag>-t<thread>-<counter>) added to its data, so that
-- every published message is distinct. Hookline fans each one out to every webhook on <event>.
-- With <batch> > 1 (default 1: one envelope, a JSON object), each request is a JSON array of
-- <batch> such envelopes, each with its own tag (Hookline's batch publish: one commit for all).
--
-- Pacing (common.pacer in bench/common.lua): <rate-per-thread> > 0 spreads each thread's
-- requests over a fixed schedule (one every 1/rate s, shared by the thread's connections,
-- through wrk's delay() hook), so the
-- offered load is about threads × rate requests/s (× batch events) whatever the answer time — as long as
-- the connections suffice (a slot that comes while every connection is waiting is sent late;
-- more than 1 s behind, the schedule restarts from now rather than bursting). 0 = unpaced:
-- each connection sends its next request as soon as the previous one is answered.
--
-- done() prints machine-readable "BENCH key=value" lines for bench/outbound.sh (bench/common.lua).

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "") .. "common.lua")

-- ---------------------------------------------------------------- main state
setup = common.setup

-- ---------------------------------------------------------------- thread state
local pool, tag, counter, headers, pacer, batch

function init(args)
   local raw, path = common.load_pool(args[1])
   tag = args[2] or tostring(os.time())
   local event = args[3] or "bench.fast"
   local rate = tonumber(args[4] or "0") or 0
   local token = args[5] or "bench-admin-token"
   batch = math.floor(tonumber(args[6] or "1") or 1)
   if batch < 1 then error("batch must be 1 or more, not " .. tostring(args[6])) end
   pool = {}
   for i, entry in ipairs(raw) do
      local body, n = entry.body:gsub('"event": "[^"]*"', '"event": "' .. event .. '"', 1)
      if n ~= 1 then error("body " .. i .. " of " .. path .. " has no \"event\" field") end
      -- a slot for the per-request tag, at the start of "data"
      local head, m = body:gsub('"data": {', '"data": {"publishTag": "%%TAG%%", ', 1)
      if m ~= 1 then error("body " .. i .. " of " .. path .. " has no \"data\" object") end
      pool[i] = head
   end
   counter = 0
   pacer = common.pacer(rate, common.CLOCK_MONOTONIC)
   headers = common.headers({ ["Authorization"] = "Bearer " .. token })
end

function delay()
   return (pacer.next())
end

local function envelope()
   counter = counter + 1
   local template = pool[common.pool_index(#pool, counter, id)]
   return (template:gsub("%%TAG%%", common.delivery_id(tag, id, counter), 1))
end

function request()
   if batch == 1 then return wrk.format("POST", "/api/events", headers, envelope()) end
   local items = {}
   for i = 1, batch do items[i] = envelope() end
   return wrk.format("POST", "/api/events", headers, "[" .. table.concat(items, ",") .. "]")
end

-- ---------------------------------------------------------------- report (main state)
function done(summary, latency, requests)
   common.report(summary, latency, {
      { "non2xx", "%d", summary.errors.status },
      { "non2xx_method", "%s", "summary.errors.status" },
   })
end
