import { networkPolicySelectsNothing } from '../../../../src/rules/sources/networkPolicySelectsNothing';
import { ruleTester } from '../../../helpers/ruleTester';

const cart =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cart, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: cart, tier: backend}}\n';
const np = (selector: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cart, namespace: shop}
spec:
  podSelector: ${selector}
  ingress: [{from: [{podSelector: {}}]}]
`;

ruleTester(networkPolicySelectsNothing, {
  valid: [
    { code: np('{matchLabels: {app: cart}}'), files: { '/virtual/cart.yaml': cart } },
    { name: 'matchExpressions', code: np('{matchExpressions: [{key: tier, operator: In, values: [backend]}]}'), files: { '/virtual/cart.yaml': cart } },
    { name: 'no workloads of the namespace in the workspace', code: np('{matchLabels: {app: kart}}') },
  ],
  invalid: [
    {
      name: 'label typo',
      code: np('{matchLabels: {app: kart}}'),
      files: { '/virtual/cart.yaml': cart },
      errors: [
        {
          line: 5,
          column: 3,
          endColumn: 14,
          message: 'podSelector of NetworkPolicy cart matches no workload in namespace shop; fix the labels so it selects the pods it should protect',
        },
      ],
    },
  ],
});
