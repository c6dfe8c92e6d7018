// The supervisor's control channel: a token-protected HTTP API on 127.0.0.1, and the client the CLI uses to call it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { listen } from './listen';
import { SandboxError } from '../shared/errors';
import type { ReplayFault } from '../shared/faults';
import type { ObservedReplay, ReplayRequest, RuntimeStatus } from './controlApi';

export interface ControlHandlers {
  status(): RuntimeStatus;
  replay(request: ReplayRequest): Promise<ObservedReplay>;
  fault(fault: ReplayFault): Promise<boolean>;
  shutdown(): void;
}

export interface ControlEndpoint {
  port: number;
  token: string;
}

const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
/** A client that has not sent its whole request by then (headers, then body) is cut off: a slow or stuck client must not hold a descriptor. */
export const CONTROL_HEADERS_TIMEOUT_MS = 5_000;
export const CONTROL_REQUEST_TIMEOUT_MS = 10_000;

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) req.destroy(new Error('request too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Other local users may reach 127.0.0.1 too, so every request carries the token from the 0600 state file. */
export async function startControlServer(handlers: ControlHandlers): Promise<{ server: Server; endpoint: ControlEndpoint }> {
  const token = randomBytes(24).toString('hex');
  // Node checks these time-outs on an interval (30 s by default): every second keeps them close to what they say.
  const server = createServer(
    { headersTimeout: CONTROL_HEADERS_TIMEOUT_MS, requestTimeout: CONTROL_REQUEST_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      const send = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
      };
      if (!tokenMatches(req.headers.authorization, token)) return send(401, { error: 'bad token' });
      const route = `${req.method} ${req.url}`;
      void (async () => {
        try {
          if (route === 'GET /status') return send(200, handlers.status());
          if (route === 'POST /replay') return send(200, await handlers.replay((await readJson(req)) as ReplayRequest));
          if (route === 'POST /fault') return send(200, { applied: await handlers.fault((await readJson(req)) as ReplayFault) });
          if (route === 'POST /shutdown') {
            send(200, { stopping: true });
            return handlers.shutdown();
          }
          send(404, { error: `no route ${route}` });
        } catch (err) {
          send(500, { error: (err as Error).message.split('\n')[0] });
        }
      })();
    },
  );
  // requestTimeout bounds only the upload of the request: a replay of many calls may take long to answer, and is not cut.
  const port = await listen(server, '127.0.0.1', 0);
  return { server, endpoint: { port, token } };
}

/** The supervisor's control API did not answer or refused: the sandbox is not usable now. */
export class ControlError extends SandboxError {}

/** Calls the supervisor; rejects with ControlError when it does not answer within `timeoutMs`. */
export function callControl<T>(endpoint: ControlEndpoint, method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: endpoint.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${endpoint.token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            return reject(new ControlError(`supervisor answered ${res.statusCode} with no JSON`));
          }
          if (res.statusCode !== 200) return reject(new ControlError(`supervisor: ${(parsed as { error?: string }).error ?? res.statusCode}`));
          resolve(parsed as T);
        });
      },
    );
    req.on('timeout', () => req.destroy(new ControlError(`supervisor did not answer ${method} ${path} within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof ControlError ? err : new ControlError(`supervisor unreachable: ${err.message}`)));
    req.end(payload);
  });
}
