// Replays traffic calls through the running sandbox: each from its source workload, with a timeout, concurrency and faults.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { findWorkload } from '../../src/policy/destination';
import { resolveDestination } from '../../src/policy/index';
import { hostHeaderFor } from '../../src/policy/simulate';
import type { TrafficCall } from '../../src/policy/types';
import type { AccessEntry, AccessLog } from './accessLog';
import type { ObservedReplay, ReplayRequest } from './controlApi';
import type { EchoReport } from './echoReport';
import type { FirstHop } from './appClient';
import type { SandboxObservation } from '../../src/policy/types';
import type { ReplayFault } from '../shared/faults';
import { observe, type ClientOutcome, type FaultContext } from './observation';
import { DESTINATION_HEADER, type Outbound } from './outbound';
import { OUTBOUND_PORT, type PlannedWorkload } from './plan';
import type { SandboxRuntime } from './runtime';
import { openUpstream } from './upstream';
import { unsendableReason } from '../shared/sendable';
import { descriptorLimit, descriptorWarning, openDescriptors } from './resources';

export const DEFAULT_CALL_TIMEOUT_MS = 5_000;
const MAX_CONCURRENCY = 512;
/** First source port of the port-exhaustion fault's pool: above Linux's default ephemeral range. */
const FAULT_PORT_BASE = 61_000;
const PING = 'ztn-ping\n';
const NO_FAULTS: FaultContext = { killed: new Set(), expiredIdentities: new Set() };

interface Attempt {
  /** Where the first hop logged the call: the client's own address:port and the request's place on that connection. */
  firstHop?: FirstHop;
  /** The sidecar's entry of a call handed to it in process (not in the shared log). */
  outboundEntry?: AccessEntry;
  /** Hops the client recorded itself (a naked client's resolution). */
  own: AccessEntry[];
  outcome: Omit<ClientOutcome, 'latencyMs'>;
}

function readEcho(stream: Duplex, done: (echo?: EchoReport, err?: NodeJS.ErrnoException) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const nl = buffer.indexOf('\n');
    if (nl < 0) return;
    try {
      done(JSON.parse(buffer.slice(0, nl)) as EchoReport);
    } catch {
      done(undefined, Object.assign(new Error('unexpected answer'), { code: 'EPROTO' }));
    }
    stream.end();
  });
  stream.on('error', (err: NodeJS.ErrnoException) => done(undefined, err));
  stream.on('end', () => done(undefined, Object.assign(new Error('connection closed without an answer'), { code: 'ECONNRESET' })));
}

function collectHttp(res: IncomingMessage, done: (outcome: Attempt['outcome']) => void): void {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (body += c.length + body.length > 65536 ? '' : c));
  res.on('end', () => {
    let echo: EchoReport | undefined;
    if (res.statusCode && res.statusCode < 300) {
      try {
        echo = JSON.parse(body) as EchoReport;
      } catch {
        echo = undefined;
      }
    }
    done({ status: res.statusCode, body: echo ? undefined : body, echo });
  });
  res.on('error', (err: NodeJS.ErrnoException) => done({ status: res.statusCode, error: err }));
}

