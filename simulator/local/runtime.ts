// Runs a mesh on loopback inside this process: PKI, identities, apps, sidecars and gateways; the supervisor hosts one of these.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:net';
import type { Mesh } from '../../src/policy/types';
import { AccessLog } from './accessLog';
import { AppClient } from './appClient';
import { startEchoApp } from './echoApp';
import { startGateway } from './gateway';
import { WorkloadIdentity } from './identity';
import { IdleConnections, idleConnectionBudget } from './idleConnections';
import { startInbound } from './inbound';
import { closeServer, openConnectionCount } from './listen';
import { descriptorLimit, openDescriptors, type ProxyKind, type SupervisorResources } from './resources';
import { startOutbound, type Outbound } from './outbound';
import { createSandboxPki, type SandboxPki } from '../shared/pki';
import { planSandbox, type PlannedWorkload } from './plan';
import type { RuntimeContext } from './runtimeContext';
import type { PortStatus, RuntimeStatus } from './controlApi';

export interface RuntimeOptions {
  /** Second octet of the sandbox's loopback block (see addressBlockFor). */
  block: number;
  certLifetimeMs: number;
  /** Where workload keys are written (0600); memory only when absent. */
  certDir?: string;
  upstreamTimeoutMs?: number;
  /** Idle pooled connections kept across the sandbox; by default a quarter of the open-file limit (idleConnections.ts). */
  idleConnections?: number;
}

const ISSUE_BATCH = 4;

interface PortListeners {
  status: PortStatus;
  servers: Server[];
}

export class SandboxRuntime {
  private readonly servers: Server[] = [];
  /** The same listeners by kind, for the connection counts of status. */
  private readonly serversByKind = new Map<Server, ProxyKind>();
  private readonly ports = new Map<string, PortListeners[]>();
  /** TLS contexts still to build after `up` returns (see prepareTls). */
  private readonly tlsToPrepare: (() => void)[] = [];
  private stopped = false;
  /** address:port of listeners stopped by the listener-dies fault, so replay can name that fault. */
  readonly killed = new Set<string>();
  /** The calling apps' HTTP client: replay sends opaque TCP calls, and calls from fixed source ports, through it. */
  readonly apps = new AppClient();
  /** Each sidecar's outbound side by workload id: replay hands HTTP calls to it directly. */
  readonly sidecars = new Map<string, Outbound>();

  private constructor(
    readonly ctx: RuntimeContext,
    readonly pki: SandboxPki,
    private readonly certDir: string | undefined,
  ) {}

  static async start(mesh: Mesh, options: RuntimeOptions): Promise<SandboxRuntime> {
    const plan = planSandbox(mesh, options.block);
    const pki = await createSandboxPki({ clusters: mesh.clusters.map((c) => c.name) });
    const ctx: RuntimeContext = {
      mesh,
      plan,
      log: new AccessLog(),
      rootPem: pki.root.certPem,
      byAddress: new Map(plan.workloads.map((p) => [p.address, p])),
      byId: new Map(plan.workloads.map((p) => [p.workload.id, p])),
      identities: new Map(),
      gateways: new Map(plan.gateways.map((g) => [g.network, g])),
      upstreamTimeoutMs: options.upstreamTimeoutMs ?? 5_000,
      stats: { mtlsHandshakes: 0 },
      idle: new IdleConnections(options.idleConnections ?? idleConnectionBudget()),
    };
    const runtime = new SandboxRuntime(ctx, pki, options.certDir);
    try {
      await runtime.issueIdentities(options);
      await Promise.all(plan.workloads.map((p) => runtime.startWorkload(p)));
      for (const gateway of plan.gateways) runtime.track('gateway', await startGateway(ctx, gateway));
    } catch (err) {
      await runtime.stop();
      throw err;
    }
    runtime.prepareTls();
    return runtime;
  }

  private async issueIdentities(options: RuntimeOptions): Promise<void> {
    // Istio issues certificates to sidecars only; a workload without one has no mesh identity.
    const withSidecar = this.ctx.plan.workloads.filter((p) => p.workload.sidecar);
    // A few at a time: hundreds of key generations at once only queue up behind each other in the crypto pool.
    const issue = async (p: PlannedWorkload) => {
      const w = p.workload;
      const identity = new WorkloadIdentity(w.spiffeId, this.pki.intermediates[w.cluster], {
        lifetimeMs: options.certLifetimeMs,
        rootPem: this.pki.root.certPem,
        keyDir: options.certDir ? join(options.certDir, w.cluster, w.namespace, w.name) : undefined,
      });
      await identity.start();
      this.ctx.identities.set(w.id, identity);
    };
    for (let i = 0; i < withSidecar.length; i += ISSUE_BATCH) await Promise.all(withSidecar.slice(i, i + ISSUE_BATCH).map(issue));
  }

