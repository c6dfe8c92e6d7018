// Cost of the pillar 06-10 rules (FIPS, WAF, DLP, secrets, visibility) on a 10,000-resource workspace, per rule and together.
import { defaultConfig } from '../../src/config/load';
import { WorkspaceIndex } from '../../src/model/workspace';
import { lint } from '../../src/rules/engine';
import { rules as dlp } from '../../src/rules/dlp';
import { rules as fips } from '../../src/rules/fips';
import { rules as secrets } from '../../src/rules/secrets';
import { rules as visibility } from '../../src/rules/visibility';
import { rules as waf } from '../../src/rules/waf';
import { measurePillarCost } from './pillarCost';
import { timeMs, median, gc } from './timing';

const RESOURCES = 10_000;
const PER_FILE = 20;
const RUNS = 5;

/** One team namespace's edge and data objects: what these pillars look at, about a third with gaps. */
function teamDocs(t: number): string[] {
  const ns = `team-${t}`;
  const gap = t % 3 === 0;
  const emails = Array.from({ length: gap ? 6 : 1 }, (_, i) => `user${i}@example.com`).join(', ');
  return [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {istio-injection: enabled}\n`,
    `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: ${ns}}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n    - port: {number: 443, name: https, protocol: HTTPS}\n      hosts: ["${ns}.example.com"]\n      tls:\n        mode: SIMPLE\n        credentialName: ${ns}-cert\n        minProtocolVersion: ${gap ? 'TLSV1_0' : 'TLSV1_2'}\n        cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256${gap ? ', DES-CBC3-SHA' : ''}]\n`,
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: ${ns}\n  annotations:\n    nginx.ingress.kubernetes.io/enable-modsecurity: "${gap ? 'false' : 'true'}"\nspec:\n  ingressClassName: nginx\n  rules: [{host: web.${ns}.example.com}]\n`,
    `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: ${ns}-cert, namespace: istio-system}\nspec:\n  secretName: ${ns}-cert\n  dnsNames: [${ns}.example.com]\n  issuerRef: {name: letsencrypt, kind: ClusterIssuer}\n  privateKey: {algorithm: RSA, size: ${gap ? 1024 : 2048}}\n`,
    `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: partner, namespace: ${ns}}\nspec:\n  hosts: [${gap ? '"*.partner.example"' : 'api.partner.example'}]\n  exportTo: ["."]\n  ports: [{number: 443, name: tls, protocol: TLS}]\n  resolution: DNS\n`,
    `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: ${ns}}\nspec:\n  egress:\n    - hosts: [${gap ? '"*/*"' : '"./*", "istio-system/*"'}]\n`,
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: ${ns}}\ndata:\n  settings.yaml: |\n    feature: on\n    timeout: 30s\n    notify: ${emails}\n    motd: ${'All systems nominal. '.repeat(20)}\n`,
    `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: ${ns}}\ntype: Opaque\n${gap ? 'data:\n  password: aHVudGVyMg==\n' : ''}`,
    `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: {name: db, namespace: ${ns}}\nspec:\n  refreshInterval: ${gap ? '"0"' : '1h'}\n  secretStoreRef: {name: vault, kind: ClusterSecretStore}\n  target: {name: db}\n`,
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: ${ns}, namespace: ${ns}}\nspec:\n  tracing: [{randomSamplingPercentage: 5${gap ? ', disableSpanReporting: true' : ''}}]\n`,
  ];
}

function workloadDoc(ns: string, app: string, gap: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata:
      labels: {app: ${app}}
    spec:
      securityContext: {fsGroup: 2000}
      containers:
        - name: ${app}
          image: ghcr.io/example/${app}:1.0.0
          env:
            - {name: LOG_LEVEL, value: info}
${gap ? '            - {name: API_TOKEN, value: t0k3n-literal-value}\n            - name: DB_PASSWORD\n              valueFrom: {secretKeyRef: {name: db, key: password, optional: true}}\n' : ''}          volumeMounts: [{name: db, mountPath: /run/secrets/db, readOnly: true}]
      volumes:
        - name: db
          secret: {secretName: db, defaultMode: ${gap ? '0644' : '0440'}}
`;
}

function workspaceFiles(): Map<string, string> {
  const docs: string[] = [];
  for (let t = 0; docs.length < RESOURCES; t++) {
    docs.push(...teamDocs(t));
    for (let a = 0; a < 10; a++) docs.push(workloadDoc(`team-${t}`, `app-${a}`, (t + a) % 5 === 0));
  }
  docs.length = RESOURCES;
  const files = new Map<string, string>();
  for (let f = 0; f * PER_FILE < docs.length; f++)
    files.set(`/bench/team-${Math.floor(f / 10)}/part-${f}.yaml`, docs.slice(f * PER_FILE, (f + 1) * PER_FILE).join('---\n'));
  return files;
}

const files = workspaceFiles();
const index = new WorkspaceIndex(defaultConfig('/bench'));
for (const [path, text] of files) index.setFile(path, text);

const all = measurePillarCost({
  group: '06-10',
  files,
  index,
  runs: RUNS,
  // Removing a file that is not there still marks the workspace changed, so per-run lookups rebuild.
  invalidate: () => index.removeFile('/bench/none.yaml'),
  pillars: [
    ['06 FIPS/SOC-2', fips],
    ['07 WAF', waf],
    ['08 DLP', dlp],
    ['09 Secrets', secrets],
    ['10 Visibility', visibility],
  ],
});

// Editor case: one file was edited; its text is parsed again and only its findings are wanted, while
// workspace-wide tables are rebuilt for the changed workspace.
const edited = [...files.keys()][Math.floor(files.size / 2)];
const relint = median(
  Array.from({ length: RUNS }, () => {
    gc();
    return timeMs(() => {
      index.setFile(edited, files.get(edited)!);
      lint(index, { rules: all, files: new Set([edited]) });
    });
  }),
);
console.log(`re-lint of one ${PER_FILE}-document file with the ${all.length} rules (incl. its parse): ${relint.toFixed(1)} ms`);
