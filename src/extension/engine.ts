// The engine bundle (dist/extension-engine.js): linter, providers, views, commands. Loaded right after activation, off its path.
import * as vscode from 'vscode';
import { ZeroTrustCodeActions } from './codeActions';
import type { CommandHandler } from './commandTable';
import { TrustGraphPanel } from './graphPanel';
import { registerLintCommands } from './lintCommands';
import { EngineLog } from './log';
import { registerMeshCommands } from './meshCommands';
import { MeshState } from './meshState';
import { PolicyCodeLenses, PolicyHovers } from './policyProviders';
import { getEngine } from '../sandbox';
import { showSandboxReport } from './reportPanel';
import { SandboxCommands } from './sandboxCommands';
import { registerViews } from './views';
import { WorkspaceLinter } from './workspaceLinter';
import type { ViewState } from '../../webview/protocol';

const MANIFEST_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'json' },
];

export interface ExtensionEngine {
  commands: Map<string, CommandHandler>;
  log: EngineLog;
  restoreGraph(panel: vscode.WebviewPanel, state: ViewState | undefined): Promise<void>;
}

export function startEngine(context: vscode.ExtensionContext, timing: { activationMs: number; loadMs: number }): ExtensionEngine {
  const started = Date.now();
  const log = new EngineLog();
  const diagnostics = vscode.languages.createDiagnosticCollection('ztn');
  const linter = new WorkspaceLinter(diagnostics, log);
  const mesh = new MeshState();
  const commands = new Map<string, CommandHandler>();
  const registerCommand = (id: string, handler: CommandHandler) => {
    commands.set(id, handler);
    return new vscode.Disposable(() => commands.delete(id));
  };
  context.subscriptions.push(log, diagnostics, linter);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new ZeroTrustCodeActions(linter), ZeroTrustCodeActions.metadata),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, new PolicyHovers(linter, mesh, log)),
    vscode.languages.registerCodeLensProvider(MANIFEST_SELECTOR, new PolicyCodeLenses(linter, mesh, log)),
  );
  registerLintCommands(context, registerCommand, linter, log);
  registerMeshCommands(context, registerCommand, linter, mesh, log);
  const sandbox = new SandboxCommands(linter, mesh, log, getEngine, showSandboxReport);
  sandbox.register(context, registerCommand);
  sandbox.view = registerViews(context, linter, mesh, () => sandbox.statuses);
  const serializer = TrustGraphPanel.serializer(context, linter, mesh, log);
  log.info(`activated in ${timing.activationMs} ms (entry load ${timing.loadMs} ms); engine loaded and wired in ${Date.now() - started} ms after activation`);
  void linter.start().catch((err) => log.fail('indexing the workspace failed', err));
  return { commands, log, restoreGraph: (panel, state) => Promise.resolve(serializer.deserializeWebviewPanel(panel, state as ViewState)) };
}
