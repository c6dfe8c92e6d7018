// One line on what a policy does, for hovers: an AuthorizationPolicy's action and whom its rules name, a
// NetworkPolicy's directions and peers, a PeerAuthentication's mode. Read from the manifest as written.
import type { Resource } from '../model/types';

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Principals, namespaces and IP blocks a rule's `from` names, at most three shown. */
function sources(rules: unknown[]): string {
  const names: string[] = [];
  for (const rule of rules) {
    for (const f of asList(asObj(rule).from)) {
      const s = asObj(asObj(f).source);
      for (const key of ['principals', 'namespaces', 'ipBlocks', 'requestPrincipals']) for (const v of asList(s[key])) names.push(String(v));
    }
  }
  if (names.length === 0) return '';
  return ` from ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`;
}

function authorizationEffect(spec: Obj): string {
  const action = typeof spec.action === 'string' ? spec.action : 'ALLOW';
  if (!('rules' in spec) || asList(spec.rules).length === 0)
    return action === 'ALLOW' ? 'ALLOW nothing: denies every request' : `${action} with no rules: no effect`;
  const rules = asList(spec.rules);
  if (rules.every((r) => Object.keys(asObj(r)).length === 0)) return `${action} every request`;
  const provider = action === 'CUSTOM' ? ` (provider ${String(asObj(spec.provider).name ?? '?')})` : '';
  return `${action}${provider}: ${plural(rules.length, 'rule')}${sources(rules)}`;
}

function networkEffect(spec: Obj): string {
  const types = asList(spec.policyTypes).map(String);
  const directions = types.length ? types : ['Ingress', ...('egress' in spec ? ['Egress'] : [])];
  return directions
    .map((d) => {
      const rules = asList(spec[d.toLowerCase()]);
      if (rules.length === 0) return `${d}: deny all`;
      if (rules.some((r) => Object.keys(asObj(r)).length === 0)) return `${d}: allow all`;
      return `${d}: allow ${plural(rules.length, 'rule')}`;
    })
    .join('; ');
}

/** What the policy does, in a few words; undefined for kinds without a summary. */
export function policyEffect(resource: Resource): string | undefined {
  const spec = asObj(asObj(resource.obj).spec);
  switch (resource.kind) {
    case 'AuthorizationPolicy':
      return authorizationEffect(spec);
    case 'NetworkPolicy':
      return networkEffect(spec);
    case 'PeerAuthentication': {
      const mode = String(asObj(spec.mtls).mode ?? 'UNSET');
      const ports = Object.entries(asObj(spec.portLevelMtls)).map(([p, m]) => `${p}: ${String(asObj(m).mode ?? 'UNSET')}`);
      return `mTLS ${mode}${ports.length ? ` (ports ${ports.join(', ')})` : ''}`;
    }
    case 'RequestAuthentication':
      return `JWT from ${
        asList(spec.jwtRules)
          .map((r) => String(asObj(r).issuer ?? '?'))
          .join(', ') || 'no issuer'
      }`;
    default:
      return undefined;
  }
}
