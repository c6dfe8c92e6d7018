// A seeded mesh whose workloads all have distinct labels, with a realistic mix of policies: namespace default-deny,
// pod-selector and namespace-selector NetworkPolicy rules (ingress and egress, ipBlocks), PeerAuthentications,
// AuthorizationPolicies by principal and by namespace, a few policies that pick out one app.
import { deployment, namespace } from './meshFixture';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const TIERS = ['web', 'api', 'db'];

export function distinctLabelsManifests(seed: number, namespaces: number, perNamespace: number): string {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const out: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns${n}`;
    const env = r() < 0.5 ? 'prod' : 'dev';
    const team = `t${n % 4}`;
    out.push(namespace(ns, r() < 0.85, { team, env }));
    for (let j = 0; j < perNamespace; j++) {
      const tier = pick(TIERS);
      out.push(
        deployment(ns, `${ns}-w${j}`, {
          labels: { tier, version: `v${Math.floor(r() * 1000)}`, owner: `o${Math.floor(r() * 100000)}` },
          sa: r() < 0.8 ? `sa-${tier}` : `sa-${ns}-w${j}`,
          ports: r() < 0.3 ? [8080, 9090] : [8080],
        }),
      );
    }
    for (const tier of TIERS) {
      out.push(`apiVersion: v1
kind: Service
metadata: { name: ${tier}, namespace: ${ns} }
spec:
  selector: { tier: ${tier} }
  ports: [{ port: 8080, targetPort: 8080, name: http }]
---
`);
    }
    const special = `${ns}-w${Math.floor(r() * perNamespace)}`;
    const other = `ns${Math.floor(r() * namespaces)}`;
    if (r() < 0.7)
      out.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${ns} }
spec: { podSelector: {}, policyTypes: [Ingress${r() < 0.3 ? ', Egress' : ''}] }
---
`);
    out.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { tier: api } }
  ingress: [{ from: [{ podSelector: { matchLabels: { tier: web } } }], ports: [{ port: 8080 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-prod-api, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { tier: db } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { env: prod } }, podSelector: { matchExpressions: [{ key: tier, operator: In, values: [api] }] } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: special, namespace: ${ns} }
spec:
  podSelector: { matchLabels: { app: ${special} } }
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: t1 } } }, { ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-egress, namespace: ${ns} }
spec:
  podSelector: { matchExpressions: [{ key: tier, operator: NotIn, values: [db] }] }
  policyTypes: [Egress]
  egress:
    - to: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { team: ${team} } } }]
    - to: [{ ipBlock: { cidr: 192.168.0.0/16 } }]
      ports: [{ port: 443 }]
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: ${ns} }
spec: { mtls: { mode: ${pick(['STRICT', 'PERMISSIVE'])} } }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: db, namespace: ${ns} }
spec:
  selector: { matchLabels: { tier: db } }
  rules:
    - from: [{ source: { principals: ["cluster.local/ns/${ns}/sa/sa-api"] } }]
    - from: [{ source: { namespaces: ["${other}"] } }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-special, namespace: ${ns} }
spec:
  action: DENY
  selector: { matchLabels: { tier: api } }
  rules: [{ from: [{ source: { principals: ["cluster.local/ns/${other}/sa/sa-${other}-w0"] } }] }]
---
`);
  }
  return out.join('');
}
