import { principalTrustDomainRule } from '../../../../src/rules/identity/principalTrustDomain';
import { ruleTester } from '../../../helpers/ruleTester';
import { DEFAULT_CLUSTER } from '../../../../src/model/config';

const twoClusters = {
  clusters: [
    { ...DEFAULT_CLUSTER, name: 'east', trustDomain: 'east.shop', trustDomainAliases: ['cluster.local'] },
    { ...DEFAULT_CLUSTER, name: 'west', trustDomain: 'west.shop' },
  ],
};

ruleTester(principalTrustDomainRule, {
  valid: [
    `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/shop/sa/frontend", "*/ns/shop/sa/batch", "*"]
`,
    {
      name: 'alias of a cluster',
      config: twoClusters,
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source: {principals: ["cluster.local/ns/shop/sa/frontend", "west.shop/ns/shop/sa/web"]}
`,
    },
  ],
  invalid: [
    {
      name: 'typo in the trust domain, fixed to the cluster one',
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source:
        principals:
        - cluster.locl/ns/shop/sa/frontend # the web tier
`,
      errors: [{ line: 9, column: 11, endColumn: 43, message: /trust domain cluster.locl, which no cluster uses \(cluster.local\)/ }],
      output: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/shop/sa/frontend # the web tier
`,
    },
    {
      name: 'source.principal condition',
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  action: DENY
  rules:
  - when:
    - key: source.principal
      notValues: ["prod.example/ns/shop/sa/frontend"]
`,
      errors: [{ line: 9, column: 19, message: /trust domain prod.example/ }],
      output: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  action: DENY
  rules:
  - when:
    - key: source.principal
      notValues: ["cluster.local/ns/shop/sa/frontend"]
`,
    },
    {
      name: 'two clusters with different trust domains, the file in the first: fixed to its trust domain',
      config: twoClusters,
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source: {principals: ["north.shop/ns/shop/sa/web"]}
`,
      errors: [{ line: 7, column: 29, message: /which no cluster uses \(east.shop, cluster.local, west.shop\)/ }],
      output: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source: {principals: ["east.shop/ns/shop/sa/web"]}
`,
    },
    {
      name: 'a file deployed to two clusters with different trust domains: no automatic fix',
      config: { clusters: twoClusters.clusters.map((c) => ({ ...c, manifests: ['**'] })) },
      code: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart, namespace: shop}
spec:
  rules:
  - from:
    - source: {principals: ["north.shop/ns/shop/sa/web"]}
`,
      errors: [{ line: 7, column: 29, message: /which no cluster uses \(east.shop, cluster.local, west.shop\)/ }],
    },
  ],
});
