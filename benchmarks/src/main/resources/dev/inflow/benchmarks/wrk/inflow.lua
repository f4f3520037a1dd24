-- Requests for wrk against Inflow. Arguments (after "--"):
--   1 mode         get | create
--   2 tokens file  one signed user token a line, or "-" for anonymous requests
--   3 bodies file  one JSON request body a line (create), or "-"
--   4 path         request path; "{n}" is replaced by a random number below the target count, "{m}"
--                  by one from 1 to the target count (ids that start at 1)
--   5 targets      how many targets "{n}" ranges over
--   6 run id       makes Idempotency-Keys unique across wrk runs
-- Each request carries a random user's token and, for create, a fresh Idempotency-Key; "{k}" in a
-- body becomes a key unique to the request (the Waline peer refuses a repeated comment).

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local mode, path, targets, run_id
local tokens, bodies = {}, {}
local counter = 0

local function lines(file, into)
  if file ~= "-" then
    for line in io.lines(file) do
      into[#into + 1] = line
    end
  end
end

function init(args)
  mode, path, targets, run_id = args[1], args[4], tonumber(args[5]), args[6]
  lines(args[2], tokens)
  lines(args[3], bodies)
  math.randomseed(os.time() * 1000 + thread_id)
end

function request()
  counter = counter + 1
  local p = path
  if targets > 1 then
    p = string.gsub(path, "{n}", tostring(math.random(0, targets - 1)))
  else
    p = string.gsub(path, "{n}", "0")
  end
  p = string.gsub(p, "{m}", tostring(math.random(1, math.max(1, targets))))
  local headers = {}
  if #tokens > 0 then
    headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
  end
  if mode == "create" then
    headers["Content-Type"] = "application/json"
    local key = "wrk-" .. run_id .. "-" .. thread_id .. "-" .. counter
    headers["Idempotency-Key"] = key
    local body = string.gsub(bodies[(counter % #bodies) + 1], "{k}", key)
    return wrk.format("POST", p, headers, body)
  end
  return wrk.format("GET", p, headers)
end
