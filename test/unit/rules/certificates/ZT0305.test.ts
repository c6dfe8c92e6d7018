import { gatewayCredentialMissing } from '../../../../src/rules/certificates/gatewayCredentialMissing';
import { ruleTester } from '../../../helpers/ruleTester';

const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [shop.example.com]
    tls:
      mode: SIMPLE
      credentialName: shop-tls
`;
const ingressPods =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: istio-ingressgateway, namespace: istio-system}\nspec:\n  template:\n    metadata: {labels: {istio: ingressgateway}}\n';

ruleTester(gatewayCredentialMissing, {
  valid: [
    {
      name: 'Certificate creates the secret where the gateway pods run',
      code: gateway,
      files: {
        '/virtual/pods.yaml': ingressPods,
        '/virtual/cert.yaml':
          'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: shop, namespace: istio-system}\nspec: {secretName: shop-tls}\n',
      },
    },
    {
      name: 'Gateway API listener with a Secret in the gateway namespace',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls: {certificateRefs: [{name: shop-tls}]}
`,
      files: { '/virtual/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: shop-tls, namespace: shop}\ntype: kubernetes.io/tls\n' },
    },
  ],
  invalid: [
    {
      name: 'secret only exists in another namespace',
      code: gateway,
      files: {
        '/virtual/pods.yaml': ingressPods,
        '/virtual/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: shop-tls, namespace: payments}\n',
      },
      errors: [{ line: 11, column: 23, endColumn: 31, message: /TLS secret shop-tls is not defined in shop or istio-system/ }],
    },
    {
      name: 'Gateway API cross-namespace reference',
      code: `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: shop}
spec:
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls:
      certificateRefs:
      - {name: shop-tls, namespace: certs}
`,
      errors: [{ line: 11, column: 16, message: /TLS secret shop-tls is not defined in certs/ }],
    },
  ],
});
