// Starts argdoc's language server (`argdoc lsp`, over stdio) for .arg files.
// The command comes from the setting argdoc.server.command (default: argdoc lsp).
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

async function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration('argdoc').get('server.command', ['argdoc', 'lsp']);
  client = new LanguageClient(
    'argdoc',
    'argdoc language server',
    { command, args, transport: TransportKind.stdio },
    { documentSelector: [{ scheme: 'file', language: 'argdoc' }, { scheme: 'untitled', language: 'argdoc' }] },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
