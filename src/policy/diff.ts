// What a change does to the mesh: verdict, mTLS, identity, edge and finding differences between two sides (`ztn diff`).
import { composedMtlsMode } from './peerAuthentication';
import type { CallResult, ExplanationStep, Mesh, MtlsMode, Verdict } from './types';

export const MESH_DIFF_API_VERSION = 'ztn.dev/v1alpha1';

/** One call on one side, keyed so the same call on the other side can be found (source -> target:port). */
export interface DiffCall {
  key: string;
  name?: string;
  from: string;
  to: string;
  port: number;
  fromNamespace?: string;
  toNamespace?: string;
  verdict: Verdict;
  mtls: boolean;
  explanation: ExplanationStep[];
  /** The traffic file states this call must be allowed. */
  expectsAllowed?: boolean;
}

/** A finding as the diff matches it: by rule, object and message, never by line. */
export interface DiffFinding {
  ruleId: string;
  severity: string;
  message: string;
  object?: string;
  file: string;
  line: number;
}

export interface DiffSide<F extends DiffFinding = DiffFinding> {
  mesh: Mesh;
  calls: DiffCall[];
  findings: F[];
}

export interface Decider {
  policy?: string;
  file?: string;
  line?: number;
  detail: string;
}

export interface CallSide {
  verdict: Verdict;
  mtls: boolean;
  decidedBy?: Decider;
}

export interface VerdictChange {
  key: string;
  name?: string;
  from: string;
  to: string;
  port: number;
  /** opened: denied to allowed; closed: allowed to denied; changed: one denial for another. */
  change: 'opened' | 'closed' | 'changed';
  base: CallSide;
  head: CallSide;
  crossNamespace: boolean;
  expectsAllowed: boolean;
  namespace: string;
}

export interface MtlsChange {
  key: string;
  from: string;
  to: string;
  port: number;
  change: 'downgraded' | 'upgraded';
  namespace: string;
}

export interface ServerModeChange {
  workload: string;
  port: number;
  base: MtlsMode;
  head: MtlsMode;
  weaker: boolean;
  namespace: string;
}

export interface IdentityChange {
  workload: string;
  base: { serviceAccount: string; spiffeId: string; trustDomain: string };
  head: { serviceAccount: string; spiffeId: string; trustDomain: string };
  namespace: string;
}

export interface EdgeChange {
  key: string;
  from: string;
  to: string;
  port: number;
  verdict: Verdict;
  mtls: boolean;
  namespace: string;
}

export interface MeshDiff<F extends DiffFinding = DiffFinding> {
  apiVersion: typeof MESH_DIFF_API_VERSION;
  kind: 'MeshDiff';
  edges: 'known' | 'allowed';
  verdictChanges: VerdictChange[];
  mtlsChanges: MtlsChange[];
  serverModeChanges: ServerModeChange[];
  identityChanges: IdentityChange[];
  edgesAdded: EdgeChange[];
  edgesRemoved: EdgeChange[];
  findingsAdded: F[];
  findingsFixed: F[];
  summary: Record<
    | 'opened'
    | 'closed'
    | 'changed'
    | 'downgraded'
    | 'upgraded'
    | 'serverModeWeaker'
    | 'identity'
    | 'edgesAdded'
    | 'edgesRemoved'
    | 'findingsAdded'
    | 'findingsFixed'
    | 'plaintextOpened'
    | 'crossNamespaceOpened'
    | 'expectedDenied',
    number
  >;
}

const MODE_STRENGTH: Record<MtlsMode, number> = { STRICT: 2, PERMISSIVE: 1, DISABLE: 0 };
const STEP_OF: Partial<Record<Verdict, ExplanationStep['step']>> = {
  'denied-by-network-policy': 'network-policy',
  'rejected-by-peer-authentication': 'peer-authentication',
  'denied-by-authorization': 'authorization',
  'no-route': 'route',
};

