// Sandbox: Up / Replay / Verify / Status / Down: engine calls with progress, cancel, the command log and notifications.
import { existsSync } from 'node:fs';
import { readBoundedFile, readInputFile } from '../model/safeRead';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseTrafficFile, TrafficFileError } from '../policy';
import type { SimulationResult, TrafficReplay } from '../policy/types';
import type { EngineName, SandboxContext, SandboxEngine, SandboxStatus } from '../../simulator/engine';
import type { RegisterCommand } from './commandTable';
import { sandboxEngineFor } from './editorSettings';
import type { EngineLog } from './log';
import { defaultTrafficFile, type MeshState } from './meshState';
import { replaySummary, sandboxStatusMessage } from './sandboxReport';
import { REPLAY_ANYWAY, RESTART_SANDBOX, replayUnlessStale } from './staleSandbox';
import { orderTrafficFiles } from './trafficFile';
import { readEditorSettings } from './settings';
import { requireTrust } from './trust';
import type { SandboxView } from './views';
import type { LintScope, WorkspaceLinter } from './workspaceLinter';

export type EngineProvider = (name: EngineName) => SandboxEngine | Promise<SandboxEngine>;

/** Shows replay/verify results (the sandbox engineer's report writer, in a webview or document). */
export type ReportPresenter = (
  scope: LintScope,
  engine: EngineName,
  kind: 'replay' | 'verify',
  results: SimulationResult,
  traffic: TrafficReplay,
) => Promise<void>;

export class SandboxCommands {
  /** Last known status per engine, for the Sandboxes view. */
  readonly statuses = new Map<EngineName, SandboxStatus | undefined>([
    ['local', undefined],
    ['kind', undefined],
  ]);
  view: SandboxView | undefined;

  constructor(
    private readonly linter: WorkspaceLinter,
    private readonly mesh: MeshState,
    private readonly log: EngineLog,
    private readonly engines: EngineProvider,
    private readonly present: ReportPresenter,
  ) {}

  register(context: vscode.ExtensionContext, registerCommand: RegisterCommand): void {
    const command = (id: string, fn: (engine?: EngineName) => Promise<unknown>) =>
      registerCommand(id, (arg?: unknown) => fn(typeof arg === 'string' ? (arg as EngineName) : engineOfTreeItem(arg)));
    context.subscriptions.push(
      command('ztn.sandbox.up', (e) => this.run('Sandbox: Up', e, (ctx, engine, scope) => this.up(ctx, engine, scope))),
      command('ztn.sandbox.status', (e) => this.run('Sandbox: Status', e, (ctx, engine) => this.status(ctx, engine))),
      command('ztn.sandbox.replay', (e) => this.run('Sandbox: Replay', e, (ctx, engine, scope) => this.replay(ctx, engine, scope, 'replay'))),
      command('ztn.sandbox.verify', (e) => this.run('Sandbox: Verify', e, (ctx, engine, scope) => this.replay(ctx, engine, scope, 'verify'))),
      command('ztn.sandbox.down', (e) => this.run('Sandbox: Down', e, (ctx, engine) => this.down(ctx, engine))),
    );
  }

