// What the sandbox benchmarks measure against, shared by sandbox.bench.ts and sandboxCompare.ts: the synthetic mesh
// of the issue's benchmark and the bare Node mTLS pair (with the bare TLS floor) that makes the same handshakes.
import { Agent as HttpsAgent, createServer as createHttpsServer, request as httpsRequest, type Server as HttpsServer } from 'node:https';
import { connect, createSecureContext, createServer, type SecureContext, type Server, type TLSSocket } from 'node:tls';
import { defaultConfig } from '../../src/config/load';
import { WorkspaceIndex } from '../../src/model/workspace';
import { buildMesh } from '../../src/policy/index';
import type { Mesh } from '../../src/policy/types';
import { createSandboxPki, issueWorkloadCert } from '../../simulator/shared/pki';
import { spiffeIdFromSan } from '../../simulator/local/peer';
import { INBOUND_SECURE_OPTIONS } from '../../simulator/local/inboundTls';
import { leafForIdentityCheck } from '../../simulator/local/upstream';
import { INBOUND_KEEP_ALIVE_MS, POOL_IDLE_MS } from '../../simulator/local/upstreamPool';

/** A call of the benchmark: caller workload index to callee index. */
export interface BenchCall {
  from: number;
  to: number;
}

/** One side of a comparison: makes a call, and counts the full handshakes it made. */
export interface Contender {
  call(c: BenchCall): Promise<boolean>;
  handshakes(): number;
}

export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export /** `count` HTTP workloads behind Services in one STRICT namespace; every one has an ALLOW and a DENY policy. */
function syntheticManifests(count: number): string {
  const docs: string[] = [
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: bench, labels: {istio-injection: enabled}}',
    'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: istio-system}\nspec: {mtls: {mode: STRICT}}',
  ];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: w${i}, namespace: bench}
spec:
  selector: {matchLabels: {app: w${i}}}
  template:
    metadata: {labels: {app: w${i}}}
    spec:
      serviceAccountName: w${i}
      containers: [{name: app, image: app:1, ports: [{name: http, containerPort: 8080}]}]`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: w${i}, namespace: bench}\nspec:\n  selector: {app: w${i}}\n  ports: [{name: http, port: 8080}]`);
    docs.push(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: w${i}-allow, namespace: bench}
spec:
  selector: {matchLabels: {app: w${i}}}
  rules: [{from: [{source: {namespaces: [bench]}}], to: [{operation: {methods: [GET, POST]}}]}]`);
    docs.push(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: w${i}-deny-admin, namespace: bench}
spec:
  selector: {matchLabels: {app: w${i}}}
  action: DENY
  rules: [{to: [{operation: {paths: ["/admin/*"]}}]}]`);
  }
  return docs.join('\n---\n');
}

/** Every caller and destination pair of `count` workloads once, in a seeded random order. */
export function shuffledPairs(count: number, rand: () => number): BenchCall[] {
  const pairs: BenchCall[] = [];
  for (let from = 0; from < count; from++) for (let to = 0; to < count; to++) pairs.push({ from, to });
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return pairs;
}

export function syntheticMesh(count: number): Mesh {
  const index = new WorkspaceIndex(defaultConfig('/bench'));
  index.setFile('/bench/mesh.yaml', syntheticManifests(count));
  return buildMesh(index);
}

/**
 * The baseline: a Node HTTPS client per calling identity and one HTTPS server, as two apps would talk without a mesh:
 * a mutual handshake (client certificate, chain verification on both sides, the server's SPIFFE ID checked) and one
 * small HTTP exchange per call, parsed by Node's HTTP stack on both ends. It pools connections exactly as the
 * sandbox's sidecars do: per caller and destination (the SNI), idle ones reused first in first out, closed after
 * POOL_IDLE_MS idle, never resumed from a session ticket. On the same calls it makes the same handshakes; both
 * counts are printed. `raw` drops Node's HTTP stack (a canned answer over bare TLS), the floor under any HTTP client.
 */
export class BarePair {
  /**
   * With `sidecarTls`, the pair does what the sidecars do on top of Node's defaults: its server issues no stateless
   * session tickets (INBOUND_SECURE_OPTIONS) and its client checks the server identity on the leaf certificate alone
   * (leafForIdentityCheck). Without it, the pair is two stock Node HTTPS apps: the baseline of the issue's targets.
   */
  constructor(private readonly options: { sidecarTls?: boolean } = {}) {}

  private server!: HttpsServer;
  private port = 0;
  private agents: HttpsAgent[] = [];
  private raw!: RawTlsPair;
  handshakes = 0;

  async start(callers: number): Promise<void> {
    const pki = await createSandboxPki({ clusters: ['bench'] });
    const server = await issueWorkloadCert(pki.intermediates.bench, 'spiffe://cluster.local/ns/bench/sa/server', 3_600_000);
    const body = JSON.stringify({ workload: 'bench/server', port: 8080, protocol: 'http', ok: true });
    this.server = createHttpsServer(
      {
        key: server.keyPem,
        cert: server.chainPem,
        ca: pki.root.certPem,
        requestCert: true,
        rejectUnauthorized: true,
        keepAliveTimeout: INBOUND_KEEP_ALIVE_MS,
        noDelay: true,
        ...(this.options.sidecarTls ? { secureOptions: INBOUND_SECURE_OPTIONS } : {}),
      },
      (req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
      },
    );
    this.server.on('secureConnection', () => this.handshakes++);
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    const clients: { key: string; cert: string }[] = [];
    for (let i = 0; i < callers; i++) {
      const client = await issueWorkloadCert(pki.intermediates.bench, `spiffe://cluster.local/ns/bench/sa/w${i}`, 3_600_000);
      clients.push({ key: client.keyPem, cert: client.chainPem });
      // One agent (and TLS context) per caller, kept like the sidecars keep theirs: the runs compare handshakes, not setup.
      // (tls.connect would otherwise build a new context from key, cert and ca for every connection.)
      const secureContext = createSecureContext({ key: client.keyPem, cert: client.chainPem, ca: pki.root.certPem });
      this.agents.push(new HttpsAgent({ secureContext, keepAlive: true, scheduling: 'fifo', timeout: POOL_IDLE_MS, maxCachedSessions: 0 }));
    }
    this.raw = new RawTlsPair(server, clients, pki.root.certPem);
    await this.raw.start();
  }

