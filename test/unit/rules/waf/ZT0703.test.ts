import { gatewayApiWithoutWaf } from '../../../../src/rules/waf/gatewayApiWithoutWaf';
import { ruleTester } from '../../../helpers/ruleTester';

const gateway = (cls: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: edge
spec:
  gatewayClassName: ${cls}
  listeners:
    - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: edge-cert}]}}
`;

const corazaByTargetRef = `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: coraza, namespace: edge}
spec:
  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: public}]
  url: oci://ghcr.io/corazawaf/coraza-proxy-wasm@sha256:${'b'.repeat(64)}
`;

ruleTester(gatewayApiWithoutWaf, {
  valid: [
    { name: 'WasmPlugin bound by targetRefs', code: gateway('istio'), files: { '/virtual/waf.yaml': corazaByTargetRef } },
    { name: 'waypoints are not public', code: gateway('istio-waypoint') },
  ],
  invalid: [
    { code: gateway('istio'), errors: [{ line: 4, column: 9, endColumn: 15, message: /Gateway public \(class istio\) has no WAF/ }] },
    {
      name: 'a WAF bound to another Gateway does not count',
      code: gateway('istio'),
      files: { '/virtual/waf.yaml': corazaByTargetRef.replace('name: public}', 'name: other}') },
      errors: [
        {
          line: 4,
          column: 9,
          message:
            'Gateway public (class istio) has no WAF; bind a WAF WasmPlugin or EnvoyFilter to it with targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: public}]',
        },
      ],
    },
  ],
});
