// Reachability truth tables of the Kubernetes NetworkPolicy conformance tests, cell by cell against the engine.
// Upstream: kubernetes/kubernetes test/e2e/network/netpol/network_policy.go (commit 9db638c0807a), each table
// named by its f.It(...) string: namespaces x, y, z, pods a, b, c in each (label pod=<name>), serving 80 and 81 on
// TCP, UDP and SCTP with the port names serve-<port>-<proto>; everything reachable unless the test says otherwise;
// loopback (a pod to itself) ignored as upstream does. Pods here state status.podIP so the CIDR tables can run.
import assert from 'node:assert/strict';
import { networkPolicyAllows } from '../../../src/policy/index';
import type { L4Protocol } from '../../../src/policy/networkPolicy';
import type { Mesh, Workload } from '../../../src/policy/types';
import { meshOf, namespace } from '../../helpers/meshFixture';

const E2E = 'kubernetes/kubernetes test/e2e/network/netpol/network_policy.go';
const NAMESPACES = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];

/** Pod IPs of the fixture: x/a 10.1.0.1 ... z/c 10.3.0.3. */
function podIp(ns: string, pod: string): string {
  return `10.${NAMESPACES.indexOf(ns) + 1}.0.${PODS.indexOf(pod) + 1}`;
}

function pod(ns: string, name: string, labels: Record<string, string> = {}): string {
  const ports = [80, 81].flatMap((p) =>
    ['TCP', 'UDP', 'SCTP'].map((proto) => `        - { containerPort: ${p}, protocol: ${proto}, name: serve-${p}-${proto.toLowerCase()} }`),
  );
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: { pod: ${name}${Object.entries(labels)
    .map(([k, v]) => `, ${k}: ${v}`)
    .join('')} }
spec:
  containers:
    - name: cont
      ports:
${ports.join('\n')}
status: { podIP: ${podIp(ns, name)} }
---
`;
}

function cluster(
  options: { nsLabels?: Record<string, Record<string, string>>; podLabels?: Record<string, Record<string, string>>; ips?: Record<string, string | null> } = {},
): string {
  const withIp = (ns: string, p: string) => {
    const text = pod(ns, p, options.podLabels?.[`${ns}/${p}`]);
    const ip = options.ips?.[`${ns}/${p}`];
    return ip === undefined ? text : text.replace(/status: .*\n/, ip === null ? '' : `status: { podIP: ${ip} }\n`);
  };
  return NAMESPACES.map((ns) => namespace(ns, false, { ns, ...options.nsLabels?.[ns] }) + PODS.map((p) => withIp(ns, p)).join('')).join('');
}

/** A policy in the e2e helpers' shape: podSelector, then `spec` lines (ingress/egress/policyTypes). */
function np(name: string, ns: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
${spec}
---
`;
}

/** e2e's Peer: an empty field means every namespace or pod. */
interface Peer {
  ns?: string;
  pod?: string;
}
type Cell = [from: Peer, to: Peer, connected: boolean];

/** NewReachability(all, true) followed by the ExpectPeer/Expect/ExpectAllIngress/ExpectAllEgress calls, in order. */
function reachability(cells: Cell[]): (from: string, to: string) => boolean {
  const matches = (p: Peer, id: string) => {
    const [ns, name] = id.split('/');
    return (!p.ns || p.ns === ns) && (!p.pod || p.pod === name);
  };
  return (from, to) => {
    let value = true;
    for (const [f, t, v] of cells) if (matches(f, from) && matches(t, to)) value = v;
    return value;
  };
}
const allIngress = (ns: string, pod: string, v: boolean): Cell => [{}, { ns, pod }, v];
const allEgress = (ns: string, pod: string, v: boolean): Cell => [{ ns, pod }, {}, v];
const cell = (from: string, to: string, v: boolean): Cell => {
  const [fn, fp] = from.split('/');
  const [tn, tp] = to.split('/');
  return [{ ns: fn, pod: fp }, { ns: tn, pod: tp }, v];
};

