import { objectSchema } from '../../../../src/rules/tool/apiSchema';
import { ruleTester } from '../../../helpers/ruleTester';

const deployment = (container: string, replicas = '2') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders}
    spec:
      containers:
      - name: orders
        image: registry.example/orders:1.4
${container}`;

ruleTester(objectSchema, {
  valid: [
    {
      name: 'quantities as numbers, int-or-string ports, YAML 1.1 booleans, as Kubernetes decodes them',
      code: deployment(`        resources:
          limits: {cpu: 1, memory: 256Mi}
        ports:
        - containerPort: 8080
        securityContext: {runAsNonRoot: yes, allowPrivilegeEscalation: false}
        readinessProbe:
          httpGet: {path: /healthz, port: http}
`),
    },
    {
      name: 'kinds without a vendored schema are not checked',
      code: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: orders
  namespace: shop
spec:
  secretName: orders-tls
  issuerRef: {name: ca, kind: ClusterIssuer}
  notAField: true
`,
    },
    {
      name: 'a kubeconfig is not an API object',
      code: `apiVersion: v1
kind: Config
clusters: []
contexts: []
`,
    },
    {
      name: 'security kinds are ZT0006',
      code: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls: {mode: STRICTT}
`,
    },
  ],
  invalid: [
    {
      name: 'replicas as a string',
      code: deployment('', '"3"'),
      errors: [
        {
          line: 7,
          column: 13,
          endColumn: 16,
          message:
            "'replicas' must be an integer, not the string '3': the API server rejects the Deployment (Kubernetes 1.36), so it is not applied as written",
        },
      ],
    },
    {
      name: "a container's 'env' misspelt, and a label value that is a number",
      code: deployment(`        envs:
        - {name: MODE, value: strict}
`).replace('labels: {app: orders}', 'labels: {app: orders, version: 2}'),
      errors: [
        { line: 12, column: 38, endColumn: 39, message: /^'version' must be a string, not the integer 2: the API server rejects the Deployment/ },
        {
          line: 17,
          column: 9,
          endColumn: 13,
          message:
            "field 'envs' does not exist in 'containers[0]'; did you mean 'env'?: the API server drops or rejects it (Kubernetes 1.36), and the object then means something else",
        },
      ],
    },
    {
      name: 'a Service port without its port number, in a List',
      code: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: orders
    namespace: shop
  spec:
    selector: {app: orders}
    ports:
    - name: http
      targetport: 8080
`,
      errors: [
        { line: 12, column: 7, endColumn: 11, message: /^'port' is required in 'ports\[0\]' but missing: the API server rejects the Service/ },
        { line: 13, column: 7, endColumn: 17, message: /^field 'targetport' does not exist in 'ports\[0\]'; did you mean 'targetPort'\?/ },
      ],
    },
    {
      name: 'an API version Kubernetes 1.36 no longer serves',
      code: `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: report
spec: {}
`,
      errors: [
        {
          line: 1,
          column: 13,
          endColumn: 26,
          message: 'CronJob is not served at version v1beta1 of API group batch (served: batch/v1): the API server rejects the object',
        },
      ],
    },
  ],
});
