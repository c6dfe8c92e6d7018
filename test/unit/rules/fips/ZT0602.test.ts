import { weakCipherSuites } from '../../../../src/rules/fips/weakCipherSuites';
import { ruleTester } from '../../../helpers/ruleTester';

const gateway = (ciphers: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: ["shop.example.com"]
      tls:
        mode: SIMPLE
        credentialName: shop-cert
${ciphers}`;

ruleTester(weakCipherSuites, {
  valid: [
    gateway('        cipherSuites:\n          - ECDHE-ECDSA-AES256-GCM-SHA384\n          - ECDHE-RSA-CHACHA20-POLY1305\n'),
    {
      name: 'FIPS mode accepts ECDHE with AES-GCM',
      config: { fips: true },
      code: gateway('        cipherSuites: [ECDHE-ECDSA-AES128-GCM-SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n'),
    },
  ],
  invalid: [
    {
      name: 'broken 3DES suite removed, others kept',
      code: gateway(
        '        cipherSuites:\n          - ECDHE-RSA-AES128-GCM-SHA256\n          - DES-CBC3-SHA # old Java clients\n          - ECDHE-RSA-AES256-GCM-SHA384\n',
      ),
      errors: [{ line: 14, column: 13, endColumn: 25, message: 'cipher suite DES-CBC3-SHA in Gateway server tls is broken; remove it' }],
      output: gateway('        cipherSuites:\n          - ECDHE-RSA-AES128-GCM-SHA256\n          - ECDHE-RSA-AES256-GCM-SHA384\n'),
    },
    {
      name: 'FIPS mode rejects ChaCha20 and CBC-SHA1 in a flow list',
      config: { fips: true },
      code: gateway('        cipherSuites: [ECDHE-RSA-CHACHA20-POLY1305, ECDHE-RSA-AES256-GCM-SHA384, AES128-SHA]\n'),
      errors: [
        { line: 12, column: 24, message: /ECDHE-RSA-CHACHA20-POLY1305 .* not FIPS-approved/ },
        { line: 12, column: 82, message: /AES128-SHA .* not FIPS-approved/ },
      ],
      output: gateway('        cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384]\n'),
    },
    {
      name: 'only weak suites: the whole list goes and the proxy defaults apply',
      code: `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: control-plane, namespace: istio-system}
spec:
  meshConfig:
    tlsDefaults:
      cipherSuites:
        - RC4-SHA
      ecdhCurves: [P-256]
`,
      errors: [{ line: 8, column: 11, message: /RC4-SHA in meshConfig.tlsDefaults is broken/ }],
      output: `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: control-plane, namespace: istio-system}
spec:
  meshConfig:
    tlsDefaults:
      ecdhCurves: [P-256]
`,
    },
    {
      name: 'all suites removed, the file stays valid JSON: gateway.json',
      code: `{
  "apiVersion": "networking.istio.io/v1",
  "kind": "Gateway",
  "metadata": {"name": "shop", "namespace": "shop"},
  "spec": {
    "selector": {"istio": "ingressgateway"},
    "servers": [{
      "port": {"number": 443, "name": "https", "protocol": "HTTPS"},
      "hosts": ["shop.example.com"],
      "tls": {
        "mode": "SIMPLE",
        "cipherSuites": ["RC4-SHA"],
        "credentialName": "shop-cert"
      }
    }]
  }
}
`,
      errors: [{ line: 12, column: 26, endColumn: 35, message: /RC4-SHA in Gateway server tls is broken/ }],
      output: `{
  "apiVersion": "networking.istio.io/v1",
  "kind": "Gateway",
  "metadata": {"name": "shop", "namespace": "shop"},
  "spec": {
    "selector": {"istio": "ingressgateway"},
    "servers": [{
      "port": {"number": 443, "name": "https", "protocol": "HTTPS"},
      "hosts": ["shop.example.com"],
      "tls": {
        "mode": "SIMPLE",
        "cipherSuites": [],
        "credentialName": "shop-cert"
      }
    }]
  }
}
`,
    },
    {
      name: 'mesh ConfigMap: points at the embedded mesh text, no fix',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    tlsDefaults:
      cipherSuites: [NULL-SHA256]
`,
      errors: [{ line: 5, column: 3, endColumn: 7, message: /NULL-SHA256/ }],
    },
  ],
});
