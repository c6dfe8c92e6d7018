import { ingressWithoutTls } from '../../../../src/rules/fips/ingressWithoutTls';
import { ruleTester } from '../../../helpers/ruleTester';

const ingress = (spec: string, apiVersion = 'networking.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata: {name: shop, namespace: shop}\nspec:\n${spec}`;
const rule = (host: string) => `  - host: ${host}\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

ruleTester(ingressWithoutTls, {
  valid: [
    ingress(
      `  tls: [{hosts: [shop.example.com, "*.api.example.com"], secretName: shop-tls}]\n  rules:\n${rule('shop.example.com')}${rule('v1.api.example.com')}`,
    ),
    ingress(`  tls: [{secretName: default-tls}]\n  rules:\n${rule('shop.example.com')}`),
    { name: 'an Ingress of another API group', code: ingress(`  rules:\n${rule('shop.example.com')}`, 'example.com/v1') },
  ],
  invalid: [
    {
      name: 'no tls at all',
      code: ingress(`  rules:\n${rule('shop.example.com')}`),
      errors: [
        {
          line: 4,
          column: 1,
          endColumn: 5,
          message: 'Ingress shop has no tls section, so it serves plain HTTP; add spec.tls with its hosts and a certificate Secret',
        },
      ],
    },
    {
      name: 'a host outside the tls hosts (a wildcard covers one label only)',
      code: ingress(`  tls: [{hosts: ["*.example.com"], secretName: shop-tls}]\n  rules:\n${rule('shop.example.com')}${rule('v1.api.example.com')}`),
      errors: [
        {
          line: 9,
          column: 11,
          endColumn: 29,
          message: 'Ingress shop serves v1.api.example.com without TLS (no spec.tls entry lists it); add it to spec.tls with a certificate Secret',
        },
      ],
    },
  ],
});
