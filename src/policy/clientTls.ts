// The client sidecar's TLS decision for one call: DestinationRule TLS as written, else auto mTLS per endpoint.
import { destinationRuleTls, findDestinationRule } from './destinationRule';
import { composedMtlsMode, namespaceMtlsMode } from './peerAuthentication';
import type { Destination, ExplanationStep, Mesh, Workload } from './types';

export interface ClientTlsDecision {
  /** True when the client sends Istio mutual TLS. */
  mtls: boolean;
  /** ISTIO_MUTUAL, MUTUAL, SIMPLE or DISABLE (plaintext) as the client actually sends. */
  mode: string;
  steps: ExplanationStep[];
}

/**
 * Order as in istiod's cluster builder: a client without a sidecar sends plaintext; a DestinationRule TLS
 * setting (subset, port level, top level) is used as written; otherwise auto mTLS: never for mesh-external
 * destinations, not when the Service's namespace-level PeerAuthentication is DISABLE, and per endpoint only
 * to endpoints with a sidecar whose fully composed mode for the target port is not DISABLE.
 */
export function clientTls(mesh: Mesh, client: Workload | undefined, dest: Destination, endpoint: Workload | undefined, subset?: string): ClientTlsDecision {
  const steps: ExplanationStep[] = [];
  const done = (mtls: boolean, mode: string, detail: string, extra: Partial<ExplanationStep> = {}): ClientTlsDecision => {
    steps.push({ step: 'client-tls', ...extra, detail });
    return { mtls, mode, steps };
  };
  if (!client || !client.sidecar) return done(false, 'DISABLE', 'client has no sidecar: sends plaintext');

  const namespace = dest.service?.namespace ?? dest.serviceEntry?.namespace;
  const dr = findDestinationRule(mesh, client, dest.host, namespace);
  const setting = dr ? destinationRuleTls(dr, dest.port, subset) : undefined;
  if (setting) {
    const detail = `${setting.where} mode ${setting.mode}`;
    const src = { policy: setting.policy.source.policy, file: setting.policy.source.file, line: setting.policy.source.line };
    if (setting.mode === 'ISTIO_MUTUAL') return done(true, 'ISTIO_MUTUAL', `${detail}: Istio mTLS as written (auto mTLS does not apply)`, src);
    if (setting.mode === 'DISABLE') return done(false, 'DISABLE', `${detail}: plaintext as written`, src);
    return done(false, setting.mode, `${detail}: TLS with user certificates, not Istio mTLS`, src);
  }
  if (dr) steps.push({ step: 'client-tls', ...dr.source, detail: `no TLS setting for port ${dest.port}: auto mTLS decides` });

  if (dest.external || (dest.serviceEntry && dest.serviceEntry.location === 'MESH_EXTERNAL')) {
    return done(false, 'DISABLE', 'auto mTLS: destination is outside the mesh, plaintext');
  }
  if (!endpoint) return done(false, 'DISABLE', 'auto mTLS: no endpoint known, plaintext');
  if (!dest.service && !dest.serviceEntry) {
    return done(false, 'DISABLE', `no Service in front of ${endpoint.id}: the sidecar forwards pod-IP traffic through PassthroughCluster, plaintext`);
  }
  const serviceNamespace = dest.service?.namespace ?? dest.serviceEntry?.namespace;
  if (serviceNamespace) {
    // The client's istiod decides, with the PeerAuthentications of the client's cluster.
    const ns = namespaceMtlsMode(mesh, client.cluster, serviceNamespace);
    if (ns.mode === 'DISABLE') {
      return done(
        false,
        'DISABLE',
        `auto mTLS: namespace-level PeerAuthentication of ${serviceNamespace} is DISABLE, plaintext for the whole service`,
        ns.policy ? { ...ns.policy.source } : {},
      );
    }
  }
  if (dest.service?.headless) {
    // Passthrough (ORIGINAL_DST) clusters get one TLS setting for every endpoint: mTLS only if all have a sidecar,
    // and no per-endpoint PeerAuthentication check (BestEffortInferServiceMTLSMode, cluster_tls.go).
    const bare = dest.workloads.find((w) => !w.sidecar);
    if (bare) return done(false, 'DISABLE', `auto mTLS: headless Service and endpoint ${bare.id} has no sidecar: plaintext to every endpoint`);
    return done(
      true,
      'ISTIO_MUTUAL',
      'auto mTLS: headless Service whose endpoints all have sidecars: Istio mTLS to every endpoint, whatever their own PeerAuthentication',
    );
  }
  if (!endpoint.sidecar) return done(false, 'DISABLE', `auto mTLS: endpoint ${endpoint.id} has no sidecar, plaintext`);
  const composed = composedMtlsMode(mesh, endpoint, dest.targetPort, client.cluster);
  if (composed.mode === 'DISABLE') {
    return done(false, 'DISABLE', `auto mTLS: endpoint ${endpoint.id} port ${dest.targetPort} composes to DISABLE, plaintext`);
  }
  return done(true, 'ISTIO_MUTUAL', `auto mTLS: endpoint ${endpoint.id} has a sidecar (mode ${composed.mode}), Istio mTLS`);
}
