import assert from 'node:assert/strict';
import { destinationRuleSimpleTls } from '../../../../src/rules/mtls/destinationRuleSimpleTls';
import { lintCase, ruleTester } from '../../../helpers/ruleTester';

const withCa = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db, namespace: shop}
spec:
  host: db.shop.svc.cluster.local
  trafficPolicy:
    tls:
      mode: SIMPLE
      caCertificates: /etc/db/ca.pem
`;

ruleTester(destinationRuleSimpleTls, {
  valid: [
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: api, namespace: shop}
spec:
  host: api.stripe.com
  trafficPolicy:
    tls: {mode: SIMPLE}
`,
  ],
  invalid: [
    {
      code: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart.shop.svc
  trafficPolicy:
    tls:
      mode: SIMPLE
`,
      errors: [{ line: 8, column: 13, endColumn: 19, message: /one-way TLS \(SIMPLE\) to in-mesh host cart.shop.svc/ }],
      output: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart.shop.svc
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
`,
    },
    {
      name: 'with user CA material',
      code: withCa,
      errors: [
        {
          line: 8,
          column: 13,
          message:
            'traffic policy uses one-way TLS (SIMPLE) to in-mesh host db.shop.svc.cluster.local; set tls.mode to ISTIO_MUTUAL so the client proves its identity',
        },
      ],
      output: withCa.replace('mode: SIMPLE', 'mode: ISTIO_MUTUAL'),
    },
  ],
});

describe('ZT0203 fix safety', () => {
  it('does not mark the fix safe when user TLS material would be ignored', () => {
    const { findings } = lintCase(destinationRuleSimpleTls, { code: withCa });
    assert.equal(findings[0].fix?.()?.safe, false);
  });
});
