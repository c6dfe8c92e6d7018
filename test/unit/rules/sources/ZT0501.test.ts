import { networkPolicyOpenToWorld } from '../../../../src/rules/sources/networkPolicyOpenToWorld';
import { ruleTester } from '../../../helpers/ruleTester';

const np = (cidr: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
  - from:
    - ipBlock:
        cidr: ${cidr} # partners
        except: [10.0.0.0/8]
`;

ruleTester(networkPolicyOpenToWorld, {
  valid: [np('203.0.113.0/24'), np('10.0.0.0/8')],
  invalid: [
    {
      name: 'one allowed CIDR: replaced',
      config: { allowedCidrs: ['203.0.113.0/24'] },
      code: np('0.0.0.0/0'),
      errors: [
        {
          line: 9,
          column: 15,
          endColumn: 24,
          message:
            'ingress from 0.0.0.0/0 (except 10.0.0.0/8) admits any address; allow only the source networks that need access (allowedCidrs: 203.0.113.0/24)',
        },
      ],
      output: np('203.0.113.0/24'),
    },
    { name: 'IPv6 without allowedCidrs: no fix', code: np('"::/0"'), errors: [{ line: 9, column: 15, message: /ingress from ::\/0/ }] },
  ],
});
