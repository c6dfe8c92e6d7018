// Replays traffic inside the kind clusters: each call is curl exec'd in the source pod, its result set against the prediction.
import { unsendableReason } from '../shared/sendable';
import { findWorkload, resolveDestination, simulateCall, summarize } from '../../src/policy/index';
import type { CallResult, Mesh, SimulationResult, TrafficCall, TrafficReplay, Workload } from '../../src/policy/types';
import type { ClusterApi } from './clusterApi';
import type { KindCluster } from './clusters';
import { randomBytes } from 'node:crypto';
import { CALL_HEADER, matchCall, parseInboundLog, type InboundLogEntry } from './accessLog';
import { CommandTimeoutError, type CommandRunner } from './commandRunner';
import { agrees, CURL_MARKER, observeCurl, servedBy, withAccessLog, type KindObservation } from './observation';
import type { KubeObject } from './kubeObject';
import { CLIENT_CONTAINER, restrictedSecurityContext } from './workspaceManifests';
import { CLIENT_IMAGE } from './versions';

export interface ReplayDeps {
  runner: CommandRunner;
  clusters: KindCluster[];
  kubeconfig: string;
  clusterApi(cluster: KindCluster): ClusterApi;
  progress(step: string, message: string, fraction?: number): void;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Names this replay's calls in the x-ztn-call header; default random, tests pin it. */
  runId?(): string;
  /** Cancel: calls not started yet are reported as not run. */
  signal?: AbortSignal;
}

/** Envoy flushes access logs every second; reading them sooner may miss the last calls. */
const ACCESS_LOG_FLUSH_MS = 2_000;

/** A call run, waiting for its destination's access log. */
interface RanCall {
  call: TrafficCall;
  id: string;
  prediction: CallResult;
  observed: KindObservation;
  source?: Workload;
  startedAt: number;
  /** Workloads that may have answered (the echo server names the pod). */
  candidates: Workload[];
  port: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** Slack for kubectl exec itself on top of curl's own limit. */
const EXEC_OVERHEAD_MS = 20_000;
const PLAIN_CLIENT_ROLLOUT_MS = 180_000;

/** `kubectl exec` takes kind/name and picks a pod of it. */
const EXEC_KIND: Record<string, string> = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  ReplicaSet: 'replicaset',
  Pod: 'pod',
};

/** Calls the destination's sidecar saw: answered ones, and those its AuthorizationPolicy refused (403). */
function reachedDestination(o: KindObservation): boolean {
  return o.allowed || o.verdict === 'denied-by-authorization';
}