/** The step that decided the verdict: the denying step, or for an allowed call the authorization step (else the last one naming a policy). */
export function decidedBy(c: { verdict: Verdict; explanation: ExplanationStep[] }): Decider | undefined {
  const wanted = STEP_OF[c.verdict] ?? 'authorization';
  const steps = c.explanation;
  const last = [...steps].reverse();
  const step = last.find((s) => s.step === wanted && s.policy) ?? last.find((s) => s.step === wanted) ?? last.find((s) => s.policy);
  if (!step) return undefined;
  return { ...(step.policy ? { policy: step.policy } : {}), ...(step.file ? { file: step.file, line: step.line } : {}), detail: step.detail };
}

function namespaceOfCall(c: DiffCall): string {
  return c.toNamespace ?? c.fromNamespace ?? '';
}

function side(c: DiffCall): CallSide {
  const by = decidedBy(c);
  return { verdict: c.verdict, mtls: c.mtls, ...(by ? { decidedBy: by } : {}) };
}

function edgeOf(c: DiffCall): EdgeChange {
  return { key: c.key, from: c.from, to: c.to, port: c.port, verdict: c.verdict, mtls: c.mtls, namespace: namespaceOfCall(c) };
}

function trustDomainOf(spiffeId: string): string {
  return /^spiffe:\/\/([^/]+)/.exec(spiffeId)?.[1] ?? '';
}

/** Findings in `a` with no match in `b`, counting duplicates (two equal findings fixed to one is one fixed). */
function unmatched<F extends DiffFinding>(a: F[], b: F[]): F[] {
  const key = (f: F) => `${f.ruleId}\u0000${f.object ?? f.file}\u0000${f.message}`;
  const left = new Map<string, number>();
  for (const f of b) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  return a.filter((f) => {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) {
      left.set(key(f), n - 1);
      return false;
    }
    return true;
  });
}

