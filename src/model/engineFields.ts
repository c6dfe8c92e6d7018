// What the policy engine (src/policy) reads of each security kind, field by field, and what a field it does not read may change.
import { apiSchema } from './apiSchema';
import { ISTIO_NETWORKING, ISTIO_SECURITY, K8S_NETWORKING, kindKey, resourceKindKey } from './kinds';
import type { FieldPath } from './position';
import { forEachSchemaField } from './schemaFields';
import type { Resource } from './types';

/**
 * One declared field path (schema notation: `spec.rules[].from[].source.principals`, `{}` for a map's values). A
 * declaration covers the path and everything below it, unless a longer declaration says otherwise.
 */
export type FieldDeclaration =
  | { path: string; modelled: true }
  | {
      path: string;
      modelled: false;
      /** The predictions the field may change, as a finding says it on the field. */
      changes: string;
    };

const modelled = (...paths: string[]): FieldDeclaration[] => paths.map((path) => ({ path, modelled: true }));
const notModelled = (changes: string, ...paths: string[]): FieldDeclaration[] => paths.map((path) => ({ path, modelled: false, changes }));
const under = (prefixes: string[], ...paths: string[]): string[] => prefixes.flatMap((p) => paths.map((q) => `${p}.${q}`));

const SOURCE = 'spec.rules[].from[].source';
const OPERATION = 'spec.rules[].to[].operation';
const TRAFFIC_POLICIES = ['spec.trafficPolicy', 'spec.subsets[].trafficPolicy'];
const PORT_LEVEL = under(TRAFFIC_POLICIES, 'portLevelSettings[]');

/**
 * Every field of every security kind the engine predicts from, as the schema (schemas/api) defines it: read by the
 * engine (`modelled`) or not, with the predictions it may change. test/unit/model/engineFields.test.ts fails when a
 * schema field is neither, so a new Istio or Kubernetes release cannot add a field that predictions silently ignore.
 */
