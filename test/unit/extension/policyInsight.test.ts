import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import {
  isSelectingPolicy,
  policyByLabel,
  policyLensCommand,
  policyHoverMarkdown,
  resourceAt,
  workloadHoverMarkdown,
  workloadsSelectedBy,
} from '../../../src/extension/policyInsight';
import { policyEffect } from '../../../src/extension/policyEffect';
import { parseSourceFile } from '../../../src/model/parse';
import { findingsByPillar, meshTree } from '../../../src/extension/viewData';
import { lintFiles } from './fixtures';

const deployment = (name: string, ns = 'shop') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: ${name}
      containers: [{name: app, image: "example/${name}:1", ports: [{containerPort: 8080}]}]
`;

const APPS = [deployment('frontend'), deployment('cart'), deployment('worker', 'batch')].join('---\n');
const POLICIES = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec:
  mtls: {mode: STRICT}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart-allow, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/frontend"]}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: none-here, namespace: shop}
spec:
  podSelector: {matchLabels: {app: nothing}}
  policyTypes: [Ingress]
`;

function setup() {
  const { index, findings } = lintFiles({ '/ws/apps.yaml': APPS, '/ws/policies.yaml': POLICIES });
  const graph = buildTrustGraph(index, { findings });
  const policies = index.files.get('/ws/policies.yaml')!.resources;
  const byName = (name: string) => policies.find((r) => r.name === name)!;
  return { index, graph, findings, byName };
}

describe('extension: policy hovers and CodeLens from the trust graph', () => {
  const cases: { policy: string; selects: string[] }[] = [
    { policy: 'default', selects: ['cluster1/shop/cart', 'cluster1/shop/frontend'] },
    { policy: 'cart-allow', selects: ['cluster1/shop/cart'] },
    { policy: 'none-here', selects: [] },
  ];
  for (const c of cases) {
    it(`${c.policy} selects ${c.selects.length} workload(s)`, () => {
      const { graph, byName } = setup();
      const policy = byName(c.policy);
      assert.ok(isSelectingPolicy(policy));
      assert.deepEqual(
        workloadsSelectedBy(graph, policy)
          .map((n) => n.id)
          .sort(),
        c.selects,
      );
      assert.equal(
        policyLensCommand(workloadsSelectedBy(graph, policy), true).title,
        `selects ${c.selects.length} workload${c.selects.length === 1 ? '' : 's'} · show in graph`,
      );
      const hover = policyHoverMarkdown(graph, policy);
      for (const id of c.selects) assert.ok(hover.includes(id), `${id} in hover`);
      if (c.selects.length === 0) assert.match(hover, /No workload of the workspace matches/);
    });
  }

  // Selection is read from the manifests, so Restricted Mode shows the count too; the graph link only where the graph opens.
  const lensCases: { policy: string; trusted: boolean; title: string; command: string; args: unknown[]; tooltip: RegExp }[] = [
    {
      policy: 'default',
      trusted: true,
      title: 'selects 2 workloads · show in graph',
      command: 'ztn.revealInGraph',
      args: ['cluster1/shop/cart'],
      tooltip: /^cluster1\/shop\/cart\ncluster1\/shop\/frontend$/,
    },
    {
      policy: 'default',
      trusted: false,
      title: 'selects 2 workloads',
      command: '',
      args: [],
      tooltip: /^cluster1\/shop\/cart\ncluster1\/shop\/frontend\n\nThe trust graph needs a trusted workspace/,
    },
    {
      policy: 'cart-allow',
      trusted: true,
      title: 'selects 1 workload · show in graph',
      command: 'ztn.revealInGraph',
      args: ['cluster1/shop/cart'],
      tooltip: /^cluster1\/shop\/cart$/,
    },
    { policy: 'cart-allow', trusted: false, title: 'selects 1 workload', command: '', args: [], tooltip: /^cluster1\/shop\/cart\n\nThe trust graph needs/ },
    {
      policy: 'none-here',
      trusted: true,
      title: 'selects 0 workloads · show in graph',
      command: 'ztn.revealInGraph',
      args: [undefined],
      tooltip: /^no workload matches$/,
    },
    { policy: 'none-here', trusted: false, title: 'selects 0 workloads', command: '', args: [], tooltip: /^no workload matches\n\nThe trust graph needs/ },
  ];
  for (const c of lensCases) {
    it(`CodeLens of ${c.policy} in ${c.trusted ? 'a trusted workspace' : 'Restricted Mode'}: "${c.title}"`, () => {
      const { graph, byName } = setup();
      const lens = policyLensCommand(workloadsSelectedBy(graph, byName(c.policy)), c.trusted);
      assert.equal(lens.title, c.title);
      assert.equal(lens.command, c.command);
      assert.deepEqual(lens.arguments, c.args);
      assert.match(lens.tooltip, c.tooltip);
    });
  }

  it('workload hover shows the identity and the composed mTLS mode with the policy it came from', () => {
    const { index, graph } = setup();
    const cart = index.files.get('/ws/apps.yaml')!.resources.find((r) => r.name === 'cart')!;
    const hover = workloadHoverMarkdown(graph, cart)!;
    assert.match(hover, /spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart/);
    assert.match(hover, /\*\*STRICT\*\* from PeerAuthentication shop\/default/);
    assert.match(hover, /1 AuthorizationPolicy/);
    const worker = index.files.get('/ws/apps.yaml')!.resources.find((r) => r.name === 'worker')!;
    assert.match(workloadHoverMarkdown(graph, worker)!, /no AuthorizationPolicy/);
  });

  it('workload hover names each policy and what it does, not only how many', () => {
    const { index, graph } = setup();
    const cart = index.files.get('/ws/apps.yaml')!.resources.find((r) => r.name === 'cart')!;
    const hover = workloadHoverMarkdown(graph, cart, (label) => policyByLabel(index.resources, label))!;
    assert.match(hover, /- AuthorizationPolicy shop\/cart-allow: ALLOW: 1 rule from cluster\.local\/ns\/shop\/sa\/frontend/);
  });

  const effects: [string, string][] = [
    ['kind: AuthorizationPolicy\nspec: {}', 'ALLOW nothing: denies every request'],
    ['kind: AuthorizationPolicy\nspec: {action: DENY, rules: [{from: [{source: {namespaces: [legacy]}}]}]}', 'DENY: 1 rule from legacy'],
    ['kind: AuthorizationPolicy\nspec: {rules: [{}]}', 'ALLOW every request'],
    [
      'kind: AuthorizationPolicy\nspec: {action: CUSTOM, provider: {name: opa}, rules: [{}, {to: [{operation: {paths: [/x]}}]}]}',
      'CUSTOM (provider opa): 2 rules',
    ],
    [
      'kind: NetworkPolicy\nspec: {podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{podSelector: {}}]}]}',
      'Ingress: allow 1 rule; Egress: deny all',
    ],
    ['kind: PeerAuthentication\nspec: {mtls: {mode: STRICT}, portLevelMtls: {"8080": {mode: DISABLE}}}', 'mTLS STRICT (ports 8080: DISABLE)'],
  ];
  for (const [yaml, effect] of effects) {
    it(`policy effect: ${effect}`, () => {
      const r = parseSourceFile('/ws/p.yaml', `apiVersion: v1\nmetadata: {name: p, namespace: shop}\n${yaml}\n`).resources[0];
      assert.equal(policyEffect(r), effect);
    });
  }

  it('finds the resource under the cursor in a multi-document file', () => {
    const { index } = setup();
    const file = index.files.get('/ws/policies.yaml')!;
    assert.equal(resourceAt(file, { line: 1, character: 3 })?.name, 'default');
    assert.equal(resourceAt(file, { line: 10, character: 5 })?.name, 'cart-allow');
    assert.equal(resourceAt(file, { line: 17, character: 2 })?.name, 'none-here');
  });
});

