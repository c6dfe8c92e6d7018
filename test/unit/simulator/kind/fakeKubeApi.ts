// A local HTTP server implementing the few Kubernetes API endpoints the kind engine uses, recording every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  body?: Record<string, unknown>;
}

type Obj = Record<string, unknown> & { metadata?: Record<string, unknown> };

/** Discovery documents per group/version: resource name, kind, namespaced. */
const DISCOVERY: Record<string, [string, string, boolean][]> = {
  v1: [
    ['namespaces', 'Namespace', false],
    ['serviceaccounts', 'ServiceAccount', true],
    ['services', 'Service', true],
    ['secrets', 'Secret', true],
    ['pods', 'Pod', true],
  ],
  'apps/v1': [['deployments', 'Deployment', true]],
  'security.istio.io/v1': [
    ['authorizationpolicies', 'AuthorizationPolicy', true],
    ['peerauthentications', 'PeerAuthentication', true],
  ],
};

export class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  /** Objects by collection path (e.g. /apis/apps/v1/namespaces/shop/deployments). */
  readonly collections = new Map<string, Obj[]>();
  /** Events a watch on a collection path sends, after `delayMs`; the watch then stays open until the client aborts. */
  readonly watchEvents = new Map<string, { delayMs: number; events: { type: string; object: Obj }[] }>();
  /** Apply requests for these object names answer with this status and message. */
  readonly rejectApply = new Map<string, { code: number; message: string }>();
  private server?: Server;
  private readonly open = new Set<ServerResponse>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  kubeConfig(server: string): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server, skipTLSVerify: true }],
      users: [{ name: 'fake', token: 'test-token' }],
      contexts: [{ name: 'kind-ztn-east', cluster: 'fake', user: 'fake' }],
      currentContext: 'kind-ztn-east',
    });
    return kc;
  }

  private send(res: ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const record: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(text ? { body: JSON.parse(text) as Record<string, unknown> } : {}),
      };
      this.requests.push(record);
      this.route(record, res);
    });
  }

  private route(r: RecordedRequest, res: ServerResponse): void {
    if (r.method === 'GET' && r.path === '/api') return this.send(res, 200, { kind: 'APIVersions', versions: ['v1'] });
    if (r.method === 'GET' && r.path === '/apis') {
      const groups = Object.keys(DISCOVERY)
        .filter((gv) => gv.includes('/'))
        .map((gv) => ({ name: gv.split('/')[0], versions: [{ groupVersion: gv, version: gv.split('/')[1] }] }));
      return this.send(res, 200, { kind: 'APIGroupList', groups });
    }
    const gv = r.path.startsWith('/api/') ? r.path.slice(5) : r.path.startsWith('/apis/') ? r.path.slice(6) : '';
    if (r.method === 'GET' && gv in DISCOVERY) {
      return this.send(res, 200, {
        kind: 'APIResourceList',
        groupVersion: gv,
        resources: DISCOVERY[gv].map(([name, kind, namespaced]) => ({ name, kind, namespaced, singularName: '', verbs: ['get', 'list', 'watch', 'patch'] })),
      });
    }
    if (r.method === 'PATCH') return this.apply(r, res);
    if (r.method === 'GET' && r.query.watch === 'true') return this.watch(r, res);
    if (r.method === 'GET' && this.collections.has(r.path)) {
      const selector = r.query.labelSelector;
      const items = (this.collections.get(r.path) ?? []).filter(
        (o) =>
          !selector ||
          selector.split(',').every((kv) => {
            const [k, v] = kv.split('=');
            return ((o.metadata?.labels ?? {}) as Record<string, string>)[k] === v;
          }),
      );
      return this.send(res, 200, { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '100' }, items });
    }
    if (r.method === 'GET') {
      const name = r.path.slice(r.path.lastIndexOf('/') + 1);
      const found = this.collections.get(r.path.slice(0, r.path.lastIndexOf('/')))?.find((o) => o.metadata?.name === name);
      if (found) return this.send(res, 200, found);
    }
    return this.send(res, 404, { kind: 'Status', status: 'Failure', message: `the server could not find the requested resource (${r.path})`, code: 404 });
  }

  private apply(r: RecordedRequest, res: ServerResponse): void {
    const name = r.path.split('/').pop() ?? '';
    const rejected = this.rejectApply.get(name);
    if (rejected) return this.send(res, rejected.code, { kind: 'Status', status: 'Failure', message: rejected.message, code: rejected.code });
    const collection = r.path.slice(0, r.path.lastIndexOf('/'));
    const items = this.collections.get(collection) ?? [];
    const applied = { ...(r.body ?? {}), metadata: { ...((r.body?.metadata as object) ?? {}), resourceVersion: String(this.requests.length) } };
    this.collections.set(collection, [...items.filter((o) => o.metadata?.name !== name), applied]);
    return this.send(res, 200, applied);
  }

  private watch(r: RecordedRequest, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    const planned = this.watchEvents.get(r.path);
    if (!planned) return;
    setTimeout(() => {
      for (const e of planned.events) res.write(JSON.stringify(e) + '\n');
    }, planned.delayMs);
  }
}
