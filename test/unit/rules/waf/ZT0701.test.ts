import { istioGatewayWithoutWaf } from '../../../../src/rules/waf/istioGatewayWithoutWaf';
import { ruleTester } from '../../../helpers/ruleTester';

const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop
  namespace: shop
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: ["shop.example.com"]
      tls: {mode: SIMPLE, credentialName: shop-cert}
`;

const corazaInRoot = `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: coraza-waf, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  url: oci://ghcr.io/corazawaf/coraza-proxy-wasm@sha256:${'a'.repeat(64)}
`;

const extAuthzForOtherPods = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: waf, namespace: istio-system}
spec:
  workloadSelector: {labels: {istio: internal-gateway}}
  configPatches:
    - applyTo: HTTP_FILTER
      match: {context: GATEWAY}
      patch:
        operation: INSERT_BEFORE
        value: {name: envoy.filters.http.ext_authz}
`;

ruleTester(istioGatewayWithoutWaf, {
  valid: [
    { name: 'Coraza WasmPlugin in the root namespace selects the gateway', code: gateway, files: { '/virtual/waf.yaml': corazaInRoot } },
    {
      name: 'east-west gateways carry only mTLS passthrough',
      code: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: cross-network-gateway, namespace: istio-system}
spec:
  selector: {istio: eastwestgateway}
  servers:
    - port: {number: 15443, name: tls, protocol: TLS}
      hosts: ["*.local"]
      tls: {mode: AUTO_PASSTHROUGH}
`,
    },
  ],
  invalid: [
    { name: 'no filter at all', code: gateway, errors: [{ line: 4, column: 9, endColumn: 13, message: /ingress Gateway shop has no WAF filter/ }] },
    {
      name: 'filter selects other proxies',
      code: gateway,
      files: { '/virtual/waf.yaml': extAuthzForOtherPods },
      errors: [
        {
          line: 4,
          column: 9,
          message:
            'ingress Gateway shop has no WAF filter on its proxies; add a WAF WasmPlugin (e.g. Coraza with the OWASP CRS) or an EnvoyFilter (ext_authz/WAF) selecting the gateway pods',
        },
      ],
    },
  ],
});
