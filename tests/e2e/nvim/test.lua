-- End-to-end test of `ptg lsp` in a real Neovim (0.7+), driven headless by tests/e2e/run.sh:
--
--   nvim --headless --clean -u NONE -c "luafile tests/e2e/nvim/test.lua"
--
-- Neovim 0.7 offers no `positionEncodings`, so the server must speak UTF-16 to it; all
-- positions below are checked in Neovim's own units (vim.diagnostic uses 0-based BYTE
-- columns) by extracting the text they point at.
--
-- Environment (set by run.sh):
--   PTG_BIN            the ptg binary (started as `ptg lsp`)
--   PTG_E2E_FILE       the .ptg file to open (a fresh copy of tests/e2e/fixtures/project.ptg)
--   PTG_E2E_FMT        expected text of formatting (from `ptg fmt - --stdin-filepath x.ptg`)
--   PTG_E2E_FIX        expected text after the quick fix (from `ptg check --fix --select …`)
--   PTG_E2E_RESULTS    where to write one line per check: `PASS <check> <detail>` / `FAIL …`
--   PTG_E2E_OUT        directory for actual outputs (formatted.ptg, fixed.ptg) on failure
--
-- Keep the client setup in sync with docs/editors.md ("Neovim").

local RULE = 'satisfaction-needs-lower-bound'
local RULE_CODE = 'L211'
local TEST_LINE = '        "服务对象满意度🙂" 95%'
local EXPECTED_COMPLETION = { '数量指标', '质量指标', '时效指标' }

local env = function(name)
  local v = os.getenv(name)
  if not v or v == '' then error('missing environment variable ' .. name) end
  return v
end
local bin, file = env('PTG_BIN'), env('PTG_E2E_FILE')
local results_path, out_dir = env('PTG_E2E_RESULTS'), env('PTG_E2E_OUT')

local results = assert(io.open(results_path, 'a'))
local function report(ok, check, detail)
  local line = string.format('%s %s %s', ok and 'PASS' or 'FAIL', check, (detail or ''):gsub('\n', ' '))
  results:write(line, '\n')
  results:flush()
end
local function info(check, detail) results:write('INFO ', check, ' ', detail, '\n'); results:flush() end

local function read_file(path)
  local f = assert(io.open(path, 'rb'))
  local s = f:read('*a')
  f:close()
  return s
end
local function write_file(path, s)
  local f = assert(io.open(path, 'wb'))
  f:write(s)
  f:close()
end

