import { loadBalancerWithoutSourceRanges } from '../../../../src/rules/sources/loadBalancerWithoutSourceRanges';
import { ruleTester } from '../../../helpers/ruleTester';

const svc = `apiVersion: v1
kind: Service
metadata:
  name: ingress
  namespace: istio-system
spec:
  type: LoadBalancer # public entry
  ports:
  - {name: https, port: 443}
`;

ruleTester(loadBalancerWithoutSourceRanges, {
  valid: [
    svc.replace('  ports:', '  loadBalancerSourceRanges: [203.0.113.0/24]\n  ports:'),
    {
      name: 'internal load balancer',
      code: svc.replace('  namespace: istio-system', '  namespace: istio-system\n  annotations: {networking.gke.io/load-balancer-type: Internal}'),
    },
    'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: shop}\nspec: {type: ClusterIP}\n',
  ],
  invalid: [
    {
      config: { allowedCidrs: ['203.0.113.0/24', '198.51.100.0/24'] },
      code: svc,
      errors: [
        {
          line: 7,
          column: 9,
          endColumn: 21,
          message: /LoadBalancer Service ingress accepts connections from any address; .*allowedCidrs: 203.0.113.0\/24, 198.51.100.0\/24/,
        },
      ],
      output: `${svc}  loadBalancerSourceRanges:
    - 203.0.113.0/24
    - 198.51.100.0/24
`,
    },
    {
      name: 'an open range in the list',
      code: svc.replace('  ports:', '  loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]\n  ports:'),
      errors: [{ line: 8, column: 42, message: /0.0.0.0\/0 admits any address/ }],
    },
  ],
});
