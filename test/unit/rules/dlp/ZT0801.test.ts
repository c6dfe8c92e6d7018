import { egressAllowAny } from '../../../../src/rules/dlp/egressAllowAny';
import { ruleTester } from '../../../helpers/ruleTester';

const operator = (meshConfig: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: control-plane
  namespace: istio-system
spec:
  profile: default
${meshConfig}`;

ruleTester(egressAllowAny, {
  valid: [
    operator('  meshConfig:\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLY\n'),
    {
      name: 'mesh ConfigMap with REGISTRY_ONLY',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    outboundTrafficPolicy:
      mode: REGISTRY_ONLY
`,
    },
    { name: 'other ConfigMaps are not mesh config', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {mesh: "x: 1"}\n' },
  ],
  invalid: [
    {
      name: 'explicit ALLOW_ANY',
      code: operator('  meshConfig:\n    outboundTrafficPolicy:\n      mode: ALLOW_ANY # for now\n'),
      errors: [{ line: 10, column: 13, endColumn: 22, message: /outboundTrafficPolicy ALLOW_ANY allows traffic to any external host/ }],
      output: operator('  meshConfig:\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLY # for now\n'),
    },
    {
      name: 'missing means ALLOW_ANY: points at meshConfig, fix adds the policy',
      code: operator('  meshConfig:\n    accessLogFile: /dev/stdout\n'),
      errors: [{ line: 8, column: 3, endColumn: 13, message: /outboundTrafficPolicy is not set/ }],
      output: operator('  meshConfig:\n    accessLogFile: /dev/stdout\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLY\n'),
    },
    {
      name: 'Sidecar override',
      code: `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  outboundTrafficPolicy: {mode: ALLOW_ANY}
`,
      errors: [{ line: 5, column: 33, message: /this Sidecar lets its workloads reach any external host/ }],
      output: `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`,
    },
    {
      name: 'mesh ConfigMap without the field: reported on the mesh key, no fix',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    accessLogFile: /dev/stdout
`,
      errors: [{ line: 5, column: 3, endColumn: 7, message: /outboundTrafficPolicy is not set/ }],
    },
  ],
});
