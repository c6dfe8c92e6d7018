import assert from 'node:assert/strict';
import { assertCleanRoundTrip, fixRoundTrip } from '../../../helpers/fixRoundTrip';

// One Gateway with several FIPS problems in the same tls block, a weak Certificate and a quiet Telemetry.
const fixture = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop
  namespace: shop
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: 80, name: http, protocol: HTTP}
      hosts: ["shop.example.com"]
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: ["shop.example.com"]
      tls:
        mode: SIMPLE
        credentialName: shop-cert
        minProtocolVersion: TLSV1_0
        cipherSuites:
          - ECDHE-RSA-AES128-GCM-SHA256
          - DES-CBC3-SHA # legacy
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: shop-cert, namespace: istio-system}
spec:
  secretName: shop-cert
  dnsNames: [shop.example.com]
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
  privateKey: {algorithm: RSA, size: 1024}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: shop, namespace: shop}
spec:
  accessLogging:
    - providers: [{name: envoy}]
      disabled: true
`;

describe('pillar 06 fixes together (ztn lint --fix)', () => {
  it('fix every finding without breaking the file or adding errors', () => {
    const rt = fixRoundTrip(fixture, { fips: true });
    assertCleanRoundTrip(rt, ['ZT0601', 'ZT0602', 'ZT0603', 'ZT0605', 'ZT0606']);
    assert.match(rt.text, /minProtocolVersion: TLSV1_2\n/);
    assert.match(rt.text, /- ECDHE-RSA-AES128-GCM-SHA256\n(?!.*DES-CBC3)/s);
    assert.match(rt.text, /httpsRedirect: true/);
    assert.match(rt.text, /size: 2048/);
  });
});
