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
      errors: [{ line: 8, column: 11, endColumn: 21, message: /PERMISSIVE accepts plaintext/ }],
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
      errors: [{ line: 9, column: 13 }],
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
  ],
});
