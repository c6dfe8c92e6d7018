import { defaultServiceAccount } from '../../../../src/rules/identity/defaultServiceAccount';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(defaultServiceAccount, {
  valid: [
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: cart
`,
  ],
  invalid: [
    {
      name: 'no serviceAccountName: fix adds a dedicated account',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  template:
    spec:
      containers: [{name: app, image: cart:1}]
`,
      errors: [{ line: 4, column: 9, endColumn: 13, message: /Deployment cart runs as the default ServiceAccount/ }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  template:
    spec:
      containers: [{name: app, image: cart:1}]
      serviceAccountName: cart
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: cart
  namespace: shop
automountServiceAccountToken: false
`,
    },
    {
      name: 'explicit default on a Pod',
      code: `apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  serviceAccountName: default
`,
      errors: [
        {
          line: 5,
          column: 23,
          endColumn: 30,
          message:
            'Pod debug runs as the default ServiceAccount; create a dedicated ServiceAccount and set spec.serviceAccountName so it gets its own identity',
        },
      ],
      output: `apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  serviceAccountName: debug
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: debug
  namespace: shop
automountServiceAccountToken: false
`,
    },
  ],
});