export const ENGINE_FIELDS: Readonly<Record<string, readonly FieldDeclaration[]>> = {
  [kindKey(ISTIO_SECURITY, 'AuthorizationPolicy')]: [
    ...modelled(
      'spec.action',
      'spec.provider.name',
      'spec.selector.matchLabels',
      'spec.targetRef.kind',
      'spec.targetRef.name',
      'spec.targetRefs[].kind',
      'spec.targetRefs[].name',
    ),
    ...notModelled(
      'the engine attaches policies by targetRef kind and name in the policy namespace only: a policy naming another group or namespace may apply where the prediction says it does not',
      'spec.targetRef.group',
      'spec.targetRef.namespace',
      'spec.targetRefs[].group',
      'spec.targetRefs[].namespace',
    ),
    ...modelled(
      ...under(
        [SOURCE],
        'principals',
        'notPrincipals',
        'requestPrincipals',
        'notRequestPrincipals',
        'namespaces',
        'notNamespaces',
        'serviceAccounts',
        'notServiceAccounts',
        'ipBlocks',
        'notIpBlocks',
        'remoteIpBlocks',
        'notRemoteIpBlocks',
      ),
    ),
    ...notModelled(
      'the engine does not match callers by trust domain: it treats this source as matching every caller, so allow and deny predictions for calls to the selected workloads may be wrong',
      `${SOURCE}.trustDomains`,
      `${SOURCE}.notTrustDomains`,
    ),
    ...modelled(...under([OPERATION], 'hosts', 'notHosts', 'ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths')),
    ...modelled('spec.rules[].when[].key', 'spec.rules[].when[].values', 'spec.rules[].when[].notValues'),
  ],
  [kindKey(ISTIO_SECURITY, 'PeerAuthentication')]: [...modelled('spec.selector.matchLabels', 'spec.mtls.mode', 'spec.portLevelMtls{}.mode')],
  [kindKey(ISTIO_SECURITY, 'RequestAuthentication')]: [
    ...modelled(
      'spec.selector.matchLabels',
      'spec.jwtRules[].issuer',
      'spec.jwtRules[].audiences',
      'spec.jwtRules[].fromHeaders[].name',
      'spec.jwtRules[].fromHeaders[].prefix',
      'spec.jwtRules[].fromParams',
      'spec.jwtRules[].fromCookies',
      'spec.jwtRules[].spaceDelimitedClaims',
    ),
    ...notModelled(
      'the engine applies RequestAuthentication to sidecars by workload selector only: JWT predictions for calls through the targeted gateway or waypoint ignore this policy',
      'spec.targetRef',
      'spec.targetRefs',
    ),
    ...notModelled(
      'the engine cannot verify signatures: a token signed with a key the proxy does not trust, or whose keys it cannot fetch in time, is predicted as authenticated',
      'spec.jwtRules[].jwks',
      'spec.jwtRules[].jwksUri',
      'spec.jwtRules[].jwks_uri',
      'spec.jwtRules[].timeout',
    ),
    ...notModelled(
      'changes what the upstream receives, not whether a call is allowed or over mTLS: predictions of header-based routes and conditions further on may differ',
      'spec.jwtRules[].forwardOriginalToken',
      'spec.jwtRules[].outputPayloadToHeader',
      'spec.jwtRules[].outputClaimToHeaders',
    ),
  ],
  [kindKey(ISTIO_NETWORKING, 'DestinationRule')]: [
    ...modelled('spec.host', 'spec.exportTo', 'spec.workloadSelector.matchLabels', 'spec.subsets[].name', 'spec.subsets[].labels'),
    ...modelled(...under([...TRAFFIC_POLICIES, ...PORT_LEVEL], 'tls.mode'), ...under(PORT_LEVEL, 'port.number')),
    ...notModelled(
      'the engine takes the TLS mode as the channel and does not check certificates, SNI or SANs: a call predicted over TLS may fail its handshake',
      ...under(
        [...TRAFFIC_POLICIES, ...PORT_LEVEL],
        'tls.caCertificates',
        'tls.caCrl',
        'tls.clientCertificate',
        'tls.credentialName',
        'tls.insecureSkipVerify',
        'tls.privateKey',
        'tls.sni',
        'tls.subjectAltNames',
      ),
    ),
    ...notModelled(
      'the engine assumes no connection limits or ejection: calls predicted as allowed may fail with 503 (overflow or no healthy upstream)',
      ...under([...TRAFFIC_POLICIES, ...PORT_LEVEL], 'connectionPool', 'outlierDetection'),
      ...under(TRAFFIC_POLICIES, 'retryBudget'),
    ),
    ...notModelled(
      'the engine picks endpoints without these settings: which endpoint (and so which cluster or locality) a call reaches may differ from the prediction',
      ...under([...TRAFFIC_POLICIES, ...PORT_LEVEL], 'loadBalancer'),
    ),
    ...notModelled(
      'the engine assumes direct connections: the channel and source address the server sees may differ from the prediction',
      ...under(TRAFFIC_POLICIES, 'tunnel', 'proxyProtocol'),
    ),
  ],
  [kindKey(ISTIO_NETWORKING, 'Sidecar')]: [
    ...modelled('spec.workloadSelector.labels', 'spec.outboundTrafficPolicy.mode', 'spec.egress[].hosts'),
    ...notModelled(
      'the engine scopes egress by hosts only: a listener bound to a port, address or capture mode may make calls on other ports fail or bypass the sidecar where the prediction says they pass',
      'spec.egress[].port',
      'spec.egress[].bind',
      'spec.egress[].captureMode',
    ),
    ...notModelled(
      "the engine assumes the default inbound listeners: these listeners' TLS, ports and connection limits may reject calls predicted as allowed, or take plaintext where the prediction says mTLS",
      'spec.ingress',
      'spec.inboundConnectionPool',
    ),
    ...notModelled(
      'the engine assumes no egress proxy: calls to hosts outside the registry are predicted as blocked or direct where they go through the proxy',
      'spec.outboundTrafficPolicy.egressProxy',
    ),
  ],
  [kindKey(ISTIO_NETWORKING, 'ServiceEntry')]: [
    ...modelled(
      'spec.hosts',
      'spec.addresses',
      'spec.exportTo',
      'spec.location',
      'spec.workloadSelector.labels',
      'spec.ports[].number',
      'spec.ports[].protocol',
      'spec.ports[].name',
      'spec.ports[].targetPort',
    ),
    // Resolution and the endpoints' addresses and ports decide where NetworkPolicy egress sees the call go.
    ...modelled('spec.resolution', 'spec.endpoints[].address', 'spec.endpoints[].ports'),
    ...notModelled(
      'the engine routes calls to the host itself (endpoint addresses only decide NetworkPolicy egress): predictions ignore the networks, localities, weights, labels and service accounts of explicit endpoints',
      'spec.endpoints[].network',
      'spec.endpoints[].locality',
      'spec.endpoints[].weight',
      'spec.endpoints[].labels',
      'spec.endpoints[].serviceAccount',
    ),
    ...notModelled(
      'the engine does not verify server names: a call predicted over mTLS may fail when the server certificate does not carry these names',
      'spec.subjectAltNames',
    ),
  ],
  [kindKey(ISTIO_NETWORKING, 'VirtualService')]: [
    ...modelled('spec.hosts', 'spec.gateways', 'spec.exportTo'),
    ...modelled(...under(['spec.http[].match[]'], 'port', 'sourceLabels', 'sourceNamespace', 'uri', 'method', 'headers')),
    ...modelled(...under(['spec.tcp[].match[]'], 'port', 'sourceLabels', 'sourceNamespace')),
    ...modelled(...under(['spec.http[].route[]', 'spec.tcp[].route[]'], 'destination', 'weight')),
    ...notModelled(
      'the engine treats this match condition as met: a call may be predicted to take this route when it takes another',
      ...under(['spec.http[].match[]'], 'authority', 'gateways', 'ignoreUriCase', 'name', 'queryParams', 'scheme', 'statPrefix', 'withoutHeaders'),
      ...under(['spec.tcp[].match[]'], 'destinationSubnets', 'gateways', 'sourceSubnet'),
    ),
    ...notModelled('the engine routes TLS passthrough calls by default routing: predictions ignore these routes', 'spec.tls'),
    ...notModelled(
      'the engine follows route destinations only: redirects, direct responses, delegation, rewrites, faults, retries and timeouts may answer or fail a call predicted to reach its destination',
      ...under(['spec.http[]'], 'redirect', 'directResponse', 'delegate', 'rewrite', 'fault', 'retries', 'timeout'),
    ),
    ...notModelled(
      'changes headers, mirrors or CORS, not the destination: AuthorizationPolicy conditions on those headers and the mirrored calls are not predicted',
      ...under(['spec.http[]'], 'headers', 'mirror', 'mirrors', 'mirrorPercent', 'mirror_percent', 'mirrorPercentage', 'corsPolicy', 'name'),
      'spec.http[].route[].headers',
    ),
  ],
  [kindKey(ISTIO_NETWORKING, 'Gateway')]: [
    ...modelled('spec.selector'),
    ...notModelled(
      'the engine predicts calls through the gateway from its selector and the VirtualServices bound to it, whatever hosts, ports and TLS its servers accept',
      'spec.servers',
    ),
  ],
  [kindKey(K8S_NETWORKING, 'NetworkPolicy')]: [
    ...modelled('spec.podSelector', 'spec.policyTypes'),
    ...modelled(...under(['spec.ingress[].from[]', 'spec.egress[].to[]'], 'podSelector', 'namespaceSelector', 'ipBlock.cidr', 'ipBlock.except')),
    ...modelled(...under(['spec.ingress[].ports[]', 'spec.egress[].ports[]'], 'port', 'endPort', 'protocol')),
  ],
};

