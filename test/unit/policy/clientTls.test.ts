// Client-side TLS: DestinationRule TLS as written, else auto mTLS per endpoint (istiod cluster_tls.go + EDS mtlsChecker).
import assert from 'node:assert/strict';
import { clientTls, findWorkload, resolveDestination } from '../../../src/policy/index';
import { destinationRuleTls } from '../../../src/policy/destinationRule';
import { app, meshOf, namespace } from '../../helpers/meshFixture';

function dr(ns: string, name: string, host: string, body: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  host: ${host}
${body}
---
`;
}
function pa(ns: string, name: string, body: string): string {
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${body}
---
`;
}
const tls = (mode: string) => `  trafficPolicy:\n    tls: { mode: ${mode} }`;

const base =
  namespace('client') +
  namespace('foo') +
  namespace('plain', false) +
  app('client', 'caller') +
  app('foo', 'finance', {
    ports: [8080, 9090],
    servicePorts: [
      [8080, 8080, 'http'],
      [9090, 9090, 'http-admin'],
    ],
  }) +
  app('plain', 'legacy');

interface Case {
  doc: string;
  extra?: string;
  from?: string;
  to: string;
  mtls: boolean;
  mode: string;
  source?: string;
}

const cases: Case[] = [
  { doc: 'auto mTLS: endpoint with a sidecar gets Istio mTLS', to: 'finance.foo:8080', mtls: true, mode: 'ISTIO_MUTUAL' },
  { doc: 'auto mTLS: endpoint without a sidecar gets plaintext', to: 'legacy.plain:8080', mtls: false, mode: 'DISABLE' },
  {
    doc: "auto mTLS checks the endpoint's composed mode: workload-level DISABLE means plaintext",
    extra: pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: DISABLE }'),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: 'auto mTLS checks the endpoint port: portLevelMtls 8080 DISABLE gives plaintext on 8080',
    extra: pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }\n  portLevelMtls:\n    8080: { mode: DISABLE }'),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: '... and mTLS on the other port of the same workload',
    extra: pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }\n  portLevelMtls:\n    8080: { mode: DISABLE }'),
    to: 'finance.foo:9090',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
  },
  {
    doc: 'BestEffortInferServiceMTLSMode: a namespace-level DISABLE turns auto mTLS off for the whole service, even with a STRICT workload policy',
    extra: pa('foo', 'default', '  mtls: { mode: DISABLE }') + pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: STRICT }'),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: 'mesh-level DISABLE also turns auto mTLS off',
    extra: pa('istio-system', 'default', '  mtls: { mode: DISABLE }'),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  { doc: 'a client without a sidecar sends plaintext', from: 'plain/legacy', to: 'finance.foo:8080', mtls: false, mode: 'DISABLE' },
  {
    doc: 'DestinationRule ISTIO_MUTUAL is used as written, even to an endpoint without a sidecar',
    extra: dr('plain', 'legacy', 'legacy', tls('ISTIO_MUTUAL')),
    to: 'legacy.plain:8080',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
    source: 'DestinationRule plain/legacy',
  },
  {
    doc: 'migration case: DestinationRule DISABLE sends plaintext to a sidecar endpoint',
    extra: dr('foo', 'finance', 'finance.foo.svc.cluster.local', tls('DISABLE')),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
    source: 'DestinationRule foo/finance',
  },
  {
    doc: 'SIMPLE is TLS origination, not Istio mTLS',
    extra: dr('foo', 'finance', 'finance', tls('SIMPLE')),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'SIMPLE',
  },
  {
    doc: 'portLevelSettings tls replaces the top-level tls for that port',
    extra: dr('foo', 'finance', 'finance', `${tls('ISTIO_MUTUAL')}\n    portLevelSettings:\n      - port: { number: 9090 }\n        tls: { mode: DISABLE }`),
    to: 'finance.foo:9090',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: 'portLevelSettings of another port leave the top-level tls in force',
    extra: dr('foo', 'finance', 'finance', `${tls('DISABLE')}\n    portLevelSettings:\n      - port: { number: 9090 }\n        tls: { mode: ISTIO_MUTUAL }`),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: 'a DestinationRule without tls leaves the decision to auto mTLS',
    extra: dr('foo', 'finance', 'finance', '  trafficPolicy:\n    connectionPool: { tcp: { maxConnections: 10 } }'),
    to: 'finance.foo:8080',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
  },
  {
    doc: 'most specific host wins: exact host beats *.foo.svc.cluster.local',
    extra: dr('foo', 'wild', '"*.foo.svc.cluster.local"', tls('DISABLE')) + dr('foo', 'exact', 'finance.foo.svc.cluster.local', tls('ISTIO_MUTUAL')),
    to: 'finance.foo:8080',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
    source: 'DestinationRule foo/exact',
  },
  {
    doc: 'a DestinationRule in the client namespace is looked up before the service namespace',
    extra:
      dr('foo', 'svc-side', 'finance.foo.svc.cluster.local', tls('ISTIO_MUTUAL')) +
      dr('client', 'client-side', 'finance.foo.svc.cluster.local', tls('DISABLE')),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
    source: 'DestinationRule client/client-side',
  },
  {
    doc: 'exportTo "." hides a service-namespace DestinationRule from clients in other namespaces',
    extra: dr('foo', 'private', 'finance', `${tls('DISABLE')}\n  exportTo: ["."]`),
    to: 'finance.foo:8080',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
  },
  {
    doc: 'exportTo listing the client namespace makes it visible',
    extra: dr('foo', 'shared', 'finance', `${tls('DISABLE')}\n  exportTo: ["client"]`),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: 'a root-namespace DestinationRule applies mesh-wide when nothing closer matches',
    extra: dr('istio-system', 'mesh', '"*.local"', tls('DISABLE')),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: 'short host names resolve in the DestinationRule\'s own namespace (host "finance" in ns client is finance.client...)',
    extra: dr('client', 'wrong-ns', 'finance', tls('DISABLE')),
    to: 'finance.foo:8080',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
  },
  {
    doc: 'a host with a dot is taken as written, not expanded (finance.foo is not finance.foo.svc.cluster.local)',
    extra: dr('foo', 'dotted', 'finance.foo', tls('DISABLE')),
    to: 'finance.foo:8080',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
  },
  {
    doc: 'a workloadSelector DestinationRule applies to the clients it selects',
    extra: dr('client', 'only-caller', 'finance.foo.svc.cluster.local', `${tls('DISABLE')}\n  workloadSelector:\n    matchLabels: { app: caller }`),
    to: 'finance.foo:8080',
    mtls: false,
    mode: 'DISABLE',
  },
  {
    doc: '... and not to the clients it does not select',
    extra: dr('client', 'only-other', 'finance.foo.svc.cluster.local', `${tls('DISABLE')}\n  workloadSelector:\n    matchLabels: { app: other }`),
    to: 'finance.foo:8080',
    mtls: true,
    mode: 'ISTIO_MUTUAL',
  },
  { doc: 'outside the mesh: auto mTLS never applies', to: 'api.example.com:443', mtls: false, mode: 'DISABLE' },
];

