// The sandbox-wide budget of idle pooled connections: its size from the open-file limit, and oldest-first eviction.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { IdleConnections, idleConnectionBudget } from '../../../../simulator/local/idleConnections';

const limits = (soft: string, hard: string) =>
  `Limit                     Soft Limit           Hard Limit           Units     \nMax cpu time              unlimited            unlimited            seconds   \nMax open files            ${soft.padEnd(20)} ${hard.padEnd(20)} files     \n`;

describe('idle pooled connections', () => {
  it('budgets a quarter of the soft open-file limit', () => {
    assert.equal(idleConnectionBudget(limits('20000', '20000')), 5000);
    assert.equal(idleConnectionBudget(limits('1024', '1048576')), 256);
  });

  it('keeps a floor on tiny limits, a ceiling on unlimited ones and a default where the limit cannot be read', () => {
    assert.equal(idleConnectionBudget(limits('100', '100')), 64);
    assert.equal(idleConnectionBudget(limits('unlimited', 'unlimited')), 65536);
    assert.equal(idleConnectionBudget('no such line\n'), 2048);
  });

  it('closes the connection idle longest once the budget is exceeded, never one in use', async () => {
    const idle = new IdleConnections(2);
    const [a, b, c, d] = [new PassThrough(), new PassThrough(), new PassThrough(), new PassThrough()];
    idle.parked(a);
    idle.parked(b);
    idle.taken(a); // a carries a request now: b is the oldest idle one
    idle.parked(c);
    assert.equal(idle.size, 2);
    idle.parked(d);
    assert.equal(b.destroyed, true, 'the oldest idle connection closes');
    assert.deepEqual(
      [a, c, d].map((s) => s.destroyed),
      [false, false, false],
    );
    assert.equal(idle.size, 2);
    idle.parked(a); // back from its request: the newest idle one, so c (oldest now) goes
    assert.equal(c.destroyed, true);
    assert.equal(a.destroyed, false);
  });

  it('forgets a connection that closed by itself, and closes every idle one on closeAll', async () => {
    const idle = new IdleConnections(4);
    const [a, b] = [new PassThrough(), new PassThrough()];
    idle.parked(a);
    idle.parked(b);
    a.destroy();
    await once(a, 'close');
    assert.equal(idle.size, 1);
    idle.closeAll();
    assert.equal(b.destroyed, true);
    assert.equal(idle.size, 0);
  });
});
