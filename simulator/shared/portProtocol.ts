// Istio protocol selection for a port (appProtocol, else the port name's prefix), shared by the engines and the traffic generator.
import { matchLabelsSubset } from '../../src/policy/labelSelector';
import type { Mesh, Workload } from '../../src/policy/types';

/** How a sidecar reads a port: HTTP, opaque TCP, or decided by sniffing the first bytes (Istio's default). */
export type PortProtocol = 'http' | 'tcp' | 'sniff';

const HTTP_PROTOCOLS = ['http', 'http2', 'grpc', 'grpc-web'];
const TCP_PROTOCOLS = ['tcp', 'tls', 'mongo', 'mysql', 'redis', 'https'];

/** Istio protocol selection: appProtocol, else the port name's prefix before '-'. */
export function declaredProtocol(name: string | undefined, appProtocol: string | undefined): PortProtocol {
  const p = (appProtocol ?? name?.split('-')[0] ?? '').toLowerCase();
  if (HTTP_PROTOCOLS.includes(p)) return 'http';
  if (TCP_PROTOCOLS.includes(p)) return 'tcp';
  return 'sniff';
}

/**
 * What a call to the workload's port speaks: the Service port in front of it decides, then the container port's name;
 * a sniffed port takes HTTP (Istio detects it). TCP only where the port is declared opaque.
 */
export function callProtocol(mesh: Mesh, workload: Workload, port: number): 'http' | 'tcp' {
  let protocol: PortProtocol = 'sniff';
  for (const svc of mesh.services) {
    if (svc.cluster !== workload.cluster || svc.namespace !== workload.namespace) continue;
    if (Object.keys(svc.selector).length === 0 || !matchLabelsSubset(svc.selector, workload.labels)) continue;
    for (const sp of svc.ports) {
      const target = typeof sp.targetPort === 'number' ? sp.targetPort : workload.ports.find((p) => p.name === sp.targetPort)?.port;
      if (target === port && protocol === 'sniff') protocol = declaredProtocol(sp.name, sp.appProtocol);
    }
  }
  if (protocol === 'sniff') protocol = declaredProtocol(workload.ports.find((p) => p.port === port)?.name, undefined);
  return protocol === 'tcp' ? 'tcp' : 'http';
}
