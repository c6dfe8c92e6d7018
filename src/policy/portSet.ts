// Sets of L4 connections (protocol -> port intervals), merged and printed as `TCP 1-79,81-65535` or `All Connections`.
export type Proto = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: Proto[] = ['TCP', 'UDP', 'SCTP'];
export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** Sorted, non-overlapping, non-adjacent inclusive intervals per protocol. */
export type ConnectionSet = Record<Proto, [number, number][]>;

export function emptyConnections(): ConnectionSet {
  return { TCP: [], UDP: [], SCTP: [] };
}

export function allConnections(): ConnectionSet {
  return { TCP: [[MIN_PORT, MAX_PORT]], UDP: [[MIN_PORT, MAX_PORT]], SCTP: [[MIN_PORT, MAX_PORT]] };
}

function normalize(list: [number, number][]): [number, number][] {
  const sorted = list.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function addPorts(set: ConnectionSet, proto: Proto, start: number, end: number): void {
  set[proto] = normalize([...set[proto], [Math.max(MIN_PORT, start), Math.min(MAX_PORT, end)]]);
}

export function union(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  const out = emptyConnections();
  for (const p of PROTOCOLS) out[p] = normalize([...a[p], ...b[p]].map(([x, y]) => [x, y] as [number, number]));
  return out;
}

export function intersect(a: ConnectionSet, b: ConnectionSet): ConnectionSet {
  const out = emptyConnections();
  for (const p of PROTOCOLS) {
    const res: [number, number][] = [];
    for (const [a1, a2] of a[p]) for (const [b1, b2] of b[p]) if (Math.max(a1, b1) <= Math.min(a2, b2)) res.push([Math.max(a1, b1), Math.min(a2, b2)]);
    out[p] = normalize(res);
  }
  return out;
}

export function isEmpty(s: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => s[p].length === 0);
}

export function isAll(s: ConnectionSet): boolean {
  return PROTOCOLS.every((p) => s[p].length === 1 && s[p][0][0] === MIN_PORT && s[p][0][1] === MAX_PORT);
}

export function sameConnections(a: ConnectionSet, b: ConnectionSet): boolean {
  return formatConnections(a) === formatConnections(b);
}

/** `All Connections`, or `TCP 8080,9000-9010,UDP 53` (protocols in TCP, UDP, SCTP order). */
export function formatConnections(s: ConnectionSet): string {
  if (isAll(s)) return 'All Connections';
  const parts: string[] = [];
  for (const p of PROTOCOLS) {
    if (s[p].length === 0) continue;
    parts.push(`${p} ${s[p].map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`);
  }
  return parts.join(',');
}
