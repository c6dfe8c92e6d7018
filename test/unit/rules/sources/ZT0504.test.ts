import { ingressWithoutAllowList } from '../../../../src/rules/sources/ingressWithoutAllowList';
import { ruleTester } from '../../../helpers/ruleTester';

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
spec:
  ingressClassName: nginx
  rules: [{host: admin.example.com}]
`;

ruleTester(ingressWithoutAllowList, {
  valid: [ingress.replace('ssl-redirect: "true"', 'whitelist-source-range: "203.0.113.0/24"')],
  invalid: [
    {
      config: { allowedCidrs: ['203.0.113.0/24', '10.0.0.0/8'] },
      code: ingress,
      errors: [
        {
          line: 4,
          column: 9,
          endColumn: 14,
          message:
            /Ingress admin accepts clients from any address; .*nginx.ingress.kubernetes.io\/whitelist-source-range\) with allowedCidrs 203.0.113.0\/24,10.0.0.0\/8/,
        },
      ],
      output: ingress.replace('"true"\n', '"true"\n    nginx.ingress.kubernetes.io/whitelist-source-range: 203.0.113.0/24,10.0.0.0/8\n'),
    },
    {
      name: 'allow-list that admits everything',
      code: ingress.replace('ssl-redirect: "true"', 'whitelist-source-range: "10.0.0.0/8, 0.0.0.0/0"'),
      errors: [{ line: 7, column: 57, message: /includes 0.0.0.0\/0, which admits any address/ }],
    },
  ],
});
