import { serviceAccountTokenAutomount } from '../../../../src/rules/identity/serviceAccountTokenAutomount';
import { ruleTester } from '../../../helpers/ruleTester';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: cart
      containers: [{name: app, image: cart:1}]
`;

ruleTester(serviceAccountTokenAutomount, {
  valid: [
    {
      name: 'the ServiceAccount turns automount off',
      code: deployment,
      files: { '/virtual/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: cart, namespace: shop}\nautomountServiceAccountToken: false\n' },
    },
    `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  automountServiceAccountToken: false
`,
  ],
  invalid: [
    {
      name: 'nothing turns it off',
      code: deployment,
      files: { '/virtual/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: cart, namespace: shop}\n' },
      errors: [{ line: 3, column: 18, endColumn: 22, message: /pods of Deployment cart get a Kubernetes API token mounted/ }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: cart
      containers: [{name: app, image: cart:1}]
      automountServiceAccountToken: false
`,
    },
    {
      name: 'the pod setting wins over the ServiceAccount',
      code: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  serviceAccountName: web
  automountServiceAccountToken: true # needs the API?
`,
      files: { '/virtual/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\nautomountServiceAccountToken: false\n' },
      errors: [
        {
          line: 6,
          column: 33,
          endColumn: 37,
          message:
            'pods of Pod web get a Kubernetes API token mounted; set automountServiceAccountToken: false in the pod spec (or on ServiceAccount web) unless they call the API',
        },
      ],
      output: `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  serviceAccountName: web
  automountServiceAccountToken: false # needs the API?
`,
    },
  ],
});
