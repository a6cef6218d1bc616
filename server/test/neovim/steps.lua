-- Drives Neovim the way a user would, after the README's init.lua has started our server for the
-- Dockerfile given on the command line: go to definition, wait for diagnostics, apply a code
-- action, rename. Writes what it saw to $DFS_NVIM_RESULTS as JSON and quits.
local results = { steps = {} }
local buf = vim.api.nvim_get_current_buf()
local TIMEOUT = 20000

local function lines()
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

local function put_cursor(line, needle)
  local col = string.find(lines()[line + 1], needle, 1, true)
  assert(col, 'no ' .. needle .. ' on line ' .. line)
  vim.api.nvim_win_set_cursor(0, { line + 1, col - 1 })
end

local function step(name, f)
  local ok, err = pcall(f)
  table.insert(results.steps, name)
  if not ok then
    results.error = name .. ': ' .. tostring(err)
    error(results.error)
  end
end

local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, { line = d.lnum, col = d.col, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code, source = d.source, message = d.message })
  end
  return out
end

local function run()
  step('attach', function()
    assert(vim.wait(TIMEOUT, function()
      local clients = vim.lsp.buf_get_clients(buf)
      for _, c in pairs(clients) do
        if c.initialized then
          results.client = c.name
          return true
        end
      end
      return false
    end, 50), 'no initialized client attached to the buffer')
  end)

  step('diagnostics', function()
    assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'no diagnostics arrived')
    results.diagnostics = diagnostics()
  end)

  step('definition', function()
    put_cursor(4, 'builder')
    vim.lsp.buf.definition()
    assert(vim.wait(TIMEOUT, function() return vim.api.nvim_win_get_cursor(0)[1] ~= 5 end, 50), 'the cursor did not move')
    local pos = vim.api.nvim_win_get_cursor(0)
    results.definition = { line = pos[1] - 1, col = pos[2] }
  end)

  step('code action', function()
    put_cursor(7, 'biulder')
    local chosen = false
    vim.ui.select = function(items, opts, on_choice)
      results.code_actions = {}
      local pick
      for _, item in ipairs(items) do
        local title = opts.format_item(item)
        table.insert(results.code_actions, title)
        if title == "Change to 'builder'" then pick = item end
      end
      chosen = true
      on_choice(pick)
    end
    vim.lsp.buf.code_action()
    assert(vim.wait(TIMEOUT, function() return chosen and lines()[8] ~= 'COPY --from=biulder /app /app' end, 50), 'the code action did not apply')
    results.after_code_action = lines()
    -- The server re-checks the edited text: the unknown-stage finding goes away.
    vim.wait(TIMEOUT, function()
      for _, d in ipairs(diagnostics()) do
        if d.code == 'unknown-stage' then return false end
      end
      return true
    end, 50)
    results.diagnostics_after_fix = diagnostics()
  end)

  step('rename', function()
    put_cursor(0, 'builder')
    vim.lsp.buf.rename('compile')
    assert(vim.wait(TIMEOUT, function() return string.find(lines()[1], 'compile', 1, true) ~= nil end, 50), 'the rename did not apply')
    results.after_rename = lines()
  end)
end

local ok = pcall(run)
results.ok = ok
vim.fn.writefile({ vim.fn.json_encode(results) }, os.getenv('DFS_NVIM_RESULTS'))
vim.cmd('qall!')
