-- wrk script for the OUTBOUND benchmark: publishes events to Hookline's webhooks.
--
--   wrk -t2 -c32 -d20s --latency -s bench/publish.lua <url> -- <bodies.lua> <run-tag> <event> <rate-per-thread> <admin-token>
--
-- Each request is POST /api/events with `Authorization: Bearer <admin-token>` and one of the
-- ~1 KB Impact envelopes of bench/bodies.lua (made by bench/gen_bodies.py), its "event" set to
-- <event> and a "publishTag" field (<run-tag>-t<thread>-<counter>) added to its data, so that
-- every published message is distinct. Hookline fans each one out to every webhook on <event>.
--
-- Pacing: <rate-per-thread> > 0 spreads each thread's requests over a fixed schedule (one
-- every 1/rate s, shared by the thread's connections, through wrk's delay() hook), so the
-- offered load is about threads × rate publishes/s whatever the answer time — as long as
-- the connections suffice (a slot that comes while every connection is waiting is sent late;
-- more than 1 s behind, the schedule restarts from now rather than bursting). 0 = unpaced:
-- each connection sends its next request as soon as the previous one is answered.
--
-- done() prints machine-readable "BENCH key=value" lines for bench/run.sh.

local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
   int clock_gettime(int clk_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local tspec = ffi.new("bench_timespec")
local function now_ms()
   ffi.C.clock_gettime(CLOCK_MONOTONIC, tspec)
   return tonumber(tspec.tv_sec) * 1000 + tonumber(tspec.tv_nsec) / 1e6
end

-- ---------------------------------------------------------------- main state
local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

-- ---------------------------------------------------------------- thread state
local pool, tag, counter, headers, interval, next_slot

function init(args)
   local path = args[1] or "bench/bodies.lua"
   tag = args[2] or tostring(os.time())
   local event = args[3] or "bench.fast"
   local rate = tonumber(args[4] or "0") or 0
   local token = args[5] or "bench-admin-token"
   local raw = dofile(path)
   if raw == nil or #raw == 0 then
      error("no bodies in " .. path)
   end
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
   interval = rate > 0 and 1000 / rate or 0
   headers = {
      ["Content-Type"] = "application/json",
      ["Connection"] = "keep-alive",
      ["Authorization"] = "Bearer " .. token,
   }
end

function delay()
   if interval == 0 then return 0 end
   local t = now_ms()
   if next_slot == nil or next_slot < t - 1000 then next_slot = t end
   local slot = next_slot
   next_slot = next_slot + interval
   local d = slot - t
   if d < 1 then return 0 end
   return math.floor(d)
end

function request()
   counter = counter + 1
   local template = pool[((counter + id * 97) % #pool) + 1]
   local body = template:gsub("%%TAG%%", tag .. "-t" .. id .. "-" .. counter, 1)
   return wrk.format("POST", "/api/events", headers, body)
end

-- ---------------------------------------------------------------- report (main state)
function done(summary, latency, requests)
   local secs = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format("BENCH requests=%d\n", summary.requests))
   io.write(string.format("BENCH duration_s=%.3f\n", secs))
   io.write(string.format("BENCH non2xx=%d\n", e.status))
   io.write(string.format("BENCH non2xx_method=%s\n", "summary.errors.status"))
   io.write(string.format("BENCH socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
   io.write(string.format("BENCH timeouts=%d\n", e.timeout))
   io.write(string.format("BENCH rps=%.1f\n", summary.requests / secs))
   io.write(string.format("BENCH p50_ms=%.2f\n", latency:percentile(50) / 1000))
   io.write(string.format("BENCH p90_ms=%.2f\n", latency:percentile(90) / 1000))
   io.write(string.format("BENCH p99_ms=%.2f\n", latency:percentile(99) / 1000))
   io.write(string.format("BENCH max_ms=%.2f\n", latency.max / 1000))
   io.write(string.format("BENCH bytes=%d\n", summary.bytes))
end
