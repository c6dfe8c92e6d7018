// Extension entry: wires the adapters to VS Code. Nothing heavy runs here; the workspace is indexed after activation returns.
import * as vscode from 'vscode';
import { FIX_ALL_KIND, ZeroTrustCodeActions } from './codeActions';
import { registerLintCommands } from './lintCommands';
import { EngineLog } from './log';
import { WorkspaceLinter } from './workspaceLinter';

declare const globalThis: { __ztnLoadStart?: number };

const MANIFEST_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
];

export function activate(context: vscode.ExtensionContext): { activationMs: number; loadMs: number } {
  const started = Date.now();
  const log = new EngineLog();
  const diagnostics = vscode.languages.createDiagnosticCollection('ztn');
  const linter = new WorkspaceLinter(diagnostics, log);
  context.subscriptions.push(log, diagnostics, linter);

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new ZeroTrustCodeActions(linter), ZeroTrustCodeActions.metadata),
  );
  registerLintCommands(context, linter, log);
  void FIX_ALL_KIND;

  // Indexing reads every manifest: it must not delay activation (measured below).
  setImmediate(() => void linter.start().catch((err) => log.fail('indexing the workspace failed', err)));

  const activationMs = Date.now() - started;
  const loadMs = globalThis.__ztnLoadStart ? started - globalThis.__ztnLoadStart : 0;
  log.info(`activated in ${activationMs} ms (bundle load ${loadMs} ms)`);
  return { activationMs, loadMs };
}

export function deactivate(): void {
  // Everything is in context.subscriptions; sandboxes keep running until Sandbox: Down, like the CLI.
}
