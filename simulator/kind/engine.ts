// The kind + Istio sandbox engine: real clusters for users with Docker, the same SandboxEngine contract as the local one.
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildMesh } from '../../src/policy/index';
import { SandboxError } from '../shared/errors';
import { createStateDir, removeStateDir } from '../shared/stateFolder';
import { assertSandboxCurrent, recordWorkspace } from '../shared/workspaceStamp';
import type { Mesh, SimulationResult, TrafficReplay } from '../../src/policy/types';
import { callProtocol } from '../shared/portProtocol';
import type { ReplayOptions, SandboxContext, SandboxEngine, KindSandboxStatus, ServedPorts, WorkloadStatus } from '../engine';
import { echoWorkloadPorts } from './workspaceManifests';
import type { ClusterApi } from './clusterApi';
import { kindClusters, type KindCluster } from './clusters';
import { loggingRunner, type CommandRunner } from './commandRunner';
import { DRY_RUN_ASSUMPTIONS, DryRunRunner } from './dryRunRunner';
import { KubeClusterApi } from './kubeClusterApi';
import { Plan } from './plan';
import { PlannedClusterApi } from './plannedClusterApi';
import { ProcessRunner } from './processRunner';
import { KindReplayer } from './replay';
import { KindSetup, type SetupDeps, type Timeouts } from './setup';
import { KUBECONFIG_FILE, readPkiFile, readState, STATE_FILE } from './state';
import { DiskStateFiles, PlannedStateFiles } from './stateFiles';
import { withToolPaths, type ToolPaths } from './toolPaths';

export const COMMAND_LOG = 'commands.log';

export interface KindEngineOptions {
  /** Runs docker, kind, kubectl and istioctl; default: child processes, logged to <stateDir>/commands.log. */
  runner?: CommandRunner;
  /** The kind and istioctl binaries the default runner runs (the extension's settings); default: the names on PATH. */
  toolPaths?: Partial<ToolPaths>;
  /** The Kubernetes API of one cluster; default: @kubernetes/client-node on the sandbox kubeconfig. */
  clusterApi?: (cluster: KindCluster, kubeconfig: string) => ClusterApi;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  timeouts?: Partial<Timeouts>;
}

export class NoKindSandboxError extends SandboxError {
  constructor(stateDir: string) {
    super(`no kind sandbox in ${stateDir}: run 'ztn sandbox up --engine kind' first`);
  }
}

/** A command or API failure outside `up` (status, replay, down), as the one-line error the CLI reports. */
export class KindCommandError extends SandboxError {}

async function reported<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SandboxError) throw err;
    throw new KindCommandError(`kind sandbox ${what}: ${(err as Error).message}`);
  }
}

export class KindEngine implements SandboxEngine<KindSandboxStatus> {
  readonly name = 'kind' as const;

  constructor(private readonly options: KindEngineOptions = {}) {}

  /** Workloads replaced by echo servers, on their declared TCP ports; gateways keep Istio's proxy and are not called. */
  servedPorts(mesh: Mesh): ServedPorts {
    const byId = new Map(mesh.workloads.map((w) => [w.id, w]));
    return new Map([...echoWorkloadPorts(mesh)].map(([id, ports]) => [id, ports.map((port) => ({ port, protocol: callProtocol(mesh, byId.get(id)!, port) }))]));
  }

  private progress(ctx: SandboxContext, plan?: Plan) {
    return (step: string, message: string, fraction?: number) => {
      plan?.enterStep(step);
      plan?.note(message);
      ctx.onProgress?.({ step, message, ...(fraction !== undefined ? { fraction } : {}) });
    };
  }

