import assert from 'node:assert/strict';
import { personalDataInConfigMap } from '../../../../src/rules/dlp/personalDataInConfigMap';
import { countCardNumbers, passesLuhn } from '../../../../src/rules/dlp/sensitiveData';
import { lintCase, ruleTester } from '../../../helpers/ruleTester';

const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: checkout, namespace: shop}
data:
${data}`;

const emails = ['ann@example.com', 'bob@example.org', 'cy@shop.example', 'dee@example.net', 'eve@example.io'].join('\n    ');

describe('ZT0807 recognisers', () => {
  const cases: [string, boolean][] = [
    ['4539148803436467', true],
    ['4539148803436468', false],
    ['79927398713', true],
  ];
  for (const [digits, ok] of cases) it(`Luhn ${digits} -> ${ok}`, () => assert.equal(passesLuhn(digits), ok));
  it('counts grouped card numbers, not order ids or timestamps', () => {
    assert.equal(countCardNumbers('card 4539 1488 0343 6467, order 1700000000000, id 12345678901234'), 1);
  });
});

ruleTester(personalDataInConfigMap, {
  valid: [configMap('  support: "help@example.com"\n  timeout: "30"\n  build: "1700000000000123"\n')],
  invalid: [
    {
      name: 'card number in a fixture',
      code: configMap('  timeout: "30"\n  test-payment: "4539-1488-0343-6467"\n'),
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 15,
          message: 'data.test-payment holds 1 payment card number; remove personal data from ConfigMaps and keep it in a protected data store',
        },
      ],
    },
    {
      name: 'bulk e-mail list',
      code: configMap(`  recipients: |\n    ${emails}\n`),
      errors: [{ line: 5, column: 3, message: /data.recipients holds 5 e-mail addresses/ }],
    },
  ],
});

describe('ZT0807 message', () => {
  it('never repeats the data', () => {
    const { findings } = lintCase(personalDataInConfigMap, { code: configMap('  card: "4539 1488 0343 6467"\n') });
    assert.equal(findings.length, 1);
    assert.ok(!findings[0].message.includes('6467'));
  });
});
