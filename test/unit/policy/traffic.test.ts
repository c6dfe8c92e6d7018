// TrafficReplay parsing (docs/simulation.md "Traffic files"): good files load, bad ones fail with file:line:column.
import assert from 'node:assert/strict';
import { parseTrafficFile, TrafficFileError } from '../../../src/policy/index';

const good = `apiVersion: ztn.dev/v1alpha1
kind: TrafficReplay
metadata: { name: smoke }
calls:
  - name: frontend-to-cart
    from: shop/frontend
    to: cart.shop.svc.cluster.local:8080
    protocol: http
    method: GET
    path: /api/items
    headers: { x-user: alice, x-n: 1 }
    client: { sidecar: false }
    expect: { mtls: true, allowed: true, verdict: allowed }
  - from: east/shop/cart
    to: redis:6379
    protocol: tcp
`;

describe('simulator: traffic file', () => {
  it('reads every field of the traffic file and the line of each call', () => {
    const r = parseTrafficFile('traffic.yaml', good);
    assert.equal(r.name, 'smoke');
    assert.deepEqual(r.calls[0], {
      from: 'shop/frontend',
      to: 'cart.shop.svc.cluster.local:8080',
      name: 'frontend-to-cart',
      protocol: 'http',
      method: 'GET',
      path: '/api/items',
      headers: { 'x-user': 'alice', 'x-n': '1' },
      client: { sidecar: false },
      expect: { mtls: true, allowed: true, verdict: 'allowed' },
    });
    assert.deepEqual(r.calls[1], { from: 'east/shop/cart', to: 'redis:6379', protocol: 'tcp' });
    assert.deepEqual(r.lines, [5, 14]);
  });

  it('reads protocol udp and sctp (NetworkPolicy decides them; the sidecars do not carry them)', () => {
    const r = parseTrafficFile(
      't.yaml',
      'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - { from: shop/a, to: dns:53, protocol: udp }\n  - { from: shop/a, to: sig:3868, protocol: sctp }\n',
    );
    assert.deepEqual(
      r.calls.map((c) => c.protocol),
      ['udp', 'sctp'],
    );
  });

  const bad: [string, string, number, number, RegExp][] = [
    ['YAML syntax error (as the yaml parser places it)', 'calls: [\n  - from: a/b\n    to: x:1\n', 2, 11, /Nested mappings/],
    ['wrong apiVersion', 'apiVersion: v1\nkind: TrafficReplay\ncalls: []\n', 1, 13, /apiVersion must be ztn.dev\/v1alpha1/],
    ['no TrafficReplay document', 'apiVersion: v1\nkind: ConfigMap\n', 1, 1, /no TrafficReplay document/],
    ['calls not a list', 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls: 3\n', 3, 8, /'calls' must be a list/],
    ['missing to', 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: shop/a\n', 4, 5, /'to' is required/],
    ['to without port', 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: shop/a\n    to: cart\n', 5, 9, /must end with :port/],
    ['port out of range', 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: shop/a\n    to: cart:70000\n', 5, 9, /1-65535/],
    ['bad from', 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: frontend\n    to: cart:80\n', 4, 11, /\[cluster\/\]namespace\/workload/],
    [
      'bad protocol',
      'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: s/a\n    to: c:80\n    protocol: quic\n',
      6,
      15,
      /http, tcp, udp, sctp/,
    ],
    [
      'unknown field (typo)',
      'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: s/a\n    to: c:80\n    expct: {}\n',
      6,
      5,
      /unknown field 'expct'/,
    ],
    [
      'expect.mtls not boolean',
      'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: s/a\n    to: c:80\n    expect: { mtls: yes }\n',
      6,
      21,
      /true or false/,
    ],
    [
      'unknown verdict',
      'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: s/a\n    to: c:80\n    expect: { verdict: denied }\n',
      6,
      24,
      /must be one of allowed/,
    ],
    ['path without slash', 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\ncalls:\n  - from: s/a\n    to: c:80\n    path: api\n', 6, 11, /start with '\/'/],
  ];
  for (const [doc, text, line, column, message] of bad) {
    it(`rejects: ${doc} at ${line}:${column}`, () => {
      assert.throws(
        () => parseTrafficFile('t.yaml', text),
        (err: unknown) => {
          assert.ok(err instanceof TrafficFileError, String(err));
          assert.equal(`${err.line}:${err.column}`, `${line}:${column}`, err.message);
          assert.match(err.message, message);
          assert.ok(err.message.startsWith(`t.yaml:${line}:${column}: `));
          return true;
        },
      );
    });
  }
});
