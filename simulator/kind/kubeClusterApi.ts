// ClusterApi over @kubernetes/client-node: discovery-driven server-side apply, and list + watch to wait for rollouts.
import {
  ApiextensionsV1Api,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { RolloutTimeoutError, type ApplyOutcome, type ClusterApi, type PodInfo } from './clusterApi';
import { objectLabel, type KubeObject } from './kubeObject';

export const FIELD_MANAGER = 'ztn';
const RELIST_PAUSE_MS = 500;

interface DeploymentLike {
  metadata?: { name?: string; namespace?: string; generation?: number; resourceVersion?: string };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number };
}

interface PodLike {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  status?: { phase?: string; podIP?: string };
}

interface ListLike<T> {
  metadata?: { resourceVersion?: string };
  items: T[];
}

/** Available as `kubectl rollout status` means it: the current generation seen, every replica updated and available. */
export function deploymentAvailable(d: DeploymentLike): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
    (s.updatedReplicas ?? 0) >= want &&
    (s.availableReplicas ?? 0) >= want &&
    (s.replicas ?? 0) <= want
  );
}

function describeError(err: unknown): string {
  const e = err as { code?: number; body?: unknown; message?: string };
  let body = e.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // plain text body
    }
  }
  const message = (body as { message?: string } | undefined)?.message;
  return message ? `${e.code ?? ''} ${message}`.trim() : (e.message ?? String(err)).split('\n')[0];
}

export class KubeClusterApi implements ClusterApi {
  private readonly objects: KubernetesObjectApi;
  private readonly apps: AppsV1Api;
  private readonly core: CoreV1Api;
  private readonly crds: ApiextensionsV1Api;
  private readonly watcher: Watch;

  constructor(kubeConfig: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.apps = kubeConfig.makeApiClient(AppsV1Api);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.crds = kubeConfig.makeApiClient(ApiextensionsV1Api);
    this.watcher = new Watch(kubeConfig);
  }

  /** The API of one context of a kubeconfig file (kind writes one context per cluster). */
  static fromKubeconfig(file: string, context: string): KubeClusterApi {
    const kc = new KubeConfig();
    kc.loadFromFile(file);
    kc.setCurrentContext(context);
    return new KubeClusterApi(kc);
  }

  async apply(objects: KubeObject[]): Promise<ApplyOutcome[]> {
    const outcomes: ApplyOutcome[] = [];
    for (const o of objects) {
      const object = objectLabel(o);
      try {
        await this.objects.patch(o as KubernetesObject, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
        outcomes.push({ object, result: 'applied' });
      } catch (err) {
        const text = describeError(err);
        // client-node finds the resource through discovery; no resource means the CRD is not installed in the sandbox.
        const message = (err as Error).message ?? '';
        const noApi =
          /Unrecognized API version and kind/.test(message) || (/Failed to fetch resource metadata/.test(message) && (err as { code?: number }).code === 404);
        if (noApi) outcomes.push({ object, result: 'skipped', detail: `the cluster has no API for ${o.apiVersion} ${o.kind}` });
        else outcomes.push({ object, result: 'failed', detail: text });
      }
    }
    return outcomes;
  }

  async waitForDeployments(namespaces: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const ns of namespaces) {
      await this.waitUntil<DeploymentLike>(
        `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/deployments`,
        async () => (await this.apps.listNamespacedDeployment({ namespace: ns })) as ListLike<DeploymentLike>,
        (items) => items.filter((d) => !deploymentAvailable(d)).map((d) => `Deployment ${ns}/${d.metadata?.name}`),
        deadline,
        timeoutMs,
      );
    }
  }

  async waitForRunningPods(namespace: string, labelSelector: string, timeoutMs: number): Promise<void> {
    await this.waitUntil<PodLike>(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
      async () => (await this.core.listNamespacedPod({ namespace, labelSelector })) as ListLike<PodLike>,
      (items) =>
        items.length === 0
          ? [`pods ${labelSelector} in ${namespace} (none yet)`]
          : items.filter((p) => p.status?.phase !== 'Running').map((p) => `Pod ${namespace}/${p.metadata?.name}`),
      Date.now() + timeoutMs,
      timeoutMs,
      labelSelector,
    );
  }

  async waitForCrds(names: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let pending = [...names];
    while (pending.length > 0) {
      const still: string[] = [];
      for (const name of pending) {
        const crd = await this.crds.readCustomResourceDefinition({ name }).catch(() => undefined);
        if (!crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) still.push(name);
      }
      pending = still;
      if (pending.length === 0) return;
      if (Date.now() >= deadline) throw new RolloutTimeoutError(`CRDs not established after ${Math.round(timeoutMs / 1000)}s: ${pending.join(', ')}`);
      await new Promise((r) => setTimeout(r, Math.min(RELIST_PAUSE_MS, Math.max(0, deadline - Date.now()))));
    }
  }

  async deploymentAvailable(namespace: string, name: string): Promise<boolean> {
    try {
      return deploymentAvailable((await this.apps.readNamespacedDeployment({ namespace, name })) as DeploymentLike);
    } catch (err) {
      if ((err as { code?: number }).code === 404) return false;
      throw err;
    }
  }

  async listPods(namespace?: string): Promise<PodInfo[]> {
    const list: ListLike<PodLike> = namespace ? await this.core.listNamespacedPod({ namespace }) : await this.core.listPodForAllNamespaces();
    return list.items.map((p) => ({
      name: p.metadata?.name ?? '',
      namespace: p.metadata?.namespace ?? '',
      ip: p.status?.podIP,
      phase: p.status?.phase,
      labels: p.metadata?.labels ?? {},
    }));
  }

  /**
   * Lists, and while `pending` names something, watches from the list's resourceVersion, keeping the latest copy of each
   * object; a watch that ends early (API servers close them) is resumed with a fresh list.
   */
  private async waitUntil<T extends { metadata?: { name?: string } }>(
    path: string,
    list: () => Promise<ListLike<T>>,
    pending: (items: T[]) => string[],
    deadline: number,
    timeoutMs: number,
    labelSelector?: string,
  ): Promise<void> {
    let waitingFor: string[] = [];
    while (Date.now() < deadline) {
      const listed = await list();
      const current = new Map(listed.items.map((i) => [i.metadata?.name ?? '', i]));
      waitingFor = pending([...current.values()]);
      if (waitingFor.length === 0) return;
      const done = await new Promise<boolean>((resolve) => {
        let settled = false;
        const finish = (value: boolean) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          request.then((r) => r.abort()).catch(() => {});
          resolve(value);
        };
        const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
        const request = this.watcher.watch(
          path,
          { resourceVersion: listed.metadata?.resourceVersion, allowWatchBookmarks: true, ...(labelSelector ? { labelSelector } : {}) },
          (type: string, obj: T) => {
            const name = obj.metadata?.name ?? '';
            if (type === 'DELETED') current.delete(name);
            else if (type === 'ADDED' || type === 'MODIFIED') current.set(name, obj);
            waitingFor = pending([...current.values()]);
            if (waitingFor.length === 0) finish(true);
          },
          () => finish(false),
        );
        request.catch(() => finish(false));
      });
      if (done) return;
      // The watch ended without success (closed by the server, or 410 Gone): relist after a short pause.
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(RELIST_PAUSE_MS, deadline - Date.now()))));
    }
    throw new RolloutTimeoutError(`not ready after ${Math.round(timeoutMs / 1000)}s: ${waitingFor.join(', ')}`);
  }
}