/** The declaration that decides a schema path: the longest declared path equal to it or above it. */
export function declarationFor(kind: string, schemaPath: string): FieldDeclaration | undefined {
  let best: FieldDeclaration | undefined;
  for (const d of ENGINE_FIELDS[kind] ?? []) {
    const covers = schemaPath === d.path || schemaPath.startsWith(`${d.path}.`) || schemaPath.startsWith(`${d.path}[]`) || schemaPath.startsWith(`${d.path}{}`);
    if (covers && (!best || d.path.length > best.path.length)) best = d;
  }
  return best;
}

/** A field an object sets that the engine does not model: where it is, and what it may change. */
export interface NotModelledField {
  /** Field path in the object, for a finding's position. */
  path: FieldPath;
  /** The declared schema path (`spec.trafficPolicy.connectionPool`). */
  schemaPath: string;
  changes: string;
}

/**
 * The fields `resource` sets that the policy engine does not model, outermost only (a not-modelled map is one entry,
 * not one per key under it). Empty for kinds the engine does not predict from or that have no vendored schema.
 * For ZT0008 on the field, and for a prediction's caveats about the policies it used.
 */
export function notModelledFields(resource: Pick<Resource, 'apiVersion' | 'kind' | 'obj'>): NotModelledField[] {
  const kind = resourceKindKey(resource);
  const table = declaredPaths(kind);
  if (!table) return [];
  const api = apiSchema(resource.apiVersion, resource.kind);
  if (!api) return [];
  const out: NotModelledField[] = [];
  forEachSchemaField(api, resource.obj, (path, schemaPath) => {
    const declared = table.exact.get(schemaPath);
    if (declared && !declared.modelled) {
      out.push({ path: [...path], schemaPath, changes: declared.changes });
      return false;
    }
    // Nothing is declared below a field the table does not lead to: its subtree is not walked.
    return table.leadsTo.has(schemaPath);
  });
  return out;
}

interface DeclaredPaths {
  exact: Map<string, FieldDeclaration>;
  /** Every declared path and every field path above one, as forEachSchemaField writes them. */
  leadsTo: Set<string>;
}

const declaredByKind = new Map<string, DeclaredPaths | undefined>();

function declaredPaths(kind: string): DeclaredPaths | undefined {
  if (declaredByKind.has(kind)) return declaredByKind.get(kind);
  const declarations = ENGINE_FIELDS[kind];
  let table: DeclaredPaths | undefined;
  if (declarations) {
    table = { exact: new Map(declarations.map((d) => [d.path, d])), leadsTo: new Set() };
    for (const d of declarations) {
      table.leadsTo.add(d.path);
      for (let dot = d.path.indexOf('.'); dot >= 0; dot = d.path.indexOf('.', dot + 1)) table.leadsTo.add(d.path.slice(0, dot).replace(/(\[\]|\{\})$/, ''));
    }
  }
  declaredByKind.set(kind, table);
  return table;
}
