// Descriptor counts and limits of the supervisor, and the warnings near the limit.
import { strict as assert } from 'node:assert';
import { descriptorLimit, descriptorWarning, openDescriptors } from '../../../../simulator/local/resources';
import { limitCaveat } from '../../../../simulator/local/engine';
import type { SandboxObservation } from '../../../../src/policy/types';

const LIMITS =
  'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n';

describe('supervisor resources', () => {
  it('reads the soft open-file limit, none when unlimited or unknown', () => {
    assert.equal(descriptorLimit(LIMITS), 1024);
    assert.equal(descriptorLimit(LIMITS.replace('1024 ', 'unlimited')), undefined);
    assert.equal(descriptorLimit('nothing here'), undefined);
  });

  it("counts this process's descriptors on Linux", function () {
    if (process.platform !== 'linux') this.skip();
    const n = openDescriptors();
    assert.ok(n !== undefined && n > 2);
  });

  it('warns from 80% of the soft limit', () => {
    assert.equal(descriptorWarning({ descriptors: 818, descriptorLimit: 1024 }), undefined);
    assert.match(descriptorWarning({ descriptors: 820, descriptorLimit: 1024 }) ?? '', /820 of 1024 file descriptors open \(over 80% of its soft limit\)/);
    assert.equal(descriptorWarning({ descriptors: 820 }), undefined);
  });

  it('a call near the limit, or failed with EMFILE or EADDRNOTAVAIL, carries a sandbox-limit caveat; a policy refusal does not', () => {
    const observed = (o: Partial<SandboxObservation>) =>
      ({ outcome: 'reset', verdict: 'no-route', mtls: false, allowed: false, hops: [], ...o }) as SandboxObservation;
    assert.equal(limitCaveat(observed({}), undefined), undefined);
    assert.equal(limitCaveat(observed({}), 'near')?.kind, 'sandbox-limit');
    assert.match(limitCaveat(observed({ error: 'connect EMFILE 127.10.0.2:15001' }), undefined)?.detail ?? '', /EMFILE/);
    assert.match(limitCaveat(observed({ error: 'connect EADDRNOTAVAIL' }), undefined)?.detail ?? '', /EADDRNOTAVAIL/);
    assert.equal(limitCaveat(observed({ error: 'connect EADDRNOTAVAIL', fault: 'port-exhaustion' }), undefined), undefined);
  });
});
