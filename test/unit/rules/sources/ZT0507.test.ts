import { ingressRuleFromAnywhere } from '../../../../src/rules/sources/ingressRuleFromAnywhere';
import { ruleTester } from '../../../helpers/ruleTester';

const np = (ingress: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
${ingress}`;

ruleTester(ingressRuleFromAnywhere, {
  valid: [np('  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: istio-system}}}]\n')],
  invalid: [
    {
      code: np('  - ports: [{port: 8080}]\n  - from: []\n'),
      errors: [
        { line: 7, column: 5, message: 'ingress rule 0 of web has no "from" and admits every source on its ports; list the allowed peers' },
        { line: 8, column: 5, endColumn: 9, message: /ingress rule 1 of web has no "from" and admits every source;/ },
      ],
    },
    {
      name: 'empty rule',
      code: np('  - {}\n'),
      errors: [{ line: 7, column: 5, endColumn: 7, message: 'ingress rule 0 of web has no "from" and admits every source; list the allowed peers' }],
    },
  ],
});