class CallRunner {
  private portCursor = 0;
  /** Source workloads by the `from` of a call, looked up once per replay. */
  private readonly sources = new Map<string, PlannedWorkload | undefined>();

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly sourcePorts: number | undefined,
  ) {}

  private sourceOf(from: string): PlannedWorkload | undefined {
    if (!this.sources.has(from)) {
      const workload = findWorkload(this.runtime.ctx.mesh, from);
      this.sources.set(from, workload && this.runtime.ctx.byId.get(workload.id));
    }
    return this.sources.get(from);
  }

  private get log(): AccessLog {
    return this.runtime.ctx.log;
  }

  /** Runs one call; never rejects and never outlives its timeout. */
  async run(call: TrafficCall, timeoutMs: number): Promise<SandboxObservation> {
    const started = performance.now();
    const ctx = this.runtime.ctx;
    const source = this.sourceOf(call.from);
    if (!source) {
      return observe(
        { error: Object.assign(new Error(`source workload '${call.from}' is not running in the sandbox`), { code: 'ENOENT' }), latencyMs: 0 },
        [],
        this.faultContext(),
        [],
      );
    }
    if (call.protocol === 'udp' || call.protocol === 'sctp') {
      // The sandbox's apps, sidecars and admission speak TCP only: say so instead of guessing.
      const error = `${call.protocol.toUpperCase()} calls are not runnable in the local sandbox (it carries TCP only): not observed`;
      return { outcome: 'not-run', verdict: 'no-route', mtls: false, allowed: false, error, hops: [] };
    }
    // One call no client can send must not end the whole replay (Node's client throws on it): that call is not run.
    const unsendable = unsendableReason(call);
    if (unsendable)
      return { outcome: 'not-run', verdict: 'no-route', mtls: false, allowed: false, error: `cannot be sent: ${unsendable}: not observed`, hops: [] };
    const cleanups: (() => void)[] = [];
    const attempt = await new Promise<Attempt>((resolve) => {
      let settled = false;
      const state: Attempt = { own: [], outcome: {} };
      const finish = (outcome: Attempt['outcome']) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        state.outcome = outcome;
        for (const c of cleanups) c();
        resolve(state);
      };
      const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
      const viaSidecar = source.workload.sidecar && call.client?.sidecar !== false;
      if (viaSidecar) this.viaSidecar(source, call, state, finish, cleanups);
      else void this.naked(source, call, state, finish, cleanups);
    });
    const hops = [...attempt.own, ...(await this.collectHops(attempt))];
    // Faults only explain a call that failed; an answered call needs neither the fault context nor its identities.
    if (attempt.outcome.echo) return observe({ ...attempt.outcome, latencyMs: performance.now() - started }, hops, NO_FAULTS, []);
    const destination = resolveDestination(ctx.mesh, source.workload, call.to);
    const identities = [source.workload.spiffeId, ...destination.workloads.map((w) => w.spiffeId)];
    return observe({ ...attempt.outcome, latencyMs: performance.now() - started }, hops, this.faultContext(), identities);
  }

  private faultContext() {
    const now = Date.now();
    const expiredIdentities = new Set<string>();
    for (const identity of this.runtime.ctx.identities.values()) if (identity.certificate.notAfter.getTime() <= now) expiredIdentities.add(identity.spiffeId);
    return { killed: this.runtime.killed, expiredIdentities };
  }

  private nextSourcePort(): number | undefined {
    if (!this.sourcePorts) return undefined;
    return FAULT_PORT_BASE + (this.portCursor++ % this.sourcePorts);
  }

  /**
   * An HTTP call leaves from the source's sidecar: handed to its outbound side in process, as the app's request
   * would reach it through iptables. Opaque TCP (a CONNECT tunnel) and calls from a fixed source port (the
   * port-exhaustion fault binds the app's own ports) go from the app through the sidecar's outbound listener.
   */
  private viaSidecar(source: PlannedWorkload, call: TrafficCall, state: Attempt, finish: (o: Attempt['outcome']) => void, cleanups: (() => void)[]): void {
    const tcp = call.protocol === 'tcp';
    // The Host header the engine predicts with (simulate.ts): the call's own, else the name as dialled.
    const headers: Record<string, string> = { host: hostHeaderFor(call.to) };
    for (const [k, v] of Object.entries(call.headers ?? {})) headers[k.toLowerCase()] = v;
    const localPort = this.nextSourcePort();
    const sidecar = this.runtime.sidecars.get(source.workload.id);
    if (!tcp && localPort === undefined && sidecar) return this.handOver(sidecar, call, headers, state, finish, cleanups);
    const options = {
      host: source.address,
      port: OUTBOUND_PORT,
      localAddress: source.address,
      ...(localPort ? { localPort } : {}),
      method: tcp ? 'CONNECT' : (call.method ?? 'GET').toUpperCase(),
      path: tcp ? call.to : (call.path ?? '/'),
      headers: { ...headers, [DESTINATION_HEADER]: call.to },
    };
    // A CONNECT tunnel takes its connection over, and a fixed source port needs a connection of its own.
    const req: ClientRequest = this.runtime.apps.request(options, tcp || localPort !== undefined, (hop) => (state.firstHop = hop));
    cleanups.push(() => req.destroy());
    req.on('error', (error: NodeJS.ErrnoException) => finish({ error }));
    if (tcp) {
      req.on('connect', (res: IncomingMessage, socket: Socket, head: Buffer) => {
        cleanups.push(() => socket.destroy());
        if (res.statusCode !== 200) {
          socket.destroy();
          return finish({ status: res.statusCode });
        }
        readEcho(socket, (echo, error) => finish(echo ? { echo } : { error }));
        if (head.length > 0) socket.unshift(head);
        socket.write(PING);
      });
    } else req.on('response', (res) => collectHttp(res, finish));
    req.end();
  }

  /** The call handed to the source's sidecar in process: what the sidecar answers is what the app would read. */
  private handOver(
    sidecar: Outbound,
    call: TrafficCall,
    headers: Record<string, string>,
    state: Attempt,
    finish: (o: Attempt['outcome']) => void,
    cleanups: (() => void)[],
  ): void {
    const { entry, abandon } = sidecar.send(
      { target: call.to, method: (call.method ?? 'GET').toUpperCase(), path: call.path ?? '/', headers },
      {
        answered: (answer) => collectHttp(answer, finish),
        refused: (status, detail) => finish({ status, body: detail }),
        broken: () => finish({ error: Object.assign(new Error('the connection broke during the answer'), { code: 'ECONNRESET' }) }),
      },
    );
    state.outboundEntry = entry;
    cleanups.push(abandon);
  }

  /** A client without sidecar: its own DNS and kube-proxy choice of endpoint, plaintext from its pod address. */
  private async naked(
    source: PlannedWorkload,
    call: TrafficCall,
    state: Attempt,
    finish: (o: Attempt['outcome']) => void,
    cleanups: (() => void)[],
  ): Promise<void> {
    const entry: AccessEntry = { hop: 'client', proxy: source.workload.id, downstream: '-', port: 0, done: true };
    state.own.push(entry);
    const up = await openUpstream(this.runtime.ctx, source, undefined, call.to, entry);
    if (!up.ok) {
      entry.decision = up.decision;
      entry.detail = up.detail;
      return finish({});
    }
    entry.decision = 'forwarded';
    if (entry.upstream) state.firstHop = { connection: entry.upstream, request: 1 };
    cleanups.push(() => up.stream.destroy());
    if (call.protocol === 'tcp') {
      readEcho(up.stream, (echo, error) => finish(echo ? { echo } : { error }));
      up.stream.write(PING);
      return;
    }
    const headers: Record<string, string> = { ...(call.headers ?? {}), host: `${up.destination.host}:${up.destination.port}`, connection: 'close' };
    const req = httpRequest({ createConnection: () => up.stream as Socket, method: (call.method ?? 'GET').toUpperCase(), path: call.path ?? '/', headers });
    cleanups.push(() => req.destroy());
    req.on('error', (error: NodeJS.ErrnoException) => finish({ error }));
    req.on('response', (res) => collectHttp(res, finish));
    req.end();
  }

  /** Follows the access log from the call's first hop (the sidecar's entry, or the client's connection) through every hop it crossed. */
  private async collectHops(attempt: Attempt): Promise<AccessEntry[]> {
    const hops: AccessEntry[] = [];
    let next: { key: string | undefined; request: number } | undefined;
    if (attempt.outboundEntry) {
      hops.push(attempt.outboundEntry);
      next = { key: attempt.outboundEntry.upstream, request: attempt.outboundEntry.upstreamRequest ?? 1 };
    } else if (attempt.firstHop) next = { key: attempt.firstHop.connection, request: attempt.firstHop.request };
    for (let depth = hops.length; next?.key && depth < 4; depth++) {
      const entries = await this.log.settle(next.key, next.request, 100);
      hops.push(...entries);
      const onward = entries.find((e) => e.upstream);
      // A hop that sees only connections (the gateway) passes each request on at the same place it came in.
      next = { key: onward?.upstream, request: onward?.upstreamRequest ?? next.request };
    }
    return hops;
  }
}

