import { httpFieldsInTcpRule } from '../../../../src/rules/rbac/httpFieldsInTcpRule';
import { ruleTester } from '../../../helpers/ruleTester';

const db = `apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  selector: {app: db}
  ports:
  - {name: tcp-postgres, port: 5432}
  - {name: http-metrics, port: 9090}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  template:
    metadata: {labels: {app: db}}
`;

const policy = (to: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  rules:
  - from:
    - source: {principals: [cluster.local/ns/shop/sa/cart]}
    to:
    - operation:
${to}`;

ruleTester(httpFieldsInTcpRule, {
  valid: [
    { name: 'HTTP fields on the HTTP port', code: policy('        ports: ["9090"]\n        paths: [/metrics]\n'), files: { '/virtual/db.yaml': db } },
    { name: 'TCP attributes on the TCP port', code: policy('        ports: ["5432"]\n'), files: { '/virtual/db.yaml': db } },
  ],
  invalid: [
    {
      code: policy('        ports: ["5432"]\n        methods: [GET]\n'),
      files: { '/virtual/db.yaml': db },
      errors: [{ line: 12, column: 9, endColumn: 16, message: /methods is HTTP-only but rule 0 applies to TCP port 5432, so the rule never matches/ }],
    },
    {
      name: 'no ports: every Service port is TCP (appProtocol)',
      code: policy('        paths: [/admin]\n').replace('app: db}}', 'app: cache}}'),
      files: {
        '/virtual/cache.yaml':
          'apiVersion: v1\nkind: Service\nmetadata: {name: cache, namespace: shop}\nspec:\n  selector: {app: cache}\n  ports: [{name: main, port: 6379, appProtocol: redis}]\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cache, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: cache}}\n',
      },
      errors: [{ line: 11, column: 9, message: /TCP port 6379/ }],
    },
  ],
});
