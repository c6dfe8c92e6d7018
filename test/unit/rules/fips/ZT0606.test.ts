import { gatewayPlaintextHttp } from '../../../../src/rules/fips/gatewayPlaintextHttp';
import { ruleTester } from '../../../helpers/ruleTester';

const gateway = (selector: string, server: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop
  namespace: shop
spec:
  selector: {istio: ${selector}}
  servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts: ["shop.example.com"]
${server}`;

ruleTester(gatewayPlaintextHttp, {
  valid: [
    gateway('ingressgateway', '      tls:\n        httpsRedirect: true\n'),
    { name: 'egress gateways originate TLS later', code: gateway('egressgateway', '') },
  ],
  invalid: [
    {
      name: 'no tls block',
      code: gateway('ingressgateway', ''),
      errors: [{ line: 12, column: 19, endColumn: 23, message: /port 80 serves HTTP in plaintext/ }],
      output: gateway('ingressgateway', '      tls:\n        httpsRedirect: true\n'),
    },
    {
      name: 'redirect switched off',
      code: gateway('ingressgateway', '      tls: {httpsRedirect: false}\n'),
      errors: [{ line: 12, column: 19, message: 'server on port 80 serves HTTP in plaintext; set tls.httpsRedirect: true and serve the hosts over HTTPS' }],
      output: gateway('ingressgateway', '      tls: {httpsRedirect: true}\n'),
    },
  ],
});
