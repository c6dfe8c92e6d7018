// The mesh model: workloads from Pods and controllers, identities, sidecar injection, Services, clusters.
import assert from 'node:assert/strict';
import { sidecarInjected } from '../../../src/policy/injection';
import { findWorkload, resolveTargetPort } from '../../../src/policy/index';
import { meshOf, namespace } from '../../helpers/meshFixture';

describe('simulator: sidecar injection (istio-sidecar-injector webhook selectors)', () => {
  const table: [string, Record<string, string>, Record<string, string>, Record<string, string>, boolean][] = [
    ['namespace istio-injection=enabled', { 'istio-injection': 'enabled' }, {}, {}, true],
    ['namespace istio.io/rev (revision label)', { 'istio.io/rev': 'canary' }, {}, {}, true],
    ['no namespace label, no pod label', {}, {}, {}, false],
    ['pod label sidecar.istio.io/inject=true in an unlabeled namespace', {}, { 'sidecar.istio.io/inject': 'true' }, {}, true],
    ['pod label sidecar.istio.io/inject=false in an enabled namespace', { 'istio-injection': 'enabled' }, { 'sidecar.istio.io/inject': 'false' }, {}, false],
    ['namespace istio-injection=disabled wins over pod label true', { 'istio-injection': 'disabled' }, { 'sidecar.istio.io/inject': 'true' }, {}, false],
    ['annotation sidecar.istio.io/inject=false in an enabled namespace', { 'istio-injection': 'enabled' }, {}, { 'sidecar.istio.io/inject': 'false' }, false],
    ['annotation true alone does not trigger the webhook', {}, {}, { 'sidecar.istio.io/inject': 'true' }, false],
    ['istio-injection=enabled with istio.io/rev: injection label decides', { 'istio-injection': 'enabled', 'istio.io/rev': 'x' }, {}, {}, true],
  ];
  for (const [doc, ns, labels, annotations, expected] of table) {
    it(doc, () => assert.equal(sidecarInjected(ns, labels, annotations, {}, ['app'], 'shop'), expected));
  }
  it('hostNetwork pods are never injected', () =>
    assert.equal(sidecarInjected({ 'istio-injection': 'enabled' }, {}, {}, { hostNetwork: true }, ['app'], 'shop'), false));
  it('kube-system is never injected', () => assert.equal(sidecarInjected({ 'istio-injection': 'enabled' }, {}, {}, {}, ['app'], 'kube-system'), false));
  it('an already injected pod (istio-proxy container) counts', () => assert.equal(sidecarInjected({}, {}, {}, {}, ['app', 'istio-proxy'], 'shop'), true));
});

const controllers = `${namespace('shop')}apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec:
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      serviceAccountName: database
      containers: [{ name: pg, image: pg, ports: [{ containerPort: 5432, name: pg }] }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: shop }
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        metadata: { labels: { app: nightly } }
        spec: { containers: [{ name: job, image: job }] }
---
apiVersion: v1
kind: Pod
metadata:
  name: web-7d4f9c-abcde
  namespace: shop
  labels: { app: web, pod-template-hash: 7d4f9c }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4f9c, controller: true }]
spec:
  containers: [{ name: web, image: web, ports: [{ containerPort: 8080, name: http }] }]
---
apiVersion: v1
kind: Pod
metadata: { name: lone, labels: { app: lone } }
spec:
  containers: [{ name: lone, image: lone }]
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec:
  selector: { app: db }
  ports: [{ name: tcp-pg, port: 15432, targetPort: pg }]
---
`;

