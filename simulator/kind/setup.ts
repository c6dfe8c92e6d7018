// `up` and `down` of the kind engine: the steps in order, reuse of healthy clusters, and cleanup when a step fails.
import { join } from 'node:path';
import { hasNetworkGateway } from '../../src/policy/eastWest';
import { buildMesh } from '../../src/policy/index';
import { SandboxError } from '../shared/errors';
import { createSandboxPki, type SandboxPki } from '../shared/pki';
import type { WorkspaceIndex } from '../../src/model/workspace';
import type { ClusterApi } from './clusterApi';
import type { KindCluster } from './clusters';
import { runChecked, type CommandRunner, type RunOptions } from './commandRunner';
import { EASTWEST_GATEWAY, eastWestGateway, exposeServicesGateway, istioOperator, istioSystemNamespace } from './istioInstall';
import { kindClusterConfig } from './kindConfig';
import { ipv4Subnet, metallbPoolManifest, metallbPoolRange } from './loadBalancer';
import { preflight, type PreflightResult } from './preflight';
import { KUBECONFIG_FILE, PKI_FILE, type KindState } from './state';
import type { StateFiles } from './stateFiles';
import { METALLB_MANIFEST } from './versions';
import type { KubeObject } from './kubeObject';
import { clusterManifests } from './workspaceManifests';

export interface SetupDeps {
  runner: CommandRunner;
  files: StateFiles;
  clusterApi(cluster: KindCluster): ClusterApi;
  progress(step: string, message: string, fraction?: number): void;
  /** Pause between polls; dry runs answer at once and never wait. */
  sleep(ms: number): Promise<void>;
  /** Private keys may be kept between runs (pki.json, 0600) so reused clusters keep their CA. */
  readPki(): SandboxPki | undefined;
  now(): Date;
  timeouts?: Partial<Timeouts>;
  /** Cancel (the extension's progress notification): checked between steps; what this run created is cleaned up. */
  signal?: AbortSignal;
}

export interface Timeouts {
  createCluster: number;
  install: number;
  rollout: number;
  poll: number;
}

const DEFAULT_TIMEOUTS: Timeouts = { createCluster: 300_000, install: 600_000, rollout: 300_000, poll: 180_000 };
const POLL_INTERVAL_MS = 2_000;

export const UP_STEPS = ['preflight', 'certificates', 'clusters', 'load-balancer', 'trust', 'istio', 'east-west', 'remote-secrets', 'deploy'] as const;
export type UpStep = (typeof UP_STEPS)[number];

/** A step of `up` failed; says which, on what, and what was cleaned up. */
export class KindUpError extends SandboxError {
  constructor(
    readonly step: UpStep,
    override readonly cause: Error,
    readonly cleanedUp: string[],
    readonly kept: string[],
    readonly logFile?: string,
  ) {
    // The CLI prints it as an exit-2 error.
    // A preflight failure says it all: nothing ran, nothing to clean, no log written.
    const parts = [step === 'preflight' ? cause.message : `kind sandbox: step '${step}' failed: ${cause.message}`];
    if (cleanedUp.length > 0) parts.push(`cleaned up: ${cleanedUp.join(', ')}`);
    if (kept.length > 0) parts.push(`kept (healthy, reused by the next up): ${kept.join(', ')}`);
    if (logFile) parts.push(`command log: ${logFile}`);
    super(parts.join('; '));
  }
}

export class KindSetup {
  private readonly timeouts: Timeouts;
  private readonly kubeconfig: string;
  /** kind clusters this run created: deleted again if a later infrastructure step fails. */
  private readonly created: KindCluster[] = [];
  private readonly reused: KindCluster[] = [];
  private loadBalancerKind: KindState['loadBalancer'] = 'metallb';
  private freshPki = false;
  private currentStep: UpStep = 'preflight';

  constructor(
    private readonly deps: SetupDeps,
    private readonly index: WorkspaceIndex,
    private readonly clusters: KindCluster[],
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
    this.kubeconfig = join(deps.files.root, KUBECONFIG_FILE);
  }

  private k(cluster: KindCluster): string[] {
    return ['--kubeconfig', this.kubeconfig, '--context', cluster.context];
  }

  private run(command: string, args: string[], options?: RunOptions) {
    return runChecked(this.deps.runner, command, args, options);
  }

  /** Re-runs an idempotent command while it fails (webhooks that are not serving yet), up to the poll timeout. */
  private async retry(command: string, args: string[], options?: RunOptions): Promise<void> {
    const deadline = Date.now() + this.timeouts.poll;
    for (;;) {
      const r = await this.deps.runner.run(command, args, options);
      if (r.code === 0) return;
      if (Date.now() >= deadline) {
        await this.run(command, args, options); // the last try: its failure is the step's
        return;
      }
      await this.deps.sleep(POLL_INTERVAL_MS);
    }
  }

