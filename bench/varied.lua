-- bench/varied.lua (issue #8, api2): a wrk script that asks for many
-- distinct pages, so that the server's per-thread answer cache (16 answers
-- a thread) does not serve them again: what a town's real users cause, and
-- every request after a commit. VARIED_URLS names a file of paths, one a
-- line (bench/scale.sh writes towns x categories x offsets, >= 200 of them);
-- each wrk thread starts at its own place in the list and walks it in turn.
-- Usage: VARIED_URLS=urls.txt wrk -s bench/varied.lua -H "Authorization: ..." URL
local paths = {}
for line in io.lines(os.getenv("VARIED_URLS")) do
    if line ~= "" then paths[#paths + 1] = line end
end

local threads = 0
function setup(thread)
    thread:set("start", threads * 97)
    threads = threads + 1
end

local i = nil
function request()
    if not i then i = (tonumber(start) or 0) % #paths end
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
