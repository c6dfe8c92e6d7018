// Whether Istio's sidecar injector gives a pod a sidecar (istio-sidecar-injector webhook selectors + injection policy).

/** Namespaces Istio's injector never touches. */
const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public']);
const TRUE_VALUES = new Set(['y', 'yes', 'true', 'on', 'enabled']);

/**
 * Mirrors the default webhook configuration: the namespace webhook fires for `istio-injection=enabled` or an
 * `istio.io/rev` label (without `istio-injection`); the object webhook fires for pod label
 * `sidecar.istio.io/inject=true` or `istio.io/rev` unless the namespace says `istio-injection=disabled`. Pod label
 * `sidecar.istio.io/inject=false` excludes the pod from both. Once the webhook fires, the annotation
 * `sidecar.istio.io/inject` can still turn injection off. Host-network pods are never injected.
 * Manifests that already carry an istio-proxy container (istioctl kube-inject) count as injected.
 */
export function sidecarInjected(
  namespaceLabels: Record<string, string>,
  podLabels: Record<string, string>,
  podAnnotations: Record<string, string>,
  podSpec: Record<string, unknown>,
  containerNames: string[],
  namespace: string,
): boolean {
  if (containerNames.includes('istio-proxy')) return true;
  if (IGNORED_NAMESPACES.has(namespace)) return false;
  if (podSpec.hostNetwork === true) return false;
  const podLabel = podLabels['sidecar.istio.io/inject'];
  if (podLabel === 'false') return false;
  const nsInjection = namespaceLabels['istio-injection'];
  if (nsInjection === 'disabled') return false;
  const namespaceWebhook = nsInjection === 'enabled' || (nsInjection === undefined && namespaceLabels['istio.io/rev'] !== undefined);
  const objectWebhook = podLabel === 'true' || podLabels['istio.io/rev'] !== undefined;
  if (!namespaceWebhook && !objectWebhook) return false;
  const annotation = podAnnotations['sidecar.istio.io/inject'];
  if (annotation !== undefined && !TRUE_VALUES.has(annotation.toLowerCase())) return false;
  return true;
}