  /** Polls a query until `ready` accepts its output; returns that output. */
  private async poll(what: string, command: string, args: string[], ready: (stdout: string) => boolean): Promise<string> {
    const deadline = Date.now() + this.timeouts.poll;
    for (;;) {
      const r = await this.deps.runner.run(command, args, { timeoutMs: 30_000 });
      if (r.code === 0 && ready(r.stdout)) return r.stdout;
      if (Date.now() >= deadline)
        throw new Error(`${what} not ready after ${Math.round(this.timeouts.poll / 1000)}s${r.stderr.trim() ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`);
      await this.deps.sleep(POLL_INTERVAL_MS);
    }
  }

  async up(logFile?: string): Promise<KindState> {
    let step: UpStep = 'preflight';
    const enter = (s: UpStep, message: string) => {
      if (this.deps.signal?.aborted) throw new Error(`cancelled before ${s}`);
      step = s;
      this.currentStep = s;
      this.deps.progress(s, message, UP_STEPS.indexOf(s) / UP_STEPS.length);
    };
    try {
      enter('preflight', 'checking docker, kind, kubectl and istioctl');
      const tools = await preflight(this.deps.runner);
      this.loadBalancerKind = tools.cloudProviderKind ? 'cloud-provider-kind' : 'metallb';
      enter('certificates', 'sandbox root CA and one intermediate per cluster');
      const { pki, fresh } = await this.certificates();
      enter('clusters', `kind clusters ${this.clusters.map((c) => c.kindName).join(', ')}`);
      await this.ensureClusters(fresh);
      enter(
        'load-balancer',
        tools.cloudProviderKind ? 'cloud-provider-kind is running: it serves LoadBalancer Services' : 'MetalLB with an address pool per cluster',
      );
      await this.loadBalancer(tools);
      enter('trust', 'cacerts in istio-system of each cluster');
      for (const c of this.clusters) await this.trust(c, pki);
      enter('istio', 'Istio multi-primary, one network per cluster');
      for (const c of this.clusters) await this.istioctlInstall(c, 'istio.yaml', istioOperator(this.index, c), 'istiod');
      enter('east-west', 'east-west gateways and the expose-services Gateway, where the manifests have one');
      const mesh = buildMesh(this.index);
      for (const c of this.clusters) {
        // Only where the workspace has one, as the prediction assumes: without it, istiod drops this network's endpoints for the others.
        if (hasNetworkGateway(mesh, c.name, c.config.network)) await this.eastWest(c);
        else
          this.deps.progress(
            'east-west',
            `${c.name}: no east-west gateway in its manifests, none installed (its endpoints stay unreachable from other networks)`,
          );
      }
      enter('remote-secrets', 'remote secrets: every cluster watches the others');
      await this.remoteSecrets();
    } catch (err) {
      throw await this.failed(step, err as Error, step === 'preflight' ? undefined : logFile);
    }
    // From here the infrastructure is healthy: a failure leaves it for the next `up` to reuse.
    const notApplied: KindState['notApplied'] = [];
    try {
      enter('deploy', "the workspace's manifests, per cluster");
      for (const c of this.clusters) notApplied.push(...(await this.deploy(c)));
    } catch (err) {
      throw new KindUpError(
        'deploy',
        err as Error,
        [],
        this.clusters.map((c) => c.kindName),
        logFile,
      );
    }
    const state: KindState = {
      engine: 'kind',
      startedAt: this.deps.now().toISOString(),
      clusters: this.clusters.map((c) => ({ name: c.name, kindName: c.kindName, context: c.context, reused: this.reused.includes(c) })),
      loadBalancer: this.loadBalancerKind,
      notApplied,
    };
    return state;
  }

  private async failed(step: UpStep, cause: Error, logFile?: string): Promise<KindUpError> {
    const cleaned: string[] = [];
    for (const c of this.created) {
      const r = await this.deps.runner
        .run('kind', ['delete', 'cluster', '--name', c.kindName, '--kubeconfig', this.kubeconfig])
        .catch((e: Error) => ({ code: -1, stderr: e.message, stdout: '' }));
      cleaned.push(r.code === 0 ? `kind cluster ${c.kindName}` : `kind cluster ${c.kindName} (delete failed: ${r.stderr.trim().split('\n')[0]})`);
    }
    // A CA this run made is held by no surviving cluster: its private keys go too. A kept one stays with its clusters.
    if (this.freshPki && this.reused.length === 0) {
      this.deps.files.remove(PKI_FILE);
      for (const c of this.clusters) this.deps.files.remove(`${c.name}/cacerts`);
      cleaned.push('sandbox CA keys');
    }
    return new KindUpError(
      step,
      cause,
      cleaned,
      this.reused.map((c) => c.kindName),
      logFile,
    );
  }

