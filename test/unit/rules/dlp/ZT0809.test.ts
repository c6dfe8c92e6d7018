import { egressAllowAllRule } from '../../../../src/rules/dlp/egressAllowAllRule';
import { ruleTester } from '../../../helpers/ruleTester';

const policy = (egress: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
${egress}`;

ruleTester(egressAllowAllRule, {
  valid: [
    policy('    - to: [{namespaceSelector: {}}]\n'),
    policy('    - ports: [{port: 53, protocol: UDP}]\n'),
    policy('    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]\n'),
    { name: 'a NetworkPolicy of another API group', code: 'apiVersion: example.com/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec: {egress: [{}]}\n' },
  ],
  invalid: [
    {
      name: 'the only rule: no fix (removing it would deny all egress)',
      code: policy('    - {}\n'),
      errors: [
        {
          line: 8,
          column: 7,
          endColumn: 9,
          message:
            'egress rule 0 of NetworkPolicy egress allows every destination on every port, which undoes every egress restriction for the pods it selects; list the destinations (to) and ports they need',
        },
      ],
    },
    {
      name: 'next to narrower rules: the review fix removes it, comments kept',
      code: policy('    - to: [{namespaceSelector: {}}] # in-cluster\n    - to: [{ipBlock: {cidr: "::/0"}}]\n'),
      errors: [{ line: 9, column: 7, message: /^egress rule 1 of NetworkPolicy egress allows every destination on every port/ }],
      output: policy('    - to: [{namespaceSelector: {}}] # in-cluster\n'),
    },
  ],
});
