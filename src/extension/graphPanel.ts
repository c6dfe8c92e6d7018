// Hosts the trust graph webview: strict CSP, resources only from dist/ and media/, restored after reload, live updates on every lint.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage, ViewState, WebviewMessage } from '../../webview/protocol';
import { graphPanelHtml, newNonce } from './graphPanelHtml';
import { firstGraphState } from './graphSelection';
import { isInside } from './lintScopes';
import type { EngineLog } from './log';
import type { MeshState } from './meshState';
import type { LintScope, WorkspaceLinter } from './workspaceLinter';
import { exportBytes, exportedMessage, OPEN_EXPORT } from './graphExport';

export const GRAPH_VIEW_TYPE = 'ztn.trustGraph';
/** The webview bundle scripts/build.mjs writes (graph engineer's entry). */
const SCRIPT = ['dist', 'webview', 'trustGraph.js'];
const STYLE = ['dist', 'webview', 'trustGraph.css'];

export class TrustGraphPanel implements vscode.Disposable {
  private static current: TrustGraphPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private pendingSelect: string | undefined;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly linter: WorkspaceLinter,
    private readonly mesh: MeshState,
    private readonly log: EngineLog,
    private scope: LintScope,
    private restoredState: ViewState | undefined,
  ) {
    panel.webview.options = TrustGraphPanel.webviewOptions(context);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => void this.onMessage(m)),
      linter.onDidLint((s) => {
        if (s.root !== this.scope.root) return;
        this.scope = s; // a reload replaces the scope object of the same folder
        if (this.ready) this.post({ type: 'update', graph: this.mesh.graph(s, (l) => this.log.info(l)) });
      }),
    );
  }

  static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
    };
  }

  static show(context: vscode.ExtensionContext, linter: WorkspaceLinter, mesh: MeshState, log: EngineLog, scope: LintScope, select?: string): TrustGraphPanel {
    const existing = TrustGraphPanel.current;
    if (existing && existing.scope.root === scope.root) {
      existing.panel.reveal(undefined, false);
      if (select) existing.select(select);
      return existing;
    }
    existing?.panel.dispose();
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, 'Trust Graph', vscode.ViewColumn.Beside, {
      ...TrustGraphPanel.webviewOptions(context),
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'zero-trust.svg');
    const created = new TrustGraphPanel(panel, context, linter, mesh, log, scope, undefined);
    created.pendingSelect = select;
    TrustGraphPanel.current = created;
    return created;
  }

  /** Serializer: a reloaded window gets its graph back, with the layout and filters the webview saved. */
  static serializer(context: vscode.ExtensionContext, linter: WorkspaceLinter, mesh: MeshState, log: EngineLog): vscode.WebviewPanelSerializer<ViewState> {
    return {
      async deserializeWebviewPanel(panel, state) {
        await linter.start();
        const scope = linter.currentScope();
        if (!scope || !vscode.workspace.isTrusted) {
          panel.dispose();
          return;
        }
        TrustGraphPanel.current?.panel.dispose();
        TrustGraphPanel.current = new TrustGraphPanel(panel, context, linter, mesh, log, scope, state ?? undefined);
      },
    };
  }

  select(id: string): void {
    if (this.ready) this.post({ type: 'select', id });
    else this.pendingSelect = id;
  }

  private html(): string {
    const webview = this.panel.webview;
    const uri = (parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...parts)).toString();
    return graphPanelHtml({ cspSource: webview.cspSource, scriptUri: uri(SCRIPT), styleUri: uri(STYLE), title: 'Trust Graph' }, newNonce());
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    try {
      if (message.type === 'ready') {
        this.ready = true;
        const graph = this.mesh.graph(this.scope, (l) => this.log.info(l));
        this.log.info(`trust graph: ${graph.summary.workloads} workloads, ${graph.summary.edges} edges`);
        this.post({ type: 'graph', graph, state: firstGraphState(this.restoredState, this.pendingSelect) });
        this.pendingSelect = undefined;
      } else if (message.type === 'open') {
        // The webview is less trusted than the host: it may only open files of this workspace.
        if (typeof message.file !== 'string' || !isInside(this.scope.root, message.file))
          throw new Error(`refusing to open ${String(message.file)}: outside the workspace`);
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(message.file));
        const line = Math.max(0, Math.min(doc.lineCount - 1, (Number(message.line) || 1) - 1));
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(line, 0, line, 0) });
      } else if (message.type === 'export') {
        await this.saveExport(message.format, message.data);
      }
    } catch (err) {
      await this.log.fail('trust graph', err);
    }
  }

  private async saveExport(format: 'svg' | 'png' | 'json', data: string): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(this.scope.root, `trust-graph.${format}`)),
      filters: { [format.toUpperCase()]: [format] },
    });
    if (!target) return;
    writeFileSync(target.fsPath, exportBytes(format, data));
    this.log.info(`trust graph exported to ${target.fsPath}`);
    void vscode.window.showInformationMessage(exportedMessage(format, vscode.workspace.asRelativePath(target), data), OPEN_EXPORT).then((choice) => {
      if (choice === OPEN_EXPORT) void vscode.commands.executeCommand('vscode.open', target);
    });
  }

  dispose(): void {
    if (TrustGraphPanel.current === this) TrustGraphPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
