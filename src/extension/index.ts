// Extension entry: wires the adapters to VS Code. Nothing heavy runs here; the workspace is indexed after activation returns.
import * as vscode from 'vscode';
import { ZeroTrustCodeActions } from './codeActions';
import { GRAPH_VIEW_TYPE, TrustGraphPanel } from './graphPanel';
import { registerLintCommands } from './lintCommands';
import { EngineLog } from './log';
import { registerMeshCommands } from './meshCommands';
import { MeshState } from './meshState';
import { PolicyCodeLenses, PolicyHovers } from './policyProviders';
import { registerViews } from './views';
import { WorkspaceLinter } from './workspaceLinter';

declare const globalThis: { __ztnLoadStart?: number };

const MANIFEST_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
];

export interface ActivationTiming {
  /** Time spent in activate(). */
  activationMs: number;
  /** Time from the bundle starting to load to activate() being called. */
  loadMs: number;
}

export function activate(context: vscode.ExtensionContext): ActivationTiming {
  const started = Date.now();
  const log = new EngineLog();
  const diagnostics = vscode.languages.createDiagnosticCollection('ztn');
  const linter = new WorkspaceLinter(diagnostics, log);
  const mesh = new MeshState();
  context.subscriptions.push(log, diagnostics, linter);

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new ZeroTrustCodeActions(linter), ZeroTrustCodeActions.metadata),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, new PolicyHovers(linter, mesh, log)),
    vscode.languages.registerCodeLensProvider(MANIFEST_SELECTOR, new PolicyCodeLenses(linter, mesh, log)),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, TrustGraphPanel.serializer(context, linter, mesh, log)),
  );
  registerLintCommands(context, linter, log);
  registerMeshCommands(context, linter, mesh, log);
  registerViews(context, linter, mesh, () => new Map());

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