local function buf_text(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local text = table.concat(lines, '\n')
  if vim.api.nvim_buf_get_option(bufnr, 'eol') then text = text .. '\n' end
  return text
end

local function is_our_rule(d)
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  return code == RULE or code == RULE_CODE
end

-- Record every publishDiagnostics (raw, in LSP units) before Neovim's own handler runs.
local published = {} -- list of { uri, diagnostics, seq }
local seq = 0
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
local function on_publish(err, result, ctx, config)
  seq = seq + 1
  table.insert(published, { uri = result.uri, diagnostics = result.diagnostics, seq = seq })
  return default_publish(err, result, ctx, config)
end

local function finish(code)
  results:close()
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

local ok_all, err = xpcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'ptg'
  local uri = vim.uri_from_bufnr(bufnr)
  local original = buf_text(bufnr)
  local original_lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  local client_id = vim.lsp.start_client({
    name = 'ptg',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    handlers = { ['textDocument/publishDiagnostics'] = on_publish },
    flags = { debounce_text_changes = 0 },
  })
  if not client_id then error('vim.lsp.start_client failed') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local client
  local initialized = vim.wait(15000, function()
    client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized
  end, 50)
  if not initialized then error('the server did not answer initialize within 15 s') end
  local caps = client.server_capabilities or {}
  info('nvim:encoding', string.format('client offset_encoding=%s, server positionEncoding=%s',
    tostring(client.offset_encoding), tostring(caps.positionEncoding or '(not sent: utf-16)')))
  if client.offset_encoding ~= 'utf-16' then
    report(false, 'nvim:encoding', 'Neovim 0.7 speaks UTF-16 only, but offset_encoding=' .. tostring(client.offset_encoding))
  end

  -- (a) the diagnostic lands exactly on `95%` -----------------------------------------
  local test_lnum
  for i, l in ipairs(original_lines) do
    if l == TEST_LINE then test_lnum = i - 1 end
  end
  if not test_lnum then error('fixture lacks the line ' .. TEST_LINE) end

  local function our_diags()
    return vim.tbl_filter(is_our_rule, vim.diagnostic.get(bufnr))
  end
  vim.wait(20000, function() return #our_diags() > 0 end, 50)
  local diags = our_diags()
  local raw_diag -- the same diagnostic, as the server sent it (UTF-16 positions)
  for i = #published, 1, -1 do
    if published[i].uri == uri then
      for _, d in ipairs(published[i].diagnostics) do
        if is_our_rule(d) then raw_diag = d end
      end
      break
    end
  end
  if #diags ~= 1 then
    local all = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(all, string.format('%d:%d-%d:%d %s', d.lnum, d.col, d.end_lnum, d.end_col, tostring(d.code)))
    end
    report(false, 'nvim:diagnostic-range', string.format('expected 1 %s diagnostic, got %d (all: %s)',
      RULE, #diags, table.concat(all, ', ')))
  else
    local d = diags[1]
    local text
    if d.lnum == d.end_lnum then
      local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1] or ''
      text = line:sub(d.col + 1, d.end_col)
    end
    local where = string.format('line %d, bytes %d-%d (LSP utf-16 %d:%d-%d:%d)', d.lnum + 1, d.col, d.end_col,
      raw_diag and raw_diag.range.start.line or -1, raw_diag and raw_diag.range.start.character or -1,
      raw_diag and raw_diag.range['end'].line or -1, raw_diag and raw_diag.range['end'].character or -1)
    if d.lnum == test_lnum and text == '95%' then
      report(true, 'nvim:diagnostic-range', 'underlines "95%" at ' .. where)
    else
      report(false, 'nvim:diagnostic-range', string.format('underlines %q at %s; expected "95%%" on line %d',
        tostring(text), where, test_lnum + 1))
    end
  end

  -- (b) completion inside `产出指标 { | }` ----------------------------------------------
  local comp_lnum, comp_col
  for i, l in ipairs(original_lines) do
    local s = l:find('产出指标 {', 1, true)
    if s then
      local brace = l:find('{', s, true)
      comp_lnum, comp_col = i - 1, brace + 1 -- 0-based byte column just after `{ `
    end
  end
  if not comp_lnum then error('fixture lacks `产出指标 {`') end
  vim.api.nvim_win_set_cursor(0, { comp_lnum + 1, comp_col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000)
  local resp = responses and responses[client_id]
  if not resp or resp.err or resp.error then
    report(false, 'nvim:completion', 'no completion response: ' .. vim.inspect(resp and (resp.err or resp.error)))
  else
    local items = resp.result or {}
    if items.items then items = items.items end
    local labels = {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
    local got, want = vim.deepcopy(labels), vim.deepcopy(EXPECTED_COMPLETION)
    table.sort(got)
    table.sort(want)
    local pos = string.format('at %d:%d (utf-16)', params.position.line, params.position.character)
    if vim.deep_equal(got, want) then
      report(true, 'nvim:completion', pos .. ' offers ' .. table.concat(labels, ', '))
    else
      report(false, 'nvim:completion', string.format('%s offers [%s]; expected exactly [%s]', pos,
        table.concat(labels, ', '), table.concat(EXPECTED_COMPLETION, ', ')))
    end
  end

  -- (d) the quick fix for satisfaction-needs-lower-bound ------------------------------
  if not raw_diag then
    report(false, 'nvim:quick-fix', 'no ' .. RULE .. ' diagnostic to fix')
  else
    local ca_params = {
      textDocument = { uri = uri },
      range = raw_diag.range,
      context = { diagnostics = { raw_diag }, only = { 'quickfix' } },
    }
    local r = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', ca_params, 10000)
    local res = r and r[client_id]
    local actions = (res and res.result) or {}
    local chosen
    local titles = {}
    for _, a in ipairs(actions) do
      table.insert(titles, a.title)
      local matches = false
      for _, ad in ipairs(a.diagnostics or {}) do
        if is_our_rule(ad) then matches = true end
      end
      if a.kind and a.kind:find('^quickfix') and (matches or not a.diagnostics) then
        if not chosen or (a.isPreferred and not chosen.isPreferred) then chosen = a end
      end
    end
    if not chosen then
      report(false, 'nvim:quick-fix', string.format('no quickfix code action for %s (got: [%s]; error: %s)',
        RULE, table.concat(titles, ' | '), vim.inspect(res and (res.err or res.error))))
    else
      if not chosen.edit and not chosen.command then
        local rr = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', chosen, 10000)
        chosen = (rr and rr[client_id] and rr[client_id].result) or chosen
      end
      if chosen.edit then
        vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
      end
      if chosen.command then
        local command = type(chosen.command) == 'table' and chosen.command or chosen
        vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand',
          { command = command.command, arguments = command.arguments }, 10000)
        vim.wait(500)
      end
      local fixed = buf_text(bufnr)
      local expected = read_file(env('PTG_E2E_FIX'))
      if fixed == expected then
        report(true, 'nvim:quick-fix', string.format('"%s" gives the same text as ptg check --fix', chosen.title))
      else
        write_file(out_dir .. '/nvim-fixed.ptg', fixed)
        report(false, 'nvim:quick-fix', string.format('"%s" differs from ptg check --fix (actual: %s/nvim-fixed.ptg)',
          chosen.title, out_dir))
      end
    end
  end
  -- back to the original text (sent to the server as didChange)
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, original_lines)
  if buf_text(bufnr) ~= original then error('could not restore the original text') end

  -- (c) formatting ---------------------------------------------------------------------
  local fr = vim.lsp.buf_request_sync(bufnr, 'textDocument/formatting', {
    textDocument = { uri = uri },
    options = { tabSize = 2, insertSpaces = true },
  }, 10000)
  local fres = fr and fr[client_id]
  if not fres or fres.err or fres.error then
    report(false, 'nvim:format', 'formatting failed: ' .. vim.inspect(fres and (fres.err or fres.error)))
  else
    if fres.result then vim.lsp.util.apply_text_edits(fres.result, bufnr, client.offset_encoding) end
    local formatted = buf_text(bufnr)
    local expected = read_file(env('PTG_E2E_FMT'))
    if formatted == expected then
      report(true, 'nvim:format', string.format('%d edit(s) give the same text as ptg fmt', #(fres.result or {})))
    else
      write_file(out_dir .. '/nvim-formatted.ptg', formatted)
      report(false, 'nvim:format', string.format('%d edit(s) give text that differs from ptg fmt (actual: %s/nvim-formatted.ptg)',
        #(fres.result or {}), out_dir))
    end
  end

  -- (e) closing the buffer clears its diagnostics -------------------------------------
  local before_close = seq
  vim.cmd('enew')
  vim.cmd('bwipeout! ' .. bufnr) -- detaches the buffer: Neovim sends textDocument/didClose
  local cleared = vim.wait(10000, function()
    for _, p in ipairs(published) do
      if p.seq > before_close and p.uri == uri and #p.diagnostics == 0 then return true end
    end
    return false
  end, 50)
  local after = {}
  for _, p in ipairs(published) do
    if p.seq > before_close then table.insert(after, string.format('%s:%d', p.uri == uri and 'file' or p.uri, #p.diagnostics)) end
  end
  if cleared then
    report(true, 'nvim:close-clears', 'didClose → publishDiagnostics with [] for the file')
  else
    report(false, 'nvim:close-clears', 'no empty publishDiagnostics for the file within 10 s after didClose (publications after close: ['
      .. table.concat(after, ', ') .. '])')
  end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end, debug.traceback)

if not ok_all then
  report(false, 'nvim:script', tostring(err))
  finish(3)
else
  finish(0)
end
