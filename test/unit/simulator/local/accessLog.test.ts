// The access log finds each request of a pooled connection by its place on it, and a gateway's connection entry for every one.
import assert from 'node:assert/strict';
import { AccessLog } from '../../../../simulator/local/accessLog';

describe('sandbox access log', () => {
  it('keeps the requests of one connection apart by their place on it', () => {
    const log = new AccessLog();
    const first = log.open('inbound', 'c/ns/cart', '127.1.0.2:4000', 8080);
    const second = log.open('inbound', 'c/ns/cart', '127.1.0.2:4000', 8080, 2);
    assert.deepEqual(log.take('127.1.0.2:4000', 2), [second]);
    assert.deepEqual(log.take('127.1.0.2:4000', 2), [], 'taken once');
    assert.deepEqual(log.take('127.1.0.2:4000'), [first], 'request 1 is the default');
  });

  it('lets every request read a connection entry until it is released', () => {
    const log = new AccessLog();
    const gateway = log.openConnection('gateway', 'gateway net-west', '127.1.0.2:4001', 15443);
    assert.deepEqual(log.take('127.1.0.2:4001', 1), [gateway]);
    assert.deepEqual(log.take('127.1.0.2:4001', 7), [gateway]);
    log.release(gateway);
    assert.deepEqual(log.take('127.1.0.2:4001', 8), []);
  });

  it('prefers a request entry over the connection entry at the same address', () => {
    const log = new AccessLog();
    log.openConnection('gateway', 'gateway net-west', '127.1.0.2:4002', 15443);
    const inbound = log.open('inbound', 'c/ns/cart', '127.1.0.2:4002', 8080, 3);
    assert.deepEqual(log.take('127.1.0.2:4002', 3), [inbound]);
  });

  it('settles once every hop of the request has decided, and gives up after the wait', async () => {
    const log = new AccessLog();
    const entry = log.open('outbound', 'c/ns/frontend', '127.1.0.2:4003', 15001, 2);
    setTimeout(() => (entry.done = true), 5);
    assert.deepEqual(await log.settle('127.1.0.2:4003', 2, 1_000), [entry]);
    // A hop that never decides: after the wait, settle returns what it has instead of waiting on.
    const undecided = log.open('inbound', 'c/ns/cart', '127.1.0.2:4003', 8080, 9);
    assert.deepEqual(await log.settle('127.1.0.2:4003', 9, 30), [undecided]);
    assert.equal(undecided.done, false);
  });
});