interface Probe {
  port: number;
  protocol: L4Protocol;
  cells: Cell[];
}
interface Table {
  test: string;
  /** Which step of the test (after an update), when it has several. */
  step?: string;
  policies: string;
  cluster?: Parameters<typeof cluster>[0];
  probes: Probe[];
}

const tcp = (port: number, cells: Cell[]): Probe => ({ port, protocol: 'TCP', cells });

const FROM_POD_B =
  '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ podSelector: { matchLabels: { pod: b } } }]';
const NS_LABEL = 'kubernetes.io/metadata.name';
const PORT81_FROM_Y = `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } } }]\n      ports: [{ port: 81, protocol: TCP }]`;
const PORT80_FROM_Y = PORT81_FROM_Y.replace('port: 81', 'port: 80');
const DENY_ALL = '  podSelector: {}\n  policyTypes: [Ingress, Egress]';
const DENY_INGRESS = '  podSelector: {}\n  policyTypes: [Ingress]';

/** The same three tables upstream runs again with UDP ("Netpol [LinuxOnly]") and SCTP (feature.SCTPConnectivity). */
function protocolVariants(protocol: 'UDP' | 'SCTP'): Table[] {
  const suffix = ` (NetworkPolicy between server and client using ${protocol})`;
  return [
    {
      test: `should support a 'default-deny-ingress' policy${suffix}`,
      policies: np('deny-all', 'x', DENY_INGRESS),
      probes: [{ port: 80, protocol, cells: [[{}, { ns: 'x' }, false]] }],
    },
    {
      test: `should enforce policy based on Ports${suffix}`,
      policies: np('allow-ns-y-on-81', 'x', PORT81_FROM_Y.replace('protocol: TCP', `protocol: ${protocol}`)),
      probes: [
        {
          port: 81,
          protocol,
          cells: [
            [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
            [{ ns: 'y' }, { ns: 'x', pod: 'a' }, true],
            [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
          ],
        },
      ],
    },
    {
      test: `should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector${suffix}`,
      policies: np(
        'allow-ns-y-pod-a',
        'x',
        `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } }, podSelector: { matchLabels: { pod: a } } }]`,
      ),
      probes: [{ port: 80, protocol, cells: [allIngress('x', 'a', false), cell('y/a', 'x/a', true)] }],
    },
  ];
}

const tables: Table[] = [
  { test: "should support a 'default-deny-ingress' policy", policies: np('deny-ingress', 'x', DENY_INGRESS), probes: [tcp(80, [[{}, { ns: 'x' }, false]])] },
  {
    test: "should support a 'default-deny-all' policy",
    policies: np('deny-all', 'x', DENY_ALL),
    probes: [
      tcp(80, [
        [{}, { ns: 'x' }, false],
        [{ ns: 'x' }, {}, false],
      ]),
    ],
  },
  {
    test: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    policies: np('x-a-allows-x-b', 'x', FROM_POD_B),
    probes: [tcp(80, [allIngress('x', 'a', false), cell('x/b', 'x/a', true)])],
  },
  {
    test: 'should enforce policy to allow ingress traffic for a target',
    policies:
      np('deny-ingress', 'x', DENY_INGRESS) +
      np(
        'allow-all-to-a',
        'x',
        '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: {}, podSelector: {} }]',
      ),
    probes: [tcp(80, [allIngress('x', 'a', true), allIngress('x', 'b', false), allIngress('x', 'c', false)])],
  },
  {
    test: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    policies: np(
      'allow-from-all-ns',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: {} }]',
    ),
    probes: [tcp(80, [])],
  },
  {
    test: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    policies: np(
      'allow-from-y',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } } }]`,
    ),
    probes: [
      tcp(80, [
        [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
        [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
      ]),
    ],
  },
  {
    test: 'should enforce policy based on PodSelector with MatchExpressions',
    policies: np(
      'x-a-allows-x-b',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ podSelector: { matchExpressions: [{ key: pod, operator: In, values: [b] }] } }]',
    ),
    probes: [tcp(80, [allIngress('x', 'a', false), cell('x/b', 'x/a', true)])],
  },
  {
    test: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    policies: np(
      'allow-ns-y',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchExpressions: [{ key: ${NS_LABEL}, operator: In, values: [y] }] } }]`,
    ),
    probes: [
      tcp(80, [
        [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
        [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
      ]),
    ],
  },
  {
    test: 'should enforce policy based on PodSelector or NamespaceSelector',
    policies: np(
      'a-from-other-ns-or-b',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector: { matchExpressions: [{ key: ${NS_LABEL}, operator: NotIn, values: [x] }] }\n        - podSelector: { matchLabels: { pod: b } }`,
    ),
    probes: [tcp(80, [cell('x/c', 'x/a', false)])],
  },
  {
    test: 'should enforce policy based on PodSelector and NamespaceSelector',
    policies: np(
      'a-from-b-in-other-ns',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector: { matchExpressions: [{ key: ${NS_LABEL}, operator: NotIn, values: [x] }] }\n          podSelector: { matchLabels: { pod: b } }`,
    ),
    probes: [tcp(80, [allIngress('x', 'a', false), cell('y/b', 'x/a', true), cell('z/b', 'x/a', true)])],
  },
  {
    test: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    policies: np(
      'allow-ns-y-z-pod-b-c',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from:\n        - namespaceSelector: { matchExpressions: [{ key: ${NS_LABEL}, operator: NotIn, values: [x] }] }\n          podSelector: { matchExpressions: [{ key: pod, operator: In, values: [b, c] }] }`,
    ),
    probes: [tcp(80, [[{ ns: 'x' }, { ns: 'x', pod: 'a' }, false], cell('y/a', 'x/a', false), cell('z/a', 'x/a', false)])],
  },
  {
    test: 'should enforce policy based on any PodSelectors',
    policies: np(
      'allow-ns-x-pod-b-c',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ podSelector: { matchLabels: { pod: b } } }, { podSelector: { matchLabels: { pod: c } } }]',
    ),
    probes: [tcp(80, [allIngress('x', 'a', false), cell('x/b', 'x/a', true), cell('x/c', 'x/a', true)])],
  },
  {
    test: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    policies: np(
      'allow-ns-y-pod-a-via-namespace-pod-selector',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } }, podSelector: { matchLabels: { pod: a } } }]`,
    ),
    probes: [tcp(80, [allIngress('x', 'a', false), cell('y/a', 'x/a', true)])],
  },
  {
    test: 'should enforce policy based on Ports',
    policies: np('allow-client-a-via-ns-selector', 'x', PORT81_FROM_Y),
    probes: [
      tcp(81, [
        [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
        [{ ns: 'y' }, { ns: 'x', pod: 'a' }, true],
        [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
      ]),
    ],
  },
  {
    test: 'should enforce multiple, stacked policies with overlapping podSelectors',
    step: 'port 81 allowed from y, port 80 denied',
    policies: np('allow-81', 'x', PORT81_FROM_Y),
    probes: [
      tcp(81, [
        [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
        [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
      ]),
      tcp(80, [allIngress('x', 'a', false)]),
    ],
  },
  {
    test: 'should enforce multiple, stacked policies with overlapping podSelectors',
    step: 'a second policy unblocks port 80',
    policies: np('allow-81', 'x', PORT81_FROM_Y) + np('allow-80', 'x', PORT80_FROM_Y),
    probes: [
      tcp(80, [
        [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
        [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
      ]),
    ],
  },
  {
    test: 'should support allow-all policy',
    policies: np('allow-all', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{}]'),
    probes: [tcp(80, []), tcp(81, [])],
  },
  {
    test: 'should allow ingress access on one named port',
    policies: np('allow-all', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{ port: serve-81-tcp }]'),
    probes: [tcp(81, []), tcp(80, [[{}, { ns: 'x' }, false]])],
  },
  {
    test: 'should allow ingress access from namespace on one named port',
    policies: np(
      'allow-client-a-via-ns-selector-80',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } } }]\n      ports: [{ port: serve-80-tcp, protocol: TCP }]`,
    ),
    probes: [
      tcp(80, [
        [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
        [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
      ]),
      tcp(81, [allIngress('x', 'a', false)]),
    ],
  },
  {
    test: 'should allow egress access on one named port',
    policies: np('allow-egress', 'x', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ port: serve-80-tcp }]'),
    probes: [tcp(80, []), tcp(81, [[{ ns: 'x' }, {}, false]])],
  },
  {
    test: 'should enforce updated policy',
    step: 'allow all',
    policies: np('allow-all-mutate-to-deny-all', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{}]'),
    probes: [tcp(81, [])],
  },
  {
    test: 'should enforce updated policy',
    step: 'updated to ingress: []',
    policies: np('allow-all-mutate-to-deny-all', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: []'),
    probes: [tcp(81, [[{}, { ns: 'x' }, false]])],
  },
  {
    test: 'should allow ingress access from updated namespace',
    step: 'before the label',
    policies: np(
      'allow-client-a-via-ns-selector',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ns2: updated } } }]',
    ),
    probes: [tcp(80, [allIngress('x', 'a', false)])],
  },
  {
    test: 'should allow ingress access from updated namespace',
    step: 'namespace y labelled ns2=updated',
    cluster: { nsLabels: { y: { ns2: 'updated' } } },
    policies: np(
      'allow-client-a-via-ns-selector',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ns2: updated } } }]',
    ),
    probes: [tcp(80, [allIngress('x', 'a', false), [{ ns: 'y' }, {}, true]])],
  },
  {
    test: 'should allow ingress access from updated pod',
    step: 'x/b labelled pod2=updated',
    cluster: { podLabels: { 'x/b': { pod2: 'updated' } } },
    policies: np(
      'allow-client-a-via-pod-selector',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ podSelector: { matchLabels: { pod: b, pod2: updated } } }]',
    ),
    probes: [tcp(80, [allIngress('x', 'a', false), cell('x/b', 'x/a', true)])],
  },
  {
    test: 'should deny ingress from pods on other namespaces',
    policies: np('deny-empty-policy', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ podSelector: {} }]'),
    probes: [
      tcp(80, [
        [{ ns: 'y' }, { ns: 'x' }, false],
        [{ ns: 'z' }, { ns: 'x' }, false],
      ]),
    ],
  },
  {
    test: 'should deny ingress access to updated pod',
    step: 'before the label',
    policies: np('deny-ingress-via-label-selector', 'x', '  podSelector: { matchLabels: { target: isolated } }\n  policyTypes: [Ingress]'),
    probes: [tcp(80, [])],
  },
  {
    test: 'should deny ingress access to updated pod',
    step: 'x/a labelled target=isolated',
    cluster: { podLabels: { 'x/a': { target: 'isolated' } } },
    policies: np('deny-ingress-via-label-selector', 'x', '  podSelector: { matchLabels: { target: isolated } }\n  policyTypes: [Ingress]'),
    probes: [tcp(80, [allIngress('x', 'a', false)])],
  },
  {
    test: 'should deny egress from pods based on PodSelector',
    policies: np('deny-egress-pod-a', 'x', '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]'),
    probes: [tcp(80, [allEgress('x', 'a', false)])],
  },
  {
    test: 'should deny egress from all pods in a namespace',
    policies: np('deny-egress-ns-x', 'x', '  podSelector: {}\n  policyTypes: [Egress]'),
    probes: [tcp(80, [[{ ns: 'x' }, {}, false]])],
  },
  {
    test: 'should work with Ingress, Egress specified together',
    policies: np(
      'allow-client-a-via-pod-selector',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress, Ingress]\n  ingress:\n    - from: [{ podSelector: { matchLabels: { pod: b } } }]\n  egress:\n    - ports: [{ port: 80 }]',
    ),
    probes: [
      tcp(80, [allIngress('x', 'a', false), cell('x/b', 'x/a', true)]),
      tcp(81, [allIngress('x', 'a', false), allEgress('x', 'a', false), cell('x/b', 'x/a', true)]),
    ],
  },
  {
    test: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    policies:
      np(
        'allow-to-ns-y-pod-a',
        'x',
        `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]\n  egress:\n    - to: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } }, podSelector: { matchLabels: { pod: a } } }]`,
      ) +
      np(
        'allow-from-xa-on-ya-match-selector',
        'y',
        `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: x } }, podSelector: { matchLabels: { pod: a } } }]`,
      ) +
      np(
        'allow-from-xa-on-yb-match-selector',
        'y',
        `  podSelector: { matchLabels: { pod: b } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: x } }, podSelector: { matchLabels: { pod: a } } }]`,
      ),
    probes: [tcp(80, [allEgress('x', 'a', false), allIngress('y', 'a', false), cell('x/a', 'y/a', true), allIngress('y', 'b', false)])],
  },
  {
    test: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    policies: np(
      'allow-to-ns-y-pod-a',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]\n  egress:\n    - to: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } }, podSelector: { matchLabels: { pod: a } } }]`,
    ),
    probes: [tcp(80, [allEgress('x', 'a', false), cell('x/a', 'y/a', true)])],
  },
  {
    test: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    policies: np(
      'allow-ingress-by-proto',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{ protocol: TCP }]',
    ),
    probes: [tcp(80, []), { port: 80, protocol: 'UDP', cells: [allIngress('x', 'a', false)] }],
  },
  {
    test: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    step: 'port 80 only',
    policies: np('allow-ingress-port-80', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{ port: 80 }]'),
    probes: [tcp(81, [[{}, { ns: 'x' }, false]])],
  },
  {
    test: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    step: 'plus allow-all',
    policies:
      np('allow-ingress-port-80', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{ port: 80 }]') +
      np('allow-ingress', 'x', '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{}]'),
    probes: [tcp(81, [])],
  },
  {
    test: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    step: 'port 80 only',
    policies: np('allow-egress-port-80', 'x', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ port: 80 }]'),
    probes: [tcp(81, [[{ ns: 'x' }, {}, false]])],
  },
  {
    test: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    step: 'plus allow-all',
    policies:
      np('allow-egress-port-80', 'x', '  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{ port: 80 }]') +
      np('allow-egress', 'x', '  podSelector: {}\n  policyTypes: [Egress]\n  egress: [{}]'),
    probes: [tcp(81, [])],
  },
  {
    test: 'should stop enforcing policies after they are deleted',
    step: 'deny-all',
    policies: np('deny-all', 'x', DENY_ALL),
    probes: [
      tcp(80, [
        [{ ns: 'x' }, {}, false],
        [{}, { ns: 'x' }, false],
      ]),
    ],
  },
  { test: 'should stop enforcing policies after they are deleted', step: 'deleted', policies: '', probes: [tcp(80, [])] },
  {
    test: 'should allow egress access to server in CIDR block',
    policies: np(
      'allow-client-a-via-cidr-egress-rule',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ipBlock: { cidr: ${podIp('y', 'b')}/32 } }]`,
    ),
    probes: [tcp(80, [allEgress('x', 'a', false), cell('x/a', 'y/b', true)])],
  },
  {
    test: 'should enforce except clause while egress access to server in CIDR block',
    policies: np(
      'allow-client-a-via-cidr-egress-rule',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ipBlock: { cidr: ${podIp('x', 'a')}/4, except: [${podIp('x', 'b')}/32] } }]`,
    ),
    probes: [tcp(80, [cell('x/a', 'x/b', false)])],
  },
  {
    test: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    step: 'updated to the excepted IP alone',
    policies: np(
      'allow-client-a-via-cidr-egress-rule',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]\n  egress:\n    - to: [{ ipBlock: { cidr: ${podIp('x', 'b')}/32 } }]`,
    ),
    probes: [tcp(80, [allEgress('x', 'a', false), cell('x/a', 'x/b', true)])],
  },
  {
    test: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    policies:
      np('allow-egress-for-target', 'x', '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]\n  egress: [{}]') +
      np('deny-ingress-via-label-selector', 'x', '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]'),
    probes: [tcp(80, [allIngress('x', 'a', false)])],
  },
  {
    test: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    policies:
      np('deny-ingress', 'x', DENY_INGRESS) +
      np(
        'allow-only-sctp-ingress-on-port-81',
        'x',
        '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{ port: 81, protocol: SCTP }]',
      ),
    probes: [tcp(81, [[{}, { ns: 'x' }, false]])],
  },
  {
    test: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP",
    policies: np(
      'allow-only-sctp-ingress-on-port-80',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{ port: 80, protocol: SCTP }]',
    ),
    probes: [tcp(81, [allIngress('x', 'a', false)])],
  },
  {
    test: 'should not allow access by TCP when a policy specifies only UDP',
    policies: np(
      'allow-only-udp-ingress-on-port-81',
      'x',
      '  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{ port: 81, protocol: UDP }]',
    ),
    probes: [tcp(81, [allIngress('x', 'a', false)])],
  },
  {
    test: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    policies: np(
      'allow-client-a-via-ns-selector-for-immutable-ns-label',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ namespaceSelector: { matchLabels: { ${NS_LABEL}: y } } }]`,
    ),
    probes: [
      tcp(80, [
        [{ ns: 'x' }, { ns: 'x', pod: 'a' }, false],
        [{ ns: 'z' }, { ns: 'x', pod: 'a' }, false],
      ]),
    ],
  },
  {
    test: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    policies: np(
      'allow-ns-y-match-selector-for-immutable-ns-label',
      'x',
      `  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]\n  egress:\n    - to: [{ namespaceSelector: { matchExpressions: [{ key: ${NS_LABEL}, operator: NotIn, values: [y] }] } }]`,
    ),
    probes: [tcp(80, [[{ ns: 'x', pod: 'a' }, { ns: 'y' }, false]])],
  },
  ...protocolVariants('UDP'),
  ...protocolVariants('SCTP'),
];

