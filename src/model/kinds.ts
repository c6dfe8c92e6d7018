// Kinds by API group: a policy.linkerd.io AuthorizationPolicy is not Istio's, a Gateway API Gateway not an Istio Gateway.
import { apiGroup, type Resource } from './types';

export const CORE = '';
export const APPS = 'apps';
export const BATCH = 'batch';
export const RBAC = 'rbac.authorization.k8s.io';
export const K8S_NETWORKING = 'networking.k8s.io';
export const ISTIO_SECURITY = 'security.istio.io';
export const ISTIO_NETWORKING = 'networking.istio.io';
export const ISTIO_TELEMETRY = 'telemetry.istio.io';
export const ISTIO_EXTENSIONS = 'extensions.istio.io';
export const ISTIO_INSTALL = 'install.istio.io';
export const SAIL_OPERATOR = 'sailoperator.io';
export const GATEWAY_API = 'gateway.networking.k8s.io';
export const CERT_MANAGER = 'cert-manager.io';
export const EXTERNAL_SECRETS = 'external-secrets.io';
export const SEALED_SECRETS = 'bitnami.com';

/**
 * The key of a kind in its API group, written as kubectl writes resources: `AuthorizationPolicy.security.istio.io`,
 * `Gateway.gateway.networking.k8s.io`; a core kind is its name alone (`Service`).
 */
export function kindKey(group: string, kind: string): string {
  return group ? `${kind}.${group}` : kind;
}

/** The kind key of a resource, from its apiVersion's group. */
export function resourceKindKey(resource: Pick<Resource, 'apiVersion' | 'kind'>): string {
  return kindKey(apiGroup(resource.apiVersion), resource.kind);
}

/** True when the resource is `kind` of API group `group` (any version); '' is the core group. */
export function isKind(resource: Pick<Resource, 'apiVersion' | 'kind'>, group: string, kind: string): boolean {
  return resource.kind === kind && apiGroup(resource.apiVersion) === group;
}

/**
 * Kinds whose fields decide who may call whom, over what channel, with which identity or permissions: a field the
 * API server drops from one of these changes what the cluster enforces, so it is an error rather than a warning.
 */
export const SECURITY_KINDS: ReadonlySet<string> = new Set([
  kindKey(ISTIO_SECURITY, 'AuthorizationPolicy'),
  kindKey(ISTIO_SECURITY, 'PeerAuthentication'),
  kindKey(ISTIO_SECURITY, 'RequestAuthentication'),
  kindKey(ISTIO_NETWORKING, 'DestinationRule'),
  kindKey(ISTIO_NETWORKING, 'Sidecar'),
  kindKey(ISTIO_NETWORKING, 'ServiceEntry'),
  kindKey(ISTIO_NETWORKING, 'VirtualService'),
  kindKey(ISTIO_NETWORKING, 'Gateway'),
  kindKey(ISTIO_NETWORKING, 'EnvoyFilter'),
  kindKey(ISTIO_EXTENSIONS, 'WasmPlugin'),
  kindKey(K8S_NETWORKING, 'NetworkPolicy'),
  kindKey(GATEWAY_API, 'Gateway'),
  kindKey(GATEWAY_API, 'HTTPRoute'),
  kindKey(GATEWAY_API, 'GRPCRoute'),
  kindKey(GATEWAY_API, 'TLSRoute'),
  kindKey(GATEWAY_API, 'TCPRoute'),
  kindKey(GATEWAY_API, 'ReferenceGrant'),
  kindKey(GATEWAY_API, 'BackendTLSPolicy'),
  kindKey(RBAC, 'Role'),
  kindKey(RBAC, 'ClusterRole'),
  kindKey(RBAC, 'RoleBinding'),
  kindKey(RBAC, 'ClusterRoleBinding'),
]);

export function isSecurityKind(resource: Pick<Resource, 'apiVersion' | 'kind'>): boolean {
  return SECURITY_KINDS.has(resourceKindKey(resource));
}
