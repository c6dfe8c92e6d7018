// Keeps one workspace index per ztn.yaml/folder in sync with disk and open editors, and re-lints it in the background.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { ConfigError, defaultConfig, resolveConfig } from '../config/load';
import type { WorkspaceConfig } from '../model/config';
import { collectManifestFiles, WorkspaceIndex } from '../model/workspace';
import { lint } from '../rules/engine';
import type { Finding } from '../rules/types';
import { changedFiles, diagnosticsByFile, diagnosticsSignature, type DiagnosticData } from './diagnosticData';
import { applyEditorSettings, type EditorSettings } from './editorSettings';
import type { EngineLog } from './log';
import { isConfigFile, isInside, isLintedFile, looksLikeManifest, scopeRootFor, scopeRoots } from './lintScopes';
import { readEditorSettings } from './settings';

/** One ztn.yaml (or workspace folder) and everything known about it after the last lint. */
export interface LintScope {
  root: string;
  /** The config as the engine sees it (ztn.yaml + editor settings). */
  config: WorkspaceConfig;
  index: WorkspaceIndex;
  findings: Finding[];
  /** Bumped on every lint, so views can tell whether what they built is stale. */
  version: number;
}

const SEVERITY: Record<DiagnosticData['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(d: DiagnosticData): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  diagnostic.source = d.source;
  diagnostic.code = { value: d.code.value, target: vscode.Uri.parse(d.code.target) };
  return diagnostic;
}

// The Red Hat YAML extension reports YAML syntax errors itself; ours would be duplicates.
const YAML_TOOL = 'redhat.vscode-yaml';

