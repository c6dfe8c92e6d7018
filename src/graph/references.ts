// Calls the manifests themselves announce: Service hosts named in env values and args, and gateway routes.
import { fieldRange } from '../model/position';
import type { FieldPath } from '../model/position';
import type { Resource } from '../model/types';
import { containersOf, getPath } from '../model/workloads';
import { scannedPart } from '../rules/scanLimit';

/** A host (and maybe port) a container names in its configuration. */
export interface HostMention {
  host: string;
  port?: number;
  /** URL scheme when the value was a URL (http, https, grpc, redis, ...). */
  scheme?: string;
  /** Where it was written, for the edge's reference link. */
  path: FieldPath;
  /** "env CART_URL", "args[2]" */
  detail: string;
  /** True when the context says it is an address (a URL, a host:port, or an env name like *_HOST, *_ADDR). */
  addressLike: boolean;
}

// A mention is a DNS name, optionally with scheme, user info, port and path; IPs are left to ServiceEntry
// addresses. As the pattern
//   (?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^\s@/:]+(?::[^\s@/]*)?@)?(<label>(?:\.<label>)*)(?::(\d{1,5}))?
// (label: [a-z0-9](?:[-a-z0-9]*[a-z0-9])?) run over the value, it re-read the rest of a long word from
// every position of it: a 1 MB value took minutes. The same matches are found here from tables made in
// one pass from the end of the value (where each run of scheme, name or user-info characters ends), so
// each position costs a few steps.
const BEFORE = /[\s,;=@"'(]/;
const AFTER = /[\s,;/"')?#]/;
const ADDRESS_ENV = /(HOST|ADDR|ADDRESS|URL|URI|ENDPOINT|SERVICE|SVC|SERVER|UPSTREAM|BACKEND|TARGET)S?$/i;

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLabelChar = (c: number) => isAlnum(c) || c === 45; // -
const isSchemeChar = (c: number) => isLabelChar(c) || c === 43 || c === 46; // + .
/** JavaScript's \s: ASCII blanks, no-break space, the Unicode space separators, line and paragraph separators, BOM. */
const isSpace = (c: number) =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 160 ||
  c === 5760 ||
  (c >= 8192 && c <= 8202) ||
  c === 8232 ||
  c === 8233 ||
  c === 8239 ||
  c === 8287 ||
  c === 12288 ||
  c === 65279;
/** Ends user info's name ([^\s@/:]) and its password ([^\s@/]). */
const endsName = (c: number) => c === 64 || c === 47 || c === 58 || isSpace(c);
const endsPassword = (c: number) => c === 64 || c === 47 || isSpace(c);

/** The tables of one value: for each position, where the run it starts ends, and where a host starting there ends. */
function mentionTables(value: string) {
  const n = value.length;
  const schemeEnd = new Int32Array(n + 1).fill(n);
  const nameEnd = new Int32Array(n + 1).fill(n);
  const passwordEnd = new Int32Array(n + 1).fill(n);
  /** For an alphanumeric position: the end of the host (dotted labels) starting there; -1 elsewhere. */
  const hostEnd = new Int32Array(n + 1).fill(-1);
  let labelRunEnd = n; // end of the run of [a-z0-9-] the position is in
  let runAlnumEnd = -1; // end of that run's last alphanumeric character, once seen
  for (let i = n - 1; i >= 0; i--) {
    const c = value.charCodeAt(i);
    schemeEnd[i] = isSchemeChar(c) ? schemeEnd[i + 1] : i;
    nameEnd[i] = endsName(c) ? i : nameEnd[i + 1];
    passwordEnd[i] = endsPassword(c) ? i : passwordEnd[i + 1];
    if (!isLabelChar(c)) {
      labelRunEnd = i;
      runAlnumEnd = -1;
      continue;
    }
    if (!isAlnum(c)) continue;
    if (runAlnumEnd < 0) runAlnumEnd = i + 1;
    // The label is the run up to its last alphanumeric character; a dot and another label may follow only when it is the whole run.
    const end = runAlnumEnd;
    hostEnd[i] = end === labelRunEnd && value.charCodeAt(end) === 46 && hostEnd[end + 1] >= 0 ? hostEnd[end + 1] : end;
  }
  return { schemeEnd, nameEnd, passwordEnd, hostEnd };
}

type MentionTables = ReturnType<typeof mentionTables>;

/** The host (and port) the pattern finds from `from` on: after user info when a host follows it, else right there. */
function hostFrom(value: string, t: MentionTables, from: number): { host: string; port?: string; end: number } | undefined {
  let start = from;
  const name = t.nameEnd[from];
  if (name > from) {
    const at = value[name] === '@' ? name : value[name] === ':' && value[t.passwordEnd[name + 1]] === '@' ? t.passwordEnd[name + 1] : -1;
    if (at >= 0 && t.hostEnd[at + 1] >= 0) start = at + 1;
  }
  const end = t.hostEnd[start];
  if (end < 0) return undefined;
  const port = /^:(\d{1,5})/.exec(value.slice(end, end + 6));
  return { host: value.slice(start, end), port: port?.[1], end: port ? end + port[0].length : end };
}

/** The mention the pattern finds at `at`, if any: with a scheme when `scheme://` and a host follow, else without. */
function mentionAt(value: string, t: MentionTables, at: number): { host: string; port?: string; end: number; scheme?: string } | undefined {
  const schemeEnd = t.schemeEnd[at];
  if (isLetter(value.charCodeAt(at)) && value.startsWith('://', schemeEnd)) {
    const found = hostFrom(value, t, schemeEnd + 3);
    if (found) return { ...found, scheme: value.slice(at, schemeEnd) };
  }
  return hostFrom(value, t, at);
}

/** Host mentions in one configuration string (an env value or an argument). */
export function hostsInValue(whole: string, path: FieldPath, detail: string, envName?: string): HostMention[] {
  const value = scannedPart(whole);
  const out: HostMention[] = [];
  const envSaysAddress = envName !== undefined && ADDRESS_ENV.test(envName);
  const tables = mentionTables(value);
  for (let at = 0; at < value.length;) {
    const m = mentionAt(value, tables, at);
    if (!m) {
      at++;
      continue;
    }
    const { scheme, host, port } = m;
    // A bare word in the middle of prose is not a reference; require it to stand as a token.
    const before = at === 0 ? '' : value[at - 1];
    const after = value[m.end] ?? '';
    at = m.end; // the next mention starts after this one, as a global pattern goes on
    if (before && !BEFORE.test(before)) continue;
    if (after && !AFTER.test(after)) continue;
    if (/^\d+(\.\d+)*$/.test(host)) continue;
    const portNumber = port === undefined ? undefined : Number(port);
    if (portNumber !== undefined && (portNumber < 1 || portNumber > 65535)) continue;
    out.push({
      host: host.toLowerCase(),
      port: portNumber,
      scheme: scheme?.toLowerCase(),
      path,
      detail,
      addressLike: scheme !== undefined || port !== undefined || envSaysAddress,
    });
  }
  return out;
}

/** Every host mention in a workload's containers: env values, args and command. */
export function hostMentions(workload: Resource): HostMention[] {
  const out: HostMention[] = [];
  for (const c of containersOf(workload)) {
    const env = c.container.env;
    if (Array.isArray(env)) {
      env.forEach((e, i) => {
        const name = getPath(e, ['name']);
        const value = getPath(e, ['value']);
        if (typeof value === 'string')
          out.push(...hostsInValue(value, [...c.path, 'env', i, 'value'], `env ${String(name)}`, typeof name === 'string' ? name : undefined));
      });
    }
    for (const field of ['args', 'command'] as const) {
      const list = c.container[field];
      if (!Array.isArray(list)) continue;
      list.forEach((arg, i) => {
        if (typeof arg === 'string') out.push(...hostsInValue(arg, [...c.path, field, i], `${field}[${i}]`));
      });
    }
  }
  return out;
}

/** A route of a VirtualService bound to gateways: where the gateway sends matching requests. */
export interface GatewayRoute {
  gateways: string[];
  host: string;
  port?: number;
  path: FieldPath;
  detail: string;
}

/** Destinations of a VirtualService's http, tls and tcp routes, for the gateways it is bound to (not 'mesh'). */
export function gatewayRoutes(virtualService: Resource): GatewayRoute[] {
  const gateways = getPath(virtualService.obj, ['spec', 'gateways']);
  const bound = Array.isArray(gateways) ? gateways.filter((g): g is string => typeof g === 'string' && g !== 'mesh') : [];
  if (bound.length === 0) return [];
  const out: GatewayRoute[] = [];
  for (const protocol of ['http', 'tls', 'tcp'] as const) {
    const routes = getPath(virtualService.obj, ['spec', protocol]);
    if (!Array.isArray(routes)) continue;
    routes.forEach((route, ri) => {
      const dests = getPath(route, ['route']);
      if (!Array.isArray(dests)) return;
      dests.forEach((d, di) => {
        const host = getPath(d, ['destination', 'host']);
        const port = getPath(d, ['destination', 'port', 'number']);
        if (typeof host !== 'string') return;
        out.push({
          gateways: bound,
          host: host.toLowerCase(),
          port: typeof port === 'number' ? port : undefined,
          path: ['spec', protocol, ri, 'route', di, 'destination', 'host'],
          detail: `${virtualService.kind} ${virtualService.namespace ?? 'default'}/${virtualService.name} ${protocol}[${ri}] route`,
        });
      });
    });
  }
  return out;
}

/** 1-based line of a field, for reference links. */
export function lineOf(resource: Resource, path: FieldPath): number {
  return fieldRange(resource, path).start.line + 1;
}
