import { sidecarEgressUnrestricted } from '../../../../src/rules/dlp/sidecarEgressUnrestricted';
import { ruleTester } from '../../../helpers/ruleTester';

const sidecar = (spec: string) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: shop
spec:
${spec}`;

ruleTester(sidecarEgressUnrestricted, {
  valid: [sidecar('  egress:\n    - hosts: ["./*", "istio-system/*"]\n')],
  invalid: [
    {
      name: 'no egress section',
      code: sidecar('  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n'),
      errors: [{ line: 6, column: 1, endColumn: 5, message: /no egress section/ }],
      output: sidecar('  outboundTrafficPolicy: {mode: REGISTRY_ONLY}\n  egress:\n    - hosts:\n        - ./*\n        - istio-system/*\n'),
    },
    {
      name: 'every namespace',
      code: sidecar('  egress:\n    - hosts:\n        - "istio-system/*"\n        - "*/*" # everything\n'),
      errors: [{ line: 10, column: 11, endColumn: 16, message: /egress host '\*\/\*' lets the workloads reach every namespace/ }],
      output: sidecar('  egress:\n    - hosts:\n        - "istio-system/*"\n        - "./*" # everything\n'),
    },
  ],
});
