import assert from 'node:assert/strict';
import { assertCleanRoundTrip, fixRoundTrip } from '../../../helpers/fixRoundTrip';

const fixture = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: frontend, port: {number: 80}}}}
---
apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: coraza-waf, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  url: oci://ghcr.io/corazawaf/coraza-proxy-wasm@sha256:${'e'.repeat(64)}
  failStrategy: FAIL_OPEN
  pluginConfig:
    directives_map:
      default: ["Include @recommended-conf", "SecRuleEngine DetectionOnly", "Include @owasp_crs/*.conf"]
    default_directives: default
`;

describe('pillar 07 fixes together (ztn lint --fix)', () => {
  it('enables ModSecurity in blocking mode and makes the WAF fail closed', () => {
    const rt = fixRoundTrip(fixture);
    // ZT0702's fix enables ModSecurity (detection only); the next pass's ZT0704 fix switches blocking on.
    assertCleanRoundTrip(rt, ['ZT0702', 'ZT0704', 'ZT0706']);
    assert.match(
      rt.text,
      /enable-modsecurity: "true"\n    nginx.ingress.kubernetes.io\/enable-owasp-core-rules: "true"\n    nginx.ingress.kubernetes.io\/modsecurity-snippet: SecRuleEngine On\n/,
    );
    assert.match(rt.text, /"SecRuleEngine On"/);
    assert.match(rt.text, /failStrategy: FAIL_CLOSE/);
  });
});
