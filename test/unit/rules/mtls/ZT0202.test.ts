import { destinationRuleTlsDisabled } from '../../../../src/rules/mtls/destinationRuleTlsDisabled';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(destinationRuleTlsDisabled, {
  valid: [
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart.shop.svc.cluster.local
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`,
    {
      name: 'external host declared by a ServiceEntry',
      code: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: legacy, namespace: shop}
spec:
  host: legacy.example.com
  trafficPolicy:
    tls: {mode: DISABLE}
`,
      files: {
        '/virtual/se.yaml': `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: legacy, namespace: shop}
spec:
  hosts: [legacy.example.com]
  location: MESH_EXTERNAL
`,
      },
    },
  ],
  invalid: [
    {
      name: 'top-level and port-level DISABLE, comments kept',
      code: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: cart
  namespace: shop
spec:
  host: cart # short name: in the mesh
  trafficPolicy:
    tls:
      mode: DISABLE # legacy
    portLevelSettings:
    - port: {number: 9090}
      tls: {mode: DISABLE}
`,
      errors: [
        { line: 10, column: 13, endColumn: 20, message: /traffic policy sends plaintext to in-mesh host cart/ },
        { line: 13, column: 19, message: /traffic policy port 9090 sends plaintext/ },
      ],
      output: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: cart
  namespace: shop
spec:
  host: cart # short name: in the mesh
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL # legacy
    portLevelSettings:
    - port: {number: 9090}
      tls: {mode: ISTIO_MUTUAL}
`,
    },
    {
      name: 'subset of a Service of the workspace',
      code: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db, namespace: shop}
spec:
  host: db.shop
  subsets:
  - name: v1
    trafficPolicy:
      tls: {mode: DISABLE}
`,
      files: { '/virtual/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: shop}\nspec: {ports: [{port: 5432}]}\n' },
      errors: [{ line: 9, column: 19, message: /subset v1 sends plaintext to in-mesh host db.shop/ }],
      output: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: db, namespace: shop}
spec:
  host: db.shop
  subsets:
  - name: v1
    trafficPolicy:
      tls: {mode: ISTIO_MUTUAL}
`,
    },
  ],
});
