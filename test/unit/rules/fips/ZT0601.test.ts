import { gatewayTlsVersion } from '../../../../src/rules/fips/gatewayTlsVersion';
import { ruleTester } from '../../../helpers/ruleTester';

const gateway = (tls: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop
  namespace: shop
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: ["shop.example.com"]
      tls:
${tls}`;

ruleTester(gatewayTlsVersion, {
  valid: [
    gateway('        mode: SIMPLE\n        credentialName: shop-cert\n        minProtocolVersion: TLSV1_2\n'),
    { name: 'default minimum is TLS 1.2 outside FIPS mode', code: gateway('        mode: SIMPLE\n        credentialName: shop-cert\n') },
    { name: 'passthrough does not terminate TLS', code: gateway('        mode: PASSTHROUGH\n        minProtocolVersion: TLSV1_0\n') },
  ],
  invalid: [
    {
      name: 'TLS 1.0 minimum, comment kept',
      code: gateway('        mode: SIMPLE\n        credentialName: shop-cert\n        minProtocolVersion: TLSV1_0 # legacy clients\n'),
      errors: [{ line: 14, column: 29, endColumn: 36, message: /TLSV1_0 allows deprecated TLS/ }],
      output: gateway('        mode: SIMPLE\n        credentialName: shop-cert\n        minProtocolVersion: TLSV1_2 # legacy clients\n'),
    },
    {
      name: 'max version capped at TLS 1.1',
      code: gateway('        mode: SIMPLE\n        maxProtocolVersion: TLSV1_1\n'),
      errors: [{ line: 13, column: 29, message: /maxProtocolVersion TLSV1_1/ }],
      output: gateway('        mode: SIMPLE\n        maxProtocolVersion: TLSV1_3\n'),
    },
    {
      name: 'FIPS mode wants the minimum written down',
      config: { fips: true },
      code: gateway('        mode: SIMPLE\n        credentialName: shop-cert\n'),
      errors: [{ line: 12, column: 9, endColumn: 13, message: /FIPS mode: pin tls.minProtocolVersion/ }],
      output: gateway('        mode: SIMPLE\n        credentialName: shop-cert\n        minProtocolVersion: TLSV1_2\n'),
    },
  ],
});
