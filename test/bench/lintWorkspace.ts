// Generates realistic lint workspaces for benchmarks: apps of about ten objects each, some with gaps.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One app: the objects a team ships for a service (about 10 resources), with some gaps so rules fire. */
export function appDocs(ns: string, app: string, i: number): string[] {
  const weak = i % 7 === 0;
  return [
    `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nautomountServiceAccountToken: false\n`,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels: {app: ${app}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${app}}
  template:
    metadata:
      labels: {app: ${app}, version: v1}
      annotations:
        prometheus.io/scrape: "true"
    spec:
      serviceAccountName: ${weak ? 'default' : app}
      securityContext: {runAsNonRoot: true}
      containers:
        - name: ${app}
          image: ghcr.io/example/${app}:1.${i % 10}.0
          env:
            - name: LOG_LEVEL
              value: info
${weak ? '            - name: DB_PASSWORD\n              value: hunter2\n' : ''}          ports:
            - name: http
              containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            limits: {memory: 256Mi}
`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  selector: {app: ${app}}\n  ports:\n    - name: http\n      port: 8080\n      targetPort: 8080\n`,
    `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: ${app}}\n  mtls:\n    mode: ${weak ? 'PERMISSIVE' : 'STRICT'}\n`,
    `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${app}-allow
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app: ${app}}
  action: ALLOW
  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/${ns}/sa/app-${(i + 1) % 10}"]
      to:
        - operation:
            methods: ["GET", "POST"]
            paths: ["/api/*"]
`,
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${app}-ingress
  namespace: ${ns}
spec:
  podSelector:
    matchLabels: {app: ${app}}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels: {app: app-${(i + 1) % 10}}
      ports:
        - port: 8080
`,
    `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nspec:\n  host: ${app}.${ns}.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: ${weak ? 'DISABLE' : 'ISTIO_MUTUAL'}\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-config\n  namespace: ${ns}\ndata:\n  settings.yaml: |\n    feature: on\n    timeout: 30s\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nrules:\n  - apiGroups: [""]\n    resources: [configmaps]\n    verbs: [get, list, watch]\n`,
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ${app}\n  namespace: ${ns}\nsubjects:\n  - kind: ServiceAccount\n    name: ${app}\n    namespace: ${ns}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${app}\n`,
  ];
}

/** Writes `resources` objects into files of about `perFile` documents, one namespace per 10 apps. */
export function generate(dir: string, resources: number, perFile = 20): string[] {
  const docs: string[] = [];
  for (let i = 0; docs.length < resources; i++) {
    const ns = `team-${Math.floor(i / 10)}`;
    if (i % 10 === 0) docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    istio-injection: enabled\n`);
    docs.push(...appDocs(ns, `app-${i % 10}`, i));
  }
  docs.length = resources;
  const files: string[] = [];
  for (let f = 0; f * perFile < docs.length; f++) {
    const sub = join(dir, `team-${Math.floor(f / 10)}`);
    mkdirSync(sub, { recursive: true });
    const path = join(sub, `part-${f}.yaml`);
    writeFileSync(path, docs.slice(f * perFile, (f + 1) * perFile).join('---\n'));
    files.push(path);
  }
  return files;
}
