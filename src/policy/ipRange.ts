// IP addresses and CIDR blocks (AuthorizationPolicy ipBlocks, NetworkPolicy ipBlock), parsed with ipaddr.js.
import ipaddr from 'ipaddr.js';
import { parseCidr } from '../model/cidr';

export { parseCidr, type Cidr } from '../model/cidr';

export function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  try {
    const a = ipaddr.parse(text.trim());
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return undefined;
  }
}

/** Host names are far more common than addresses here: only strings that could be an address reach ipaddr.js. */
export function isIp(text: string): boolean {
  const t = text.trim();
  if (!/^[\d.]+$/.test(t) && !t.includes(':')) return false;
  return ipaddr.isValid(t);
}

export function ipInCidr(ip: string, cidr: string): boolean {
  const a = parseIp(ip);
  const c = parseCidr(cidr);
  if (!a || !c || a.kind() !== c[0].kind()) return false;
  return a.match(c);
}

/** Inclusive numeric range of an IPv4 CIDR (netpol prints external peers as ranges). */
export function ipv4Range(cidr: string): [number, number] | undefined {
  const c = parseCidr(cidr);
  if (!c || c[0].kind() !== 'ipv4') return undefined;
  const bytes = c[0].toByteArray();
  const base = ((bytes[0] << 24) >>> 0) + (bytes[1] << 16) + (bytes[2] << 8) + bytes[3];
  const size = 2 ** (32 - c[1]);
  const start = Math.floor(base / size) * size;
  return [start, start + size - 1];
}

export function ipv4ToString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
