// ClusterApi for dry runs: records each apply (objects in order) and wait in the plan; nothing is sent.
import { stringify } from 'yaml';
import type { ApplyOutcome, ClusterApi, PodInfo } from './clusterApi';
import type { Plan } from './plan';
import { objectLabel, type KubeObject } from './kubeObject';

/** Secret values never appear in a plan: each becomes its size. */
export function redactSecret(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return o;
  const out: KubeObject = { ...o };
  for (const field of ['data', 'stringData']) {
    const values = o[field];
    if (values && typeof values === 'object') {
      out[field] = Object.fromEntries(Object.entries(values as Record<string, unknown>).map(([k, v]) => [k, `(${String(v).length} characters, not shown)`]));
    }
  }
  return out;
}

export class PlannedClusterApi implements ClusterApi {
  constructor(
    private readonly plan: Plan,
    private readonly cluster: string,
  ) {}

  async apply(objects: KubeObject[]): Promise<ApplyOutcome[]> {
    this.plan.apply(this.cluster, objects.map(objectLabel));
    this.plan.file(
      `(manifests sent to ${this.cluster}, in apply order)`,
      objects.map((o) => stringify(redactSecret(o), { aliasDuplicateObjects: false })).join('---\n'),
    );
    return objects.map((o) => ({ object: objectLabel(o), result: 'applied' }));
  }

  async waitForDeployments(namespaces: string[], timeoutMs: number): Promise<void> {
    this.plan.note(
      `wait (list + watch) until every Deployment in ${namespaces.join(', ')} on ${this.cluster} is available, at most ${Math.round(timeoutMs / 1000)}s`,
    );
  }

  async waitForRunningPods(namespace: string, labelSelector: string, timeoutMs: number): Promise<void> {
    this.plan.note(`wait until pods ${labelSelector} in ${namespace} on ${this.cluster} are Running, at most ${Math.round(timeoutMs / 1000)}s`);
  }

  async waitForCrds(names: string[], timeoutMs: number): Promise<void> {
    this.plan.note(`wait until CRDs ${names.join(', ')} on ${this.cluster} are Established, at most ${Math.round(timeoutMs / 1000)}s`);
  }

  async listPods(): Promise<PodInfo[]> {
    return [];
  }

  async deploymentAvailable(): Promise<boolean> {
    return false; // a dry run plans a sandbox from nothing
  }
}
