// The calling apps' HTTP client: each workload keeps its connection to its own sidecar open between calls, as an app's HTTP library does.
import { Agent, request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http';
import type { Socket } from 'node:net';
import { POOL_IDLE_MS } from './upstreamPool';

/** Where the sidecar logged a request: the app's connection (local address:port) and the request's place on it. */
export interface FirstHop {
  connection: string;
  request: number;
}

export class AppClient {
  private readonly agent = new Agent({ keepAlive: true, timeout: POOL_IDLE_MS, scheduling: 'fifo' });
  private readonly requestsOn = new WeakMap<Socket, number>();

  /**
   * Sends a request from `options.localAddress`; `onFirstHop` learns where the sidecar logged it once the
   * connection is there. `fresh` opens a connection of its own (a CONNECT tunnel, or a fixed source port).
   */
  request(options: RequestOptions, fresh: boolean, onFirstHop: (hop: FirstHop) => void): ClientRequest {
    const req = httpRequest({ ...options, agent: fresh ? false : this.agent });
    req.on('socket', (socket: Socket) => {
      const request = (this.requestsOn.get(socket) ?? 0) + 1;
      this.requestsOn.set(socket, request);
      const record = () => onFirstHop({ connection: `${socket.localAddress}:${socket.localPort}`, request });
      if (socket.connecting) socket.once('connect', record);
      else record();
    });
    return req;
  }

  /** Closes every kept connection. */
  close(): void {
    this.agent.destroy();
  }
}
