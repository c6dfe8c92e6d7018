import { portLevelMtlsWithoutSelector } from '../../../../src/rules/mtls/portLevelMtlsWithoutSelector';
import { ruleTester } from '../../../helpers/ruleTester';

ruleTester(portLevelMtlsWithoutSelector, {
  valid: [
    `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  portLevelMtls:
    5432: {mode: STRICT}
`,
  ],
  invalid: [
    {
      code: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec:
  mtls: {mode: STRICT}
  portLevelMtls:
    8080: {mode: PERMISSIVE}
`,
      errors: [{ line: 6, column: 3, endColumn: 16, message: /only applies with a workload selector/ }],
    },
  ],
});
