// Cost of the pillar 01-05 rules (identity, mTLS, certificates, RBAC/isolation, trusted sources) on a 10,000-resource workspace.
import { defaultConfig } from '../../src/config/load';
import { WorkspaceIndex } from '../../src/model/workspace';
import { lint } from '../../src/rules/engine';
import { rules as certificates } from '../../src/rules/certificates';
import { rules as identity } from '../../src/rules/identity';
import { rules as mtls } from '../../src/rules/mtls';
import { rules as rbac } from '../../src/rules/rbac';
import { rules as sources } from '../../src/rules/sources';
import { appDocs } from './lintWorkspace';
import { measurePillarCost } from './pillarCost';
import { timeMs, median, gc } from './timing';

const RESOURCES = 10_000;
const PER_FILE = 20;
const RUNS = 5;

/** Per team namespace, besides its apps: edge and certificate objects these pillars read, a third with gaps. */
function teamDocs(t: number): string[] {
  const ns = `team-${t}`;
  const gap = t % 3 === 0;
  return [
    `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {${gap ? 'team: t' : 'istio-injection: enabled'}}\n`,
    `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  secretName: web-tls\n  issuerRef: {name: ca, kind: ClusterIssuer}\n${gap ? '  duration: 8760h\n' : '  duration: 720h\n  renewBefore: 240h\n'}`,
    `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: ${ns}}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n    - port: {number: 443, name: https, protocol: HTTPS}\n      hosts: ["${ns}.example.com"]\n      tls: {mode: SIMPLE, credentialName: ${gap ? 'missing' : 'web-tls'}}\n`,
    `apiVersion: v1\nkind: Service\nmetadata: {name: lb, namespace: ${ns}}\nspec:\n  type: LoadBalancer\n  selector: {app: app-0}\n${gap ? '' : '  loadBalancerSourceRanges: [10.0.0.0/8]\n'}  ports: [{name: https, port: 443}]\n`,
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: ${ns}}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n${gap ? '  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]\n' : ''}`,
  ];
}

function workspaceFiles(): Map<string, string> {
  const docs: string[] = [];
  for (let i = 0; docs.length < RESOURCES; i++) {
    if (i % 10 === 0) docs.push(...teamDocs(i / 10));
    docs.push(...appDocs(`team-${Math.floor(i / 10)}`, `app-${i % 10}`, i));
  }
  docs.length = RESOURCES;
  const files = new Map<string, string>();
  for (let f = 0; f * PER_FILE < docs.length; f++)
    files.set(`/bench/team-${Math.floor(f / 10)}/part-${f}.yaml`, docs.slice(f * PER_FILE, (f + 1) * PER_FILE).join('---\n'));
  return files;
}

const files = workspaceFiles();
const firstFile = [...files.keys()][0];
const index = new WorkspaceIndex({ ...defaultConfig('/bench'), allowedCidrs: ['10.0.0.0/8'] });
for (const [path, text] of files) index.setFile(path, text);

const all = measurePillarCost({
  group: '01-05',
  files,
  index,
  runs: RUNS,
  // Re-parsing the first file (it holds every kind of the mix) invalidates every workspace table, as an edit would.
  invalidate: () => index.setFile(firstFile, files.get(firstFile)!),
  pillars: [
    ['01 Identity', identity],
    ['02 mTLS', mtls],
    ['03 Certificates', certificates],
    ['04 RBAC/isolation', rbac],
    ['05 Trusted sources', sources],
  ],
});

// Re-lint after an edit, as the editor does: one 200-document file re-parsed, findings for that file only.
// Tables whose kinds the file holds are rebuilt; the rest survive the edit.
const edited = '/bench/edited.yaml';
const editedDocs: string[] = [];
for (let i = 0; editedDocs.length < 200; i++) editedDocs.push(...appDocs('edited', `app-${i % 10}`, i));
const editedText = editedDocs.slice(0, 200).join('---\n');
index.setFile(edited, editedText);
lint(index, { rules: all, files: new Set([edited]) });
const relint: number[] = [];
for (let run = 0; run < 9; run++) {
  index.setFile(edited, editedText.replace('replicas: 2', `replicas: ${3 + run}`));
  gc();
  relint.push(timeMs(() => lint(index, { rules: all, files: new Set([edited]) })));
}
console.log(`re-lint of one 200-document file with the ${all.length} rules: median ${median(relint).toFixed(1)} ms, best ${Math.min(...relint).toFixed(1)} ms`);
