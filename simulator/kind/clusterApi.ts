// What the engine asks of a cluster's Kubernetes API: server-side apply, waiting for rollouts and pods, listing pods.
import type { KubeObject } from './kubeObject';

export interface ApplyOutcome {
  object: string;
  /** 'applied', or 'skipped' when the cluster has no API for the kind (a CRD the workspace does not carry). */
  result: 'applied' | 'skipped' | 'failed';
  detail?: string;
}

export interface PodInfo {
  name: string;
  namespace: string;
  ip?: string;
  phase?: string;
  labels: Record<string, string>;
}

export interface ClusterApi {
  /** Server-side apply with field manager `ztn`, in the order given; one failure does not stop the others. */
  apply(objects: KubeObject[]): Promise<ApplyOutcome[]>;
  /** Resolves when every Deployment in the namespaces is available; rejects with the ones that are not on timeout. */
  waitForDeployments(namespaces: string[], timeoutMs: number): Promise<void>;
  /** Resolves when pods matching the selector exist and are Running (readiness is not required). */
  waitForRunningPods(namespace: string, labelSelector: string, timeoutMs: number): Promise<void>;
  listPods(namespace?: string): Promise<PodInfo[]>;
  /** Resolves when every named CustomResourceDefinition is Established, so resources of its kinds can be applied. */
  waitForCrds(names: string[], timeoutMs: number): Promise<void>;
  /** Reads one Deployment (GET); false when it does not exist or is not available. */
  deploymentAvailable(namespace: string, name: string): Promise<boolean>;
}

export class RolloutTimeoutError extends Error {}
