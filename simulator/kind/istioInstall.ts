// Istio multi-primary, multi-network manifests per cluster: the control plane, the east-west gateway and the expose-services Gateway.
import { stringify } from 'yaml';
import type { WorkspaceIndex } from '../../src/model/workspace';
import { ACCESS_LOG_FORMAT } from './accessLog';
import type { KindCluster } from './clusters';

export const EASTWEST_GATEWAY = 'istio-eastwestgateway';

/** istio-system with the cluster's network label; Istio reads the default network from it. */
export function istioSystemNamespace(cluster: KindCluster): string {
  const ns = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: cluster.config.rootNamespace, labels: { 'topology.istio.io/network': cluster.config.network } },
  };
  return stringify(ns);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** meshConfig of the workspace's own IstioOperator for this cluster, so the sandbox mesh behaves like the one described. */
function workspaceMeshConfig(index: WorkspaceIndex, cluster: KindCluster): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const r of index.ofKind('IstioOperator')) {
    if (!r.clusters.includes(cluster.name)) continue;
    const spec = r.obj.spec;
    if (isRecord(spec) && isRecord(spec.meshConfig)) Object.assign(merged, spec.meshConfig);
  }
  return merged;
}

export function istioOperator(index: WorkspaceIndex, cluster: KindCluster): string {
  const c = cluster.config;
  const mesh = workspaceMeshConfig(index, cluster);
  const proxyDefaults = isRecord(mesh.defaultConfig) ? mesh.defaultConfig : {};
  const proxyMetadata = isRecord(proxyDefaults.proxyMetadata) ? proxyDefaults.proxyMetadata : {};
  const operator = {
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    metadata: { name: `ztn-${cluster.name}`, namespace: c.rootNamespace },
    spec: {
      profile: 'default',
      // The CNI plugin sets up traffic capture, so injected pods need no NET_ADMIN init container and namespaces
      // enforcing the 'restricted' Pod Security Standard still admit them.
      components: { cni: { enabled: true } },
      meshConfig: {
        ...mesh,
        trustDomain: c.trustDomain,
        ...(c.trustDomainAliases.length > 0 ? { trustDomainAliases: c.trustDomainAliases } : {}),
        // The replay reads each destination's access log: TLS version and peer identity, also for tcp calls.
        accessLogFile: '/dev/stdout',
        accessLogEncoding: 'JSON',
        accessLogFormat: ACCESS_LOG_FORMAT,
        // Workload certificates live as long as ztn.yaml's sandbox.certLifetime says, as in the local sandbox.
        // Merged into the workspace's proxy defaults (DNS capture and the like change what the prediction assumes).
        defaultConfig: { ...proxyDefaults, proxyMetadata: { ...proxyMetadata, SECRET_TTL: index.config.sandbox.certLifetime } },
      },
      values: {
        global: { meshID: c.meshID, multiCluster: { clusterName: cluster.name }, network: c.network },
      },
    },
  };
  return `# Istio control plane of cluster '${cluster.name}' (primary, network ${c.network})\n${stringify(operator)}`;
}

/** The dedicated east-west gateway: a LoadBalancer Service with the cross-network port 15443 and istiod's ports. */
export function eastWestGateway(cluster: KindCluster): string {
  const c = cluster.config;
  const operator = {
    apiVersion: 'install.istio.io/v1alpha1',
    kind: 'IstioOperator',
    metadata: { name: `ztn-${cluster.name}-eastwest`, namespace: c.rootNamespace },
    spec: {
      revision: '',
      profile: 'empty',
      components: {
        ingressGateways: [
          {
            name: EASTWEST_GATEWAY,
            label: { istio: 'eastwestgateway', app: EASTWEST_GATEWAY, 'topology.istio.io/network': c.network },
            enabled: true,
            k8s: {
              // Traffic arriving here is for endpoints on this network only.
              env: [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: c.network }],
              service: {
                ports: [
                  { name: 'status-port', port: 15021, targetPort: 15021 },
                  { name: 'tls', port: 15443, targetPort: 15443 },
                  { name: 'tls-istiod', port: 15012, targetPort: 15012 },
                  { name: 'tls-webhook', port: 15017, targetPort: 15017 },
                ],
              },
            },
          },
        ],
      },
      values: {
        gateways: { 'istio-ingressgateway': { injectionTemplate: 'gateway' } },
        global: { meshID: c.meshID, multiCluster: { clusterName: cluster.name }, network: c.network },
      },
    },
  };
  return `# East-west gateway of cluster '${cluster.name}'\n${stringify(operator)}`;
}

/** Exposes every *.local service through the east-west gateway; AUTO_PASSTHROUGH keeps mTLS end to end. */
export function exposeServicesGateway(cluster: KindCluster): string {
  const gateway = {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'cross-network-gateway', namespace: cluster.config.rootNamespace },
    spec: {
      selector: { istio: 'eastwestgateway' },
      servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
    },
  };
  return stringify(gateway);
}
