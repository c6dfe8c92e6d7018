// `ztn netpol`: every connection NetworkPolicies allow between workloads and external IPv4 ranges, merged per pair.
import { ipv4Range, ipv4ToString } from './ipRange';
import { allowedConnections, ipBlockCidrs, type Endpoint } from './networkPolicy';
import { formatConnections, intersect, isEmpty, sameConnections, type ConnectionSet } from './portSet';
import type { Mesh, Workload } from './types';
import { workloadClasses } from './workloadClasses';
import { displayText } from '../model/displayText';

export interface NetpolConnection {
  src: string;
  dst: string;
  conn: string;
}

const MAX_IPV4 = 2 ** 32 - 1;

function workloadName(mesh: Mesh, w: Workload): string {
  const prefix = mesh.clusters.length > 1 ? `${w.cluster}/` : '';
  return `${prefix}${w.namespace}/${w.name}[${w.kind}]`;
}

/** Splits the IPv4 space at every ipBlock boundary, so each piece is treated alike by every policy. */
function externalRanges(mesh: Mesh): [number, number][] {
  const cuts = new Set<number>([0]);
  for (const p of mesh.networkPolicies) {
    for (const cidr of ipBlockCidrs(p)) {
      const r = ipv4Range(cidr);
      if (!r) continue;
      cuts.add(r[0]);
      if (r[1] < MAX_IPV4) cuts.add(r[1] + 1);
    }
  }
  const starts = [...cuts].sort((a, b) => a - b);
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1] - 1 : MAX_IPV4]);
}

function rangeName(r: [number, number]): string {
  return `${ipv4ToString(r[0])}-${ipv4ToString(r[1])}[External]`;
}

/** Adjacent external pieces with the same connections print as one range. */
function mergeRanges(pieces: { range: [number, number]; conn: ConnectionSet }[]): { range: [number, number]; conn: ConnectionSet }[] {
  const out: { range: [number, number]; conn: ConnectionSet }[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last.range[1] + 1 === p.range[0] && sameConnections(last.conn, p.conn)) last.range = [last.range[0], p.range[1]];
    else out.push({ range: [...p.range], conn: p.conn });
  }
  return out;
}

/** Pod-to-pod pairs within each cluster (cross-cluster traffic goes through gateways, outside NetworkPolicy's view). */
export function netpolConnections(mesh: Mesh, opts: { direct?: boolean } = {}): NetpolConnection[] {
  const out: NetpolConnection[] = [];
  const ranges = externalRanges(mesh);
  // Connections are computed once per (class, class) pair of workloads every policy treats alike (workloadClasses.ts),
  // from the first pair met, and once per class for the external ranges.
  // `direct`: every workload its own class (the per-pair computation, for tests).
  const { classOf, members } = opts.direct
    ? { classOf: Int32Array.from(mesh.workloads, (_, i) => i), members: mesh.workloads.map((w) => [w]) }
    : workloadClasses(mesh);
  const nClasses = members.length;
  const cache = new Map<number, string | null>();
  const externalByClass: ({ src: string; dst: string; conn: string }[] | undefined)[] = new Array(nClasses);
  const names = mesh.workloads.map((w) => workloadName(mesh, w));
  for (let ai = 0; ai < mesh.workloads.length; ai++) {
    const a = mesh.workloads[ai];
    const ca = classOf[ai];
    for (let bi = 0; bi < mesh.workloads.length; bi++) {
      const b = mesh.workloads[bi];
      if (a === b || a.cluster !== b.cluster) continue;
      const k = ca * nClasses + classOf[bi];
      let conn = cache.get(k);
      if (conn === undefined) {
        const set = intersect(allowedConnections(mesh, a, 'Egress', { workload: b }, b), allowedConnections(mesh, b, 'Ingress', { workload: a }, b));
        conn = isEmpty(set) ? null : formatConnections(set);
        cache.set(k, conn);
      }
      if (conn !== null) out.push({ src: names[ai], dst: names[bi], conn });
    }
    let external = externalByClass[ca];
    if (!external) {
      // Computed for this workload with placeholders for its name, reused by every member of its class.
      external = [];
      const egress = mergeRanges(
        ranges.map((range) => ({ range, conn: allowedConnections(mesh, a, 'Egress', { ip: ipv4ToString(range[0]) } as Endpoint, undefined) })),
      );
      for (const e of egress) if (!isEmpty(e.conn)) external.push({ src: '', dst: rangeName(e.range), conn: formatConnections(e.conn) });
      const ingress = mergeRanges(ranges.map((range) => ({ range, conn: allowedConnections(mesh, a, 'Ingress', { ip: ipv4ToString(range[0]) }, a) })));
      for (const e of ingress) if (!isEmpty(e.conn)) external.push({ src: rangeName(e.range), dst: '', conn: formatConnections(e.conn) });
      externalByClass[ca] = external;
    }
    for (const e of external) out.push({ src: e.src || names[ai], dst: e.dst || names[ai], conn: e.conn });
  }
  return out.sort((x, y) => (x.src < y.src ? -1 : x.src > y.src ? 1 : x.dst < y.dst ? -1 : x.dst > y.dst ? 1 : 0));
}

export function formatNetpolText(connections: NetpolConnection[]): string {
  // Workload names come from manifests: escaped, so none can add a line of its own.
  return connections.map((c) => displayText(`${c.src} => ${c.dst} : ${c.conn}`) + '\n').join('');
}

export interface NetpolClassConnections {
  /** Classes of workloads every policy treats alike (workloadClasses.ts): member names. */
  classes: string[][];
  /** Connections between classes (indexes into `classes`); a class to itself stands for its members' pairs of distinct workloads. */
  connections: { src: number; dst: number; conn: string }[];
}

/** Grouped `ztn netpol`: pod-to-pod connections per pair of classes, one computation each, no per-pair list. */
export function netpolClassConnections(mesh: Mesh): NetpolClassConnections {
  const { members } = workloadClasses(mesh);
  const connections: NetpolClassConnections['connections'] = [];
  for (let ca = 0; ca < members.length; ca++) {
    const a = members[ca][0];
    for (let cb = 0; cb < members.length; cb++) {
      const b = ca === cb ? members[cb][1] : members[cb][0];
      if (!b || a.cluster !== b.cluster) continue;
      const set = intersect(allowedConnections(mesh, a, 'Egress', { workload: b }, b), allowedConnections(mesh, b, 'Ingress', { workload: a }, b));
      if (!isEmpty(set)) connections.push({ src: ca, dst: cb, conn: formatConnections(set) });
    }
  }
  return { classes: members.map((ws) => ws.map((w) => workloadName(mesh, w))), connections };
}
