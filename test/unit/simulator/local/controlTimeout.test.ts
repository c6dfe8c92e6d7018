// The control API cuts off clients that do not send a complete request in time, and still answers slow replays.
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { callControl, startControlServer, CONTROL_HEADERS_TIMEOUT_MS, type ControlHandlers } from '../../../../simulator/local/control';
import type { ObservedReplay } from '../../../../simulator/local/controlApi';

function handlers(replayDelayMs: number): ControlHandlers {
  return {
    status: () => ({ workloads: [], gateways: [], notices: [] }),
    replay: () => new Promise<ObservedReplay>((resolve) => setTimeout(() => resolve({ observations: [], durationMs: replayDelayMs }), replayDelayMs)),
    fault: async () => false,
    shutdown: () => undefined,
  };
}

describe('control API time-outs', function () {
  this.timeout(30_000);

  it('closes a connection that sends half a request header', async () => {
    const { server, endpoint } = await startControlServer(handlers(0));
    try {
      const started = Date.now();
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const socket = connect(endpoint.port, '127.0.0.1', () => socket.write('GET /status HTTP/1.1\r\nHost: x\r\n'));
        socket.on('error', () => undefined);
        socket.resume(); // a paused socket would never read the server's FIN
        socket.on('close', () => resolve(Date.now() - started));
        setTimeout(() => reject(new Error('slow client still connected after 20 s')), 20_000).unref();
      });
      assert.ok(closedAfter >= CONTROL_HEADERS_TIMEOUT_MS - 500, `closed after ${closedAfter} ms`);
      assert.ok(closedAfter < CONTROL_HEADERS_TIMEOUT_MS + 3_000, `closed after ${closedAfter} ms`);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it('answers a replay that takes longer than the request time-out', async () => {
    const { server, endpoint } = await startControlServer(handlers(CONTROL_HEADERS_TIMEOUT_MS * 2 + 2_000));
    try {
      const result = await callControl<ObservedReplay>(endpoint, 'POST', '/replay', { calls: [] }, 25_000);
      assert.equal(result.observations.length, 0);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
