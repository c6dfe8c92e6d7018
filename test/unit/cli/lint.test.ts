// `ztn lint` and `ztn rules` through main(argv, io): output formats, exit codes, one-line errors, --fix.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { main } from '../../../src/cli/main';
import { ALL_RULES } from '../../../src/rules/registry';

const EXAMPLES = join(__dirname, '../../../examples');
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

async function ztn(argv: string[], cwd = EXAMPLES) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const PERMISSIVE =
  'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: legacy\nspec:\n  mtls:\n    mode: PERMISSIVE # migrating\n';
const WORKSPACE = 'apiVersion: ztn.dev/v1alpha1\nkind: Workspace\n';

describe('ztn lint', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ztn-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('text: file:line:col severity ZTppnn message lines, then a per-pillar summary', async () => {
    const r = await ztn(['lint', '.', '--fail-on', 'never']);
    assert.equal(r.code, 0);
    const [findings, summary] = r.out.split('\nSummary by pillar:\n');
    const lines = findings.trim().split('\n');
    assert.ok(lines.length > 10, r.out);
    for (const line of lines) assert.match(line, /^[\w./-]+\.yaml:\d+:\d+ (error|warning|info) ZT\d{4} \S.*$/);
    assert.ok(
      lines.includes(
        'clusters/east/legacy.yaml:17:11 error ZT0201 mTLS mode PERMISSIVE accepts plaintext; set spec.mtls.mode to STRICT once every client has a sidecar',
      ),
      lines.join('\n'),
    );
    assert.match(summary, /^  02 Secure channel \(mTLS\) +\d+ error, \d+ warning, \d+ info$/m);
    assert.match(summary, /^\d+ findings \(\d+ error, \d+ warning, \d+ info\) in 17 files; \d+ suppressed\n$/m);
  });

  it('json: the documented shape, counts that add up', async () => {
    const r = await ztn(['lint', '--format', 'json', '--fail-on', 'never']);
    const json = JSON.parse(r.out);
    assert.equal(json.version, 1);
    assert.deepEqual(Object.keys(json.summary).sort(), ['error', 'files', 'findings', 'info', 'suppressed', 'warning']);
    assert.equal(json.summary.findings, json.findings.length);
    assert.equal(json.summary.error + json.summary.warning + json.summary.info, json.findings.length);
    const f = json.findings.find((x: { ruleId: string }) => x.ruleId === 'ZT0201');
    assert.deepEqual(f, {
      ruleId: 'ZT0201',
      pillar: 2,
      severity: 'error',
      message: 'mTLS mode PERMISSIVE accepts plaintext; set spec.mtls.mode to STRICT once every client has a sidecar',
      file: 'clusters/east/legacy.yaml',
      range: { start: { line: 17, column: 11 }, end: { line: 17, column: 21 } },
      object: 'PeerAuthentication legacy/default',
      fixable: true,
    });
  });

  it('sarif: valid SARIF 2.1.0 with rule metadata and exact regions', async () => {
    const r = await ztn(['lint', '--format', 'sarif', '--fail-on', 'never']);
    const log = JSON.parse(r.out);
    // The schema's patterns are not valid with the u flag; they are plain ECMAScript patterns.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv); // uri, uri-reference, date-time are checked too
    const validate = ajv.compile(SARIF_SCHEMA);
    const valid = validate(JSON.parse(r.out));
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 3)));
    const run = log.runs[0];
    assert.equal(run.tool.driver.rules.length, ALL_RULES.length);
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'ZT0201');
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'ZT0201');
    assert.match(run.tool.driver.rules[result.ruleIndex].helpUri, /docs\/rules\/ZT0201\.md$/);
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'clusters/east/legacy.yaml', uriBaseId: 'SRCROOT' },
      region: { startLine: 17, startColumn: 11, endLine: 17, endColumn: 21 },
    });
    assert.equal(result.level, 'error');
  });

  const exitCodes: { name: string; args: (d: string) => string[]; files?: Record<string, string>; code: number }[] = [
    { name: 'errors present, default --fail-on error', args: (d) => ['lint', d], files: { 'pa.yaml': PERMISSIVE }, code: 1 },
    { name: '--fail-on never', args: (d) => ['lint', d, '--fail-on', 'never'], files: { 'pa.yaml': PERMISSIVE }, code: 0 },
    { name: 'only info findings, --fail-on warning', args: (d) => ['lint', d, '--fail-on', 'warning'], files: { 'bin.yaml': '\u0000\u0001' }, code: 0 },
    { name: 'only info findings, --fail-on info', args: (d) => ['lint', d, '--fail-on', 'info'], files: { 'bin.yaml': '\u0000\u0001' }, code: 1 },
    {
      name: 'severity lowered in ztn.yaml',
      args: (d) => ['lint', d],
      files: { 'pa.yaml': PERMISSIVE, 'ztn.yaml': WORKSPACE + 'rules: {ZT0201: {severity: warning}}\n' },
      code: 0,
    },
  ];
  for (const c of exitCodes) {
    it(`exit code ${c.code}: ${c.name}`, async () => {
      for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
      const r = await ztn(c.args(dir), dir);
      assert.equal(r.code, c.code, r.out + r.err);
    });
  }

  const usage: { name: string; args: (d: string) => string[]; files?: Record<string, string>; err: RegExp }[] = [
    { name: 'unknown flag', args: (d) => ['lint', d, '--colour'], err: /^ztn lint: Unknown option '--colour'\n$/ },
    { name: 'bad --format', args: (d) => ['lint', d, '--format', 'xml'], err: /^ztn lint: --format must be one of text, json, sarif \(got 'xml'\)\n$/ },
    { name: 'bad --fail-on', args: (d) => ['lint', d, '--fail-on', 'fatal'], err: /^ztn lint: --fail-on must be one of/ },
    { name: 'missing path', args: (d) => ['lint', join(d, 'nope')], err: /^ztn lint: no such file or folder: .*nope\n$/ },
    { name: '--fix with --fix-dry-run', args: (d) => ['lint', d, '--fix', '--fix-dry-run'], err: /cannot be combined\n$/ },
    {
      name: 'invalid ztn.yaml, with its position',
      args: (d) => ['lint', d],
      files: { 'ztn.yaml': WORKSPACE + 'fips: maybe\n' },
      err: /^ztn lint: .*ztn\.yaml:3:7: invalid ztn\.yaml at \/fips: must be boolean\n$/,
    },
    { name: 'missing --config file', args: (d) => ['lint', d, '--config', join(d, 'none.yaml')], err: /^ztn lint: .*none\.yaml:1:1: cannot read: ENOENT\n$/ },
    { name: 'unknown command', args: () => ['lnit'], err: /^ztn: unknown command 'lnit'\. Commands: lint, rules/ },
  ];
  for (const c of usage) {
    it(`exit code 2 with one line on stderr: ${c.name}`, async () => {
      for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
      const r = await ztn(c.args(dir), dir);
      assert.equal(r.code, 2);
      assert.match(r.err, c.err);
      assert.equal(r.err.trimEnd().split('\n').length, 1, 'one line, no stack trace');
      assert.equal(r.out, '');
    });
  }

  it('--fix-dry-run prints a unified diff and changes nothing', async () => {
    writeFileSync(join(dir, 'pa.yaml'), PERMISSIVE);
    const r = await ztn(['lint', '.', '--fix-dry-run'], dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /^--- a\/pa\.yaml\n\+\+\+ b\/pa\.yaml\n/m);
    assert.match(r.out, /^-    mode: PERMISSIVE # migrating\n\+    mode: STRICT # migrating$/m);
    assert.match(r.err, /^\d+ safe fix(es)? would change 1 file\(s\)\n$/);
    assert.equal(readFileSync(join(dir, 'pa.yaml'), 'utf8'), PERMISSIVE);
  });

  it('--fix writes the fixes and reports what is left', async () => {
    writeFileSync(join(dir, 'pa.yaml'), PERMISSIVE);
    const r = await ztn(['lint', '.', '--fix', '--format', 'json'], dir);
    const fixed = readFileSync(join(dir, 'pa.yaml'), 'utf8');
    assert.equal(fixed, PERMISSIVE.replace('PERMISSIVE #', 'STRICT #'));
    assert.ok(!JSON.parse(r.out).findings.some((f: { ruleId: string }) => f.ruleId === 'ZT0201'));
    assert.match(r.err, /^wrote pa\.yaml\napplied \d+ safe fix(es)? to 1 file\(s\)\n$/);
  });

  it('lints a single file and a folder with a ztn.yaml above it', async () => {
    cpSync(EXAMPLES, join(dir, 'ex'), { recursive: true });
    const r = await ztn(['lint', 'ex/clusters/east/legacy.yaml', '--format', 'json', '--fail-on', 'never'], dir);
    const json = JSON.parse(r.out);
    assert.equal(json.summary.files, 1);
    assert.ok(json.findings.every((f: { file: string }) => f.file === 'ex/clusters/east/legacy.yaml'));
  });

  it('rule IDs in ztn.yaml that do not exist are reported at their place in ztn.yaml', async () => {
    writeFileSync(join(dir, 'ztn.yaml'), WORKSPACE + 'rules:\n  ZT9999: {severity: off}\n  notSuppressible: [ZT0201, ZT8888]\n');
    writeFileSync(join(dir, 'pa.yaml'), PERMISSIVE);
    const r = await ztn(['lint', '.', '--fail-on', 'never'], dir);
    const lines = r.out.split('\n').filter((l) => l.startsWith('ztn.yaml'));
    assert.deepEqual(lines, [
      "ztn.yaml:4:3 warning ZT0003 unknown rule ID 'ZT9999' in ztn.yaml rules; it configures nothing",
      "ztn.yaml:5:29 warning ZT0003 unknown rule ID 'ZT8888' in ztn.yaml rules; it configures nothing",
    ]);
  });

  it('bad input files do not stop the run: a parse finding, the rest linted', async () => {
    mkdirSync(join(dir, 'm'));
    writeFileSync(join(dir, 'm', 'broken.yaml'), 'kind: A\nmetadata: {name: [\n');
    writeFileSync(join(dir, 'm', 'pa.yaml'), PERMISSIVE);
    const r = await ztn(['lint', 'm'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^m\/broken\.yaml:\d+:\d+ error ZT0001 /m);
    assert.match(r.out, /^m\/pa\.yaml:8:11 error ZT0201 /m);
  });
});

describe('ztn rules', () => {
  it('json lists every rule with its metadata', async () => {
    const r = await ztn(['rules', '--format', 'json']);
    const rules = JSON.parse(r.out);
    assert.equal(rules.length, ALL_RULES.length);
    const pa = rules.find((x: { id: string }) => x.id === 'ZT0201');
    assert.deepEqual(
      { id: pa.id, pillar: pa.pillar, pillarName: pa.pillarName, severity: pa.severity, fixable: pa.fixable },
      { id: 'ZT0201', pillar: 2, pillarName: 'Secure channel (mTLS)', severity: 'error', fixable: true },
    );
  });

  it('markdown is a table with a row per rule', async () => {
    const r = await ztn(['rules']);
    const rows = r.out.trim().split('\n');
    assert.equal(rows[0], '| ID | Pillar | Severity | Fix | Title |');
    assert.equal(rows.length, ALL_RULES.length + 2);
    assert.ok(rows.includes('| [ZT0201](docs/rules/ZT0201.md) | Secure channel (mTLS) | error | yes | PeerAuthentication allows plaintext |'));
  });

  it('help names every command', async () => {
    const r = await ztn(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^  lint +check manifests/m);
    assert.match(r.out, /^  rules +list the rule catalogue/m);
  });
});
