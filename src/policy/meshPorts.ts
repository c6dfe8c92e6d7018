// Ports as the manifests declare them: container ports, Service and ServiceEntry ports, Istio's protocol selection.
import type { Resource } from '../model/types';
import { containersOf } from '../model/workloads';
import type { ServicePort, WorkloadPort } from './types';

function protocolOf(v: unknown): 'TCP' | 'UDP' | 'SCTP' {
  return v === 'UDP' || v === 'SCTP' ? v : 'TCP';
}

/** The ports a workload's app containers declare (`containers`, not init or ephemeral ones). */
export function containerPorts(r: Resource): WorkloadPort[] {
  const out: WorkloadPort[] = [];
  for (const c of containersOf(r)) {
    if (c.group !== 'containers') continue;
    const ports = c.container.ports;
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (!p || typeof p !== 'object') continue;
      const port = Number((p as Record<string, unknown>).containerPort);
      if (!Number.isInteger(port)) continue;
      const name = (p as Record<string, unknown>).name;
      out.push({ port, protocol: protocolOf((p as Record<string, unknown>).protocol), ...(typeof name === 'string' ? { name } : {}) });
    }
  }
  return out;
}

/** Istio protocol selection: explicit appProtocol, else the port name's prefix before '-'. */
export function istioProtocol(name: string | undefined, appProtocol: unknown): string | undefined {
  if (typeof appProtocol === 'string' && appProtocol) return appProtocol.toLowerCase().replace(/^kubernetes\.io\//, '');
  if (!name) return undefined;
  const prefix = name.toLowerCase().split('-')[0];
  return KNOWN_PROTOCOLS.has(prefix) ? prefix : undefined;
}
const KNOWN_PROTOCOLS = new Set(['http', 'http2', 'https', 'grpc', 'grpc-web', 'tcp', 'tls', 'mongo', 'mysql', 'redis', 'udp', 'h2c', 'ws', 'wss']);

/** `spec.ports` of a Service (port, targetPort, appProtocol) or a ServiceEntry (number, protocol). */
export function readServicePorts(value: unknown, kind: 'Service' | 'ServiceEntry'): ServicePort[] {
  if (!Array.isArray(value)) return [];
  const out: ServicePort[] = [];
  for (const p of value) {
    if (!p || typeof p !== 'object') continue;
    const o = p as Record<string, unknown>;
    const port = Number(kind === 'Service' ? o.port : (o.number ?? o.port));
    if (!Number.isInteger(port)) continue;
    const name = typeof o.name === 'string' ? o.name : undefined;
    const rawTarget = o.targetPort;
    const targetPort =
      rawTarget === undefined || rawTarget === null
        ? port
        : typeof rawTarget === 'number'
          ? rawTarget
          : /^\d+$/.test(String(rawTarget))
            ? Number(rawTarget)
            : String(rawTarget);
    const appProtocol =
      kind === 'ServiceEntry'
        ? typeof o.protocol === 'string'
          ? o.protocol.toLowerCase()
          : istioProtocol(name, undefined)
        : istioProtocol(name, o.appProtocol);
    out.push({
      port,
      targetPort,
      protocol: kind === 'Service' ? protocolOf(o.protocol) : appProtocol === 'udp' ? 'UDP' : 'TCP',
      ...(name ? { name } : {}),
      ...(appProtocol ? { appProtocol } : {}),
    });
  }
  return out;
}
