// Kubernetes NetworkPolicy semantics (kubernetes.io "Network Policies" concept page and API reference).
import assert from 'node:assert/strict';
import { findWorkload, networkPolicyAllows } from '../../../src/policy/index';
import { app, meshOf, namespace } from '../../helpers/meshFixture';

function np(ns: string, name: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec}
---
`;
}

const base =
  namespace('shop', true, { team: 'web' }) +
  namespace('ops', true, { team: 'ops' }) +
  app('shop', 'frontend', { labels: { tier: 'web' } }) +
  app('shop', 'db', {
    ports: [
      [5432, 'pg'],
      [53, 'dns', 'UDP'],
    ],
  }) +
  app('ops', 'monitor', { labels: { tier: 'web' } });

interface Case {
  doc: string;
  policies: string;
  from?: string;
  to?: string;
  toIp?: string;
  fromIp?: string;
  port?: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  allowed: boolean;
}

const denyIngress = np('shop', 'deny-ingress', '  podSelector: {}\n  policyTypes: [Ingress]');
const cases: Case[] = [
  { doc: '"By default, a pod is non-isolated": no policy, everything allowed', policies: '', allowed: true },
  { doc: 'an empty podSelector selects every pod of the namespace: default deny ingress', policies: denyIngress, allowed: false },
  {
    doc: 'policies are additive: another policy allowing the source opens it',
    policies:
      denyIngress +
      np(
        'shop',
        'db-from-frontend',
        '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - podSelector: { matchLabels: { app: frontend } }',
      ),
    allowed: true,
  },
  {
    doc: "a podSelector peer alone means pods of the policy's own namespace",
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - podSelector: { matchLabels: { tier: web } }'),
    from: 'ops/monitor',
    allowed: false,
  },
  {
    doc: 'a namespaceSelector peer alone admits every pod of the matching namespaces',
    policies: np(
      'shop',
      'db',
      '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - namespaceSelector: { matchLabels: { team: ops } }',
    ),
    from: 'ops/monitor',
    allowed: true,
  },
  {
    doc: 'kubernetes.io/metadata.name is set on every namespace',
    policies: np(
      'shop',
      'db',
      '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ops } }',
    ),
    from: 'ops/monitor',
    allowed: true,
  },
  {
    doc: 'namespaceSelector and podSelector in one element: pods matching both',
    policies: np(
      'shop',
      'db',
      '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - namespaceSelector: { matchLabels: { team: ops } }\n          podSelector: { matchLabels: { app: other } }',
    ),
    from: 'ops/monitor',
    allowed: false,
  },
  {
    doc: 'matchExpressions in selectors',
    policies: np(
      'shop',
      'db',
      '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchExpressions:\n              - { key: team, operator: In, values: [ops, sec] }',
    ),
    from: 'ops/monitor',
    allowed: true,
  },
  {
    doc: 'ports: a numbered port allows only that port',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - ports:\n        - { port: 5432 }'),
    port: 5433,
    allowed: false,
  },
  {
    doc: "ports: a named port resolves against the destination pod's container ports",
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - ports:\n        - { port: pg }'),
    port: 5432,
    allowed: true,
  },
  {
    doc: 'ports: endPort makes a range',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - ports:\n        - { port: 5000, endPort: 6000 }'),
    port: 5432,
    allowed: true,
  },
  {
    doc: 'ports: protocol defaults to TCP, so a UDP packet is not allowed by it',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - ports:\n        - { port: 53 }'),
    port: 53,
    protocol: 'UDP',
    allowed: false,
  },
  {
    doc: 'ports: UDP named port',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - ports:\n        - { port: dns, protocol: UDP }'),
    port: 53,
    protocol: 'UDP',
    allowed: true,
  },
  {
    doc: 'policyTypes absent with egress rules: Egress is inferred, the sender is isolated for egress',
    policies: np(
      'shop',
      'fe-egress',
      '  podSelector: { matchLabels: { app: frontend } }\n  egress:\n    - to:\n        - podSelector: { matchLabels: { app: other } }',
    ),
    allowed: false,
  },
  {
    doc: 'policyTypes absent without egress rules: only Ingress (the sender is not isolated for egress)',
    policies: np('shop', 'fe-ingress', '  podSelector: { matchLabels: { app: frontend } }'),
    allowed: true,
  },
  {
    doc: 'policyTypes [Egress] with no egress rules: default deny egress',
    policies: np('shop', 'deny-egress', '  podSelector: {}\n  policyTypes: [Egress]'),
    allowed: false,
  },
  {
    doc: '"both the egress policy on the source pod and the ingress policy on the destination pod need to allow"',
    policies:
      np(
        'shop',
        'fe-egress',
        '  podSelector: { matchLabels: { app: frontend } }\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - podSelector: { matchLabels: { app: db } }',
      ) + denyIngress,
    allowed: false,
  },
  {
    doc: 'egress to an external IP: ipBlock with except',
    policies: np(
      'shop',
      'fe-egress',
      '  podSelector: { matchLabels: { app: frontend } }\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] }',
    ),
    to: '',
    toIp: '10.1.2.3',
    allowed: false,
  },
  {
    doc: '... an address inside the block and outside the except is allowed',
    policies: np(
      'shop',
      'fe-egress',
      '  podSelector: { matchLabels: { app: frontend } }\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] }',
    ),
    to: '',
    toIp: '10.2.0.1',
    allowed: true,
  },
  {
    doc: 'ingress from an external IP range',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - ipBlock: { cidr: 203.0.113.0/24 }'),
    from: '',
    fromIp: '203.0.113.7',
    allowed: true,
  },
  {
    doc: 'pods have no IP in manifests: a narrow ipBlock does not cover them',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - ipBlock: { cidr: 10.0.0.0/8 }'),
    allowed: false,
  },
  {
    doc: '... but 0.0.0.0/0 covers every address, pod IPs included',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - ipBlock: { cidr: 0.0.0.0/0 }'),
    allowed: true,
  },
  {
    doc: 'an empty ingress rule ({}) allows everything',
    policies: np('shop', 'db', '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - {}'),
    allowed: true,
  },
];

describe('simulator: NetworkPolicy', () => {
  for (const c of cases) {
    it(c.doc, () => {
      const mesh = meshOf(base + c.policies);
      const src = c.from === '' ? { ip: c.fromIp } : { workload: findWorkload(mesh, c.from ?? 'shop/frontend')! };
      const dst = c.to === '' ? { ip: c.toIp } : { workload: findWorkload(mesh, c.to ?? 'shop/db')! };
      const r = networkPolicyAllows(mesh, src, dst, c.port ?? 5432, c.protocol ?? 'TCP');
      assert.equal(r.allowed, c.allowed, r.steps.map((s) => `${s.policy ?? ''} ${s.detail}`).join(' | '));
    });
  }

  it('names the isolating policies when nothing allows', () => {
    const mesh = meshOf(base + denyIngress);
    const r = networkPolicyAllows(mesh, { workload: findWorkload(mesh, 'shop/frontend')! }, { workload: findWorkload(mesh, 'shop/db')! }, 5432, 'TCP');
    const last = r.steps[r.steps.length - 1];
    assert.equal(last.policy, 'NetworkPolicy shop/deny-ingress');
    assert.match(last.detail, /isolated for ingress/);
  });

  it('a policy applies only in the clusters whose manifests include it', () => {
    const mesh = meshOf({ 'a/app.yaml': base + denyIngress, 'b/app.yaml': base }, [
      { name: 'a', manifests: ['a/**'] },
      { name: 'b', manifests: ['b/**'] },
    ]);
    const check = (c: string) =>
      networkPolicyAllows(mesh, { workload: findWorkload(mesh, `${c}/shop/frontend`)! }, { workload: findWorkload(mesh, `${c}/shop/db`)! }, 5432, 'TCP')
        .allowed;
    assert.equal(check('a'), false);
    assert.equal(check('b'), true);
  });

  it('a pod with an address (the local sandbox passes its loopback address) is matched by ipBlocks as in the prediction', () => {
    const mesh = meshOf(
      base +
        np(
          'shop',
          'db',
          '  podSelector: { matchLabels: { app: db } }\n  ingress:\n    - from:\n        - ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] }\n        - ipBlock: { cidr: 127.0.0.0/8 }',
        ),
    );
    const frontend = findWorkload(mesh, 'shop/frontend')!;
    const db = { workload: findWorkload(mesh, 'shop/db')! };
    const predicted = networkPolicyAllows(mesh, { workload: frontend }, db, 5432, 'TCP').allowed;
    const inSandbox = networkPolicyAllows(mesh, { workload: frontend, ip: '127.0.1.5' }, db, 5432, 'TCP').allowed;
    assert.equal(predicted, false);
    assert.equal(inSandbox, predicted);
    assert.equal(networkPolicyAllows(mesh, { ip: '127.0.1.5' }, db, 5432, 'TCP').allowed, true, 'an address that is no pod is matched literally');
  });
});
