-- Neovim's own LSP client (0.7 and later) against `argdoc lsp`, run headless by
-- tests/test_editor_neovim.py: open a paper with an error, wait for the
-- diagnostic, jump to a source's definition in the file the paper includes,
-- and write what happened to $ARGDOC_RESULT as JSON.
local paper = os.getenv('ARGDOC_PAPER')
local result_file = os.getenv('ARGDOC_RESULT')
local python = os.getenv('ARGDOC_PYTHON')
local found = {}

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(found) }, result_file)
  vim.cmd('qall!')
end

local client_id = vim.lsp.start_client({
  name = 'argdoc',
  cmd = { python, '-m', 'argdoc', 'lsp', '--debounce', '0' },
  root_dir = vim.fn.fnamemodify(paper, ':h'),
})

vim.cmd('edit ' .. vim.fn.fnameescape(paper))
vim.lsp.buf_attach_client(0, client_id)

local main = vim.api.nvim_get_current_buf()
vim.wait(20000, function() return #vim.diagnostic.get(main) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(main)) do
  table.insert(found, { kind = 'diagnostic', code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
    message = d.message, line = d.lnum, column = d.col })
end

-- The cursor on the id of `[@haaretz]` (line and column given by the test), then go to definition.
local line, column = tonumber(os.getenv('ARGDOC_LINE')), tonumber(os.getenv('ARGDOC_COLUMN'))
vim.api.nvim_win_set_cursor(0, { line, column })
vim.lsp.buf.definition()
vim.wait(20000, function() return vim.api.nvim_get_current_buf() ~= main end, 50)
local cursor = vim.api.nvim_win_get_cursor(0)
table.insert(found, { kind = 'jump', file = vim.api.nvim_buf_get_name(0), line = cursor[1], column = cursor[2] })
finish()