function byKey<T>(list: T[], key: (t: T) => string): T[] {
  return list.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/**
 * Compares two sides. `edges` says what an edge is: `known` (every call on the side is a known edge) or `allowed`
 * (the calls are the full matrix; an edge is an allowed pair).
 */
export function diffMesh<F extends DiffFinding>(base: DiffSide<F>, head: DiffSide<F>, edges: 'known' | 'allowed' = 'known'): MeshDiff<F> {
  const baseCalls = new Map(base.calls.map((c) => [c.key, c]));
  const headCalls = new Map(head.calls.map((c) => [c.key, c]));
  const verdictChanges: VerdictChange[] = [];
  const mtlsChanges: MtlsChange[] = [];
  for (const [key, h] of headCalls) {
    const b = baseCalls.get(key);
    if (!b) continue;
    const crossNamespace = !!h.fromNamespace && !!h.toNamespace && h.fromNamespace !== h.toNamespace;
    if (b.verdict !== h.verdict) {
      const change = h.verdict === 'allowed' ? 'opened' : b.verdict === 'allowed' ? 'closed' : 'changed';
      verdictChanges.push({
        key,
        ...(h.name ? { name: h.name } : {}),
        from: h.from,
        to: h.to,
        port: h.port,
        change,
        base: side(b),
        head: side(h),
        crossNamespace,
        expectsAllowed: !!(h.expectsAllowed ?? b.expectsAllowed),
        namespace: namespaceOfCall(h),
      });
    }
    if (b.mtls !== h.mtls && h.verdict === 'allowed')
      mtlsChanges.push({ key, from: h.from, to: h.to, port: h.port, change: h.mtls ? 'upgraded' : 'downgraded', namespace: namespaceOfCall(h) });
  }
  const isEdge = (c: DiffCall) => edges === 'known' || c.verdict === 'allowed';
  const edgesAdded = [...headCalls.values()].filter((h) => isEdge(h) && !(baseCalls.has(h.key) && isEdge(baseCalls.get(h.key)!))).map(edgeOf);
  const edgesRemoved = [...baseCalls.values()].filter((b) => isEdge(b) && !(headCalls.has(b.key) && isEdge(headCalls.get(b.key)!))).map(edgeOf);

  const serverModeChanges: ServerModeChange[] = [];
  const identityChanges: IdentityChange[] = [];
  const baseWorkloads = new Map(base.mesh.workloads.map((w) => [w.id, w]));
  for (const hw of head.mesh.workloads) {
    const bw = baseWorkloads.get(hw.id);
    if (!bw) continue;
    if (bw.serviceAccount !== hw.serviceAccount || bw.spiffeId !== hw.spiffeId) {
      identityChanges.push({
        workload: hw.id,
        base: { serviceAccount: bw.serviceAccount, spiffeId: bw.spiffeId, trustDomain: trustDomainOf(bw.spiffeId) },
        head: { serviceAccount: hw.serviceAccount, spiffeId: hw.spiffeId, trustDomain: trustDomainOf(hw.spiffeId) },
        namespace: hw.namespace,
      });
    }
    const ports = new Set([...bw.ports, ...hw.ports].filter((p) => p.protocol === 'TCP').map((p) => p.port));
    for (const port of [...ports].sort((x, y) => x - y)) {
      const b = composedMtlsMode(base.mesh, bw, port).mode;
      const h = composedMtlsMode(head.mesh, hw, port).mode;
      if (b !== h) serverModeChanges.push({ workload: hw.id, port, base: b, head: h, weaker: MODE_STRENGTH[h] < MODE_STRENGTH[b], namespace: hw.namespace });
    }
  }

  const findingsAdded = unmatched(head.findings, base.findings);
  const findingsFixed = unmatched(base.findings, head.findings);
  const opened = verdictChanges.filter((v) => v.change === 'opened');
  const callKey = (c: { key: string }) => c.key;
  return {
    apiVersion: MESH_DIFF_API_VERSION,
    kind: 'MeshDiff',
    edges,
    verdictChanges: byKey(verdictChanges, callKey),
    mtlsChanges: byKey(mtlsChanges, callKey),
    serverModeChanges: byKey(serverModeChanges, (s) => `${s.workload}:${String(s.port).padStart(5, '0')}`),
    identityChanges: byKey(identityChanges, (i) => i.workload),
    edgesAdded: byKey(edgesAdded, callKey),
    edgesRemoved: byKey(edgesRemoved, callKey),
    findingsAdded,
    findingsFixed,
    summary: {
      opened: opened.length,
      closed: verdictChanges.filter((v) => v.change === 'closed').length,
      changed: verdictChanges.filter((v) => v.change === 'changed').length,
      downgraded: mtlsChanges.filter((m) => m.change === 'downgraded').length,
      upgraded: mtlsChanges.filter((m) => m.change === 'upgraded').length,
      serverModeWeaker: serverModeChanges.filter((s) => s.weaker).length,
      identity: identityChanges.length,
      edgesAdded: edgesAdded.length,
      edgesRemoved: edgesRemoved.length,
      findingsAdded: findingsAdded.length,
      findingsFixed: findingsFixed.length,
      plaintextOpened: opened.filter((v) => !v.head.mtls).length,
      crossNamespaceOpened: opened.filter((v) => v.crossNamespace).length,
      expectedDenied: verdictChanges.filter((v) => v.head.verdict !== 'allowed' && v.expectsAllowed).length,
    },
  };
}

/** A simulated call as a diff call (matrix or traffic results). */
export function diffCallOf(c: CallResult, fromNamespace?: string, toNamespace?: string): DiffCall {
  return {
    key: `${c.from} -> ${c.to}:${c.port}`,
    ...(c.name ? { name: c.name } : {}),
    from: c.from,
    to: c.to,
    port: c.port,
    ...(fromNamespace ? { fromNamespace } : {}),
    ...(toNamespace ? { toNamespace } : {}),
    verdict: c.verdict,
    mtls: c.mtls,
    explanation: c.explanation,
  };
}
