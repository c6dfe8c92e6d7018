import { authorizationPolicyOpenIpBlocks } from '../../../../src/rules/sources/authorizationPolicyOpenIpBlocks';
import { ruleTester } from '../../../helpers/ruleTester';

const ap = (action: string, field: string, cidr: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ingress, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  action: ${action}
  rules:
  - from:
    - source:
        ${field}: ["${cidr}", "198.51.100.0/24"]
`;

ruleTester(authorizationPolicyOpenIpBlocks, {
  valid: [ap('ALLOW', 'remoteIpBlocks', '203.0.113.0/24'), { name: 'DENY from anywhere is fine', code: ap('DENY', 'ipBlocks', '0.0.0.0/0') }],
  invalid: [
    {
      config: { allowedCidrs: ['203.0.113.0/24'] },
      code: ap('ALLOW', 'remoteIpBlocks', '0.0.0.0/0'),
      errors: [{ line: 10, column: 26, endColumn: 37, message: /remoteIpBlocks 0.0.0.0\/0 matches every address/ }],
      output: ap('ALLOW', 'remoteIpBlocks', '203.0.113.0/24'),
    },
  ],
});
