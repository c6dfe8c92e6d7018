import { sourceOutsideAllowedCidrs } from '../../../../src/rules/sources/sourceOutsideAllowedCidrs';
import { ruleTester } from '../../../helpers/ruleTester';

const allowed = { allowedCidrs: ['10.0.0.0/8', '203.0.113.0/24'] };

ruleTester(sourceOutsideAllowedCidrs, {
  valid: [
    {
      name: 'no allowedCidrs: nothing to compare',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: lb, namespace: shop}\nspec: {type: LoadBalancer, loadBalancerSourceRanges: [8.8.8.8/32]}\n',
    },
    {
      config: allowed,
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: lb, namespace: shop}\nspec: {type: LoadBalancer, loadBalancerSourceRanges: [10.20.0.0/16, 203.0.113.7]}\n',
    },
  ],
  invalid: [
    {
      name: 'NetworkPolicy ipBlock and AuthorizationPolicy remoteIpBlocks',
      config: allowed,
      code: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: partners, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from:
    - ipBlock: {cidr: 198.51.100.0/24}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: office, namespace: istio-system}
spec:
  rules:
  - from:
    - source: {remoteIpBlocks: [10.1.0.0/16, 192.0.2.10]}
`,
      errors: [
        {
          line: 8,
          column: 23,
          endColumn: 38,
          message:
            'ingress ipBlock 198.51.100.0/24 is outside allowedCidrs (10.0.0.0/8, 203.0.113.0/24); remove it or add the network to allowedCidrs in ztn.yaml',
        },
        { line: 16, column: 46, message: /remoteIpBlocks 192.0.2.10 is outside allowedCidrs/ },
      ],
    },
  ],
});
