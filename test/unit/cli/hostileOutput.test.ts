// Hostile names and settings: control characters cannot forge output lines, SARIF URIs are encoded, bad ztn.yaml and --output are exit 2.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { displayText } from '../../../src/model/displayText';

async function ztn(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const HEAD = 'apiVersion: ztn.dev/v1alpha1\nkind: Workspace\n';
/** A namespace and a workload whose names carry a newline, ESC (a terminal colour) and a right-to-left override. */
const FORGED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: "web\\nok.yaml:1:1 info ZT0000 all good\\e[31m\\u202e"
  namespace: "shop\\nx"
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: web:1
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: "shop\\nx"
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow
  namespace: "shop\\nx"
spec:
  podSelector: {}
  ingress:
    - {}
`;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('hostile names, settings and outputs', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ztn-out-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('displayText escapes what could forge a line or restyle a terminal', () => {
    assert.equal(displayText('a\nb\r\tc\u001b[31m\u007f\u0085\u202e\u2028d'), 'a\\nb\\r\\tc\\x1b[31m\\x7f\\x85\\u202e\\u2028d');
    assert.equal(displayText('plain ünïcödé'), 'plain ünïcödé');
  });

  it('lint, netpol and simulate text: one line per finding or pair, no control characters', async () => {
    writeFileSync(join(dir, 'app.yaml'), FORGED);
    const lint = await ztn(dir, 'lint', '.', '--fail-on', 'never');
    const findings = lint.out.split('\nSummary by pillar:')[0].trim().split('\n');
    for (const line of findings) assert.match(line, /^app\.yaml:\d+:\d+ (error|warning|info) ZT\d{4} /, line);
    assert.ok(lint.out.includes('\\nok.yaml:1:1 info ZT0000 all good\\x1b[31m\\u202e'), lint.out);
    for (const args of [
      ['netpol', '.'],
      ['simulate', '.', '--matrix'],
    ]) {
      const r = await ztn(dir, ...args);
      assert.doesNotMatch(r.out + r.err, CONTROL, args.join(' '));
      assert.ok(r.out.includes('shop\\nx'), `${args.join(' ')}: ${r.out}`);
    }
  });

  it('SARIF artifact URIs are percent-encoded', async () => {
    writeFileSync(join(dir, 'a b#1?%.yaml'), FORGED);
    const r = await ztn(dir, 'lint', '.', '--format', 'sarif', '--fail-on', 'never');
    const uris = new Set<string>(
      JSON.parse(r.out).runs[0].results.map(
        (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri,
      ),
    );
    assert.deepEqual([...uris], ['a%20b%231%3F%25.yaml']);
  });

  const configErrors: [string, string, RegExp][] = [
    [
      'duplicate cluster names',
      'clusters:\n  - name: east\n  - name: west\n  - name: east\n',
      /ztn\.yaml:6:11: invalid ztn\.yaml at \/clusters\/2\/name: cluster name 'east' is already used by another cluster\n$/,
    ],
    ['maxFileBytes out of range', 'maxFileBytes: 1000000000000\n', /ztn\.yaml:3:15: invalid ztn\.yaml at \/maxFileBytes: must be <= 268435456\n$/],
    ['maxFileBytes zero', 'maxFileBytes: 0\n', /ztn\.yaml:3:15: invalid ztn\.yaml at \/maxFileBytes: must be >= 1\n$/],
  ];
  for (const [name, body, err] of configErrors) {
    it(`ztn.yaml: ${name} is exit 2 at its position`, async () => {
      writeFileSync(join(dir, 'ztn.yaml'), HEAD + body);
      const r = await ztn(dir, 'lint', '.');
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, err);
    });
  }

  it('ztn.yaml: an unknown rule ID is a warning at its position', async () => {
    writeFileSync(join(dir, 'ztn.yaml'), `${HEAD}rules:\n  ZT9999: { severity: off }\nignore:\n  - { rule: ZT9998, path: "x/**" }\n`);
    const r = await ztn(dir, 'lint', '.', '--fail-on', 'never');
    assert.match(r.out, /^ztn\.yaml:4:3 warning ZT0003 unknown rule ID 'ZT9999' in ztn\.yaml rules; it configures nothing$/m);
    assert.match(r.out, /^ztn\.yaml:6:5 warning ZT0003 unknown rule ID 'ZT9998' in ztn\.yaml ignore entry; it suppresses nothing$/m);
  });

  it('--output naming a folder or a path under a file: "cannot write", exit 2', async () => {
    writeFileSync(join(dir, 'app.yaml'), FORGED);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'file'), '');
    for (const [args, err] of [
      [['graph', 'app.yaml', '-o', 'out'], /^ztn graph: --output: cannot write out: it is a folder\n$/],
      [['graph', 'app.yaml', '--output', 'file/g.json'], /^ztn graph: --output: cannot write file\/g\.json: ENOTDIR\n$/],
      [['sandbox', 'traffic', 'app.yaml', '--output', 'out'], /^ztn sandbox: --output: cannot write out: it is a folder\n$/],
    ] as const) {
      const r = await ztn(dir, ...args);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, err);
    }
  });

  it('netpol and graph say which files they could not parse', async () => {
    writeFileSync(join(dir, 'app.yaml'), FORGED);
    writeFileSync(join(dir, 'broken.yaml'), 'kind: Service\nmetadata: [\n');
    for (const command of ['netpol', 'graph', 'simulate']) {
      const r = await ztn(dir, command, '.', ...(command === 'simulate' ? ['--matrix'] : []));
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /^warning: broken\.yaml:\d+: not fully parsed, broken documents ignored: .+$/m, command);
    }
  });
});
