import { namespaceWithoutStrictMtls } from '../../../../src/rules/mtls/namespaceWithoutStrictMtls';
import { ruleTester } from '../../../helpers/ruleTester';

const shop = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart}}
`;

ruleTester(namespaceWithoutStrictMtls, {
  valid: [
    {
      name: 'mesh-wide STRICT in the root namespace',
      code: shop,
      files: {
        '/virtual/mesh.yaml':
          'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}\n',
      },
    },
    {
      name: 'namespace PeerAuthentication',
      code: shop,
      files: {
        '/virtual/pa.yaml':
          'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec: {mtls: {mode: STRICT}}\n',
      },
    },
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: empty}\n',
  ],
  invalid: [
    {
      name: 'only a workload-level policy',
      code: shop,
      files: {
        '/virtual/pa.yaml':
          'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: cart, namespace: shop}\nspec: {selector: {matchLabels: {app: cart}}, mtls: {mode: STRICT}}\n',
      },
      errors: [{ line: 4, column: 9, endColumn: 13, message: /namespace shop has no PeerAuthentication and runs PERMISSIVE/ }],
      output: `${shop}---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICT
`,
    },
    {
      name: 'no Namespace object: points at the workload namespace',
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart}}`,
      errors: [
        {
          line: 3,
          column: 35,
          message:
            'namespace shop has no PeerAuthentication and runs PERMISSIVE by default; add a PeerAuthentication with mtls.mode STRICT for it (or mesh-wide in the root namespace)',
        },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICT
`,
    },
  ],
});
