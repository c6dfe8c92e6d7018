// Commands over the mesh model: Show Trust Graph, Show in Trust Graph (CodeLens), Generate Traffic File.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EngineName, SandboxEngine } from '../../simulator/engine';
import { generateTraffic } from '../../simulator/trafficGenerator';
import type { RegisterCommand } from './commandTable';
import { sandboxEngineFor } from './editorSettings';
import { TrustGraphPanel } from './graphPanel';
import type { EngineLog } from './log';
import type { MeshState } from './meshState';
import { REVEAL_IN_GRAPH_COMMAND } from './policyInsight';
import { generatedTrafficPath } from './trafficFile';
import { readEditorSettings } from './settings';
import { requireTrust } from './trust';
import type { WorkspaceLinter } from './workspaceLinter';

export function registerMeshCommands(
  context: vscode.ExtensionContext,
  registerCommand: RegisterCommand,
  linter: WorkspaceLinter,
  mesh: MeshState,
  log: EngineLog,
  engines: (name: EngineName) => SandboxEngine | Promise<SandboxEngine>,
): void {
  const showGraph = async (select?: string) => {
    if (!requireTrust('the trust graph')) return;
    try {
      await linter.start();
      const scope = linter.currentScope();
      if (!scope) throw new Error('open a folder with Kubernetes/Istio manifests first');
      TrustGraphPanel.show(context, linter, mesh, log, scope, select);
    } catch (err) {
      await log.fail('Show Trust Graph failed', err);
    }
  };

  context.subscriptions.push(
    registerCommand('ztn.showTrustGraph', () => showGraph()),
    registerCommand(REVEAL_IN_GRAPH_COMMAND, (nodeId?: string) => showGraph(typeof nodeId === 'string' ? nodeId : undefined)),
    registerCommand('ztn.generateTrafficFile', async () => {
      try {
        await linter.start();
        const scope = linter.currentScope();
        if (!scope) throw new Error('open a folder with Kubernetes/Istio manifests first');
        // For the engine Sandbox: Verify will use: only calls it can replay, in the protocol of each port.
        const engine = await engines(sandboxEngineFor(scope.config, readEditorSettings()));
        const started = Date.now();
        const { calls, skipped, yaml } = generateTraffic(scope.index, engine);
        log.info(`traffic file: ${calls.length} call(s) the ${engine.name} sandbox can replay, ${skipped} left out, in ${Date.now() - started} ms`);
        const target = generatedTrafficPath(scope.root);
        writeFileSync(target, yaml);
        await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });
        void vscode.window.showInformationMessage(
          `Zero Trust: ${calls.length} call(s) for the ${engine.name} sandbox written to ${vscode.workspace.asRelativePath(target)}.`,
        );
      } catch (err) {
        await log.fail('Generate Traffic File failed', err);
      }
    }),
  );
}
