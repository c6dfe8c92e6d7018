import { peerAuthenticationNotStrict } from '../../../../src/rules/mtls/peerAuthenticationNotStrict';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(peerAuthenticationNotStrict, {
  valid: [
    `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec:
  mtls:
    mode: STRICT
`,
  ],
  invalid: [
    {
      name: 'namespace PERMISSIVE, comment kept',
      code: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop # the shop
spec:
  mtls:
    mode: PERMISSIVE # migrating
`,
      errors: [{ line: 8, column: 11, endColumn: 21, message: /^mTLS mode PERMISSIVE accepts plaintext/ }],
      output: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop # the shop
spec:
  mtls:
    mode: STRICT # migrating
`,
    },
    {
      name: 'port-level DISABLE',
      code: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  mtls: {mode: STRICT}
  portLevelMtls:
    5432:
      mode: DISABLE
`,
      errors: [{ line: 9, column: 13, message: 'port 5432 uses mTLS mode DISABLE and accepts plaintext; set it to STRICT' }],
      output: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  mtls: {mode: STRICT}
  portLevelMtls:
    5432:
      mode: STRICT
`,
    },
    {
      name: 'mesh-wide DISABLE in the root namespace',
      code: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: DISABLE}}\n',
      errors: [{ line: 4, column: 21, message: /^mTLS mode DISABLE accepts plaintext/ }],
      output: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}\n',
    },
    {
      name: 'workload-level PERMISSIVE',
      code: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: db, namespace: shop}\nspec:\n  selector: {matchLabels: {app: db}}\n  mtls: {mode: PERMISSIVE}\n',
      errors: [{ line: 6, column: 16, message: /^mTLS mode PERMISSIVE/ }],
      output:
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: db, namespace: shop}\nspec:\n  selector: {matchLabels: {app: db}}\n  mtls: {mode: STRICT}\n',
    },
  ],
});
