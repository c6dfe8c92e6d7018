// Commands over the mesh model: Show Trust Graph, Show in Trust Graph (CodeLens), Generate Traffic File.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { buildMesh, simulateMatrix } from '../policy';
import type { RegisterCommand } from './commandTable';
import { TrustGraphPanel } from './graphPanel';
import type { EngineLog } from './log';
import type { MeshState } from './meshState';
import { REVEAL_IN_GRAPH_COMMAND } from './policyInsight';
import { trafficFileFromMatrix } from './trafficFile';
import { requireTrust } from './trust';
import type { WorkspaceLinter } from './workspaceLinter';

export function registerMeshCommands(context: vscode.ExtensionContext, registerCommand: RegisterCommand, linter: WorkspaceLinter, mesh: MeshState, log: EngineLog): void {
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
        const started = Date.now();
        const matrix = simulateMatrix(buildMesh(scope.index));
        log.info(`traffic matrix: ${matrix.calls.length} call(s) predicted in ${Date.now() - started} ms`);
        let target = join(scope.root, 'traffic.yaml');
        if (existsSync(target)) {
          const picked = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(join(scope.root, 'traffic.generated.yaml')), filters: { YAML: ['yaml', 'yml'] }, title: 'Save the generated traffic file' });
          if (!picked) return;
          target = picked.fsPath;
        }
        writeFileSync(target, trafficFileFromMatrix(matrix, 'generated'));
        await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });
        void vscode.window.showInformationMessage(`Zero Trust: ${matrix.calls.length} call(s) written to ${vscode.workspace.asRelativePath(target)}.`);
      } catch (err) {
        await log.fail('Generate Traffic File failed', err);
      }
    }),
  );
}
