// What a keystroke costs in the editor: re-index the edited buffer, re-lint the whole workspace, diff the diagnostics; and the graph hovers use.
import { cpus } from 'node:os';
import { defaultConfig } from '../../src/config/load';
import { changedFiles, diagnosticsByFile, diagnosticsSignature } from '../../src/extension/diagnosticData';
import { buildTrustGraph } from '../../src/graph/build';
import { WorkspaceIndex } from '../../src/model/workspace';
import { lint } from '../../src/rules/engine';
import { median } from './timing';

function namespaceFile(i: number): string {
  const ns = `team-${i}`;
  return `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      serviceAccountName: api
      containers: [{name: api, image: "example/api:1.${i}", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: ${ns}}
spec: {selector: {app: api}, ports: [{name: http, port: 8080}]}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: ${ns}}
spec: {mtls: {mode: ${i % 3 === 0 ? 'PERMISSIVE' : 'STRICT'}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: ${ns}}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
`;
}

function keystroke(files: number, rounds: number): { relintMs: number; graphMs: number; findings: number } {
  const index = new WorkspaceIndex(defaultConfig('/bench'));
  for (let i = 0; i < files; i++) index.setFile(`/bench/ns-${i}.yaml`, namespaceFile(i));
  const published = new Map<string, string>();
  const first = lint(index);
  for (const [f, l] of diagnosticsByFile(first.findings, index.files.keys())) published.set(f, diagnosticsSignature(l));
  const relint: number[] = [];
  const graph: number[] = [];
  let findings = first.findings.length;
  for (let r = 0; r < rounds; r++) {
    const edited = namespaceFile(0)
      .replace('STRICT', r % 2 ? 'STRICT' : 'DISABLE')
      .replace('PERMISSIVE', r % 2 ? 'PERMISSIVE' : 'DISABLE');
    const t0 = performance.now();
    index.setFile('/bench/ns-0.yaml', edited);
    const result = lint(index);
    const byFile = diagnosticsByFile(result.findings, index.files.keys());
    for (const f of changedFiles(byFile, published)) published.set(f, diagnosticsSignature(byFile.get(f)!));
    const t1 = performance.now();
    buildTrustGraph(index, { findings: result.findings });
    const t2 = performance.now();
    relint.push(t1 - t0);
    graph.push(t2 - t1);
    findings = result.findings.length;
  }
  return { relintMs: median(relint), graphMs: median(graph), findings };
}

console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model}, node ${process.version}`);
const sizes = [50, 200, 800];
const rows = sizes.map((n) => ({ n, ...keystroke(n, n >= 800 ? 5 : 11) }));
for (const r of rows) {
  console.log(
    `${String(r.n).padStart(4)} files (${r.n * 5} objects): keystroke re-lint + diagnostics diff ${r.relintMs.toFixed(1)} ms, node graph for hovers/CodeLens ${r.graphMs.toFixed(1)} ms, ${r.findings} findings`,
  );
}
const base = rows[0];
for (const r of rows.slice(1)) {
  console.log(
    `${r.n} vs ${base.n} files: re-lint x${(r.relintMs / base.relintMs).toFixed(1)} for x${r.n / base.n} files; graph x${(r.graphMs / base.graphMs).toFixed(1)}`,
  );
}
