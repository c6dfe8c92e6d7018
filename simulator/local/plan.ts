// What the local sandbox will run for a mesh: one loopback address per workload, its ports, one gateway per network.
import { createHash } from 'node:crypto';
import { hasNetworkGateway } from '../../src/policy/eastWest';
import { matchLabelsSubset } from '../../src/policy/labelSelector';
import type { Mesh, Workload } from '../../src/policy/types';
import { declaredProtocol, type PortProtocol } from '../shared/portProtocol';

/** Istio's outbound capture port and east-west gateway AUTO_PASSTHROUGH port. */
export const OUTBOUND_PORT = 15001;
export const GATEWAY_PORT = 15443;
/** Ports the sidecar keeps for itself (Istio's 150xx range); an app port there cannot run. */
const RESERVED_PORTS = new Set([15000, 15001, 15004, 15006, 15008, 15020, 15021, 15053, 15090]);

export type { PortProtocol };

export interface PlannedPort {
  port: number;
  protocol: PortProtocol;
}

export interface PlannedWorkload {
  workload: Workload;
  address: string;
  network: string;
  ports: PlannedPort[];
}

export interface PlannedGateway {
  network: string;
  address: string;
  port: number;
  /** The east-west gateway Deployment of the manifests (label istio=eastwestgateway), when there is one. */
  workload?: Workload;
}

/** Istio's installer labels east-west gateway pods this way; the sandbox's gateway process stands in for them. */
export function isEastWestGateway(w: Workload): boolean {
  return w.labels.istio === 'eastwestgateway';
}

export interface SandboxPlan {
  workloads: PlannedWorkload[];
  gateways: PlannedGateway[];
  /** Workloads or ports that cannot run, reported and skipped. */
  notices: string[];
}

/**
 * A second octet per sandbox folder, so two sandboxes on one machine (a test and the demo) never
 * collide on addresses. Workloads are 127.B.hi.lo, gateways 127.B.255.n.
 */
export function addressBlockFor(stateDir: string): number {
  return 20 + (createHash('sha256').update(stateDir).digest()[0] % 200);
}

function workloadAddress(block: number, index: number): string {
  const n = index + 1;
  return `127.${block}.${n >> 8}.${n & 255}`;
}

export function planSandbox(mesh: Mesh, block: number): SandboxPlan {
  const notices: string[] = [];
  const networkOf = new Map(mesh.clusters.map((c) => [c.name, c.network]));
  const workloads: PlannedWorkload[] = [];
  for (const workload of mesh.workloads) {
    if (isEastWestGateway(workload)) continue;
    if (workloads.length >= 255 * 256 - 1) {
      notices.push(`${workload.id}: skipped, more than ${255 * 256 - 1} workloads`);
      continue;
    }
    const ports = new Map<number, PlannedPort>();
    for (const p of workload.ports) {
      if (p.protocol !== 'TCP') {
        notices.push(`${workload.id}: port ${p.port}/${p.protocol} skipped (the sandbox runs TCP only)`);
        continue;
      }
      ports.set(p.port, { port: p.port, protocol: declaredProtocol(p.name, undefined) });
    }
    // Services may target ports a container never declares; Kubernetes still routes them.
    for (const svc of mesh.services) {
      if (svc.cluster !== workload.cluster || svc.namespace !== workload.namespace) continue;
      // A Service without a selector has hand-managed endpoints; the sandbox cannot know them.
      const selected = Object.keys(svc.selector).length > 0 && matchLabelsSubset(svc.selector, workload.labels);
      if (!selected) continue;
      for (const sp of svc.ports) {
        if (sp.protocol !== 'TCP') continue;
        const target = typeof sp.targetPort === 'number' ? sp.targetPort : workload.ports.find((p) => p.name === sp.targetPort)?.port;
        if (target === undefined) {
          notices.push(`${workload.id}: Service ${svc.namespace}/${svc.name} port ${sp.port} targets '${sp.targetPort}', which no container declares; skipped`);
          continue;
        }
        const declared = declaredProtocol(sp.name, sp.appProtocol);
        const existing = ports.get(target);
        if (!existing || existing.protocol === 'sniff')
          ports.set(target, { port: target, protocol: declared === 'sniff' ? (existing?.protocol ?? 'sniff') : declared });
      }
    }
    for (const port of [...ports.keys()]) {
      if (RESERVED_PORTS.has(port) || port < 1 || port > 65535) {
        notices.push(`${workload.id}: port ${port} skipped (reserved by the sidecar or out of range)`);
        ports.delete(port);
      }
    }
    if (ports.size === 0) notices.push(`${workload.id}: no ports; runs as a client only`);
    workloads.push({
      workload,
      address: workloadAddress(block, workloads.length),
      network: networkOf.get(workload.cluster) ?? workload.cluster,
      ports: [...ports.values()].sort((a, b) => a.port - b.port),
    });
  }
  // istiod only routes to a network through a gateway it knows of; networks without one get no gateway process.
  const networks = [...new Set(mesh.clusters.filter((c) => hasNetworkGateway(mesh, c.name, c.network)).map((c) => c.network))].sort();
  const gateways = networks.map((network, i) => {
    const clusters = new Set(mesh.clusters.filter((c) => c.network === network).map((c) => c.name));
    const workload = mesh.workloads.find((w) => clusters.has(w.cluster) && isEastWestGateway(w));
    return { network, address: `127.${block}.255.${i + 1}`, port: GATEWAY_PORT, ...(workload ? { workload } : {}) };
  });
  return { workloads, gateways, notices };
}
