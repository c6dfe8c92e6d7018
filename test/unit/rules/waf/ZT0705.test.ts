import { wasmPluginMutableImage } from '../../../../src/rules/waf/wasmPluginMutableImage';
import { ruleTester } from '../../../helpers/ruleTester';

const plugin = (spec: string) => `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata:
  name: coraza-waf
  namespace: istio-system
spec:
  selector: {matchLabels: {istio: ingressgateway}}
${spec}`;

ruleTester(wasmPluginMutableImage, {
  valid: [
    plugin(`  url: oci://ghcr.io/corazawaf/coraza-proxy-wasm@sha256:${'c'.repeat(64)}\n`),
    plugin(`  url: https://example.com/coraza.wasm\n  sha256: ${'d'.repeat(64)}\n`),
    plugin('  url: file:///opt/filters/coraza.wasm\n'),
  ],
  invalid: [
    {
      code: plugin('  url: oci://ghcr.io/corazawaf/coraza-proxy-wasm:latest\n'),
      errors: [
        {
          line: 8,
          column: 8,
          endColumn: 56,
          message: "WasmPlugin image is pulled by tag 'latest', which can change; pin it with @sha256:<digest> or spec.sha256",
        },
      ],
    },
    { name: 'no tag means latest', code: plugin('  url: ghcr.io/corazawaf/coraza-proxy-wasm\n'), errors: [{ line: 8, message: /tag 'latest'/ }] },
    {
      name: 'http download without checksum',
      code: plugin('  url: https://example.com/coraza.wasm\n'),
      errors: [{ line: 8, column: 8, message: /without a checksum/ }],
    },
  ],
});