async function applyFault(runtime: SandboxRuntime, fault: ReplayFault): Promise<void> {
  if (fault.kind === 'kill-listener') await runtime.killListener(fault.workload, fault.port);
  else if (fault.kind === 'expire-certificate') await runtime.expireCertificate(fault.workload);
}

/** Reading /proc/self/fd costs a folder listing: once per this many finished calls. */
const LIMIT_SAMPLE_EVERY = 64;

/**
 * Samples the supervisor's descriptors while a replay runs. Near the limit a call fails for want of a descriptor and
 * looks like a refusal (no-route, reset): the calls finished since the last sample that found the limit near are named,
 * so their results carry a caveat instead of a silently wrong verdict.
 */
class LimitWatch {
  /** The first warning: later samples differ only by their counts. */
  private warning: string | undefined;
  private readonly near: number[] = [];
  private since: number[] = [];

  finished(index: number): void {
    this.since.push(index);
    if (this.since.length >= LIMIT_SAMPLE_EVERY) this.sample();
  }

  sample(): void {
    const warning = descriptorWarning({ descriptors: openDescriptors(), descriptorLimit: descriptorLimit() });
    if (warning) {
      this.warning ??= warning;
      this.near.push(...this.since);
    }
    this.since = [];
  }

  report(): Pick<ObservedReplay, 'warnings' | 'nearLimitCalls'> {
    return this.warning ? { warnings: [this.warning], nearLimitCalls: this.near.sort((a, b) => a - b) } : {};
  }
}

export async function replayCalls(runtime: SandboxRuntime, request: ReplayRequest): Promise<ObservedReplay> {
  const started = performance.now();
  const calls = request.calls;
  const concurrency = Math.max(1, Math.min(MAX_CONCURRENCY, request.concurrency ?? 1));
  const timeoutMs = request.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const faults = request.faults ?? [];
  const exhaustion = faults.find((f): f is Extract<ReplayFault, { kind: 'port-exhaustion' }> => f.kind === 'port-exhaustion');
  const timed = faults.filter((f): f is Exclude<ReplayFault, { kind: 'port-exhaustion' }> => f.kind !== 'port-exhaustion');
  const runner = new CallRunner(runtime, exhaustion?.sourcePorts);
  for (const f of timed) if (!f.afterCalls) await applyFault(runtime, f);

  const observations: SandboxObservation[] = new Array(calls.length);
  const limits = new LimitWatch();
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < calls.length) {
      const i = next++;
      observations[i] = await runner.run(calls[i], timeoutMs);
      limits.finished(i);
      finished++;
      for (const f of timed) if (f.afterCalls === finished) await applyFault(runtime, f);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));
  limits.sample();
  return { observations, durationMs: performance.now() - started, ...limits.report() };
}
