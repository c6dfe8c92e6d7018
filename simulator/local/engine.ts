// The local engine: the SandboxEngine adapter over its supervisor process, which runs the mesh on loopback.
import { manifestFiles } from '../../src/model/manifestFiles';
import { buildMesh, simulateTraffic } from '../../src/policy';
import type { CallResult, Caveat, Mesh, SimulationResult, TrafficCall, TrafficReplay } from '../../src/policy/types';
import { SandboxError } from '../shared/errors';
import { probeSandbox, replayInSandbox, startSandbox, stopSandbox } from './lifecycle';
import { removeStateDir } from '../shared/stateFolder';
import { assertSandboxCurrent, isSandboxCurrent, recordWorkspace } from '../shared/workspaceStamp';
import type { SandboxObservation } from '../../src/policy/types';
import { addressBlockFor, planSandbox } from './plan';
import type { RuntimeStatus } from './controlApi';
import { certLifetimeMs } from '../../src/config/certLifetime';
import type { LocalSandboxStatus, LocalStatusDetails, ReplayOptions, SandboxContext, SandboxEngine, ServedPorts } from '../engine';

/** ztn.yaml's sandbox.certLifetime in milliseconds; throws for a lifetime no certificate can carry (0, or past year 9999). */
export function parseLifetime(text: string): number {
  const parsed = certLifetimeMs(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.ms;
}

function toStatus(running: boolean, runtime: RuntimeStatus | undefined, extra: LocalStatusDetails, startedAt?: string): LocalSandboxStatus {
  return {
    engine: 'local',
    running,
    ...(startedAt ? { startedAt } : {}),
    workloads: (runtime?.workloads ?? []).map((w) => ({
      id: w.id,
      address: w.address,
      ports: w.ports.map((p) => p.port),
      identity: w.identity,
      sidecar: w.sidecar,
      ...(w.certExpiresAt ? { certExpiresAt: w.certExpiresAt } : {}),
    })),
    details: {
      ...extra,
      ...(runtime
        ? {
            gateways: runtime.gateways,
            notices: runtime.notices,
            ...(runtime.resources ? { resources: runtime.resources } : {}),
            ports: Object.fromEntries(runtime.workloads.map((w) => [w.id, w.ports])),
          }
        : {}),
    },
  };
}

/** A call the sandbox did not run is named by its traffic entry's file:line, as the traffic parser names bad entries. */
function withCallPosition(observed: SandboxObservation, traffic: TrafficReplay, index: number): SandboxObservation {
  const line = traffic.lines?.[index];
  if (observed.outcome !== 'not-run' || !traffic.file || line === undefined) return observed;
  return { ...observed, error: `${traffic.file}:${line}: ${observed.error ?? 'not run'}` };
}

/** Errors of a sandbox out of descriptors or source ports, not of a policy. */
const RESOURCE_ERROR = /\b(EMFILE|ENFILE|EADDRNOTAVAIL)\b/;

/** A caveat for a call made near a limit of the sandbox's own (`nearLimit`: the replay's warning), or failed by one. */
export function limitCaveat(observed: SandboxObservation | undefined, nearLimit: string | undefined): Caveat | undefined {
  if (nearLimit) return { kind: 'sandbox-limit', detail: `made near a limit of the sandbox: ${nearLimit}` };
  if (observed?.fault === 'port-exhaustion') return undefined; // asked for by the port-exhaustion fault, and named by it
  if (observed?.error && RESOURCE_ERROR.test(observed.error)) {
    return {
      kind: 'sandbox-limit',
      detail: `the sandbox ran out of descriptors or source ports (${RESOURCE_ERROR.exec(observed.error)?.[1]}): this outcome is not the policy's`,
    };
  }
  return undefined;
}

/** Expectations of a traffic call checked against what the wire showed (not against the prediction). */
export function checkObservedExpectation(expect: NonNullable<TrafficCall['expect']>, observed: SandboxObservation): { ok: boolean; failures?: string[] } {
  const failures: string[] = [];
  if (expect.mtls !== undefined && expect.mtls !== observed.mtls) failures.push(`expected mtls ${expect.mtls}, observed ${observed.mtls}`);
  if (expect.allowed !== undefined && expect.allowed !== observed.allowed)
    failures.push(`expected allowed ${expect.allowed}, observed ${observed.allowed} (${observed.verdict})`);
  if (expect.verdict !== undefined && expect.verdict !== observed.verdict) failures.push(`expected verdict ${expect.verdict}, observed ${observed.verdict}`);
  return failures.length ? { ok: false, failures } : { ok: true };
}

/** One sandbox result: the prediction, what the wire showed, and whether the two agree. */
export function mergeObservation(predicted: CallResult, call: TrafficCall, observed: SandboxObservation): CallResult {
  // A call the sandbox cannot make (UDP, SCTP) has no observation and no agreement, only the reason.
  if (observed.outcome === 'not-run') return { ...predicted, explanation: [...predicted.explanation, { step: 'route', detail: observed.error ?? 'not run' }] };
  const result: CallResult = { ...predicted, observed, agrees: observed.verdict === predicted.verdict && observed.mtls === predicted.mtls };
  delete result.expectation;
  if (call.expect) result.expectation = checkObservedExpectation(call.expect, observed);
  return result;
}

/** Summary counts of a sandbox run are about what was observed. */
export function summarizeObserved(calls: CallResult[]): SimulationResult {
  const seen = (c: CallResult) => c.observed as SandboxObservation | undefined;
  return {
    calls,
    summary: {
      total: calls.length,
      allowed: calls.filter((c) => seen(c)?.allowed).length,
      denied: calls.filter((c) => !seen(c)?.allowed).length,
      mtls: calls.filter((c) => seen(c)?.mtls).length,
      expectationsFailed: calls.filter((c) => c.expectation && !c.expectation.ok).length,
    },
  };
}

export class LocalEngine implements SandboxEngine<LocalSandboxStatus> {
  readonly name = 'local' as const;

  /** The plan's workloads and ports: no east-west gateway pods (the sandbox's gateway stands in), no reserved 150xx ports. */
  servedPorts(mesh: Mesh): ServedPorts {
    const plan = planSandbox(mesh, 0);
    return new Map(
      plan.workloads.map((w) => [w.workload.id, w.ports.map((p) => ({ port: p.port, protocol: p.protocol === 'tcp' ? ('tcp' as const) : ('http' as const) }))]),
    );
  }

  async up(ctx: SandboxContext): Promise<LocalSandboxStatus> {
    const config = ctx.index.config;
    // Traffic files, graph exports and results in the workspace are not what the sandbox runs.
    const paths = manifestFiles(ctx.index.files.values())
      .map((f) => f.path)
      .sort();
    ctx.onProgress?.({ step: 'up', message: `starting the local sandbox for ${paths.length} manifest file(s) in ${ctx.stateDir}` });
    if (ctx.dryRun) {
      const mesh = buildMesh(ctx.index);
      ctx.log?.(`would start the supervisor for ${mesh.workloads.length} workload(s) in ${mesh.clusters.length} cluster(s)`);
      return toStatus(false, undefined, { dryRun: true, workloads: mesh.workloads.map((w) => w.id), stateDir: ctx.stateDir });
    }
    const result = await startSandbox({
      stateDir: ctx.stateDir,
      paths,
      configFile: config.file,
      certLifetimeMs: parseLifetime(config.sandbox.certLifetime),
      block: addressBlockFor(ctx.stateDir),
    });
    // A sandbox already running keeps the record of what it was started from: a replay then says whether it is stale.
    if (!result.alreadyRunning) recordWorkspace(ctx.stateDir, ctx.index);
    else if (!isSandboxCurrent(ctx.stateDir, ctx.index)) {
      ctx.onProgress?.({
        step: 'up',
        message: 'the running sandbox was started from other manifests (stale): run `ztn sandbox down`, then `up`, to run these',
      });
    }
    ctx.log?.(`${result.alreadyRunning ? 'already running' : 'started'}: supervisor pid ${result.state.pid}`);
    return toStatus(
      true,
      result.status,
      { stateDir: ctx.stateDir, pid: result.state.pid, alreadyRunning: result.alreadyRunning, cleanedStale: result.cleaned },
      result.state.startedAt,
    );
  }

  async status(ctx: SandboxContext): Promise<LocalSandboxStatus> {
    const probe = await probeSandbox(ctx.stateDir);
    return toStatus(
      probe.running,
      probe.status,
      { stateDir: ctx.stateDir, stale: probe.stale, ...(probe.state ? { pid: probe.state.pid } : {}) },
      probe.state?.startedAt,
    );
  }

  async replay(ctx: SandboxContext, traffic: TrafficReplay, options: ReplayOptions = {}): Promise<SimulationResult> {
    if (!options.allowStale && (await probeSandbox(ctx.stateDir)).running) assertSandboxCurrent(ctx.stateDir, ctx.index);
    const predicted = simulateTraffic(buildMesh(ctx.index), traffic);
    ctx.onProgress?.({ step: 'replay', message: `replaying ${traffic.calls.length} call(s)` });
    const observed = await replayInSandbox(ctx.stateDir, {
      calls: traffic.calls,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      faults: options.faults,
    });
    const near = new Set(observed.nearLimitCalls ?? []);
    const limitWarning = observed.warnings?.join('; ');
    return summarizeObserved(
      traffic.calls.map((call, i) => {
        const merged = mergeObservation(predicted.calls[i], call, withCallPosition(observed.observations[i], traffic, i));
        const caveat = limitCaveat(observed.observations[i], near.has(i) ? limitWarning : undefined);
        return caveat ? { ...merged, caveats: [...(merged.caveats ?? []), caveat] } : merged;
      }),
    );
  }

  async down(ctx: SandboxContext): Promise<void> {
    if (ctx.dryRun) return ctx.log?.(`would stop the supervisor and remove keys in ${ctx.stateDir}`);
    const result = await stopSandbox(ctx.stateDir);
    if (result.leftovers.length) throw new SandboxError(`could not clean up ${ctx.stateDir}: ${result.leftovers.join(', ')} remain`);
    removeStateDir(ctx.stateDir);
    const what = result.wasRunning
      ? `stopped supervisor pid ${result.pid}`
      : result.removed.length
        ? 'cleaned up after a supervisor that was gone'
        : 'no sandbox was running';
    ctx.log?.(`${what}; no process, listener, key or file left in ${ctx.stateDir}`);
  }
}
