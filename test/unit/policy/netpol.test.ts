// `ztn netpol` connection listing: owners as ns/name[Kind], merged port ranges, external IPv4 ranges, sorted.
import assert from 'node:assert/strict';
import { formatNetpolText, netpolConnections } from '../../../src/policy/index';
import { formatConnections, allConnections, addPorts, emptyConnections, intersect, union } from '../../../src/policy/portSet';
import { app, meshOf, namespace } from '../../helpers/meshFixture';

describe('simulator: connection sets', () => {
  it('merges adjacent and overlapping ranges', () => {
    const s = emptyConnections();
    addPorts(s, 'TCP', 80, 80);
    addPorts(s, 'TCP', 81, 90);
    addPorts(s, 'TCP', 85, 100);
    addPorts(s, 'UDP', 53, 53);
    assert.equal(formatConnections(s), 'TCP 80-100,UDP 53');
  });
  it('all of TCP, UDP and SCTP prints "All Connections"', () => assert.equal(formatConnections(allConnections()), 'All Connections'));
  it('complements print as ranges: all TCP but 80', () => {
    const a = emptyConnections();
    addPorts(a, 'TCP', 1, 79);
    addPorts(a, 'TCP', 81, 65535);
    assert.equal(formatConnections(a), 'TCP 1-79,81-65535');
  });
  it('intersect and union', () => {
    const a = emptyConnections();
    addPorts(a, 'TCP', 1, 100);
    const b = emptyConnections();
    addPorts(b, 'TCP', 50, 200);
    addPorts(b, 'UDP', 53, 53);
    assert.equal(formatConnections(intersect(a, b)), 'TCP 50-100');
    assert.equal(formatConnections(union(a, b)), 'TCP 1-200,UDP 53');
  });
});

const manifests =
  namespace('shop') +
  app('shop', 'frontend') +
  app('shop', 'backend', { ports: [8080, [9090, 'metrics'], [53, 'dns', 'UDP']] }) +
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }]
      ports: [{ port: 8080 }, { port: metrics }, { port: dns, protocol: UDP }]
    - from: [{ ipBlock: { cidr: 192.168.0.0/16, except: [192.168.1.0/24] } }]
      ports: [{ port: 8080 }]
  egress:
    - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }]
      ports: [{ port: 443 }]
---
`;

describe('simulator: ztn netpol', () => {
  // backend's egress ipBlock 0.0.0.0/0 has an `except`, so it is not taken to cover pod IPs: no backend => frontend.
  it("lists every allowed connection in the issue's format, sorted", () => {
    const text = formatNetpolText(netpolConnections(meshOf(manifests)));
    assert.equal(
      text,
      [
        '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : All Connections',
        '192.168.0.0-192.168.0.255[External] => shop/backend[Deployment] : TCP 8080',
        '192.168.2.0-192.168.255.255[External] => shop/backend[Deployment] : TCP 8080',
        'shop/backend[Deployment] => 0.0.0.0-9.255.255.255[External] : TCP 443',
        'shop/backend[Deployment] => 11.0.0.0-255.255.255.255[External] : TCP 443',
        'shop/frontend[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/frontend[Deployment] => shop/backend[Deployment] : TCP 8080,9090,UDP 53',
        '',
      ].join('\n'),
    );
  });

  it('JSON rows carry the same strings', () => {
    const rows = netpolConnections(meshOf(manifests));
    assert.deepEqual(
      rows.find((r) => r.src === 'shop/frontend[Deployment]' && r.dst === 'shop/backend[Deployment]'),
      {
        src: 'shop/frontend[Deployment]',
        dst: 'shop/backend[Deployment]',
        conn: 'TCP 8080,9090,UDP 53',
      },
    );
  });

  it('without policies every pair and the outside have All Connections', () => {
    const rows = netpolConnections(meshOf(namespace('a') + app('a', 'x') + app('a', 'y')));
    assert.equal(rows.length, 6);
    assert.ok(rows.every((r) => r.conn === 'All Connections'));
  });

  it('several clusters: names carry the cluster, and pairs stay within a cluster', () => {
    const rows = netpolConnections(
      meshOf({ 'a/x.yaml': namespace('a') + app('a', 'x'), 'b/y.yaml': namespace('a') + app('a', 'y') }, [
        { name: 'east', manifests: ['a/**'] },
        { name: 'west', manifests: ['b/**'] },
      ]),
    );
    assert.deepEqual(
      rows.map((r) => `${r.src} => ${r.dst}`),
      [
        '0.0.0.0-255.255.255.255[External] => east/a/x[Deployment]',
        '0.0.0.0-255.255.255.255[External] => west/a/y[Deployment]',
        'east/a/x[Deployment] => 0.0.0.0-255.255.255.255[External]',
        'west/a/y[Deployment] => 0.0.0.0-255.255.255.255[External]',
      ],
    );
  });
  it('UDP and SCTP, endPort ranges, named ports resolved at the destination pod and ipBlock peers with except', () => {
    const text = formatNetpolText(
      netpolConnections(
        meshOf(
          namespace('shop') +
            app('shop', 'frontend') +
            app('shop', 'dns', {
              ports: [
                [53, 'dns', 'UDP'],
                [3868, 'diameter', 'SCTP'],
              ],
            }) +
            `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: fe, namespace: shop }
spec:
  podSelector: { matchLabels: { app: frontend } }
  policyTypes: [Egress]
  egress:
    - to: [{ ipBlock: { cidr: 10.0.0.0/24, except: [10.0.0.128/25] } }]
      ports: [{ port: 53, protocol: UDP }, { port: 3868, endPort: 3870, protocol: SCTP }]
    - to: [{ podSelector: { matchLabels: { app: dns } } }]
      ports: [{ port: dns, protocol: UDP }, { port: diameter, protocol: SCTP }]
`,
        ),
      ),
    );
    assert.equal(
      text,
      [
        '0.0.0.0-255.255.255.255[External] => shop/dns[Deployment] : All Connections',
        '0.0.0.0-255.255.255.255[External] => shop/frontend[Deployment] : All Connections',
        'shop/dns[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
        'shop/dns[Deployment] => shop/frontend[Deployment] : All Connections',
        'shop/frontend[Deployment] => 10.0.0.0-10.0.0.127[External] : UDP 53,SCTP 3868-3870',
        'shop/frontend[Deployment] => shop/dns[Deployment] : UDP 53,SCTP 3868',
        '',
      ].join('\n'),
    );
  });

  it('a policy the API server rejects is left out', () => {
    const bad = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: bad, namespace: a }
spec: { podSelector: {}, policyTypes: [Ingress], ingress: [{ ports: [{ port: http, endPort: 90 }] }] }
`;
    const rows = netpolConnections(meshOf(namespace('a') + app('a', 'x') + app('a', 'y') + bad));
    assert.ok(rows.every((r) => r.conn === 'All Connections'));
  });
});