  call(c: BenchCall): Promise<boolean> {
    return new Promise((resolve) => {
      const req = httpsRequest(
        {
          agent: this.agents[c.from],
          host: '127.0.0.1',
          port: this.port,
          servername: `outbound_.8080_._.w${c.to}.bench.svc.cluster.local`,
          path: '/api',
          headers: { host: `w${c.to}.bench.svc.cluster.local:8080` },
          checkServerIdentity: (_host, cert) =>
            spiffeIdFromSan(cert.subjectaltname) === 'spiffe://cluster.local/ns/bench/sa/server' ? undefined : new Error('wrong server identity'),
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve(res.statusCode === 200 && (JSON.parse(body) as { ok?: boolean }).ok === true));
        },
      );
      req.on('socket', (s) => {
        const tls = s as TLSSocket;
        tls.setNoDelay(true);
        // A new connection (a pooled one is authorized already): its identity check reads the leaf.
        if (this.options.sidecarTls && !tls.authorized) leafForIdentityCheck(tls);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
  }

  /** Closes every idle pooled connection: the next call of every pair makes a new handshake. */
  closeIdle(): void {
    for (const agent of this.agents) agent.destroy();
    this.raw.closeIdle();
  }

  /** The HTTPS pair and the bare TLS floor, for runs that take turns with the sandbox. */
  contenders(): { raw: Contender; pair: Contender } {
    return {
      raw: { call: (c) => this.raw.call(c), handshakes: () => this.raw.handshakes },
      pair: { call: (c) => this.call(c), handshakes: () => this.handshakes },
    };
  }

  stop(): void {
    for (const agent of this.agents) agent.destroy();
    this.server.closeAllConnections();
    this.server.close();
    this.raw.stop();
  }
}

/** The same handshakes and pooling over bare TLS, with a canned HTTP answer and no HTTP parser on either end. */
class RawTlsPair {
  private server!: Server;
  private port = 0;
  private readonly contexts: SecureContext[];
  private readonly idle = new Map<string, { socket: TLSSocket; timer: NodeJS.Timeout }[]>();
  handshakes = 0;

  constructor(
    private readonly serverCert: { keyPem: string; chainPem: string },
    clients: { key: string; cert: string }[],
    private readonly rootPem: string,
  ) {
    this.contexts = clients.map((c) => createSecureContext({ key: c.key, cert: c.cert, ca: rootPem }));
  }

  async start(): Promise<void> {
    const body = '{"ok":true}';
    const answer = `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}`;
    this.server = createServer(
      { key: this.serverCert.keyPem, cert: this.serverCert.chainPem, ca: this.rootPem, requestCert: true, rejectUnauthorized: true },
      (s) => {
        s.setNoDelay(true);
        let pending = '';
        s.setEncoding('utf8');
        s.on('data', (d: string) => {
          pending += d;
          for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
            pending = pending.slice(end + 4);
            s.write(answer);
          }
        });
        s.on('error', () => s.destroy());
      },
    );
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
  }

  private connect(from: number, to: number): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const s: TLSSocket = connect(
        {
          host: '127.0.0.1',
          port: this.port,
          secureContext: this.contexts[from],
          servername: `outbound_.8080_._.w${to}.bench.svc.cluster.local`,
          checkServerIdentity: (_host, cert) =>
            spiffeIdFromSan(cert.subjectaltname) === 'spiffe://cluster.local/ns/bench/sa/server' ? undefined : new Error('wrong server identity'),
        },
        () => {
          this.handshakes++;
          s.setNoDelay(true);
          resolve(s);
        },
      );
      s.once('error', reject);
    });
  }

  async call(c: BenchCall): Promise<boolean> {
    const key = `${c.from}>${c.to}`;
    const pooled = this.idle.get(key)?.shift();
    if (pooled) clearTimeout(pooled.timer);
    const s = pooled?.socket ?? (await this.connect(c.from, c.to));
    return new Promise((resolve) => {
      let got = '';
      const onData = (d: Buffer) => {
        got += d.toString('latin1');
        if (!got.endsWith('{"ok":true}')) return;
        s.off('data', onData);
        s.off('error', onError);
        const list = this.idle.get(key) ?? [];
        const pooled = {
          socket: s,
          // Closed after the sidecars' idle time, and out of the pool with it.
          timer: setTimeout(() => {
            list.splice(list.indexOf(pooled), 1);
            s.destroy();
          }, POOL_IDLE_MS).unref(),
        };
        list.push(pooled);
        this.idle.set(key, list);
        resolve(got.startsWith('HTTP/1.1 200'));
      };
      const onError = () => resolve(false);
      s.on('data', onData);
      s.once('error', onError);
      s.write(`GET /api HTTP/1.1\r\nhost: w${c.to}.bench.svc.cluster.local:8080\r\n\r\n`);
    });
  }

  closeIdle(): void {
    for (const list of this.idle.values())
      for (const { socket, timer } of list) {
        clearTimeout(timer);
        socket.destroy();
      }
    this.idle.clear();
  }

  stop(): void {
    this.closeIdle();
    this.server.close();
  }
}