  private async startWorkload(p: PlannedWorkload): Promise<void> {
    const sidecar = p.workload.sidecar;
    const listeners: PortListeners[] = [];
    for (const port of p.ports) {
      const app = await startEchoApp(this.ctx, p, port, !sidecar);
      const servers = [app.server];
      const status: PortStatus = { port: port.port, protocol: port.protocol, appPort: app.port, running: true };
      if (sidecar) {
        const inbound = await startInbound(this.ctx, p, port, app.port);
        servers.push(inbound.server);
        this.tlsToPrepare.push(inbound.prepareTls);
        status.mtlsMode = inbound.mode;
      }
      this.track('app', app.server);
      if (servers[1]) this.track('inbound', servers[1]);
      listeners.push({ status, servers });
    }
    if (sidecar) {
      const outbound = await startOutbound(this.ctx, p);
      this.track('outbound', outbound.server);
      this.sidecars.set(p.workload.id, outbound);
      const identity = this.ctx.identities.get(p.workload.id);
      if (identity) this.tlsToPrepare.push(() => void identity.secureContext);
    }
    this.ports.set(p.workload.id, listeners);
  }

  private track(kind: ProxyKind, server: Server): void {
    this.servers.push(server);
    this.serversByKind.set(server, kind);
  }

  /** Descriptors against the open-file limit, and connections open per listener kind. */
  resources(): SupervisorResources {
    const connections: Record<ProxyKind, number> = { app: 0, inbound: 0, outbound: 0, gateway: 0 };
    for (const [server, kind] of this.serversByKind) connections[kind] += openConnectionCount(server);
    const descriptors = openDescriptors();
    const limit = descriptorLimit();
    return {
      ...(descriptors !== undefined ? { descriptors } : {}),
      ...(limit !== undefined ? { descriptorLimit: limit } : {}),
      connections,
      idlePooled: this.ctx.idle.size,
    };
  }

  /**
   * Builds every sidecar's TLS contexts (client and server side) once the sandbox is up, one per turn of the event
   * loop: `up` returns as soon as the listeners are ready, and the first call to each workload does not pay for them.
   */
  private prepareTls(): void {
    const next = () => {
      const prepare = this.tlsToPrepare.shift();
      if (!prepare || this.stopped) return;
      prepare();
      setImmediate(next).unref();
    };
    setImmediate(next).unref();
  }

  status(): RuntimeStatus {
    return {
      workloads: this.ctx.plan.workloads.map((p) => {
        const identity = this.ctx.identities.get(p.workload.id);
        return {
          id: p.workload.id,
          address: p.address,
          network: p.network,
          identity: p.workload.spiffeId,
          sidecar: p.workload.sidecar,
          ports: (this.ports.get(p.workload.id) ?? []).map((l) => ({ ...l.status })),
          ...(identity
            ? { certSerial: identity.certificate.serialNumber, certExpiresAt: identity.certificate.notAfter.toISOString(), rotations: identity.rotations }
            : {}),
        };
      }),
      gateways: this.ctx.plan.gateways.map((g) => ({
        network: g.network,
        address: g.address,
        port: g.port,
        ...(g.workload ? { workload: g.workload.id } : {}),
      })),
      notices: this.ctx.plan.notices,
      resources: this.resources(),
    };
  }

  /** Fault: the listeners of a workload port die (connections cut, new ones refused). */
  async killListener(workloadId: string, port: number): Promise<boolean> {
    const listeners = this.ports.get(workloadId)?.find((l) => l.status.port === port);
    const planned = this.ctx.byId.get(workloadId);
    if (!listeners || !planned || !listeners.status.running) return false;
    listeners.status.running = false;
    this.killed.add(`${planned.address}:${port}`);
    await Promise.all(listeners.servers.map((s) => closeServer(s)));
    return true;
  }

  /** Fault: a workload's certificate expires and is not rotated any more. */
  async expireCertificate(workloadId: string): Promise<boolean> {
    const identity = this.ctx.identities.get(workloadId);
    if (!identity) return false;
    await identity.expire();
    return true;
  }

  /** Closes the pooled connections no call is using: the next call of every route makes a new handshake. */
  closeIdleConnections(): void {
    this.ctx.idle.closeAll();
  }

  /** Stops every listener and timer; removes the key files. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.ctx.idle.closeAll();
    for (const identity of this.ctx.identities.values()) identity.stop();
    this.apps.close();
    await Promise.all(this.servers.map((s) => closeServer(s)));
    if (this.certDir) rmSync(this.certDir, { recursive: true, force: true });
  }
}
