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
import { getEngine, type EngineName, type SandboxEngine } from '../../simulator/registry';
import { showSandboxReport } from './reportPanel';
import { SandboxCommands } from './sandboxCommands';
import { readEditorSettings } from './settings';
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

/** Engines by name from the one registry; the kind engine runs the kind and istioctl binaries the settings name. */
function sandboxEngine(name: EngineName): SandboxEngine {
  const settings = readEditorSettings();
  return getEngine(name, { toolPaths: { kind: settings.kindPath, istioctl: settings.istioctlPath } });
}

export function startEngine(context: vscode.ExtensionContext, timing: { activationMs: number; loadMs: number; hostDelayMs: number }): ExtensionEngine {
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
  const lenses = new PolicyCodeLenses(linter, mesh, log);
  context.subscriptions.push(log, diagnostics, linter, lenses);
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new ZeroTrustCodeActions(linter), ZeroTrustCodeActions.metadata),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, new PolicyHovers(linter, mesh, log)),
    vscode.languages.registerCodeLensProvider(MANIFEST_SELECTOR, lenses),
  );
  registerLintCommands(context, registerCommand, linter, log);
  registerMeshCommands(context, registerCommand, linter, mesh, log, sandboxEngine);
  const sandbox = new SandboxCommands(linter, mesh, log, sandboxEngine, showSandboxReport);
  sandbox.register(context, registerCommand);
  sandbox.view = registerViews(context, linter, mesh, () => sandbox.statuses);
  const serializer = TrustGraphPanel.serializer(context, linter, mesh, log);
  // Trust granted after start: commands check trust when they run and menus follow isWorkspaceTrusted; the CodeLens
  // refreshes itself. What start skipped in Restricted Mode (asking for running sandboxes) happens now, without a reload.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      log.info('workspace trusted: the trust graph and sandboxes are available');
      void sandbox.probe();
    }),
  );
  log.info(
    `activated in ${timing.activationMs} ms (entry load ${timing.loadMs} ms; VS Code called activate ${timing.hostDelayMs} ms after loading it); engine wired in ${Date.now() - started} ms after activation`,
  );
  void linter
    .start()
    .then(() => sandbox.probe())
    .catch((err) => log.fail('indexing the workspace failed', err));
  return { commands, log, restoreGraph: (panel, state) => Promise.resolve(serializer.deserializeWebviewPanel(panel, state as ViewState)) };
}
