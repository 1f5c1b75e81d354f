-- wrk script for the SOAK run (bench/soak.sh, `bench/run.sh soak`): a paced, mixed and
-- logged load of signed Impact deliveries.
--
--   wrk -tN -cN -d600s --timeout 10s -s bench/soak.lua <url> -- <bodies.lua> <run-tag> <rate-per-thread> <log-dir>
--
-- ONE CONNECTION PER THREAD (-t and -c equal): a thread then has one request in flight at a
-- time, so each answer belongs to the request logged just before it, and a re-send always
-- follows the answer to the delivery it repeats.
--
-- The mix, decided by the thread's request counter (n = 1, 2, ...; n mod 20):
--   3 and 13  re-send (10 %): the delivery id, body and signature of a delivery this thread
--             sent earlier and that was answered 202 (one of its last 4,096, at random with a
--             per-thread seed); expected answer 200 {"id": <that first event's id>, "duplicate": true}.
--             While the thread has no 202 yet, a new delivery is sent instead.
--   7         bad signature (5 %): a new delivery id, the signature's first hex digit changed;
--             expected 401, nothing stored.
--   others    new (85 %): a new delivery id <run-tag>-t<thread>-<n>, correctly signed; expected 202.
--
-- Pacing (common.pacer in bench/common.lua): <rate-per-thread> > 0 gives each thread a fixed
-- schedule (one request every 1/rate s, through wrk's delay() hook), as in bench/publish.lua
-- (but on CLOCK_REALTIME, the log's clock): an answer slower than the
-- interval makes the next request late, and the schedule then catches up; more than 1 s
-- behind it restarts from now. 0 = unpaced (as fast as answered; the calibration run).
--
-- Log: every thread appends to <log-dir>/soak-<run-tag>-t<thread>.log, one line per request
-- sent and one per answer (line-buffered, times in ms since the epoch, CLOCK_REALTIME):
--   S <slot_ms> <sent_ms> <kind:new|dup|bad> <delivery-id> <expected event id for dup, else ->
--   A <answered_ms> <status> <event id from the answer body, or -> <1 if "duplicate": true, else 0>
-- An S followed by another S (or by the end of the file) got no answer: a connection error, or
-- in flight when wrk stopped. bench/soak_report.py pairs the lines and checks them against the
-- store.
--
-- done() prints "BENCH key=value" lines (wrk's own counters, bench/common.lua, and the
-- counts above summed over the threads) for bench/soak.sh.

local common = dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "") .. "common.lua")

-- ---------------------------------------------------------------- main state
setup = common.setup

-- ---------------------------------------------------------------- thread state
local RING = 4096
local pool, tag, counter, headers, pacer, slot, log
local ring, ring_n          -- the thread's deliveries answered 202: {did, pool index, event id}
local last                  -- the request in flight: {kind, did, idx}
local started = false       -- false until the thread's event loop calls delay() the first time
-- counts per thread (globals, so that done() can read them with thread:get())
sent_new, sent_dup, sent_bad = 0, 0, 0
got_202, got_200dup, got_401, got_other = 0, 0, 0, 0
mismatch = 0                -- answers other than the one expected for their kind

function init(args)
   pool = common.load_pool(args[1])
   tag = args[2] or tostring(os.time())
   local rate = tonumber(args[3] or "0") or 0
   local dir = args[4] or "."
   counter = 0
   ring, ring_n = {}, 0
   -- CLOCK_REALTIME: the log's times are compared with the store's and the sampler's
   pacer = common.pacer(rate, common.CLOCK_REALTIME)
   headers = common.headers()
   math.randomseed(1000 + id)
   log = assert(io.open(dir .. "/soak-" .. tag .. "-t" .. id .. ".log", "w"))
   log:setvbuf("line")
end

function delay()
   started = true
   local d
   d, slot = pacer.next()
   return d
end

local function bad_sig(sig)
   local first = sig:sub(1, 1) == "0" and "1" or "0"
   return first .. sig:sub(2)
end

function request()
   if not started then
      -- wrk calls request() once on one thread's state before the run, to inspect it; that
      -- request is never sent: neither count nor log it.
      local entry = pool[1]
      headers["X-Impact-Signature"] = entry.sig
      headers["X-Impact-Delivery-Id"] = common.delivery_id(tag, id, "inspect")
      return wrk.format("POST", "/webhooks/impact", headers, entry.body)
   end
   counter = counter + 1
   local m = counter % 20
   local kind, did, idx, sig, ref
   if (m == 3 or m == 13) and ring_n > 0 then
      local back = math.random(0, math.min(ring_n, RING) - 1)
      local r = ring[((ring_n - 1 - back) % RING) + 1]
      kind, did, idx, ref = "dup", r[1], r[2], r[3]
      sig = pool[idx].sig
      sent_dup = sent_dup + 1
   else
      idx = common.pool_index(#pool, counter, id)
      did = common.delivery_id(tag, id, counter)
      ref = "-"
      if m == 7 then
         kind, sig = "bad", bad_sig(pool[idx].sig)
         sent_bad = sent_bad + 1
      else
         kind, sig = "new", pool[idx].sig
         sent_new = sent_new + 1
      end
   end
   last = { kind, did, idx }
   local t = common.now_ms(common.CLOCK_REALTIME)
   log:write(string.format("S %.3f %.3f %s %s %s\n", slot or t, t, kind, did, ref))
   headers["X-Impact-Signature"] = sig
   headers["X-Impact-Delivery-Id"] = did
   return wrk.format("POST", "/webhooks/impact", headers, pool[idx].body)
end

function response(status, hdrs, body)
   local t = common.now_ms(common.CLOCK_REALTIME)
   local eid = body and body:match('"id"%s*:%s*"([^"]+)"') or "-"
   local dupflag = (body and body:find('"duplicate"%s*:%s*true')) and 1 or 0
   log:write(string.format("A %.3f %d %s %d\n", t, status, eid, dupflag))
   local kind = last and last[1]
   if status == 202 then
      got_202 = got_202 + 1
      if kind == "new" then
         ring_n = ring_n + 1
         ring[((ring_n - 1) % RING) + 1] = { last[2], last[3], eid }
      else
         mismatch = mismatch + 1
      end
   elseif status == 200 and dupflag == 1 then
      got_200dup = got_200dup + 1
      if kind ~= "dup" then mismatch = mismatch + 1 end
   elseif status == 401 then
      got_401 = got_401 + 1
      if kind ~= "bad" then mismatch = mismatch + 1 end
   else
      got_other = got_other + 1
      mismatch = mismatch + 1
   end
   last = nil
end

-- ---------------------------------------------------------------- report (main state)
function done(summary, latency, requests)
   local counts = {}
   for _, k in ipairs({ "sent_new", "sent_dup", "sent_bad", "got_202", "got_200dup", "got_401", "got_other", "mismatch" }) do
      table.insert(counts, { k, "%d", common.sum(k) })
   end
   common.report(summary, latency, { { "status_gt399", "%d", summary.errors.status } }, counts)
end