describe('extension: Zero Trust view data', () => {
  it('mesh tree: clusters > namespaces > workloads with identity and mTLS/authz state', () => {
    const { graph } = setup();
    const tree = meshTree(graph);
    assert.deepEqual(
      tree.map((c) => c.label),
      ['cluster1'],
    );
    const namespaces = tree[0].children!;
    assert.deepEqual(namespaces.map((n) => n.label).sort(), ['batch', 'shop']);
    const shop = namespaces.find((n) => n.label === 'shop')!;
    const cart = shop.children!.find((w) => w.label === 'cart')!;
    assert.match(cart.description!, /mTLS STRICT on 8080 · authz/);
    assert.match(cart.tooltip!, /spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart/);
    assert.equal(cart.open?.file, '/ws/apps.yaml');
    const worker = namespaces.find((n) => n.label === 'batch')!.children![0];
    assert.match(worker.description!, /no authz/);
  });

  it('mesh view: external hosts are listed as such, not as workloads with mTLS unknown', () => {
    const se =
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: payments-api, namespace: shop}\nspec: {hosts: [api.stripe.com], ports: [{number: 443, name: tls, protocol: TLS}], resolution: DNS, location: MESH_EXTERNAL}\n';
    const { index, findings } = lintFiles({ '/ws/apps.yaml': APPS, '/ws/se.yaml': se });
    const shop = meshTree(buildTrustGraph(index, { findings }))[0].children!.find((n) => n.label === 'shop')!;
    const external = shop.children!.find((c) => c.label === 'api.stripe.com')!;
    assert.equal(external.description, 'external host · ServiceEntry');
    assert.equal(external.contextValue, 'external');
    assert.ok(!shop.children!.some((c) => /mTLS unknown/.test(c.description ?? '')));
    assert.ok(shop.children!.findIndex((c) => c === external) > shop.children!.findIndex((c) => c.label === 'cart'), 'workloads first');
  });

  it('findings by pillar: grouped, counted and each opening its place', () => {
    const { findings } = lintFiles({
      '/ws/pa.yaml': 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec:\n  mtls: {mode: DISABLE}\n',
    });
    const tree = findingsByPillar(findings, (f) => f.replace('/ws/', ''));
    const mtls = tree.find((p) => p.id === 'pillar:2')!;
    assert.match(mtls.label, /^02 Secure channel/);
    const zt0201 = mtls.children!.find((c) => c.label.startsWith('ZT0201'))!;
    assert.equal(zt0201.description, 'pa.yaml:5');
    assert.deepEqual(zt0201.open, { file: '/ws/pa.yaml', line: 5 });
    assert.equal(
      tree.reduce((n, p) => n + p.children!.length, 0),
      findings.length,
    );
  });
});
