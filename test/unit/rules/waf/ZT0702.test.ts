import { ingressWithoutWaf } from '../../../../src/rules/waf/ingressWithoutWaf';
import { ruleTester } from '../../../helpers/ruleTester';

const ingress = (metadata: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
${metadata}spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: frontend, port: {number: 80}}}}
`;

ruleTester(ingressWithoutWaf, {
  valid: [
    ingress('  annotations:\n    nginx.ingress.kubernetes.io/enable-modsecurity: "true"\n'),
    {
      name: 'AWS WAFv2 ACL',
      code: ingress('  annotations:\n    alb.ingress.kubernetes.io/wafv2-acl-arn: arn:aws:wafv2:eu-west-1:123:regional/webacl/shop/1\n'),
    },
    { name: 'internal load balancer', code: ingress('  annotations:\n    alb.ingress.kubernetes.io/scheme: internal\n') },
  ],
  invalid: [
    {
      name: 'no annotations: both ModSecurity annotations added',
      code: ingress(''),
      errors: [{ line: 4, column: 9, endColumn: 13, message: /public Ingress shop has no WAF; enable ModSecurity/ }],
      output: ingress(
        '  annotations:\n    nginx.ingress.kubernetes.io/enable-modsecurity: "true"\n    nginx.ingress.kubernetes.io/enable-owasp-core-rules: "true"\n',
      ),
    },
    {
      name: 'other annotations kept, new ones appended',
      code: ingress('  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt # tls\n'),
      errors: [
        {
          line: 4,
          column: 9,
          message:
            'public Ingress shop has no WAF; enable ModSecurity with the OWASP core rules (nginx.ingress.kubernetes.io/enable-modsecurity, nginx.ingress.kubernetes.io/enable-owasp-core-rules)',
        },
      ],
      output: ingress(
        '  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt # tls\n    nginx.ingress.kubernetes.io/enable-modsecurity: "true"\n    nginx.ingress.kubernetes.io/enable-owasp-core-rules: "true"\n',
      ),
    },
    {
      name: 'ModSecurity switched off',
      code: ingress('  annotations:\n    nginx.ingress.kubernetes.io/enable-modsecurity: "false"\n'),
      errors: [{ line: 7, column: 53, message: /ModSecurity is switched off/ }],
      output: ingress('  annotations:\n    nginx.ingress.kubernetes.io/enable-modsecurity: "true"\n'),
    },
  ],
});
