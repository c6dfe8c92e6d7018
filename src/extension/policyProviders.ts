// Hover and CodeLens providers for policies and workloads; the text comes from policyInsight over the engine's trust graph.
import * as vscode from 'vscode';
import type { EngineLog } from './log';
import type { MeshState } from './meshState';
import { codeLensTitle, isSelectingPolicy, policyHoverMarkdown, resourceAt, workloadHoverMarkdown, workloadsSelectedBy } from './policyInsight';
import { readEditorSettings } from './settings';
import type { WorkspaceLinter } from './workspaceLinter';
import { isWorkload } from '../model/workloads';

export class PolicyHovers implements vscode.HoverProvider {
  constructor(
    private readonly linter: WorkspaceLinter,
    private readonly mesh: MeshState,
    private readonly log: EngineLog,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const scope = this.linter.scopeFor(document.uri.fsPath);
    const file = scope?.index.files.get(document.uri.fsPath);
    if (!scope || !file || file.text !== document.getText()) return undefined;
    const resource = resourceAt(file, { line: position.line, character: position.character });
    if (!resource) return undefined;
    // Only the object's header (apiVersion/kind/metadata lines) gets the hover, so findings' hovers stay readable.
    const [start, end] = (resource.node as { range?: [number, number, number] }).range ?? [0, file.text.length];
    const spec = file.text.indexOf('spec:', start);
    const headerEnd = spec >= 0 && spec < end ? spec : end;
    if (document.offsetAt(position) > headerEnd) return undefined;
    try {
      const graph = this.mesh.nodes(scope);
      const text = isSelectingPolicy(resource) ? policyHoverMarkdown(graph, resource) : isWorkload(resource) ? workloadHoverMarkdown(graph, resource) : undefined;
      return text ? new vscode.Hover(new vscode.MarkdownString(text)) : undefined;
    } catch (err) {
      this.log.info(`hover: ${(err as Error).message}`);
      return undefined;
    }
  }
}

export class PolicyCodeLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly linter: WorkspaceLinter,
    private readonly mesh: MeshState,
    private readonly log: EngineLog,
  ) {
    linter.onDidLint(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!readEditorSettings(document.uri).codeLens) return [];
    const scope = this.linter.scopeFor(document.uri.fsPath);
    const file = scope?.index.files.get(document.uri.fsPath);
    if (!scope || !file) return [];
    const policies = file.resources.filter(isSelectingPolicy);
    if (policies.length === 0) return [];
    try {
      const graph = this.mesh.nodes(scope);
      return policies.map((p) => {
        const start = document.positionAt((p.node as { range?: [number, number, number] }).range?.[0] ?? 0);
        const selected = workloadsSelectedBy(graph, p);
        return new vscode.CodeLens(new vscode.Range(start, start), {
          title: codeLensTitle(selected),
          tooltip: selected.map((n) => n.id).join('\n') || 'no workload matches',
          command: 'ztn.revealInGraph',
          arguments: [selected[0]?.id],
        });
      });
    } catch (err) {
      this.log.info(`CodeLens: ${(err as Error).message}`);
      return [];
    }
  }
}
