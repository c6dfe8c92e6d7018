import assert from 'node:assert/strict';
import { cidrWithin, isAllowedSource, isOpenToWorld } from '../../../../src/rules/sources/cidr';

describe('CIDR facts for trusted sources', () => {
  const open: [string, boolean][] = [
    ['0.0.0.0/0', true],
    ['::/0', true],
    ['0.0.0.0/1', false],
    ['10.0.0.0/8', false],
    ['not-a-cidr', false],
  ];
  for (const [c, want] of open) it(`${c} open to the world: ${want}`, () => assert.equal(isOpenToWorld(c), want));

  const within: [string, string, boolean][] = [
    ['10.1.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.0.0.0/8', true],
    ['10.0.0.0/7', '10.0.0.0/8', false],
    ['192.168.1.7', '192.168.1.0/24', true],
    ['11.0.0.0/16', '10.0.0.0/8', false],
    ['fd00::/64', '10.0.0.0/8', false],
    ['fd00:1::/32', 'fd00::/8', true],
  ];
  for (const [inner, outer, want] of within) it(`${inner} within ${outer}: ${want}`, () => assert.equal(cidrWithin(inner, outer), want));

  it('checks against every allowed CIDR', () => {
    assert.equal(isAllowedSource('172.16.5.0/24', ['10.0.0.0/8', '172.16.0.0/12']), true);
    assert.equal(isAllowedSource('8.8.8.8', ['10.0.0.0/8', '172.16.0.0/12']), false);
  });
});
