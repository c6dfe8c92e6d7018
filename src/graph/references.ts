// Calls the manifests themselves announce: Service hosts named in env values and args, and gateway routes.
import { fieldRange } from '../model/position';
import type { FieldPath } from '../model/position';
import type { Resource } from '../model/types';
import { containersOf, getPath } from '../model/workloads';

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

// A DNS name, optionally with scheme, user info, port and path; IPs are left to ServiceEntry addresses.
const HOST_PATTERN = /(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^\s@/:]+(?::[^\s@/]*)?@)?([a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*)(?::(\d{1,5}))?/gi;
const ADDRESS_ENV = /(HOST|ADDR|ADDRESS|URL|URI|ENDPOINT|SERVICE|SVC|SERVER|UPSTREAM|BACKEND|TARGET)S?$/i;

/** Host mentions in one configuration string (an env value or an argument). */
export function hostsInValue(value: string, path: FieldPath, detail: string, envName?: string): HostMention[] {
  const out: HostMention[] = [];
  const envSaysAddress = envName !== undefined && ADDRESS_ENV.test(envName);
  for (const m of value.matchAll(HOST_PATTERN)) {
    const [, scheme, host, port] = m;
    // A bare word in the middle of prose is not a reference; require it to stand as a token.
    const before = m.index === 0 ? '' : value[m.index - 1];
    const after = value[m.index + m[0].length] ?? '';
    if (before && !/[\s,;=@"'(]/.test(before)) continue;
    if (after && !/[\s,;/"')?#]/.test(after)) continue;
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
        if (typeof value === 'string') out.push(...hostsInValue(value, [...c.path, 'env', i, 'value'], `env ${String(name)}`, typeof name === 'string' ? name : undefined));
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