  /** Everything a real run touches: processes, the state folder, the clusters' APIs. */
  private realDeps(ctx: SandboxContext): SetupDeps & { logFile: string } {
    const logFile = join(ctx.stateDir, COMMAND_LOG);
    // Until the run writes its first file (after preflight) the log is held in memory, so a failed preflight leaves nothing.
    const pending: string[] = [];
    const log = (line: string) => {
      pending.push(`${new Date().toISOString()} ${line}\n`);
      if (existsSync(ctx.stateDir)) appendFileSync(logFile, pending.splice(0).join(''));
      ctx.log?.(line);
    };
    const kubeconfig = join(ctx.stateDir, KUBECONFIG_FILE);
    const makeApi = this.options.clusterApi ?? ((c: KindCluster, file: string) => KubeClusterApi.fromKubeconfig(file, c.context));
    return {
      logFile,
      runner: loggingRunner(this.options.runner ?? withToolPaths(new ProcessRunner(), this.options.toolPaths), log),
      files: new DiskStateFiles(ctx.stateDir),
      clusterApi: (c) => makeApi(c, kubeconfig),
      progress: this.progress(ctx),
      sleep: this.options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      readPki: () => readPkiFile(ctx.stateDir),
      now: this.options.now ?? (() => new Date()),
      timeouts: this.options.timeouts,
      signal: ctx.signal,
    };
  }

  /** Same steps, nothing run: commands and files go into the plan, queries get the stated assumptions. */
  private dryDeps(ctx: SandboxContext, clusters: KindCluster[], plan: Plan, existing: 'none' | 'all'): SetupDeps {
    return {
      runner: new DryRunRunner(
        plan,
        clusters.map((c) => c.name),
        existing === 'all' ? clusters.map((c) => c.kindName) : [],
      ),
      files: new PlannedStateFiles(ctx.stateDir, plan),
      clusterApi: (c) => new PlannedClusterApi(plan, c.name),
      progress: this.progress(ctx, plan),
      sleep: async () => {},
      readPki: () => undefined,
      now: () => new Date(0),
    };
  }

