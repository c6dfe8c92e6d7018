// CIDR facts the trusted-source rules need (open to the world, inside the allow-list), parsed with ipaddr.js.
import type ipaddr from 'ipaddr.js';
import { parseCidr } from '../../model/cidr';

/** True for 0.0.0.0/0 and ::/0 (any prefix of length 0): every address on the internet. */
export function isOpenToWorld(text: string): boolean {
  const c = parseCidr(text);
  return c !== undefined && c[1] === 0;
}

/** True when every address of `inner` lies in `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const a = parseCidr(inner);
  const b = parseCidr(outer);
  if (!a || !b || a[0].kind() !== b[0].kind() || a[1] < b[1]) return false;
  return (a[0] as ipaddr.IPv4).match(b as [ipaddr.IPv4, number]);
}

/** True when `cidr` lies inside one of the allowed CIDRs (an invalid CIDR is never allowed). */
export function isAllowedSource(cidr: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => cidrWithin(cidr, a));
}
