// Builds a mesh from inline YAML for the simulator tests: one virtual file per cluster (or shared), ztn.yaml clusters optional.
import { defaultConfig } from '../../src/config/load';
import type { ClusterConfig } from '../../src/model/config';
import { DEFAULT_CLUSTER } from '../../src/model/config';
import { WorkspaceIndex } from '../../src/model/workspace';
import { buildMesh } from '../../src/policy/index';
import type { Mesh } from '../../src/policy/types';

export const ROOT = '/virtual';

/** Files by path relative to ROOT; with `clusters`, each cluster's globs decide which files it owns. */
export function meshOf(files: Record<string, string> | string, clusters?: Partial<ClusterConfig>[]): Mesh {
  const config = defaultConfig(ROOT);
  if (clusters) config.clusters = clusters.map((c, i) => ({ ...DEFAULT_CLUSTER, name: `cluster${i + 1}`, network: `network${i + 1}`, manifests: [], ...c }));
  const index = new WorkspaceIndex(config);
  const byPath = typeof files === 'string' ? { 'mesh.yaml': files } : files;
  for (const [path, text] of Object.entries(byPath)) index.setFile(`${ROOT}/${path}`, text);
  return buildMesh(index);
}

/** A namespace with sidecar injection on (or off). */
export function namespace(name: string, inject = true, labels: Record<string, string> = {}): string {
  const all = { ...(inject ? { 'istio-injection': 'enabled' } : {}), ...labels };
  const labelLines = Object.entries(all)
    .map(([k, v]) => `    ${k}: "${v}"`)
    .join('\n');
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${labelLines ? `  labels:\n${labelLines}\n` : ''}---
`;
}

export interface DeploymentOptions {
  sa?: string;
  labels?: Record<string, string>;
  /** containerPort list: numbers or [port, name]. */
  ports?: (number | [number, string] | [number, string, string])[];
  podLabels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A Deployment `name` in `ns` with label app=<name> and a Service of the same name. */
export function deployment(ns: string, name: string, o: DeploymentOptions = {}): string {
  const labels = { app: name, ...o.labels, ...o.podLabels };
  const ports = (o.ports ?? [8080]).map((p) =>
    typeof p === 'number'
      ? `            - containerPort: ${p}`
      : `            - containerPort: ${p[0]}\n              name: ${p[1]}${p[2] ? `\n              protocol: ${p[2]}` : ''}`,
  );
  const ann = Object.entries(o.annotations ?? {});
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels: { app: ${name} }
  template:
    metadata:
      labels:
${Object.entries(labels)
  .map(([k, v]) => `        ${k}: "${v}"`)
  .join('\n')}
${ann.length ? `      annotations:\n${ann.map(([k, v]) => `        ${k}: "${v}"`).join('\n')}\n` : ''}    spec:
      serviceAccountName: ${o.sa ?? name}
      containers:
        - name: app
          image: ${name}:1
          ports:
${ports.join('\n')}
---
`;
}

/** A Service selecting app=<name>; ports as [port, targetPort, name?]. */
export function service(ns: string, name: string, ports: [number, number | string, string?][] = [[8080, 8080, 'http']]): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: { app: ${name} }
  ports:
${ports.map(([p, t, n]) => `    - port: ${p}\n      targetPort: ${typeof t === 'number' ? t : JSON.stringify(t)}${n ? `\n      name: ${n}` : ''}`).join('\n')}
---
`;
}

/** Deployment + Service, the usual pair. */
export function app(ns: string, name: string, o: DeploymentOptions & { servicePorts?: [number, number | string, string?][] } = {}): string {
  return deployment(ns, name, o) + service(ns, name, o.servicePorts);
}