describe('simulator: client TLS decision', () => {
  for (const c of cases) {
    it(c.doc, () => {
      const mesh = meshOf(base + (c.extra ?? ''));
      const client = findWorkload(mesh, c.from ?? 'client/caller')!;
      const dest = resolveDestination(mesh, client, c.to);
      assert.equal(dest.error, undefined);
      const r = clientTls(mesh, client, dest, dest.workloads[0]);
      const why = r.steps.map((s) => s.detail).join(' | ');
      assert.equal(r.mtls, c.mtls, why);
      assert.equal(r.mode, c.mode, why);
      if (c.source)
        assert.ok(
          r.steps.some((s) => s.policy === c.source),
          `expected ${c.source} in: ${why}`,
        );
    });
  }

  const headless = (ns: string, name: string) => `apiVersion: v1
kind: Service
metadata: { name: ${name}-headless, namespace: ${ns} }
spec:
  clusterIP: None
  selector: { app: ${name} }
  ports: [{ name: tcp, port: 8080 }]
---
`;
  const tlsTo = (extra: string, to: string) => {
    const mesh = meshOf(base + extra);
    const client = findWorkload(mesh, 'client/caller')!;
    const dest = resolveDestination(mesh, client, to);
    return clientTls(mesh, client, dest, dest.workloads[0]);
  };
  it('headless Service with sidecar endpoints: mTLS even to a workload whose PeerAuthentication is DISABLE (no per-endpoint check)', () => {
    const r = tlsTo(
      headless('foo', 'finance') + pa('foo', 'finance', '  selector: { matchLabels: { app: finance } }\n  mtls: { mode: DISABLE }'),
      'finance-headless.foo:8080',
    );
    assert.equal(r.mtls, true, r.steps.map((s) => s.detail).join(' | '));
  });
  it('headless Service with an endpoint without sidecar: plaintext to all', () => {
    const r = tlsTo(headless('plain', 'legacy'), 'legacy-headless.plain:8080');
    assert.equal(r.mtls, false);
    assert.match(r.steps[r.steps.length - 1].detail, /headless Service and endpoint .* has no sidecar/);
  });

  it('DR subsets: a subset trafficPolicy tls overrides the top-level one for that subset only', () => {
    const mesh = meshOf(
      base +
        dr(
          'foo',
          'finance',
          'finance',
          `${tls('ISTIO_MUTUAL')}\n  subsets:\n    - name: v1\n      labels: { version: v1 }\n      trafficPolicy:\n        tls: { mode: DISABLE }\n    - name: v2\n      labels: { version: v2 }`,
        ),
    );
    const rule = mesh.destinationRules[0];
    assert.equal(destinationRuleTls(rule, 8080, 'v1')?.mode, 'DISABLE');
    assert.equal(destinationRuleTls(rule, 8080, 'v2')?.mode, 'ISTIO_MUTUAL');
    assert.equal(destinationRuleTls(rule, 8080)?.mode, 'ISTIO_MUTUAL');
    assert.equal(destinationRuleTls(rule, 8080, 'v1')?.where, 'subsets[v1].trafficPolicy.tls');
  });
});
