import { wafFailOpen } from '../../../../src/rules/waf/wafFailOpen';
import { ruleTester } from '../../../helpers/ruleTester';

const plugin = (strategy: string) => `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: coraza-waf, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  url: oci://ghcr.io/corazawaf/coraza-proxy-wasm:0.5.0
  failStrategy: ${strategy}
`;

const extAuthz = (allow: string) => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: waf-ext-authz, namespace: istio-system}
spec:
  workloadSelector: {labels: {istio: ingressgateway}}
  configPatches:
    - applyTo: HTTP_FILTER
      match: {context: GATEWAY}
      patch:
        operation: INSERT_BEFORE
        value:
          name: envoy.filters.http.ext_authz
          typed_config:
            "@type": type.googleapis.com/envoy.extensions.filters.http.ext_authz.v3.ExtAuthz
            failure_mode_allow: ${allow}
            grpc_service: {envoy_grpc: {cluster_name: waf}}
`;

ruleTester(wafFailOpen, {
  valid: [
    plugin('FAIL_CLOSE'),
    extAuthz('false'),
    {
      name: 'non-WAF plugins may fail open',
      code: plugin('FAIL_OPEN')
        .replace(/coraza-waf/, 'request-stats')
        .replace('corazawaf/coraza-proxy-wasm', 'example/stats-filter'),
    },
  ],
  invalid: [
    {
      code: plugin('FAIL_OPEN # keep serving'),
      errors: [{ line: 7, column: 17, endColumn: 26, message: /set failStrategy: FAIL_CLOSE/ }],
      output: plugin('FAIL_CLOSE # keep serving'),
    },
    {
      code: extAuthz('true'),
      errors: [{ line: 15, column: 33, message: /set failure_mode_allow: false/ }],
      output: extAuthz('false'),
    },
  ],
});