  async up(ctx: SandboxContext): Promise<KindSandboxStatus> {
    const clusters = kindClusters(ctx.index.config);
    if (ctx.dryRun) {
      const plan = new Plan();
      await new KindSetup(this.dryDeps(ctx, clusters, plan, 'none'), ctx.index, clusters).up();
      const header = [
        `ztn sandbox up --engine kind --dry-run: ${clusters.length} cluster(s), ${clusters.map((c) => `${c.name} (kind ${c.kindName}, network ${c.config.network})`).join(', ')}`,
        'nothing was run; a real run executes these commands in order. Assumed:',
        ...DRY_RUN_ASSUMPTIONS.map((a) => `  - ${a}`),
      ];
      return { engine: 'kind', running: false, workloads: [], details: { stateDir: ctx.stateDir, dryRun: true }, plan: plan.render(header) };
    }
    createStateDir(ctx.stateDir);
    const deps = this.realDeps(ctx);
    const state = await new KindSetup(deps, ctx.index, clusters).up(deps.logFile);
    deps.files.write(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
    // Every up applies the workspace's manifests again, so the record is always of the latest.
    recordWorkspace(ctx.stateDir, ctx.index);
    return this.describe(
      ctx,
      state.startedAt,
      clusters.map((c) => ({ cluster: c, healthy: true })),
      state,
    );
  }

  status(ctx: SandboxContext): Promise<KindSandboxStatus> {
    return reported('status', () => this.readStatus(ctx));
  }

  private async readStatus(ctx: SandboxContext): Promise<KindSandboxStatus> {
    const state = readState(ctx.stateDir);
    if (!state) return { engine: 'kind', running: false, workloads: [], details: { stateDir: ctx.stateDir } };
    const deps = this.realDeps(ctx);
    const clusters = kindClusters(ctx.index.config);
    const listed = await deps.runner.run('kind', ['get', 'clusters']);
    const existing = new Set(listed.stdout.split('\n').map((l) => l.trim()));
    const kubeconfig = join(ctx.stateDir, KUBECONFIG_FILE);
    const health = [];
    for (const c of clusters) {
      const healthy =
        existing.has(c.kindName) &&
        (await deps.runner.run('kubectl', ['--kubeconfig', kubeconfig, '--context', c.context, 'get', '--raw', '/readyz'], { timeoutMs: 15_000 })).code === 0;
      health.push({ cluster: c, healthy });
    }
    return this.describe(ctx, state.startedAt, health, state);
  }

  /** Status with each workload's pod address, read from the clusters that answer. */
  private async describe(
    ctx: SandboxContext,
    startedAt: string,
    health: { cluster: KindCluster; healthy: boolean }[],
    state: { loadBalancer: string; notApplied: unknown[] },
  ): Promise<KindSandboxStatus> {
    const deps = this.realDeps(ctx);
    const mesh = buildMesh(ctx.index);
    const workloads: WorkloadStatus[] = [];
    for (const { cluster, healthy } of health) {
      const pods = healthy
        ? await deps
            .clusterApi(cluster)
            .listPods()
            .catch(() => [])
        : [];
      // Jobs are not deployed (see workspaceManifests), so they have no address to show.
      for (const w of mesh.workloads.filter((x) => x.cluster === cluster.name && x.kind !== 'Job' && x.kind !== 'CronJob')) {
        const pod = pods.find((p) => p.namespace === w.namespace && p.phase === 'Running' && Object.entries(w.labels).every(([k, v]) => p.labels[k] === v));
        workloads.push({ id: w.id, address: pod?.ip ?? '', ports: w.ports.map((p) => p.port), identity: w.spiffeId, sidecar: w.sidecar });
      }
    }
    return {
      engine: 'kind',
      running: health.every((h) => h.healthy),
      startedAt,
      workloads,
      details: {
        stateDir: ctx.stateDir,
        clusters: health.map((h) => ({ name: h.cluster.name, kindCluster: h.cluster.kindName, context: h.cluster.context, healthy: h.healthy })),
        kubeconfig: join(ctx.stateDir, KUBECONFIG_FILE),
        loadBalancer: state.loadBalancer,
        notApplied: state.notApplied,
        commandLog: join(ctx.stateDir, COMMAND_LOG),
      },
    };
  }

  replay(ctx: SandboxContext, traffic: TrafficReplay, options?: ReplayOptions): Promise<SimulationResult> {
    return reported('replay', () => this.replayCalls(ctx, traffic, options));
  }

  private async replayCalls(ctx: SandboxContext, traffic: TrafficReplay, options?: ReplayOptions): Promise<SimulationResult> {
    if (!readState(ctx.stateDir)) throw new NoKindSandboxError(ctx.stateDir);
    if (!options?.allowStale) assertSandboxCurrent(ctx.stateDir, ctx.index);
    const deps = this.realDeps(ctx);
    const replayer = new KindReplayer(
      {
        runner: deps.runner,
        clusters: kindClusters(ctx.index.config),
        kubeconfig: join(ctx.stateDir, KUBECONFIG_FILE),
        clusterApi: deps.clusterApi,
        progress: deps.progress,
        sleep: deps.sleep,
        now: () => deps.now().getTime(),
        signal: ctx.signal,
      },
      buildMesh(ctx.index),
    );
    return replayer.replay(traffic, options);
  }

  down(ctx: SandboxContext): Promise<void> {
    return reported('down', () => this.deleteAll(ctx));
  }

  private async deleteAll(ctx: SandboxContext): Promise<void> {
    const clusters = kindClusters(ctx.index.config);
    if (ctx.dryRun) {
      const plan = new Plan();
      plan.enterStep('down');
      await new KindSetup(this.dryDeps(ctx, clusters, plan, 'all'), ctx.index, clusters).down();
      for (const line of plan.render().trimEnd().split('\n')) ctx.log?.(line);
      return;
    }
    const deps = this.realDeps(ctx);
    this.progress(ctx)('down', `deleting kind clusters ${clusters.map((c) => c.kindName).join(', ')}`);
    await new KindSetup(deps, ctx.index, clusters).down();
    removeStateDir(ctx.stateDir);
  }
}

export const kindEngine = new KindEngine();
