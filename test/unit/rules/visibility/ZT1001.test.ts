import { noMeshAccessLogging } from '../../../../src/rules/visibility/noMeshAccessLogging';
import { ruleTester } from '../../../helpers/ruleTester';

const operator = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: control-plane
  namespace: istio-system
spec:
  profile: default
`;

const telemetry = (extra = '') => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: mesh-default, namespace: istio-system}
spec:
${extra}  accessLogging:
    - providers: [{name: envoy}]
`;

ruleTester(noMeshAccessLogging, {
  valid: [
    { name: 'mesh-wide Telemetry', code: operator, files: { '/virtual/telemetry.yaml': telemetry() } },
    { name: 'accessLogFile in meshConfig', code: `${operator}  meshConfig:\n    accessLogFile: /dev/stdout\n` },
    { name: 'no Istio in the workspace', code: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' },
  ],
  invalid: [
    {
      name: 'nothing turns logging on: a Telemetry is appended',
      code: operator,
      errors: [
        { line: 4, column: 9, endColumn: 22, message: 'the mesh has no access logging; add a Telemetry in istio-system with accessLogging provider envoy' },
      ],
      output: `${operator}---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: mesh-default
  namespace: istio-system
spec:
  accessLogging:
    - providers:
        - name: envoy
`,
    },
    {
      name: 'a Telemetry for one workload does not cover the mesh',
      code: operator,
      files: { '/virtual/telemetry.yaml': telemetry('  selector: {matchLabels: {app: cart}}\n') },
      errors: [{ line: 4, message: 'the mesh has no access logging; add a Telemetry in istio-system with accessLogging provider envoy' }],
      output: `${operator}---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: mesh-default
  namespace: istio-system
spec:
  accessLogging:
    - providers:
        - name: envoy
`,
    },
  ],
});
