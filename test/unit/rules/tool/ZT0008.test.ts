import { notModelled } from '../../../../src/rules/tool/notModelled';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(notModelled, {
  valid: [
    {
      name: 'an AuthorizationPolicy using only modelled fields',
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: orders-callers
  namespace: shop
spec:
  selector:
    matchLabels: {app: orders}
  rules:
  - from:
    - source: {principals: ["cluster.local/ns/shop/sa/checkout"], notNamespaces: [legacy], serviceAccounts: ["shop/checkout"]}
    to:
    - operation: {methods: [GET], ports: ["8080"]}
`,
    },
    {
      name: 'PeerAuthentication is modelled whole',
      code: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: orders
  namespace: shop
spec:
  selector:
    matchLabels: {app: orders}
  mtls: {mode: STRICT}
  portLevelMtls:
    "9090": {mode: PERMISSIVE}
`,
    },
    {
      name: "Linkerd's AuthorizationPolicy is not Istio's",
      code: `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: orders
  namespace: shop
spec:
  targetRef: {group: core, kind: Namespace, name: shop}
`,
    },
  ],
  invalid: [
    {
      name: 'trustDomains: the engine would match every caller',
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: orders-callers
  namespace: shop
spec:
  rules:
  - from:
    - source:
        trustDomains: ["partner.example"]
`,
      errors: [
        {
          line: 10,
          column: 9,
          endColumn: 21,
          message:
            "'trustDomains' is not modelled: the engine does not match callers by trust domain: it treats this source as matching every caller, so allow and deny predictions for calls to the selected workloads may be wrong",
        },
      ],
    },
    {
      name: 'connection limits of a subset, reported once on the field the table names',
      code: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: orders
  namespace: shop
spec:
  host: orders.shop.svc.cluster.local
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL, sni: orders.shop}
  subsets:
  - name: v2
    labels: {version: v2}
    trafficPolicy:
      connectionPool:
        tcp: {maxConnections: 10}
        http: {http2MaxRequests: 100}
`,
      errors: [
        {
          line: 9,
          column: 31,
          endColumn: 34,
          message: /^'sni' is not modelled: the engine takes the TLS mode as the channel and does not check certificates, SNI or SANs/,
        },
        {
          line: 14,
          column: 7,
          endColumn: 21,
          message: /^'connectionPool' is not modelled: the engine assumes no connection limits or ejection: calls predicted as allowed may fail with 503/,
        },
      ],
    },
  ],
});
