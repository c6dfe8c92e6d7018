// Kinds by API group: a policy.linkerd.io AuthorizationPolicy is not Istio's, a Gateway API Gateway not an Istio Gateway.
import { schemaKinds } from './apiSchema';
import { apiGroup, type Resource } from './types';
import type { WorkspaceIndex } from './workspace';

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

/**
 * Groups of kinds the tool reads that have no vendored schema (schemas/api): their operators' CRDs. A kind name
 * without a group means one of these, or a group whose vendored schema has the kind.
 */
const UNVENDORED_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Certificate: [CERT_MANAGER],
  Issuer: [CERT_MANAGER],
  ClusterIssuer: [CERT_MANAGER],
  ExternalSecret: [EXTERNAL_SECRETS],
  ClusterExternalSecret: [EXTERNAL_SECRETS],
  SecretStore: [EXTERNAL_SECRETS],
  ClusterSecretStore: [EXTERNAL_SECRETS],
  SealedSecret: [SEALED_SECRETS],
  SecretProviderClass: ['secrets-store.csi.x-k8s.io'],
  VaultStaticSecret: ['secrets.hashicorp.com'],
  VaultDynamicSecret: ['secrets.hashicorp.com'],
  InfisicalSecret: ['secrets.infisical.com'],
  OnePasswordItem: ['onepassword.com'],
  ServiceMonitor: ['monitoring.coreos.com'],
  PodMonitor: ['monitoring.coreos.com'],
  IstioOperator: [ISTIO_INSTALL],
  Istio: [SAIL_OPERATOR],
};

let groupsByKind: Map<string, string[]> | undefined;

/**
 * The API groups a kind name written without its group stands for: those of the vendored schemas that serve it
 * (AuthorizationPolicy: security.istio.io; Gateway: networking.istio.io and gateway.networking.k8s.io) and the
 * operators' groups above. A policy.linkerd.io AuthorizationPolicy is in none of them.
 */
export function groupsOfKind(kind: string): readonly string[] {
  if (!groupsByKind) {
    groupsByKind = new Map();
    for (const key of schemaKinds()) {
      const [group, , name] = key.split('/');
      const groups = groupsByKind.get(name) ?? [];
      if (!groups.includes(group)) groupsByKind.set(name, [...groups, group]);
    }
    for (const [name, groups] of Object.entries(UNVENDORED_GROUPS)) groupsByKind.set(name, [...(groupsByKind.get(name) ?? []), ...groups]);
  }
  return groupsByKind.get(kind) ?? [];
}

const parsedKeys = new Map<string, { kind: string; group?: string }>();

/** `Kind.group` (or a core `Kind`) to its parts; a name without a dot is a kind of the groups groupsOfKind gives. */
export function parseKindKey(key: string): { kind: string; group?: string } {
  let parsed = parsedKeys.get(key);
  if (!parsed) {
    const dot = key.indexOf('.');
    parsed = dot < 0 ? { kind: key } : { kind: key.slice(0, dot), group: key.slice(dot + 1) };
    parsedKeys.set(key, parsed);
  }
  return parsed;
}

/**
 * True when the resource is of the kind `key` names: `AuthorizationPolicy.security.istio.io` exactly; a bare
 * `AuthorizationPolicy` in any group groupsOfKind knows for it (core kinds: the core group only).
 */
export function isKindKey(resource: Pick<Resource, 'apiVersion' | 'kind'>, key: string): boolean {
  const { kind, group } = parseKindKey(key);
  if (resource.kind !== kind) return false;
  const actual = apiGroup(resource.apiVersion);
  return group !== undefined ? actual === group : groupsOfKind(kind).includes(actual);
}

/** The workspace's objects of the kinds `keys` name (as isKindKey reads them), kind after kind, each in file order. */
export function ofKinds(index: Pick<WorkspaceIndex, 'byKind'>, ...keys: string[]): Resource[] {
  const out: Resource[] = [];
  for (const key of keys) for (const r of index.byKind(parseKindKey(key).kind)) if (isKindKey(r, key)) out.push(r);
  return out;
}

/** The workspace's objects of `kind` in API group `group` ('' for core), in file order. */
export function resourcesOfKind(index: Pick<WorkspaceIndex, 'byKind'>, group: string, kind: string): Resource[] {
  return index.byKind(kind).filter((r) => apiGroup(r.apiVersion) === group);
}