function podsOf(mesh: Mesh): Workload[] {
  return NAMESPACES.flatMap((ns) => PODS.map((p) => mesh.workloads.find((w) => w.namespace === ns && w.name === p)!));
}

describe(`NetworkPolicy truth tables: ${E2E}`, () => {
  for (const t of tables) {
    it(`${t.test}${t.step ? ` [${t.step}]` : ''}`, () => {
      const mesh = meshOf(cluster(t.cluster) + t.policies);
      assert.deepEqual(mesh.problems, []);
      const pods = podsOf(mesh);
      for (const probe of t.probes) {
        const expected = reachability(probe.cells);
        const wrong: string[] = [];
        for (const from of pods) {
          for (const to of pods) {
            if (from === to) continue;
            const fromId = `${from.namespace}/${from.name}`;
            const toId = `${to.namespace}/${to.name}`;
            const got = networkPolicyAllows(mesh, { workload: from }, { workload: to }, probe.port, probe.protocol).allowed;
            if (got !== expected(fromId, toId)) wrong.push(`${fromId} -> ${toId}: expected ${expected(fromId, toId)}, engine ${got}`);
          }
        }
        assert.deepEqual(wrong, [], `${probe.protocol}/${probe.port}`);
      }
    });
  }
});

const PA = 'kubernetes-sigs/network-policy-api cmd/policy-assistant/pkg/matcher/policy_tests.go (commit 0eec1b0e5fa9)';

