// What the receiving side accepts: a bare app, or a sidecar's PeerAuthentication mode and trust domain validation.
import type { ClientTlsDecision } from './clientTls';
import { clusterOf } from './meshQueries';
import { composedMtlsMode } from './peerAuthentication';
import type { ExplanationStep, Mesh, Workload } from './types';

/**
 * True when the connection is accepted. A workload without a sidecar takes plaintext only; STRICT rejects
 * anything but Istio mTLS; DISABLE passes TLS bytes to an application that cannot read them; and a sidecar
 * accepts peers only from its trust domain and aliases (PILOT_SKIP_VALIDATE_TRUST_DOMAIN off by default).
 */
export function serverAccepts(mesh: Mesh, source: Workload, endpoint: Workload, tls: ClientTlsDecision, targetPort: number, steps: ExplanationStep[]): boolean {
  if (!endpoint.sidecar) {
    if (tls.mode !== 'DISABLE') {
      steps.push({ step: 'peer-authentication', detail: `${endpoint.id} has no sidecar: it accepts plaintext only, the client's ${tls.mode} handshake fails` });
      return false;
    }
    steps.push({ step: 'peer-authentication', detail: `${endpoint.id} has no sidecar: plaintext accepted, no mesh policy enforced` });
    return true;
  }
  const pa = composedMtlsMode(mesh, endpoint, targetPort);
  steps.push(...pa.steps);
  if (pa.mode === 'STRICT' && !tls.mtls) {
    steps.push({ step: 'peer-authentication', detail: `STRICT rejects a ${tls.mode === 'DISABLE' ? 'plaintext' : `${tls.mode} (non-Istio TLS)`} connection` });
    return false;
  }
  if (pa.mode === 'DISABLE' && tls.mtls) {
    steps.push({
      step: 'peer-authentication',
      detail: 'DISABLE: the sidecar does not terminate mTLS; the application receives a TLS handshake it cannot read',
    });
    return false;
  }
  if (tls.mtls) {
    const server = clusterOf(mesh, endpoint.cluster);
    const peerDomain = clusterOf(mesh, source.cluster).trustDomain;
    if (peerDomain !== server.trustDomain && !server.trustDomainAliases.includes(peerDomain)) {
      steps.push({
        step: 'peer-authentication',
        detail: `peer trust domain ${peerDomain} is neither ${server.trustDomain} nor one of its aliases: the sidecar of ${endpoint.id} rejects the connection`,
      });
      return false;
    }
  }
  return true;
}