  /**
   * Status of sandboxes left running by an earlier session (or the CLI), for the Sandboxes view. Only the local
   * engine is asked, and only when its state folder exists: asking costs nothing then and runs no tools.
   */
  async probe(): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    const scope = this.linter.currentScope();
    const stateDir = scope && join(scope.root, '.ztn', 'sandbox', 'local');
    if (!scope || !stateDir || !existsSync(stateDir)) return;
    try {
      const engine = await this.engines('local');
      this.statuses.set('local', await engine.status({ stateDir, index: scope.index, log: (l) => this.log.engine(l) }));
      this.view?.refresh();
    } catch (err) {
      this.log.info(`sandbox status: ${(err as Error).message}`);
    }
  }

  /** Common frame: trust gate, scope, engine, a cancellable progress notification and failure reporting. */
  private async run<T>(
    title: string,
    requested: EngineName | undefined,
    body: (ctx: SandboxContext, engine: SandboxEngine, scope: LintScope) => Promise<T>,
  ): Promise<T | undefined> {
    if (!requireTrust('the sandbox')) return undefined;
    await this.linter.start();
    const scope = this.linter.currentScope();
    if (!scope) {
      void vscode.window.showWarningMessage('Zero Trust: open a folder with Kubernetes/Istio manifests first.');
      return undefined;
    }
    const name = requested ?? sandboxEngineFor(scope.config, readEditorSettings());
    this.log.info(`${title} (${name} engine) in ${scope.root}`);
    try {
      const engine = await this.engines(name);
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Zero Trust: ${title} (${name})`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          let last = 0;
          const ctx: SandboxContext = {
            stateDir: join(scope.root, '.ztn', 'sandbox', name),
            index: scope.index,
            signal: abort.signal,
            log: (line) => this.log.engine(line),
            onProgress: (e) => {
              this.log.engine(`[${e.step}] ${e.message}`);
              const fraction = e.fraction === undefined ? undefined : Math.max(0, Math.min(1, e.fraction));
              const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - last);
              if (fraction !== undefined) last = fraction * 100;
              progress.report({ message: e.message, increment });
            },
          };
          return body(ctx, engine, scope);
        },
      );
    } catch (err) {
      if (err instanceof TrafficFileError) {
        await this.log.fail(`${title}: bad traffic file`, err);
      } else if ((err as Error).name === 'AbortError') {
        this.log.info(`${title} cancelled`);
        void vscode.window.showWarningMessage(`Zero Trust: ${title} cancelled.`);
      } else {
        await this.log.fail(`${title} failed`, err);
      }
      return undefined;
    } finally {
      this.view?.refresh();
    }
  }

  private async up(ctx: SandboxContext, engine: SandboxEngine, scope: LintScope): Promise<SandboxStatus> {
    const status = await engine.up(ctx);
    this.statuses.set(engine.name, status);
    const message = `Zero Trust: ${engine.name} sandbox is up with ${status.workloads.length} workload(s).`;
    this.log.info(message);
    void vscode.window.showInformationMessage(message, 'Replay', 'Verify').then((choice) => {
      if (choice) void vscode.commands.executeCommand(choice === 'Replay' ? 'ztn.sandbox.replay' : 'ztn.sandbox.verify', engine.name);
    });
    void scope;
    return status;
  }

  private async status(ctx: SandboxContext, engine: SandboxEngine): Promise<SandboxStatus> {
    const status = await engine.status(ctx);
    this.statuses.set(engine.name, status);
    for (const w of status.workloads) this.log.info(`  ${w.id} ${w.address} ${w.identity}${w.certExpiresAt ? ` (cert expires ${w.certExpiresAt})` : ''}`);
    void vscode.window.showInformationMessage(sandboxStatusMessage(engine.name, status, new Date(), vscode.env.language));
    return status;
  }

  private async pickTrafficFile(scope: LintScope): Promise<string | undefined> {
    const fallback = defaultTrafficFile(scope.root);
    const found = (await vscode.workspace.findFiles(new vscode.RelativePattern(scope.root, '**/*.{yaml,yml}'), '**/{node_modules,.git,.ztn}/**', 500)).map(
      (u) => u.fsPath,
    );
    const candidates = orderTrafficFiles(
      found.filter((f) => {
        // Every YAML file of the workspace: a FIFO or a device link among them must not hang the editor.
        const read = readBoundedFile(f, scope.index.config.maxFileBytes);
        return read.ok && /^\s*kind:\s*TrafficReplay\s*$/m.test(read.text);
      }),
    );
    if (candidates.length === 1) return candidates[0];
    if (candidates.length === 0) {
      const choice = await vscode.window.showWarningMessage('Zero Trust: no traffic file (kind: TrafficReplay) in this workspace.', 'Generate Traffic File');
      if (choice) await vscode.commands.executeCommand('ztn.generateTrafficFile');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((f) => ({ label: vscode.workspace.asRelativePath(f), file: f, picked: f === fallback })),
      { title: 'Traffic file to replay', placeHolder: 'kind: TrafficReplay files of the workspace' },
    );
    return picked?.file;
  }

  private async replay(ctx: SandboxContext, engine: SandboxEngine, scope: LintScope, kind: 'replay' | 'verify'): Promise<SimulationResult | undefined> {
    const file = await this.pickTrafficFile(scope);
    if (!file || !existsSync(file)) return undefined;
    const traffic = parseTrafficFile(file, readInputFile(file, scope.index.config.maxFileBytes));
    let status = await engine.status(ctx);
    if (!status.running) {
      this.log.info(`${engine.name} sandbox is not running: starting it first`);
      status = await engine.up(ctx);
    }
    this.statuses.set(engine.name, status);
    const ask = (message: string) => vscode.window.showWarningMessage(message, RESTART_SANDBOX, REPLAY_ANYWAY);
    const { results, restarted } = await replayUnlessStale(engine, ctx, traffic, ask);
    if (restarted) this.statuses.set(engine.name, restarted);
    if (!results) return undefined;
    this.mesh.setResults(scope, results);
    const summary = replaySummary(results);
    this.log.info(`${kind} of ${vscode.workspace.asRelativePath(file)}: ${summary.text}`);
    await this.present(scope, engine.name, kind, results, traffic);
    const ok = summary.ok;
    const show = ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`Zero Trust: ${kind === 'verify' ? (ok ? 'verified' : 'verification failed') : 'replayed'}: ${summary.text}`, 'Show log').then(
      (c) => c && this.log.show(),
    );
    return results;
  }

  private async down(ctx: SandboxContext, engine: SandboxEngine): Promise<void> {
    await engine.down(ctx);
    this.statuses.set(engine.name, undefined);
    this.log.info(`${engine.name} sandbox stopped; its keys and state are removed`);
    void vscode.window.showInformationMessage(`Zero Trust: ${engine.name} sandbox stopped.`);
  }
}

function engineOfTreeItem(arg: unknown): EngineName | undefined {
  const id = arg && typeof arg === 'object' ? (arg as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') return undefined;
  const m = /^sandbox:(local|kind)$/.exec(id);
  return m ? (m[1] as EngineName) : undefined;
}
