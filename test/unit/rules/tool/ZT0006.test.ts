import { securitySchema } from '../../../../src/rules/tool/apiSchema';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (spec: string, apiVersion = 'security.istio.io/v1') => `apiVersion: ${apiVersion}
kind: AuthorizationPolicy
metadata:
  name: orders-callers
  namespace: shop
spec:
${spec}`;

const DROPPED = /the API server drops or rejects it \(Istio 1\.30\.3\), and the policy then means something else$/;

ruleTester(securitySchema, {
  valid: [
    {
      name: 'every field in the API, serviceAccounts (Istio 1.23+) included',
      code: policy(`  selector:
    matchLabels: {app: orders}
  action: ALLOW
  rules:
  - from:
    - source:
        serviceAccounts: ["shop/checkout"]
        notPrincipals: ["cluster.local/ns/shop/sa/batch"]
    to:
    - operation: {methods: [GET], ports: ["8080"]}
    when:
    - key: request.headers[x-tenant]
      values: [acme]
`),
    },
    {
      name: 'v1beta1 has the same fields',
      code: policy('  rules:\n  - from:\n    - source: {notServiceAccounts: ["shop/batch"]}\n', 'security.istio.io/v1beta1'),
    },
    {
      name: 'null is an unset field, as for the API server',
      code: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
  creationTimestamp: null
spec:
  podSelector: {}
  ingress:
  - ports:
    - {port: http, endPort: null}
`,
    },
    {
      name: "Linkerd's AuthorizationPolicy is another API: not checked against Istio's",
      code: `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: orders
  namespace: shop
spec:
  targetRef: {group: core, kind: Namespace, name: shop}
  requiredAuthenticationRefs:
  - {name: orders-mtls, kind: MeshTLSAuthentication, group: policy.linkerd.io}
`,
    },
    {
      name: 'Gateway API v1 Gateway',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  gatewayClassName: istio
  listeners:
  - name: https
    protocol: HTTPS
    port: 443
    tls: {mode: Terminate, certificateRefs: [{name: edge-cert}]}
`,
    },
  ],
  invalid: [
    {
      name: "'principal' for 'principals': the source then matches every caller",
      code: policy(`  rules:
  - from:
    - source:
        principal: ["cluster.local/ns/shop/sa/checkout"]
`),
      errors: [{ line: 10, column: 9, endColumn: 18, message: /^field 'principal' does not exist in 'source'; did you mean 'principals'\?: / }],
    },
    {
      name: "'notPrincipal' and 'ports' under 'from'",
      code: policy(`  rules:
  - from:
    - source:
        notPrincipal: ["cluster.local/ns/shop/sa/batch"]
      ports: ["8080"]
`),
      errors: [
        { line: 10, column: 9, endColumn: 21, message: /^field 'notPrincipal' does not exist in 'source'; did you mean 'notPrincipals'\?/ },
        { line: 11, column: 7, endColumn: 12, message: DROPPED },
      ],
    },
    {
      name: 'rules written beside spec instead of in it',
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: orders-callers
  namespace: shop
rules:
- from: [{source: {namespaces: [shop]}}]
`,
      errors: [{ line: 6, column: 1, endColumn: 6, message: /^field 'rules' does not exist at the top level: the API server drops or rejects it/ }],
    },
    {
      name: 'an action outside the enum',
      code: policy('  action: ALLOWED\n'),
      errors: [
        {
          line: 7,
          column: 11,
          endColumn: 18,
          message:
            "'action' must be one of ALLOW, DENY, AUDIT, CUSTOM, not the string 'ALLOWED': the API server rejects the AuthorizationPolicy (Istio 1.30.3), so it is not applied as written",
        },
      ],
    },
    {
      name: 'a port as a number where the API wants a string, and a condition without its key',
      code: policy(`  rules:
  - to:
    - operation: {ports: [8080]}
    when:
    - values: [acme]
`),
      errors: [
        { line: 9, column: 27, endColumn: 31, message: /^'ports\[0\]' must be a string, not the integer 8080: the API server rejects/ },
        { line: 11, column: 7, endColumn: 13, message: /^'key' is required in 'when\[0\]' but missing: / },
      ],
    },
    {
      name: 'PeerAuthentication mode misspelt',
      code: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICTT
`,
      errors: [{ line: 8, column: 11, endColumn: 18, message: /^'mode' must be one of UNSET, DISABLE, PERMISSIVE, STRICT, not the string 'STRICTT'/ }],
    },
    {
      name: 'NetworkPolicy: nameSpaceSelector is dropped, and the peer then admits every pod of the namespace',
      code: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: orders-ingress
  namespace: shop
spec:
  podSelector: {matchLabels: {app: orders}}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: checkout}}
      nameSpaceSelector: {matchLabels: {team: shop}}
`,
      errors: [
        {
          line: 11,
          column: 7,
          endColumn: 24,
          message:
            /^field 'nameSpaceSelector' does not exist in 'from\[0\]'; did you mean 'namespaceSelector'\?: the API server drops or rejects it \(Kubernetes 1\.36\)/,
        },
      ],
    },
    {
      name: 'two match kinds in one StringMatch (oneOf)',
      code: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: orders
  namespace: shop
spec:
  hosts: [orders]
  http:
  - match:
    - uri: {exact: /orders, prefix: /orders/}
    route:
    - destination: {host: orders}
`,
      errors: [
        {
          line: 10,
          column: 29,
          endColumn: 35,
          message: /^only one of 'exact', 'prefix', 'regex' may be set in 'uri', and 'exact' and 'prefix' are: the API server rejects the VirtualService/,
        },
      ],
    },
    {
      name: 'a version Istio does not serve',
      code: policy('  action: DENY\n', 'security.istio.io/v1alpha1'),
      errors: [
        {
          line: 1,
          column: 13,
          endColumn: 39,
          message:
            'AuthorizationPolicy is not served at version v1alpha1 of API group security.istio.io (served: security.istio.io/v1, security.istio.io/v1beta1): the API server rejects the object',
        },
      ],
    },
    {
      name: "a Role's 'verb' for 'verbs'",
      code: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: [configmaps]
  verb: [get]
`,
      errors: [
        {
          line: 7,
          column: 3,
          endColumn: 12,
          message: /^'verbs' is required in 'rules\[0\]' but missing: the API server rejects the Role \(Kubernetes 1\.36\)/,
        },
        { line: 9, column: 3, endColumn: 7, message: /^field 'verb' does not exist in 'rules\[0\]'; did you mean 'verbs'\?/ },
      ],
    },
  ],
});