describe('simulator: mesh model', () => {
  const mesh = meshOf(controllers);

  it('workloads come from Pods and controllers, named by their top-level owner', () => {
    assert.deepEqual(mesh.workloads.map((w) => `${w.id}[${w.kind}]`).sort(), [
      'cluster1/default/lone[Pod]',
      'cluster1/shop/db[StatefulSet]',
      'cluster1/shop/nightly[CronJob]',
      'cluster1/shop/web[Deployment]',
    ]);
  });

  it('identity: spiffe://<trustDomain>/ns/<ns>/sa/<sa>, default ServiceAccount "default"', () => {
    assert.equal(findWorkload(mesh, 'shop/db')!.spiffeId, 'spiffe://cluster.local/ns/shop/sa/database');
    assert.equal(findWorkload(mesh, 'default/lone')!.spiffeId, 'spiffe://cluster.local/ns/default/sa/default');
  });

  it('the trust domain comes from the cluster in ztn.yaml', () => {
    const m = meshOf(controllers, [{ name: 'prod', trustDomain: 'prod.example' }]);
    assert.equal(findWorkload(m, 'prod/shop/db')!.spiffeId, 'spiffe://prod.example/ns/shop/sa/database');
  });

  it('without ztn.yaml: one cluster "cluster1", trust domain cluster.local, root namespace istio-system', () => {
    assert.deepEqual(
      mesh.clusters.map((c) => [c.name, c.trustDomain, c.rootNamespace]),
      [['cluster1', 'cluster.local', 'istio-system']],
    );
  });

  it('sidecars follow the namespace label', () => {
    assert.equal(findWorkload(mesh, 'shop/db')!.sidecar, true);
    assert.equal(findWorkload(mesh, 'default/lone')!.sidecar, false);
  });

  it("named targetPorts resolve against the endpoint's container ports", () => {
    const svc = mesh.services.find((s) => s.name === 'db')!;
    assert.equal(svc.host, 'db.shop.svc.cluster.local');
    assert.equal(svc.ports[0].appProtocol, 'tcp');
    assert.equal(resolveTargetPort(svc.ports[0], findWorkload(mesh, 'shop/db')!), 5432);
    assert.equal(resolveTargetPort(svc.ports[0], findWorkload(mesh, 'shop/web')!), undefined);
  });

  it('policies carry their source: "Kind ns/name", file relative to the root, 1-based line of metadata.name', () => {
    const m = meshOf({
      'policies/pa.yaml': '# comment\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: shop\nspec: {}\n',
    });
    assert.deepEqual(m.peerAuthentications[0].source, { policy: 'PeerAuthentication shop/default', file: 'policies/pa.yaml', line: 5 });
  });

  it('broken documents do not stop the others', () => {
    const m = meshOf({ 'bad.yaml': 'kind: [oops\n', 'good.yaml': controllers });
    assert.equal(m.workloads.length, 4);
  });

  it('reports policy fields Istio ignores or that match nothing, with file and line', () => {
    const m = meshOf(`apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: root-selector, namespace: istio-system }
spec: { selector: { matchLabels: { app: x } }, mtls: { mode: STRICT } }
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ns-ports, namespace: shop }
spec: { portLevelMtls: { 8080: { mode: DISABLE } } }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: odd-key, namespace: shop }
spec: { rules: [{ when: [{ key: request.colour, values: [red] }] }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: bad-cidr, namespace: shop }
spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: 10.0.0.0/33 } }] }] }
`);
    assert.deepEqual(
      m.problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
      [
        'mesh.yaml:3: PeerAuthentication istio-system/root-selector: a workload selector in the root namespace: Istio ignores this policy',
        'mesh.yaml:8: PeerAuthentication shop/ns-ports: portLevelMtls without a workload selector: Istio ignores it',
        'mesh.yaml:14: AuthorizationPolicy shop/odd-key: rule 0: condition unknown attribute: request.colour: Istio rejects the policy (istiod skips the rule if it gets through)',
        "mesh.yaml:19: NetworkPolicy shop/bad-cidr: the API server rejects this NetworkPolicy (ingress[0].from[0].ipBlock.cidr '10.0.0.0/33' is not a valid CIDR): ignored",
      ],
    );
  });

  it('notes clusters whose mesh config turns on DNS proxying (istio ConfigMap in the root namespace)', () => {
    const m = meshOf(`apiVersion: v1
kind: ConfigMap
metadata: { name: istio, namespace: istio-system }
data:
  mesh: |
    defaultConfig:
      proxyMetadata:
        ISTIO_META_DNS_CAPTURE: "true"
`);
    assert.deepEqual(m.dnsCaptureClusters, ['cluster1']);
    assert.deepEqual(
      meshOf('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: other, namespace: istio-system }\ndata: { x: "ISTIO_META_DNS_CAPTURE: true" }\n')
        .dnsCaptureClusters,
      [],
    );
  });
});
