-- wrk script for scripts/bench-flood: bad operator logins at about RATE a second over the
-- connections given (each connection waits connections*1000/RATE ms between its requests), with
-- 50 usernames in turn; prints the answers by HTTP status when done.
local threads = {}
local pause_ms = 100

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  sent = 0
  pause_ms = tonumber(args[1]) or pause_ms
end

function request()
  sent = sent + 1
  local body = '{"username":"intruder-' .. (sent % 50) .. '","password":"guess-' .. sent .. '"}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function delay()
  return pause_ms
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do
      all[status] = (all[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(all) do
    table.insert(parts, status .. "=" .. n)
  end
  table.sort(parts)
  io.write(string.format("flood: %d sent in %.1f s (%.0f/s), %d socket errors, answers {%s}\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ", ")))
end
