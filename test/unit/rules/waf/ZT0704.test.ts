import { wafDetectionOnly } from '../../../../src/rules/waf/wafDetectionOnly';
import { ruleTester } from '../../../helpers/ruleTester';

const ingress = (annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/enable-modsecurity: "true"
${annotations}spec:
  ingressClassName: nginx
`;

const coraza = (directive: string) => `apiVersion: extensions.istio.io/v1alpha1
kind: WasmPlugin
metadata: {name: coraza-waf, namespace: istio-system}
spec:
  selector: {matchLabels: {istio: ingressgateway}}
  url: oci://ghcr.io/corazawaf/coraza-proxy-wasm:0.5.0
  pluginConfig:
    directives_map:
      default:
        - Include @recommended-conf
        - ${directive}
        - Include @owasp_crs/*.conf
    default_directives: default
`;

ruleTester(wafDetectionOnly, {
  valid: [
    ingress('    nginx.ingress.kubernetes.io/modsecurity-snippet: |\n      SecRuleEngine On\n'),
    coraza('SecRuleEngine On'),
    { name: 'a later directive switches blocking on', code: coraza('SecRuleEngine DetectionOnly\n        - SecRuleEngine On') },
    { name: 'ModSecurity not enabled is ZT0702, not this rule', code: ingress('').replace('"true"', '"false"') },
  ],
  invalid: [
    {
      name: 'ingress-nginx default mode',
      code: ingress('    nginx.ingress.kubernetes.io/enable-owasp-core-rules: "true"\n'),
      errors: [{ line: 7, column: 53, message: /DetectionOnly mode by default/ }],
      output: ingress(
        '    nginx.ingress.kubernetes.io/enable-owasp-core-rules: "true"\n    nginx.ingress.kubernetes.io/modsecurity-snippet: SecRuleEngine On\n',
      ),
    },
    {
      name: 'snippet says DetectionOnly',
      code: ingress('    nginx.ingress.kubernetes.io/modsecurity-snippet: |\n      SecRuleEngine DetectionOnly\n      SecAuditLog /dev/stdout\n'),
      errors: [
        {
          line: 9,
          column: 21,
          endColumn: 34,
          message: 'ModSecurity runs in DetectionOnly mode and blocks nothing; set SecRuleEngine On once the rules are tuned',
        },
      ],
      output: ingress('    nginx.ingress.kubernetes.io/modsecurity-snippet: |\n      SecRuleEngine On\n      SecAuditLog /dev/stdout\n'),
    },
    {
      name: 'Coraza directive',
      code: coraza('SecRuleEngine DetectionOnly'),
      errors: [{ line: 11, column: 25, message: /WasmPlugin coraza-waf runs in DetectionOnly/ }],
      output: coraza('SecRuleEngine On'),
    },
    {
      name: 'Coraza recommended configuration without an engine directive',
      code: coraza('Include @crs-setup-conf'),
      errors: [{ line: 10, column: 11, endColumn: 36, message: /includes @recommended-conf, which runs in DetectionOnly mode/ }],
    },
  ],
});
