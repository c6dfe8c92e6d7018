// `ztn netpol`: every connection NetworkPolicies allow between workloads and external IPv4 ranges, merged per pair.
import { ipv4Range, ipv4ToString } from './ipRange';
import { allowedConnections, ipBlockCidrs, type Endpoint } from './networkPolicy';
import { formatConnections, intersect, isEmpty, sameConnections, type ConnectionSet } from './portSet';
import type { Mesh, Workload } from './types';
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
export function netpolConnections(mesh: Mesh): NetpolConnection[] {
  const out: NetpolConnection[] = [];
  const ranges = externalRanges(mesh);
  const cache = new Map<string, ConnectionSet>();
  const key = (w: Workload) => `${w.cluster}|${w.namespace}|${JSON.stringify(Object.entries(w.labels).sort())}|${w.ips?.join(',') ?? ''}`;
  const portsKey = (w: Workload) => JSON.stringify(w.ports);
  for (const a of mesh.workloads) {
    for (const b of mesh.workloads) {
      if (a === b || a.cluster !== b.cluster) continue;
      const k = `${key(a)}>${key(b)}>${portsKey(b)}`;
      let conn = cache.get(k);
      if (!conn) {
        conn = intersect(allowedConnections(mesh, a, 'Egress', { workload: b }, b), allowedConnections(mesh, b, 'Ingress', { workload: a }, b));
        cache.set(k, conn);
      }
      if (!isEmpty(conn)) out.push({ src: workloadName(mesh, a), dst: workloadName(mesh, b), conn: formatConnections(conn) });
    }
    const egress = mergeRanges(ranges.map((range) => ({ range, conn: allowedConnections(mesh, a, 'Egress', { ip: ipv4ToString(range[0]) } as Endpoint, undefined) })));
    for (const e of egress) if (!isEmpty(e.conn)) out.push({ src: workloadName(mesh, a), dst: rangeName(e.range), conn: formatConnections(e.conn) });
    const ingress = mergeRanges(ranges.map((range) => ({ range, conn: allowedConnections(mesh, a, 'Ingress', { ip: ipv4ToString(range[0]) }, a) })));
    for (const e of ingress) if (!isEmpty(e.conn)) out.push({ src: rangeName(e.range), dst: workloadName(mesh, a), conn: formatConnections(e.conn) });
  }
  return out.sort((x, y) => (x.src < y.src ? -1 : x.src > y.src ? 1 : x.dst < y.dst ? -1 : x.dst > y.dst ? 1 : 0));
}

export function formatNetpolText(connections: NetpolConnection[]): string {
  // Workload names come from manifests: escaped, so none can add a line of its own.
  return connections.map((c) => displayText(`${c.src} => ${c.dst} : ${c.conn}`) + '\n').join('');
}
