// The mesh builder's stages one at a time: file order, namespaces, workloads, services, policies by kind, DNS capture.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/load';
import { DEFAULT_CLUSTER } from '../../../src/model/config';
import { WorkspaceIndex } from '../../../src/model/workspace';
import { dnsCaptureClusters } from '../../../src/policy/dnsProxy';
import { registerDeclaredNamespaces } from '../../../src/policy/mesh';
import { readPolicies, registerPolicyNamespaces } from '../../../src/policy/meshPolicies';
import { readServices } from '../../../src/policy/meshServices';
import { inFileOrder, NamespaceRegistry, readClusters, type MeshSources } from '../../../src/policy/meshSources';
import { readWorkloads } from '../../../src/policy/meshWorkloads';

const ROOT = '/virtual';

/** Stage input from files relative to ROOT; with `clusters`, each cluster owns the files under its own folder. */
function sourcesOf(files: Record<string, string>, clusters?: string[]): MeshSources {
  const config = defaultConfig(ROOT);
  if (clusters) config.clusters = clusters.map((name) => ({ ...DEFAULT_CLUSTER, name, manifests: [`${name}/**`] }));
  const index = new WorkspaceIndex(config);
  for (const [path, text] of Object.entries(files)) index.setFile(`${ROOT}/${path}`, text);
  return { root: ROOT, clusters: readClusters(config.clusters), resources: inFileOrder(index.resources), namespaces: new NamespaceRegistry() };
}

const deployment = (name: string, ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${ns} }
spec:
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: app, ports: [{ containerPort: 8080, name: http }] }] }
---
`;

describe('policy: mesh builder stages', () => {
  it('inFileOrder: by file path, then document, whatever order the files were read in', () => {
    const { resources } = sourcesOf({ 'b.yaml': deployment('b1', 'shop') + deployment('b2', 'shop'), 'a.yaml': deployment('a1', 'shop') });
    assert.deepEqual(
      resources.map((r) => r.name),
      ['a1', 'b1', 'b2'],
    );
  });

  it('NamespaceRegistry: first meeting decides the order, later labels merge, metadata.name is always there', () => {
    const namespaces = new NamespaceRegistry();
    namespaces.ensure('c1', 'shop', { team: 'a' });
    namespaces.ensure('c1', 'bank');
    const again = namespaces.ensure('c1', 'shop', { 'istio-injection': 'enabled' });
    namespaces.ensure('c2', 'shop');
    assert.deepEqual(again.labels, { team: 'a', 'kubernetes.io/metadata.name': 'shop', 'istio-injection': 'enabled' });
    assert.deepEqual(
      namespaces.list().map((n) => `${n.cluster}/${n.name}`),
      ['c1/shop', 'c1/bank', 'c2/shop'],
    );
  });

  it("registerDeclaredNamespaces: Namespace objects with their labels, then every cluster's root namespace", () => {
    const sources = sourcesOf({ 'east/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { istio-injection: enabled } }\n' }, [
      'east',
      'west',
    ]);
    registerDeclaredNamespaces(sources);
    assert.deepEqual(
      sources.namespaces.list().map((n) => `${n.cluster}/${n.name}:${n.labels['istio-injection'] ?? '-'}`),
      ['east/shop:enabled', 'east/istio-system:-', 'west/istio-system:-'],
    );
  });

  it('readWorkloads: one per cluster a controller is declared in, its pods folded into it, the namespace registered', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web-7d4f9c-abcde
  namespace: shop
  labels: { app: web, pod-template-hash: 7d4f9c }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4f9c, controller: true }]
spec: { containers: [{ name: web, image: web }] }
`;
    const sources = sourcesOf({ 'east/web.yaml': deployment('web', 'shop') + pod, 'west/web.yaml': deployment('web', 'shop') }, ['east', 'west']);
    const workloads = readWorkloads(sources);
    assert.deepEqual(
      workloads.map((w) => `${w.id} ${w.kind} ${w.ports.map((p) => `${p.name}:${p.port}`).join(',')}`),
      ['east/shop/web Deployment http:8080', 'west/shop/web Deployment http:8080'],
    );
    assert.deepEqual(
      sources.namespaces.list().map((n) => `${n.cluster}/${n.name}`),
      ['east/shop', 'west/shop'],
    );
  });

  it('readServices: ExternalName Services are no mesh services; clusterIP None is headless; no selector selects nothing', () => {
    const sources = sourcesOf({
      'svc.yaml': `apiVersion: v1
kind: Service
metadata: { name: alias, namespace: shop }
spec: { type: ExternalName, externalName: example.com }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec: { clusterIP: None, selector: { app: db }, ports: [{ port: 5432, name: tcp-pg }] }
---
apiVersion: v1
kind: Service
metadata: { name: manual, namespace: shop }
spec: { ports: [{ port: 80 }] }
`,
    });
    const services = readServices(sources);
    assert.deepEqual(
      services.map((s) => [s.host, s.headless ?? false, s.selector]),
      [
        ['db.shop.svc.cluster.local', true, { app: 'db' }],
        ['manual.shop.svc.cluster.local', false, {}],
      ],
    );
  });

  it('readPolicies: each kind in its own list, ServiceEntries one per host, other kinds left out', () => {
    const sources = sourcesOf({
      'policies.yaml': `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-all, namespace: bank }
spec: {}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: apis, namespace: shop }
spec: { hosts: [api.example.com, Pay.Example.com], ports: [{ number: 443, name: https, protocol: TLS }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop, creationTimestamp: "2026-01-02T03:04:05Z" }
spec: { podSelector: {} }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web, namespace: shop }
spec: {}
`,
    });
    const policies = readPolicies(sources);
    assert.deepEqual(
      Object.entries(policies)
        .filter(([, list]) => list.length > 0)
        .map(([kind, list]) => `${kind}: ${list.length}`),
      ['serviceEntries: 2', 'authorizationPolicies: 1', 'networkPolicies: 1'],
    );
    assert.deepEqual(
      policies.serviceEntries.map((e) => `${e.host} ${e.ports[0].appProtocol}`),
      ['api.example.com tls', 'pay.example.com tls'],
    );
    assert.equal(policies.networkPolicies[0].created, Date.parse('2026-01-02T03:04:05Z'));
    assert.equal(policies.authorizationPolicies[0].created, Number.POSITIVE_INFINITY, 'not created yet: the newest');
    registerPolicyNamespaces(policies, sources);
    assert.deepEqual(
      sources.namespaces.list().map((n) => n.name),
      ['bank', 'shop'],
    );
  });

  it('dnsCaptureClusters: the clusters whose istio ConfigMap in their root namespace turns capture on', () => {
    const meshConfig =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: istio, namespace: istio-system }\ndata:\n  mesh: "defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: \\"true\\" } }"\n';
    assert.deepEqual(dnsCaptureClusters(sourcesOf({ 'west/istio.yaml': meshConfig, 'east/other.yaml': deployment('web', 'shop') }, ['east', 'west'])), [
      'west',
    ]);
  });
});