describe(`NetworkPolicy cases: ${PA}`, () => {
  const byId = (mesh: Mesh, id: string) => podsOf(mesh).find((w) => `${w.namespace}/${w.name}` === id)!;
  const allowAllOnSctp = np('policy-207', 'x', '  ingress:\n    - ports:\n        - protocol: SCTP\n  podSelector: {}\n  policyTypes: [Ingress]');

  for (const [protocol, allowed] of [
    ['TCP', false],
    ['SCTP', true],
  ] as const) {
    it(`Allowing a protocol should implicitly deny other protocols from pods: ${protocol} ${allowed ? 'allowed' : 'denied'}`, () => {
      const mesh = meshOf(cluster() + allowAllOnSctp);
      assert.equal(networkPolicyAllows(mesh, { workload: byId(mesh, 'y/a') }, { workload: byId(mesh, 'x/a') }, 103, protocol).allowed, allowed);
    });
    it(`Allowing a protocol should implicitly deny other protocols from ips: ${protocol} ${allowed ? 'allowed' : 'denied'}`, () => {
      const mesh = meshOf(cluster() + allowAllOnSctp);
      assert.equal(networkPolicyAllows(mesh, { ip: '1.2.3.4' }, { workload: byId(mesh, 'x/a') }, 103, protocol).allowed, allowed);
    });
  }

  const egressToIps = np(
    'vary-egress-37-0-0-0-19',
    'x',
    '  egress:\n  - ports:\n    - { port: 80, protocol: TCP }\n    to:\n    - podSelector: {}\n    - ipBlock: { cidr: 192.168.242.213/24 }\n  - ports:\n    - { port: 53, protocol: UDP }\n  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Egress]',
  );
  it('Policy allowing egress to ips: Should allow ips in cidr (y/b at 192.168.242.249)', () => {
    const mesh = meshOf(cluster({ ips: { 'y/b': '192.168.242.249' } }) + egressToIps);
    assert.equal(networkPolicyAllows(mesh, { workload: byId(mesh, 'x/a') }, { workload: byId(mesh, 'y/b') }, 80, 'TCP').allowed, true);
  });
  it('... the same pod without a stated IP: denied under the documented assumption, and the explanation says so', () => {
    const mesh = meshOf(cluster({ ips: { 'y/b': null } }) + egressToIps);
    const r = networkPolicyAllows(mesh, { workload: byId(mesh, 'x/a') }, { workload: byId(mesh, 'y/b') }, 80, 'TCP');
    assert.equal(r.allowed, false);
    assert.match(
      r.steps[r.steps.length - 1].detail,
      /pod IPs are unknown from manifests: an ipBlock is taken to cover cluster1\/y\/b only as 0\.0\.0\.0\/0 without except/,
    );
  });

  it('Policy allowing ingress to named port: Should allow access to named port', () => {
    const mesh = meshOf(
      cluster() +
        np(
          'abc',
          'x',
          '  ingress:\n  - ports:\n    - { port: port-hello, protocol: TCP }\n  podSelector: { matchLabels: { pod: a } }\n  policyTypes: [Ingress]',
        ) +
        'apiVersion: v1\nkind: Pod\nmetadata: { name: hello, namespace: x, labels: { pod: a } }\nspec:\n  containers:\n    - name: c\n      ports: [{ containerPort: 8080, name: port-hello }]\n',
    );
    const hello = mesh.workloads.find((w) => w.name === 'hello')!;
    assert.equal(networkPolicyAllows(mesh, { ip: '1.2.3.4' }, { workload: hello }, 8080, 'TCP').allowed, true);
    assert.equal(networkPolicyAllows(mesh, { ip: '1.2.3.4' }, { workload: hello }, 8081, 'TCP').allowed, false);
  });
});