export function plainClientName(w: Workload): string {
  return `ztn-plain-${w.name}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * A client without sidecar for `client: {sidecar: false}` calls: the source's ServiceAccount and pod labels (so
 * NetworkPolicies see the same source), a readiness probe that never passes so it never becomes an endpoint of the
 * source's Services, and a Deployment rather than a bare pod so the source's ReplicaSet does not adopt and delete it.
 */
export function plainClientObject(w: Workload): KubeObject {
  const name = plainClientName(w);
  const labels = { ...w.labels, 'ztn.dev/plain-client': name, 'sidecar.istio.io/inject': 'false' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: w.namespace, labels: { 'ztn.dev/plain-client': name } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'ztn.dev/plain-client': name } },
      template: {
        metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'false' } },
        spec: {
          serviceAccountName: w.serviceAccount,
          containers: [
            {
              name: CLIENT_CONTAINER,
              image: CLIENT_IMAGE,
              command: ['sleep', '2147483647'],
              readinessProbe: { exec: { command: ['false'] }, periodSeconds: 3600 },
              securityContext: restrictedSecurityContext(),
            },
          ],
        },
      },
    },
  };
}

export function curlArgs(call: TrafficCall, url: string, timeoutMs: number, callId: string): string[] {
  const args = ['-sS', '--max-time', String(Math.max(1, Math.round(timeoutMs / 1000))), '-o', '-', '-w', `\\n${CURL_MARKER} %{http_code} %{time_total}\\n`];
  if ((call.protocol ?? 'http') === 'http') {
    args.push('-X', (call.method ?? 'GET').toUpperCase());
    for (const [k, v] of Object.entries(call.headers ?? {})) args.push('-H', `${k}: ${v}`);
    args.push('-H', `${CALL_HEADER}: ${callId}`);
  }
  args.push(url);
  return args;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export class KindReplayer {
  private readonly plainClients = new Set<string>();

  constructor(
    private readonly deps: ReplayDeps,
    private readonly mesh: Mesh,
  ) {}

  private cluster(name: string): KindCluster {
    const c = this.deps.clusters.find((k) => k.name === name);
    if (!c) throw new Error(`cluster '${name}' is not part of this sandbox`);
    return c;
  }

  private kubectl(cluster: KindCluster): string[] {
    return ['--kubeconfig', this.deps.kubeconfig, '--context', cluster.context];
  }

  /** Deploys the plaintext clients the calls ask for, once each, and waits until they run. */
  async preparePlainClients(calls: TrafficCall[]): Promise<void> {
    for (const call of calls) {
      if (call.client?.sidecar !== false) continue;
      const source = findWorkload(this.mesh, call.from);
      if (!source || this.plainClients.has(source.id)) continue;
      const cluster = this.cluster(source.cluster);
      const api = this.deps.clusterApi(cluster);
      this.deps.progress('replay', `starting a client without sidecar for ${source.id}`);
      const [outcome] = await api.apply([plainClientObject(source)]);
      if (outcome.result !== 'applied') throw new Error(`cannot deploy the plaintext client for ${source.id}: ${outcome.detail ?? outcome.result}`);
      await api.waitForRunningPods(source.namespace, `ztn.dev/plain-client=${plainClientName(source)}`, PLAIN_CLIENT_ROLLOUT_MS);
      this.plainClients.add(source.id);
    }
  }

  /** The URL curl calls: the Service host the traffic file names, or a pod address for workload targets. */
  private async target(source: Workload, call: TrafficCall): Promise<{ url?: string; error?: string; candidates: Workload[]; port: number }> {
    const dest = resolveDestination(this.mesh, source, call.to);
    const candidates = dest.workloads;
    if (dest.error && !dest.external) return { error: dest.error, candidates, port: dest.targetPort };
    const path = call.path ?? '/';
    if (dest.service || dest.serviceEntry || dest.external)
      return { url: `http://${hostForUrl(dest.host)}:${dest.port}${path}`, candidates, port: dest.targetPort };
    const target = candidates[0];
    if (!target) return { error: `no endpoint for ${call.to}`, candidates, port: dest.targetPort };
    const pods = await this.deps.clusterApi(this.cluster(target.cluster)).listPods(target.namespace);
    const pod = pods.find((p) => p.ip && p.phase === 'Running' && Object.entries(target.labels).every(([k, v]) => p.labels[k] === v));
    if (!pod?.ip) return { error: `no running pod of ${target.id} to call`, candidates, port: dest.targetPort };
    return { url: `http://${hostForUrl(pod.ip)}:${dest.targetPort}${path}`, candidates: [target], port: dest.targetPort };
  }

  private async runCall(call: TrafficCall, id: string, timeoutMs: number): Promise<RanCall> {
    const prediction = simulateCall(this.mesh, call);
    const source = findWorkload(this.mesh, call.from);
    const startedAt = this.deps.now();
    const ran = (observed: KindObservation, candidates: Workload[] = [], port = 0): RanCall => ({
      call,
      id,
      prediction,
      observed,
      source,
      startedAt,
      candidates,
      port,
    });
    const notRun = (error: string): RanCall =>
      ran({ outcome: 'refused', verdict: 'no-route', allowed: false, mtls: false, mtlsObserved: false, error, hops: ['client: the call could not be run'] });
    if (this.deps.signal?.aborted) return notRun('cancelled before this call ran');
    if (call.protocol === 'udp' || call.protocol === 'sctp') {
      // The client is curl: it speaks HTTP and TCP only. Reported as not run rather than guessed.
      return ran({
        outcome: 'not-run',
        verdict: 'no-route',
        allowed: false,
        mtls: false,
        mtlsObserved: false,
        error: `${call.protocol.toUpperCase()} calls are not runnable in the kind sandbox (its client speaks HTTP and TCP only): not observed`,
        hops: [],
      });
    }
    // curl would send a header with a line break as two and fail on a path with a space: not run, said per call.
    const unsendable = unsendableReason(call);
    if (unsendable)
      return ran({
        outcome: 'not-run',
        verdict: 'no-route',
        allowed: false,
        mtls: false,
        mtlsObserved: false,
        error: `cannot be sent: ${unsendable}: not observed`,
        hops: [],
      });
    if (!source) return notRun(`no workload '${call.from}'`);
    const execKind = EXEC_KIND[source.kind];
    if (!execKind) return notRun(`cannot run calls from a ${source.kind}`);
    const { url, error, candidates, port } = await this.target(source, call);
    if (!url) return notRun(error ?? 'no target');
    const plain = call.client?.sidecar === false;
    const cluster = this.cluster(source.cluster);
    const execTarget = plain ? `deployment/${plainClientName(source)}` : `${execKind}/${source.name}`;
    const args = [
      ...this.kubectl(cluster),
      '-n',
      source.namespace,
      'exec',
      execTarget,
      '-c',
      CLIENT_CONTAINER,
      '--',
      'curl',
      ...curlArgs(call, url, timeoutMs, id),
    ];
    try {
      const r = await this.deps.runner.run('kubectl', args, { timeoutMs: timeoutMs + EXEC_OVERHEAD_MS });
      // kubectl's own failures (no such pod, container not found) are not curl's: report them as such.
      if (r.code !== 0 && !/^curl: /m.test(r.stderr) && !r.stdout.includes(CURL_MARKER))
        return notRun(`kubectl exec failed: ${r.stderr.trim().split('\n')[0]}`);
      const observed = observeCurl({ exitCode: r.code, stdout: r.stdout, stderr: r.stderr, protocol: call.protocol === 'tcp' ? 'tcp' : 'http' });
      // The echo server names the pod that answered: only that workload's log can hold the call.
      const pod = servedBy(r.stdout);
      const answered = pod ? candidates.filter((w) => pod.startsWith(`${w.name}-`)) : candidates;
      return ran(observed, answered, port);
    } catch (err) {
      if (err instanceof CommandTimeoutError) {
        return ran({
          outcome: 'timeout',
          verdict: 'denied-by-network-policy',
          allowed: false,
          mtls: false,
          mtlsObserved: false,
          error: err.message,
          hops: ['client: kubectl exec did not return in time'],
        });
      }
      throw err;
    }
  }

  /** Reads the inbound access log, since the replay began, of every workload a call reached. */
  private async accessLogs(calls: RanCall[], since: number): Promise<InboundLogEntry[]> {
    const workloads = new Map<string, Workload>();
    for (const c of calls) if (reachedDestination(c.observed)) for (const w of c.candidates) workloads.set(w.id, w);
    if (workloads.size === 0) return [];
    await this.deps.sleep(ACCESS_LOG_FLUSH_MS);
    const entries: InboundLogEntry[] = [];
    for (const w of workloads.values()) {
      const kind = EXEC_KIND[w.kind];
      if (!kind || !w.sidecar) continue;
      const args = [
        ...this.kubectl(this.cluster(w.cluster)),
        '-n',
        w.namespace,
        'logs',
        `${kind}/${w.name}`,
        '-c',
        'istio-proxy',
        `--since-time=${new Date(since).toISOString()}`,
      ];
      const r = await this.deps.runner.run('kubectl', args, { timeoutMs: EXEC_OVERHEAD_MS }).catch(() => undefined);
      if (r?.code === 0) entries.push(...parseInboundLog(w, r.stdout));
    }
    return entries;
  }

  async replay(traffic: TrafficReplay, options: { concurrency?: number; timeoutMs?: number } = {}): Promise<SimulationResult> {
    await this.preparePlainClients(traffic.calls);
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const concurrency = Math.max(1, options.concurrency ?? 4);
    const runId = this.deps.runId?.() ?? randomBytes(4).toString('hex');
    const since = this.deps.now();
    const ran: RanCall[] = new Array(traffic.calls.length);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < traffic.calls.length) {
        const i = next++;
        ran[i] = await this.runCall(traffic.calls[i], `${runId}-${i}`, timeoutMs);
        done++;
        this.deps.progress('replay', `${ran[i].prediction.name}: ${ran[i].observed.verdict}`, done / traffic.calls.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, traffic.calls.length) }, worker));
    const entries = await this.accessLogs(ran, since);
    const claimed = new Set<InboundLogEntry>();
    const results = ran.map((r) => {
      const ids = new Set(r.candidates.map((w) => w.id));
      const mine = entries.filter((e) => ids.has(e.workload));
      // Not run: no observation and no agreement, only the reason (verify lists it as not observed).
      if (r.observed.outcome === 'not-run')
        return { ...r.prediction, explanation: [...r.prediction.explanation, { step: 'route' as const, detail: r.observed.error ?? 'not run' }] };
      const entry = reachedDestination(r.observed)
        ? matchCall(mine, claimed, {
            id: r.id,
            protocol: r.call.protocol === 'tcp' ? 'tcp' : 'http',
            port: r.port,
            startedAt: r.startedAt,
            source: r.call.client?.sidecar === false ? undefined : r.source?.spiffeId,
          })
        : undefined;
      const observed = withAccessLog(r.observed, entry);
      return { ...r.prediction, observed, agrees: agrees(r.prediction, observed) };
    });
    return summarize(results);
  }
}
