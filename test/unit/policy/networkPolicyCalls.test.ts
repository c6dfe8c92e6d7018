// NetworkPolicy in whole calls: literal IPs, ServiceEntry endpoints and addresses, DNS names, UDP and SCTP, what the
// API server rejects, and network policies of other APIs. Sources: the kubernetes.io "Network Policies" concept page
// (its main example), the NetworkPolicySpec API reference (policyTypes, endPort) and k8s.io/kubernetes
// pkg/apis/networking (SetDefaults_NetworkPolicy, ValidateNetworkPolicyPort, ValidateIPBlock).
import assert from 'node:assert/strict';
import { networkPolicyAllows, simulateCall } from '../../../src/policy/index';
import type { CallResult, TrafficCall } from '../../../src/policy/types';
import { app, deployment, meshOf, namespace } from '../../helpers/meshFixture';

function np(ns: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n${spec}\n---\n`;
}

/** The concept page's test-network-policy, as written there. */
const DOC_EXAMPLE = np(
  'default',
  'test-network-policy',
  `  podSelector:
    matchLabels:
      role: db
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - ipBlock:
            cidr: 172.17.0.0/16
            except:
              - 172.17.1.0/24
        - namespaceSelector:
            matchLabels:
              project: myproject
        - podSelector:
            matchLabels:
              role: frontend
      ports:
        - protocol: TCP
          port: 6379
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/24
      ports:
        - protocol: TCP
          port: 5978`,
);

const base =
  namespace('default', false) + namespace('shop', true) + deployment('default', 'db', { labels: { role: 'db' }, ports: [6379] }) + app('shop', 'frontend');

function call(files: string, c: TrafficCall): CallResult {
  return simulateCall(meshOf(files), c);
}
const details = (r: CallResult) => r.explanation.map((s) => s.detail).join(' | ');

describe('NetworkPolicy: the concept page example (egress to 10.0.0.0/24 on TCP 5978)', () => {
  const cases: [string, TrafficCall['protocol'], boolean][] = [
    ['10.0.0.7:5978', 'tcp', true],
    ['10.0.0.7:5979', 'tcp', false],
    ['10.0.1.7:5978', 'tcp', false],
    ['10.0.0.7:5978', 'udp', false],
    ['10.0.0.7:5978', 'sctp', false],
  ];
  for (const [to, protocol, allowed] of cases) {
    it(`default/db -> ${to} ${protocol}: ${allowed ? 'allowed' : 'denied'}`, () => {
      const r = call(base + DOC_EXAMPLE, { from: 'default/db', to, protocol });
      assert.equal(r.verdict, allowed ? 'allowed' : 'denied-by-network-policy', details(r));
    });
  }

  it('ingress from 172.17.0.0/16 except 172.17.1.0/24 on TCP 6379: "172.17.0.0–172.17.0.255 and 172.17.2.0–172.17.255.255"', () => {
    const mesh = meshOf(base + DOC_EXAMPLE);
    const db = { workload: mesh.workloads.find((w) => w.name === 'db')! };
    const from = (ip: string, port = 6379) => networkPolicyAllows(mesh, { ip }, db, port, 'TCP').allowed;
    assert.deepEqual(
      [
        from('172.17.0.255'),
        from('172.17.1.0'),
        from('172.17.1.255'),
        from('172.17.2.0'),
        from('172.17.255.255'),
        from('172.18.0.1'),
        from('172.17.0.1', 6380),
      ],
      [true, false, false, true, true, false, false],
    );
  });
});

const egressOnly = (cidr: string, port: number, except = '') =>
  np(
    'shop',
    'frontend-egress',
    `  podSelector: { matchLabels: { app: frontend } }\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ipBlock: { cidr: ${cidr}${except ? `, except: [${except}]` : ''} } }]\n      ports: [{ port: ${port} }]`,
  );

function serviceEntry(spec: string): string {
  return `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: { name: api, namespace: shop }\nspec:\n${spec}\n---\n`;
}

describe('NetworkPolicy: ServiceEntry addresses and endpoints as egress destinations', () => {
  const staticEntry = serviceEntry(
    '  hosts: [api.example.com]\n  location: MESH_EXTERNAL\n  resolution: STATIC\n  ports: [{ number: 443, name: https, protocol: TLS }]\n  endpoints:\n    - address: 10.0.0.7\n      ports: { https: 8443 }',
  );

  it('resolution STATIC: the endpoint IP and its port mapping decide', () => {
    const ok = call(base + staticEntry + egressOnly('10.0.0.0/24', 8443), { from: 'shop/frontend', to: 'api.example.com:443', protocol: 'tcp' });
    assert.equal(ok.verdict, 'allowed', details(ok));
    assert.match(details(ok), /sends to its endpoints 10\.0\.0\.7/);
    const wrongPort = call(base + staticEntry + egressOnly('10.0.0.0/24', 443), { from: 'shop/frontend', to: 'api.example.com:443', protocol: 'tcp' });
    assert.equal(wrongPort.verdict, 'denied-by-network-policy');
    const excepted = call(base + staticEntry + egressOnly('10.0.0.0/24', 8443, '10.0.0.0/29'), {
      from: 'shop/frontend',
      to: 'api.example.com:443',
      protocol: 'tcp',
    });
    assert.equal(excepted.verdict, 'denied-by-network-policy');
  });

  it('several endpoints: the first decides and the others are named when NetworkPolicy treats them otherwise', () => {
    const two = serviceEntry(
      '  hosts: [api.example.com]\n  resolution: STATIC\n  ports: [{ number: 443, name: https, protocol: TLS }]\n  endpoints: [{ address: 10.0.0.7 }, { address: 192.0.2.1 }]',
    );
    const r = call(base + two + egressOnly('10.0.0.0/24', 443), { from: 'shop/frontend', to: 'api.example.com:443', protocol: 'tcp' });
    assert.equal(r.verdict, 'allowed');
    assert.match(details(r), /denies the other endpoint\(s\) 192\.0\.2\.1:443/);
  });

  it('resolution NONE with one address: the call goes to that address', () => {
    const none = serviceEntry(
      '  hosts: [api.example.com]\n  addresses: [10.0.0.9]\n  resolution: NONE\n  ports: [{ number: 443, name: https, protocol: TLS }]',
    );
    assert.equal(call(base + none + egressOnly('10.0.0.0/24', 443), { from: 'shop/frontend', to: 'api.example.com:443', protocol: 'tcp' }).verdict, 'allowed');
    assert.equal(
      call(base + none + egressOnly('10.0.1.0/24', 443), { from: 'shop/frontend', to: 'api.example.com:443', protocol: 'tcp' }).verdict,
      'denied-by-network-policy',
    );
  });

  it('a literal IP inside a ServiceEntry CIDR address is that entry, and NetworkPolicy decides on the IP dialled', () => {
    const cidr = serviceEntry(
      '  hosts: [legacy.internal]\n  addresses: [10.0.0.0/24]\n  location: MESH_EXTERNAL\n  resolution: NONE\n  ports: [{ number: 5978, name: tcp, protocol: TCP }]',
    );
    const r = call(base + cidr + egressOnly('10.0.0.0/25', 5978), { from: 'shop/frontend', to: '10.0.0.7:5978', protocol: 'tcp' });
    assert.equal(r.verdict, 'allowed', details(r));
    assert.match(details(r), /is ServiceEntry shop\/api/);
    assert.equal(
      call(base + cidr + egressOnly('10.0.0.0/25', 5978), { from: 'shop/frontend', to: '10.0.0.200:5978', protocol: 'tcp' }).verdict,
      'denied-by-network-policy',
    );
  });

  it('resolution DNS: the address is unknown, covered only by 0.0.0.0/0 without except, and the explanation says so', () => {
    const dns = serviceEntry('  hosts: [api.example.com]\n  resolution: DNS\n  ports: [{ number: 443, name: https, protocol: TLS }]');
    const narrow = call(base + dns + egressOnly('10.0.0.0/24', 443), { from: 'shop/frontend', to: 'api.example.com:443', protocol: 'tcp' });
    assert.equal(narrow.verdict, 'denied-by-network-policy');
    assert.match(details(narrow), /api\.example\.com is resolved by DNS: its address is unknown from manifests/);
    assert.match(
      details(narrow),
      /the address of api\.example\.com is unknown from manifests: an ipBlock is taken to cover it only as 0\.0\.0\.0\/0 without except/,
    );
    assert.equal(call(base + dns + egressOnly('0.0.0.0/0', 443), { from: 'shop/frontend', to: 'api.example.com:443', protocol: 'tcp' }).verdict, 'allowed');
  });

  it('a host outside the mesh and without a ServiceEntry: its address is unknown too', () => {
    const r = call(base + egressOnly('10.0.0.0/8', 443), { from: 'shop/frontend', to: 'example.org:443', protocol: 'tcp' });
    assert.equal(r.verdict, 'denied-by-network-policy');
  });
});

describe('NetworkPolicy: UDP and SCTP calls', () => {
  const dns = `${deployment('shop', 'dns', {
    ports: [
      [53, 'dns', 'UDP'],
      [53, 'dns-tcp'],
    ],
  })}apiVersion: v1\nkind: Service\nmetadata: { name: dns, namespace: shop }\nspec:\n  selector: { app: dns }\n  ports:\n    - { name: dns, port: 53, protocol: UDP }\n    - { name: dns-tcp, port: 53, protocol: TCP }\n---\n`;

  it('a UDP call bypasses the sidecars: no mTLS, only NetworkPolicy decides', () => {
    const r = call(base + dns, { from: 'shop/frontend', to: 'dns:53', protocol: 'udp' });
    assert.equal(r.verdict, 'allowed');
    assert.equal(r.mtls, false);
    assert.match(details(r), /UDP bypasses the sidecars/);
  });

  it('a policy allowing only TCP 53 denies UDP 53, and one allowing UDP 53 admits it', () => {
    const only = (protocol: string) =>
      np('shop', 'dns', `  podSelector: { matchLabels: { app: dns } }\n  ingress:\n    - ports: [{ port: 53, protocol: ${protocol} }]`);
    assert.equal(call(base + dns + only('TCP'), { from: 'shop/frontend', to: 'dns:53', protocol: 'udp' }).verdict, 'denied-by-network-policy');
    assert.equal(call(base + dns + only('UDP'), { from: 'shop/frontend', to: 'dns:53', protocol: 'udp' }).verdict, 'allowed');
    assert.equal(call(base + dns + only('UDP'), { from: 'shop/frontend', to: 'dns:53', protocol: 'tcp' }).verdict, 'denied-by-network-policy');
  });

  it('a Service without that protocol on the port: no route', () => {
    const r = call(base + dns, { from: 'shop/frontend', to: 'dns:53', protocol: 'sctp' });
    assert.equal(r.verdict, 'no-route');
    assert.match(details(r), /has no SCTP port 53/);
  });
});

describe('NetworkPolicy: defaulting and what the API server rejects', () => {
  const denies = (policies: string) =>
    call(base + policies, { from: 'shop/frontend', to: 'default/db:6379', protocol: 'tcp' }).verdict === 'denied-by-network-policy';

  it('policyTypes: [] is defaulted like an absent list (Egress because egress has a rule)', () => {
    assert.equal(denies(np('shop', 'fe', '  podSelector: {}\n  policyTypes: []\n  egress:\n    - to: [{ podSelector: {} }]')), true);
  });
  it('egress: [] without policyTypes: Ingress only (len(spec.egress) == 0)', () => {
    assert.equal(denies(np('shop', 'fe', '  podSelector: {}\n  egress: []')), false);
  });

  const rejected: [string, string, RegExp][] = [
    [
      'endPort with a named port',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ port: http, endPort: 9000 }]',
      /endPort may not be set with a named port/,
    ],
    ['endPort without port', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ endPort: 9000 }]', /endPort may not be set without port/],
    [
      'endPort below port',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ port: 9000, endPort: 8000 }]',
      /endPort 8000 is less than port 9000/,
    ],
    [
      'a protocol other than TCP, UDP, SCTP',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ protocol: ICMP }]',
      /'ICMP' is not TCP, UDP or SCTP/,
    ],
    [
      'ipBlock with a selector in one peer',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ipBlock: { cidr: 10.0.0.0/8 }, podSelector: {} }]',
      /ipBlock together with a selector/,
    ],
    [
      'except outside cidr',
      '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ipBlock: { cidr: 10.0.0.0/16, except: [10.1.0.0/24] } }]',
      /not a strict subset/,
    ],
  ];
  for (const [what, spec, message] of rejected) {
    it(`${what}: reported at the field and the policy ignored`, () => {
      const mesh = meshOf(base + np('shop', 'bad', spec));
      assert.equal(mesh.problems.length, 1);
      assert.match(mesh.problems[0].message, message);
      assert.match(mesh.problems[0].message, /the API server rejects this NetworkPolicy/);
      assert.ok(mesh.problems[0].line > 3, 'points at the field, not the object');
      assert.equal(denies(np('shop', 'bad', spec)), false);
    });
  }

  it('endPort makes an inclusive range', () => {
    const range = np('default', 'db', '  podSelector: { matchLabels: { role: db } }\n  ingress:\n    - ports: [{ port: 6000, endPort: 6379 }]');
    assert.equal(denies(range), false);
    assert.equal(denies(range.replace('endPort: 6379', 'endPort: 6378')), true);
  });
});

describe('NetworkPolicy kinds by API group', () => {
  const calico =
    'apiVersion: crd.projectcalico.org/v1\nkind: NetworkPolicy\nmetadata: { name: calico-deny, namespace: default }\nspec: { selector: all(), types: [Ingress] }\n---\n';
  const cilium = 'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: { name: cilium-wide }\nspec: { endpointSelector: {} }\n---\n';

  it('a Calico NetworkPolicy is not a Kubernetes NetworkPolicy: not evaluated, a mesh problem, and named in the call', () => {
    const mesh = meshOf(base + calico + cilium);
    assert.equal(mesh.networkPolicies.length, 0);
    assert.deepEqual(
      mesh.problems.map((p) => p.message),
      [
        'NetworkPolicy default/calico-deny: crd.projectcalico.org/v1 NetworkPolicy is not a Kubernetes NetworkPolicy and is not modelled: decisions may differ',
        'CiliumClusterwideNetworkPolicy cilium-wide: cilium.io/v2 CiliumClusterwideNetworkPolicy is not a Kubernetes NetworkPolicy and is not modelled: decisions may differ',
      ],
    );
    const r = simulateCall(mesh, { from: 'shop/frontend', to: 'default/db:6379', protocol: 'tcp' });
    assert.equal(r.verdict, 'allowed');
    const notModelled = r.explanation.filter((s) => /is not modelled: decisions may differ/.test(s.detail)).map((s) => s.policy);
    assert.deepEqual(notModelled, ['CiliumClusterwideNetworkPolicy cilium-wide', 'NetworkPolicy default/calico-deny']);
  });
});
