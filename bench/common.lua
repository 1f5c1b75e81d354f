-- bench/common.lua: what the harness's wrk scripts (bench/impact.lua, publish.lua, soak.lua)
-- share: the pre-signed body pool, thread numbering, delivery ids, pacing, and the
-- "BENCH key=value" summary that the shell scripts read (bench/lib.sh: bench_val).
-- Signing is not done here: wrk's Lua has no HMAC, so bench/gen_bodies.py signs the pool.
--
-- A script loads it from its own directory, whatever the working directory:
--   local common = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "") .. "common.lua")
-- wrk runs the script once in the main Lua state (setup, done) and once per thread (init,
-- request, response, delay), so each state loads this file once.

local M = {}

-- ---------------------------------------------------------------- the body pool
-- bench/bodies.lua, made by bench/gen_bodies.py: { {body = <~1 KB Impact event>, sig = <hex
-- HMAC-SHA256 of body>}, ... }. path defaults to bench/bodies.lua (relative to the working directory).
function M.load_pool(path)
   path = path or "bench/bodies.lua"
   local pool = dofile(path)
   if pool == nil or #pool == 0 then
      error("no bodies in " .. path)
   end
   return pool, path
end

-- The pool index of a thread's n-th request: threads start at different offsets so that they
-- do not send the same body in step.
function M.pool_index(size, n, id)
   return ((n + id * 97) % size) + 1
end

-- A delivery id unique across threads and runs: <run-tag>-t<thread>-<n>.
function M.delivery_id(tag, id, n)
   return tag .. "-t" .. id .. "-" .. n
end

-- Request headers: JSON, keep-alive, plus the given ones.
function M.headers(extra)
   local h = {
      ["Content-Type"] = "application/json",
      ["Connection"] = "keep-alive",
   }
   for k, v in pairs(extra or {}) do h[k] = v end
   return h
end

-- ---------------------------------------------------------------- threads (main state)
-- setup = common.setup numbers the threads 1, 2, ... in their global `id` and keeps them, so
-- that done() can sum a per-thread global with common.sum(name).
local threads = {}

function M.setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function M.sum(name)
   local total = 0
   for _, t in ipairs(threads) do
      total = total + (tonumber(t:get(name)) or 0)
   end
   return total
end

-- ---------------------------------------------------------------- clocks and pacing
local ffi = require("ffi")
ffi.cdef [[
   typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
   int clock_gettime(int clk_id, bench_timespec *tp);
]]
M.CLOCK_REALTIME = 0  -- ms since the epoch: for logs compared with other processes' times
M.CLOCK_MONOTONIC = 1 -- immune to clock steps: for schedules
local tspec = ffi.new("bench_timespec")

function M.now_ms(clock)
   ffi.C.clock_gettime(clock or M.CLOCK_MONOTONIC, tspec)
   return tonumber(tspec.tv_sec) * 1000 + tonumber(tspec.tv_nsec) / 1e6
end

-- A thread's request schedule for wrk's delay() hook: rate > 0 = one request every 1/rate s,
-- shared by the thread's connections, so the offered load does not depend on the answer time
-- as long as the connections suffice (a slot that comes while every connection is waiting is
-- sent late; more than 1 s behind, the schedule restarts from now rather than bursting).
-- rate 0 = unpaced: each connection sends as soon as its previous request is answered.
-- pacer:next() -> ms to wait before the next request, and that request's slot (ms on `clock`;
-- now when unpaced).
function M.pacer(rate, clock)
   local interval = rate > 0 and 1000 / rate or 0
   local next_slot
   local p = {}
   function p.next()
      local t = M.now_ms(clock)
      if interval == 0 then return 0, t end
      if next_slot == nil or next_slot < t - 1000 then next_slot = t end
      local slot = next_slot
      next_slot = next_slot + interval
      local d = slot - t
      if d < 1 then return 0, slot end
      return math.floor(d), slot
   end
   return p
end

-- ---------------------------------------------------------------- the BENCH summary (main state)
-- done(summary, latency): "BENCH key=value" lines on stdout: requests, duration_s, then the
-- script's status lines (`status`: a list of {key, format, value}), socket_errors, timeouts,
-- rps, latency percentiles p50/p90/p99/p999 and max (ms), bytes, then `extra` (same form).
function M.report(summary, latency, status, extra)
   local function line(k, fmt, v)
      io.write(string.format("BENCH %s=" .. fmt .. "\n", k, v))
   end
   local secs = summary.duration / 1e6
   local e = summary.errors
   line("requests", "%d", summary.requests)
   line("duration_s", "%.3f", secs)
   for _, s in ipairs(status or {}) do line(s[1], s[2], s[3]) end
   line("socket_errors", "%d", e.connect + e.read + e.write + e.timeout)
   line("timeouts", "%d", e.timeout)
   line("rps", "%.1f", summary.requests / secs)
   line("p50_ms", "%.2f", latency:percentile(50) / 1000)
   line("p90_ms", "%.2f", latency:percentile(90) / 1000)
   line("p99_ms", "%.2f", latency:percentile(99) / 1000)
   line("p999_ms", "%.2f", latency:percentile(99.9) / 1000)
   line("max_ms", "%.2f", latency.max / 1000)
   line("bytes", "%d", summary.bytes)
   for _, s in ipairs(extra or {}) do line(s[1], s[2], s[3]) end
end

return M