  private async certificates(): Promise<{ pki: SandboxPki; fresh: boolean }> {
    const names = this.clusters.map((c) => c.name);
    const kept = this.deps.readPki();
    if (kept && names.every((n) => kept.intermediates[n])) return { pki: kept, fresh: false };
    const pki = await createSandboxPki({ clusters: names });
    this.freshPki = true;
    this.deps.files.write(PKI_FILE, JSON.stringify(pki), true);
    return { pki, fresh: true };
  }

  private async ensureClusters(freshPki: boolean): Promise<void> {
    const existing = new Set(
      (await this.run('kind', ['get', 'clusters'])).stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
    for (const c of this.clusters) {
      if (existing.has(c.kindName)) {
        await this.run('kind', ['export', 'kubeconfig', '--name', c.kindName, '--kubeconfig', this.kubeconfig]);
        const healthy = (await this.deps.runner.run('kubectl', [...this.k(c), 'get', '--raw', '/readyz'], { timeoutMs: 15_000 })).code === 0;
        // A new CA means istiod and every workload of an old cluster would hold certificates nobody trusts: start over.
        if (healthy && !freshPki) {
          this.reused.push(c);
          this.deps.progress('clusters', `${c.kindName} exists and its API answers: reused`);
          continue;
        }
        this.deps.progress('clusters', `${c.kindName} exists but ${healthy ? 'was made with another CA' : 'its API does not answer'}: recreating`);
        await this.run('kind', ['delete', 'cluster', '--name', c.kindName, '--kubeconfig', this.kubeconfig]);
      }
      const config = this.deps.files.write(`${c.name}/kind.yaml`, kindClusterConfig(c));
      this.created.push(c); // before create: a create that fails half-way leaves containers to delete
      await this.run('kind', ['create', 'cluster', '--name', c.kindName, '--config', config, '--kubeconfig', this.kubeconfig, '--wait', '120s'], {
        timeoutMs: this.timeouts.createCluster,
      });
    }
  }

  private async loadBalancer(tools: PreflightResult): Promise<void> {
    if (tools.cloudProviderKind) return;
    const subnet = ipv4Subnet((await this.run('docker', ['network', 'inspect', 'kind', '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}'])).stdout);
    for (const c of this.clusters) {
      if (this.reused.includes(c) && (await this.deps.clusterApi(c).deploymentAvailable('metallb-system', 'controller'))) {
        this.deps.progress('load-balancer', `${c.name}: MetalLB is available: kept`);
      } else {
        await this.run('kubectl', [...this.k(c), 'apply', '-f', METALLB_MANIFEST]);
        await this.run('kubectl', [...this.k(c), '-n', 'metallb-system', 'wait', '--for=condition=Available', 'deployment/controller', '--timeout=300s'], {
          timeoutMs: 320_000,
        });
      }
      const pool = this.deps.files.write(`${c.name}/metallb-pool.yaml`, metallbPoolManifest(c, metallbPoolRange(subnet, c.index)));
      // MetalLB's admission webhook answers a little after its Deployment turns Available.
      await this.retry('kubectl', [...this.k(c), 'apply', '-f', pool]);
    }
  }

  private async trust(c: KindCluster, pki: SandboxPki): Promise<void> {
    const ns = this.deps.files.write(`${c.name}/istio-system-namespace.yaml`, istioSystemNamespace(c));
    await this.run('kubectl', [...this.k(c), 'apply', '-f', ns]);
    const files = this.deps.files.writeCacerts(`${c.name}/cacerts`, c.name, pki);
    const secret = await this.run('kubectl', [
      ...this.k(c),
      '-n',
      c.config.rootNamespace,
      'create',
      'secret',
      'generic',
      'cacerts',
      `--from-file=${files.cert}`,
      `--from-file=${files.key}`,
      `--from-file=${files.root}`,
      `--from-file=${files.chain}`,
      '--dry-run=client',
      '--output=yaml',
    ]);
    await this.run('kubectl', [...this.k(c), 'apply', '--server-side', '--field-manager=ztn', '--force-conflicts', '-f', '-'], {
      input: secret.stdout,
      inputLabel: 'the cacerts Secret printed by the previous command',
    });
  }

  /**
   * `istioctl install` of a generated IstioOperator, skipped on a reused cluster where the same file was installed
   * before and its Deployment is available: reinstalling takes minutes and changes nothing.
   */
  private async istioctlInstall(c: KindCluster, file: string, operator: string, deployment: string): Promise<void> {
    const unchanged = this.deps.files.read(`${c.name}/${file}`) === operator;
    const path = this.deps.files.write(`${c.name}/${file}`, operator);
    if (unchanged && this.reused.includes(c) && (await this.deps.clusterApi(c).deploymentAvailable(c.config.rootNamespace, deployment))) {
      this.deps.progress(this.currentStep, `${c.name}: ${deployment} is available and ${file} unchanged: kept`);
      return;
    }
    await this.run('istioctl', ['install', '-y', ...this.k(c), '-f', path], { timeoutMs: this.timeouts.install });
  }

  private async eastWest(c: KindCluster): Promise<void> {
    await this.istioctlInstall(c, 'eastwest-gateway.yaml', eastWestGateway(c), EASTWEST_GATEWAY);
    const expose = this.deps.files.write(`${c.name}/expose-services.yaml`, exposeServicesGateway(c));
    await this.run('kubectl', [...this.k(c), '-n', c.config.rootNamespace, 'apply', '-f', expose]);
    await this.poll(
      `LoadBalancer address of ${EASTWEST_GATEWAY} in ${c.name}`,
      'kubectl',
      [...this.k(c), '-n', c.config.rootNamespace, 'get', 'service', EASTWEST_GATEWAY, '--output=jsonpath={.status.loadBalancer.ingress[0].ip}'],
      (out) => out.trim() !== '',
    );
  }

  private async remoteSecrets(): Promise<void> {
    for (const source of this.clusters) {
      // The kubeconfig's 127.0.0.1 address means nothing inside another cluster; the control-plane container's does.
      const ip = (
        await this.run('docker', ['inspect', '--format', '{{(index .NetworkSettings.Networks "kind").IPAddress}}', source.controlPlane])
      ).stdout.trim();
      for (const target of this.clusters) {
        if (target === source) continue;
        const secret = await this.run('istioctl', ['create-remote-secret', ...this.k(source), `--name=${source.name}`, `--server=https://${ip}:6443`]);
        await this.run('kubectl', [...this.k(target), 'apply', '-f', '-'], {
          input: secret.stdout,
          inputLabel: `the remote secret of ${source.name} printed by the previous command`,
        });
      }
    }
    for (const target of this.clusters) {
      const others = this.clusters.filter((c) => c !== target).map((c) => c.name);
      if (others.length === 0) continue;
      await this.poll(`remote clusters ${others.join(', ')} in ${target.name}`, 'istioctl', ['remote-clusters', ...this.k(target)], (out) =>
        others.every((name) => synced(out, name)),
      );
    }
  }

  private async deploy(c: KindCluster): Promise<KindState['notApplied']> {
    const api = this.deps.clusterApi(c);
    const manifests = clusterManifests(this.index, c);
    const notApplied: KindState['notApplied'] = manifests.skipped.map((s) => ({ cluster: c.name, resource: s.resource, reason: s.reason }));
    const first = manifests.objects.filter((o) => o.kind === 'Namespace' || o.kind === 'CustomResourceDefinition');
    const rest = manifests.objects.filter((o) => !first.includes(o));
    // Namespaces and CRDs first, in their own round: the rest is only accepted once they exist.
    for (const batch of [first, rest]) {
      if (batch.length === 0) continue;
      for (const o of await api.apply(batch))
        if (o.result !== 'applied') notApplied.push({ cluster: c.name, resource: o.object, reason: o.detail ?? o.result });
      const crds = batch.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name);
      if (crds.length > 0) await api.waitForCrds(crds, this.timeouts.poll);
    }
    for (const n of notApplied.filter((x) => x.cluster === c.name)) this.deps.progress('deploy', `${c.name}: ${n.resource} not applied: ${n.reason}`);
    const namespaces = [...new Set(rest.filter(isDeployment).map((o) => o.metadata.namespace ?? 'default'))];
    if (namespaces.length > 0) await api.waitForDeployments(namespaces, this.timeouts.rollout);
    return notApplied;
  }

  /** Deletes the clusters this workspace's sandbox uses and every file it wrote. */
  async down(): Promise<string[]> {
    const existing = new Set((await this.run('kind', ['get', 'clusters'])).stdout.split('\n').map((l) => l.trim()));
    const deleted: string[] = [];
    for (const c of this.clusters) {
      if (!existing.has(c.kindName)) continue;
      await this.run('kind', ['delete', 'cluster', '--name', c.kindName, '--kubeconfig', this.kubeconfig]);
      deleted.push(c.kindName);
    }
    this.deps.files.remove('');
    return deleted;
  }
}

function isDeployment(o: KubeObject): boolean {
  return o.kind === 'Deployment' && o.apiVersion === 'apps/v1';
}

/** `istioctl remote-clusters` lists NAME SECRET STATUS ISTIOD; a cluster is ready when its row says synced. */
export function synced(listing: string, cluster: string): boolean {
  return listing.split('\n').some((line) => {
    const cols = line.trim().split(/\s+/);
    return cols[0] === cluster && cols.includes('synced');
  });
}
