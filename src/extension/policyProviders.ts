// Hover and CodeLens providers for policies and workloads; the text comes from policyInsight over the engine's trust graph.
import * as vscode from 'vscode';
import type { EngineLog } from './log';
import type { MeshState } from './meshState';
import { LensRequestWatch, type LensTimers } from './lensRequests';
import {
  isSelectingPolicy,
  policyByLabel,
  policyHoverMarkdown,
  policyLensCommand,
  resourceAt,
  workloadHoverMarkdown,
  workloadsSelectedBy,
} from './policyInsight';
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
      const text = isSelectingPolicy(resource)
        ? policyHoverMarkdown(graph, resource)
        : isWorkload(resource)
          ? workloadHoverMarkdown(graph, resource, (label) => policyByLabel(scope.index.resources, label))
          : undefined;
      return text ? new vscode.Hover(new vscode.MarkdownString(text)) : undefined;
    } catch (err) {
      this.log.info(`hover: ${(err as Error).message}`);
      return undefined;
    }
  }
}

/** Editors whose documents get policy lenses, by document URI (the documents VS Code should ask lenses for). */
function lensDocuments(editors: readonly vscode.TextEditor[]): string[] {
  return editors
    .map((e) => e.document)
    .filter((d) => d.uri.scheme === 'file' && (d.languageId === 'yaml' || d.languageId === 'json'))
    .filter((d) => vscode.workspace.getConfiguration('editor', d).get<boolean>('codeLens', true))
    .map((d) => d.uri.toString());
}

export class PolicyCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly requests: LensRequestWatch;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly linter: WorkspaceLinter,
    private readonly mesh: MeshState,
    private readonly log: EngineLog,
    timers?: LensTimers,
  ) {
    this.requests = new LensRequestWatch((waiting) => {
      const files = waiting.map((uri) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri)));
      this.log.info(`CodeLens: VS Code has not asked for the lenses of ${files.join(', ')} yet; announcing a change again`);
      this.changed.fire();
    }, timers);
    this.disposables = [
      this.changed,
      this.requests,
      linter.onDidLint(() => this.refresh()),
      // Trust granted later: the lenses get their "show in graph" link without a reload.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.requests.setShown(lensDocuments(editors))),
    ];
    this.requests.setShown(lensDocuments(vscode.window.visibleTextEditors));
  }

  /** The lenses may read differently now (a lint, trust granted): VS Code asks for them again. */
  refresh(): void {
    this.changed.fire();
    this.requests.announced();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    this.requests.asked(document.uri.toString());
    if (!readEditorSettings(document.uri).codeLens) return [];
    const scope = this.linter.scopeFor(document.uri.fsPath);
    const file = scope?.index.files.get(document.uri.fsPath);
    if (!scope || !file) return [];
    const policies = file.resources.filter(isSelectingPolicy);
    if (policies.length === 0) return [];
    try {
      const graph = this.mesh.nodes(scope);
      const trusted = vscode.workspace.isTrusted;
      return policies.map((p) => {
        const start = document.positionAt((p.node as { range?: [number, number, number] }).range?.[0] ?? 0);
        return new vscode.CodeLens(new vscode.Range(start, start), policyLensCommand(workloadsSelectedBy(graph, p), trusted));
      });
    } catch (err) {
      this.log.info(`CodeLens: ${(err as Error).message}`);
      return [];
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
