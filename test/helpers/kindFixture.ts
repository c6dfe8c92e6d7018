// The two-cluster fixture workspace and test doubles shared by the kind engine's tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveConfig } from '../../src/config/load';
import { loadWorkspace, type WorkspaceIndex } from '../../src/model/workspace';
import type { ApplyOutcome, ClusterApi, PodInfo } from '../../simulator/kind/clusterApi';
import { objectLabel, type KubeObject } from '../../simulator/kind/kubeObject';
import { parseTrafficFile } from '../../src/policy/index';
import type { TrafficReplay } from '../../src/policy/types';

export const FIXTURE_DIR = resolve(__dirname, '../fixtures/kind/two-clusters');
export const GOLDEN_DIR = resolve(__dirname, '../fixtures/kind/golden');

export function loadFixture(): WorkspaceIndex {
  return loadWorkspace([FIXTURE_DIR], resolveConfig(FIXTURE_DIR, undefined));
}

export function fixtureTraffic(): TrafficReplay {
  const file = join(FIXTURE_DIR, 'traffic.yaml');
  return parseTrafficFile(file, readFileSync(file, 'utf8'));
}

export function tempStateDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ztn-kind-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A cluster API that accepts everything and records what it was asked. */
export class RecordingClusterApi implements ClusterApi {
  readonly applied: string[] = [];
  readonly objects: KubeObject[] = [];
  readonly waits: string[] = [];

  constructor(
    private readonly pods: PodInfo[] = [],
    private readonly failWaits = false,
    /** namespace/name of Deployments that read as available. */
    private readonly available: string[] = [],
  ) {}

  async waitForCrds(names: string[]): Promise<void> {
    this.waits.push(`crds ${names.join(',')}`);
  }

  async deploymentAvailable(namespace: string, name: string): Promise<boolean> {
    return this.available.includes(`${namespace}/${name}`);
  }

  async apply(objects: KubeObject[]): Promise<ApplyOutcome[]> {
    this.objects.push(...objects);
    this.applied.push(...objects.map(objectLabel));
    return objects.map((o) =>
      o.apiVersion.startsWith('cert-manager.io')
        ? { object: objectLabel(o), result: 'skipped', detail: `the cluster has no API for ${o.apiVersion} ${o.kind}` }
        : { object: objectLabel(o), result: 'applied' },
    );
  }

  async waitForDeployments(namespaces: string[]): Promise<void> {
    this.waits.push(`deployments ${namespaces.join(',')}`);
    if (this.failWaits) throw new Error('not ready after 1s: Deployment shop/cart');
  }

  async waitForRunningPods(namespace: string, selector: string): Promise<void> {
    this.waits.push(`pods ${namespace} ${selector}`);
  }

  async listPods(namespace?: string): Promise<PodInfo[]> {
    return this.pods.filter((p) => !namespace || p.namespace === namespace);
  }
}
