// ztn.yaml: loading, defaults, schema validation with file:line:col errors, and discovery.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, findConfigFile, parseConfig, resolveConfig } from '../../../src/config/load';
import { ZTN_CONFIG_SCHEMA } from '../../../src/config/schema';

const HEAD = 'apiVersion: ztn.dev/v1alpha1\nkind: Workspace\n';

describe('ztn.yaml', () => {
  it('reads every setting and applies defaults', () => {
    const c = parseConfig(
      '/w/ztn.yaml',
      HEAD +
        `clusters:
  - name: east
    network: net-east
    manifests: ["clusters/east/**/*.yaml"]
  - name: west
    trustDomain: west.local
    trustDomainAliases: [cluster.local]
rules:
  ZT0201: { severity: warning }
  ZT0402: { severity: off }
  notSuppressible: [ZT0201]
ignore:
  - { rule: ZT0401, path: "vendor/**", reason: "upstream chart" }
fips: true
allowedCidrs: ["10.0.0.0/8", "fd00::/8"]
maxFileBytes: 1000
sandbox: { engine: kind, certLifetime: 30m }
`,
    );
    assert.equal(c.root, '/w');
    assert.deepEqual(
      c.clusters.map((k) => [k.name, k.network, k.trustDomain, k.trustDomainAliases, k.meshID, k.rootNamespace, k.manifests]),
      [
        ['east', 'net-east', 'cluster.local', [], 'mesh1', 'istio-system', ['clusters/east/**/*.yaml']],
        ['west', 'network2', 'west.local', ['cluster.local'], 'mesh1', 'istio-system', []],
      ],
    );
    assert.deepEqual(c.rules, { ZT0201: { severity: 'warning' }, ZT0402: { severity: 'off' } });
    assert.deepEqual(c.notSuppressible, ['ZT0201']);
    assert.equal(c.ignore[0].path, 'vendor/**');
    assert.deepEqual(c.ignore[0].range?.start, { line: 14, character: 4 });
    assert.equal(c.fips, true);
    assert.deepEqual(c.allowedCidrs, ['10.0.0.0/8', 'fd00::/8']);
    assert.equal(c.maxFileBytes, 1000);
    assert.deepEqual(c.sandbox, { engine: 'kind', certLifetime: '30m' });
  });

  it('an empty Workspace gets one default cluster', () => {
    const c = parseConfig('/w/ztn.yaml', HEAD);
    assert.deepEqual(
      c.clusters.map((k) => `${k.name} ${k.trustDomain}`),
      ['cluster1 cluster.local'],
    );
    assert.equal(c.fips, false);
  });

  const errors: { name: string; text: string; at: string; message: RegExp }[] = [
    { name: 'wrong kind', text: 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\n', at: '2:7', message: /\/kind: must be equal to constant/ },
    { name: 'missing apiVersion', text: 'kind: Workspace\n', at: '1:1', message: /must have required property 'apiVersion'/ },
    { name: 'unknown top-level key', text: HEAD + 'fipz: true\n', at: '3:1', message: /must NOT have additional properties 'fipz'/ },
    {
      name: 'bad severity',
      text: HEAD + 'rules:\n  ZT0201:\n    severity: loud\n',
      at: '5:15',
      message: /\/rules\/ZT0201\/severity: must be equal to one of the allowed values/,
    },
    { name: 'bad rule ID', text: HEAD + 'rules:\n  ZT201: {severity: off}\n', at: '4:3', message: /additional properties 'ZT201'/ },
    { name: 'fips not boolean', text: HEAD + 'fips: "yes"\n', at: '3:7', message: /\/fips: must be boolean/ },
    { name: 'CIDR without prefix', text: HEAD + 'allowedCidrs:\n  - 10.0.0.1\n', at: '4:5', message: /\/allowedCidrs\/0: must match pattern/ },
    { name: 'cluster without name', text: HEAD + 'clusters:\n  - network: n1\n', at: '4:5', message: /\/clusters\/0: must have required property 'name'/ },
    { name: 'ignore entry without path', text: HEAD + 'ignore:\n  - rule: ZT0401\n', at: '4:5', message: /\/ignore\/0: must have required property 'path'/ },
    {
      name: 'a certLifetime of 0s',
      text: HEAD + 'sandbox:\n  certLifetime: 0s\n',
      at: '4:17',
      message: /certLifetime '0s' is out of range: a certificate lifetime is from 1ms to 61362000h \(7000 years\)/,
    },
    {
      name: 'a certLifetime past year 9999',
      text: HEAD + 'sandbox:\n  certLifetime: 80000000h\n',
      at: '4:17',
      message: /\/sandbox\/certLifetime: certLifetime '80000000h' is out of range: .* from 1ms to 61362000h/,
    },
    { name: 'YAML syntax error', text: HEAD + 'clusters: [\n', at: '4:1', message: /./ },
  ];
  for (const e of errors) {
    it(`reports ${e.name} at file:line:col`, () => {
      assert.throws(
        () => parseConfig('/w/ztn.yaml', e.text),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.equal(err.message.split(': ')[0], `/w/ztn.yaml:${e.at}`, err.message);
          assert.match(err.message, e.message);
          assert.doesNotMatch(err.message, /\n/);
          return true;
        },
      );
    });
  }

  describe('discovery', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'ztn-config-'));
      mkdirSync(join(dir, 'clusters', 'east'), { recursive: true });
      writeFileSync(join(dir, 'ztn.yaml'), HEAD + 'fips: true\n');
      writeFileSync(join(dir, 'clusters', 'east', 'a.yaml'), 'kind: A\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('finds the nearest ztn.yaml above a file or folder', () => {
      assert.equal(findConfigFile(join(dir, 'clusters', 'east', 'a.yaml')), join(dir, 'ztn.yaml'));
      assert.equal(resolveConfig(join(dir, 'clusters')).fips, true);
    });

    it('an explicit --config wins; a missing one is a ConfigError', () => {
      const other = join(dir, 'other.yaml');
      writeFileSync(other, HEAD);
      assert.equal(resolveConfig(dir, other).fips, false);
      assert.throws(
        () => resolveConfig(dir, join(dir, 'nope.yaml')),
        (err: unknown) => err instanceof ConfigError && /cannot read: ENOENT/.test(err.message),
      );
    });
  });

  it('schemas/ztn.schema.json is the schema the loader validates with', () => {
    const written = JSON.parse(readFileSync(join(__dirname, '../../../schemas/ztn.schema.json'), 'utf8'));
    assert.deepEqual(written, JSON.parse(JSON.stringify(ZTN_CONFIG_SCHEMA)));
  });
});