export class WorkspaceLinter implements vscode.Disposable {
  private readonly scopes = new Map<string, LintScope>();
  private readonly published = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<LintScope>();
  private settings: EditorSettings = readEditorSettings();
  private ready: Promise<void> | undefined;
  /** Fires after a scope was linted (views, hovers and CodeLens refresh on it). */
  readonly onDidLint = this.changed.event;

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly log: EngineLog,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeTextDocument((e) => this.onBuffer(e.document)),
      vscode.workspace.onDidOpenTextDocument((d) => this.onBuffer(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClosed(d)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('ztn')) this.reload();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((u) => this.onDisk(u)),
      watcher.onDidChange((u) => this.onDisk(u)),
      watcher.onDidDelete((u) => this.onDeleted(u)),
    );
  }

  /** Indexes the workspace once (lazily, after activation returns) and lints it. */
  start(): Promise<void> {
    this.ready ??= this.load();
    return this.ready;
  }

  allScopes(): LintScope[] {
    return [...this.scopes.values()];
  }

  scopeFor(file: string): LintScope | undefined {
    const root = scopeRootFor(file, [...this.scopes.keys()]);
    return root ? this.scopes.get(root) : undefined;
  }

  /** The scope of the active editor, else the first one. */
  currentScope(): LintScope | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    return (active?.scheme === 'file' ? this.scopeFor(active.fsPath) : undefined) ?? this.allScopes()[0];
  }

  findingsFor(file: string): Finding[] {
    return this.scopeFor(file)?.findings.filter((f) => f.file === file) ?? [];
  }

  /** Re-reads every scope from disk and lints it now (Lint Workspace). */
  async lintAll(): Promise<number> {
    this.ready = this.load();
    await this.ready;
    return this.allScopes().reduce((n, s) => n + s.findings.length, 0);
  }

  private reload(): void {
    this.ready = this.load().catch((err) => this.log.fail('reloading the workspace failed', err));
  }

  private async load(): Promise<void> {
    const started = Date.now();
    this.settings = readEditorSettings();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const configUris = folders.length ? await vscode.workspace.findFiles('**/ztn.{yaml,yml}', '**/{node_modules,.git,.ztn}/**', 50) : [];
    const roots = scopeRoots(
      folders,
      configUris.map((u) => u.fsPath),
    );
    const previous = new Set(this.scopes.keys());
    // Every scope is linted below; a lint still pending from before would lint a scope this load replaced.
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.scopes.clear();
    for (const root of roots) this.scopes.set(root, this.openScope(root, roots));
    // Open editors outside every folder still get diagnostics, in a scope of their own.
    for (const doc of vscode.workspace.textDocuments) this.onBuffer(doc, false);
    for (const scope of this.scopes.values()) this.lintNow(scope);
    for (const root of previous) if (!this.scopes.has(root)) this.clearScope(root);
    const files = this.allScopes().reduce((n, s) => n + s.index.files.size, 0);
    this.log.info(`indexed ${files} manifest file(s) in ${this.scopes.size} scope(s) in ${Date.now() - started} ms`);
  }

  private configFor(root: string): WorkspaceConfig {
    let config: WorkspaceConfig;
    try {
      config = resolveConfig(root);
      this.collection.delete(vscode.Uri.file(`${root}/ztn.yaml`));
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      // A broken ztn.yaml is shown where it is broken; linting goes on with the defaults.
      const r = err.range;
      const d = new vscode.Diagnostic(
        new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
        err.message.replace(/^.*?: (?=invalid|cannot)/, ''),
        vscode.DiagnosticSeverity.Error,
      );
      d.source = 'ztn';
      this.collection.set(vscode.Uri.file(err.file), [d]);
      this.log.info(`ztn.yaml ignored: ${err.message}`);
      config = defaultConfig(root);
    }
    return applyEditorSettings(config, this.settings);
  }

  private openScope(root: string, allRoots: readonly string[]): LintScope {
    const config = this.configFor(root);
    const index = new WorkspaceIndex(config);
    let files: string[] = [];
    try {
      files = existsSync(root) ? collectManifestFiles([root]) : [];
    } catch (err) {
      this.log.info(`cannot list ${root}: ${(err as Error).message}`);
    }
    for (const file of files) {
      if (scopeRootFor(file, allRoots) === root && isLintedFile(file)) index.loadFile(file);
    }
    return { root, config, index, findings: [], version: 0 };
  }

  private scopeForNewFile(file: string): LintScope {
    const existing = this.scopeFor(file);
    if (existing) return existing;
    const config = this.configFor(dirname(file));
    const scope: LintScope = { root: config.root, config, index: new WorkspaceIndex(config), findings: [], version: 0 };
    const root = config.root;
    this.scopes.set(root, scope);
    return scope;
  }

  private onBuffer(doc: vscode.TextDocument, schedule = true): void {
    if (doc.uri.scheme !== 'file') return;
    const file = doc.uri.fsPath;
    if (isConfigFile(file)) {
      if (schedule && doc.isDirty === false) this.reload();
      return;
    }
    if (!isLintedFile(file)) return;
    const text = doc.getText();
    if (!this.scopeFor(file)?.index.files.has(file) && !looksLikeManifest(text)) return;
    const scope = this.scopeForNewFile(file);
    if (scope.index.files.get(file)?.text === text) return;
    scope.index.setFile(file, text);
    if (schedule) this.schedule(scope);
  }

  private onClosed(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file' || !isLintedFile(doc.uri.fsPath)) return;
    const scope = this.scopeFor(doc.uri.fsPath);
    if (!scope) return;
    // Unsaved edits are gone with the editor: the file on disk is the truth again.
    if (existsSync(doc.uri.fsPath)) scope.index.loadFile(doc.uri.fsPath);
    else scope.index.removeFile(doc.uri.fsPath);
    this.schedule(scope);
  }

  private isOpenAndDirty(file: string): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'file' && d.uri.fsPath === file && d.isDirty);
  }

  private onDisk(uri: vscode.Uri): void {
    const file = uri.fsPath;
    if (isConfigFile(file)) return this.reload();
    if (!isLintedFile(file) || this.isOpenAndDirty(file)) return;
    const scope = this.scopeFor(file);
    if (!scope || /[\\/](node_modules|\.git|\.ztn|dist|out|test-results)[\\/]/.test(file)) return;
    if (scope.index.files.get(file)?.text !== undefined && vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file)) return;
    scope.index.loadFile(file);
    this.schedule(scope);
  }

  private onDeleted(uri: vscode.Uri): void {
    const file = uri.fsPath;
    if (isConfigFile(file)) return this.reload();
    const scope = this.scopeFor(file);
    if (!scope?.index.files.has(file)) return;
    scope.index.removeFile(file);
    this.collection.delete(uri);
    this.published.delete(file);
    this.schedule(scope);
  }

  private schedule(scope: LintScope): void {
    clearTimeout(this.timers.get(scope.root));
    this.timers.set(
      scope.root,
      setTimeout(() => {
        this.timers.delete(scope.root);
        // The folder's scope now, not the one captured: a reload in between replaces it, and linting the old one
        // would publish its partial findings and hand views a scope that is gone.
        const current = this.scopes.get(scope.root);
        if (current) this.lintNow(current);
      }, this.settings.debounceMs),
    );
  }

  /** Lints the whole scope (findings in one file can depend on any other) and publishes only what changed. */
  private lintNow(scope: LintScope): void {
    const started = Date.now();
    try {
      scope.findings = lint(scope.index).findings;
    } catch (err) {
      void this.log.fail('linting failed', err);
      return;
    }
    scope.version++;
    const yamlToolActive = vscode.extensions.getExtension(YAML_TOOL)?.isActive === true;
    const byFile = diagnosticsByFile(scope.findings, scope.index.files.keys(), {
      syntaxCheckedElsewhere: (f) => yamlToolActive && /\.ya?ml$/i.test(f),
    });
    for (const file of changedFiles(byFile, this.published)) {
      const list = byFile.get(file) ?? [];
      this.collection.set(vscode.Uri.file(file), list.map(toDiagnostic));
      this.published.set(file, diagnosticsSignature(list));
    }
    this.log.info(`linted ${scope.index.files.size} file(s) in ${scope.root}: ${scope.findings.length} finding(s) in ${Date.now() - started} ms`);
    this.changed.fire(scope);
  }

  private clearScope(root: string): void {
    for (const file of [...this.published.keys()]) {
      if (isInside(root, file) && !this.scopeFor(file)) {
        this.collection.delete(vscode.Uri.file(file));
        this.published.delete(file);
      }
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
