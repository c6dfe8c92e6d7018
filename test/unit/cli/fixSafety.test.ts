// --fix never loses or corrupts anything: fixed texts are parsed again, files are replaced whole and only when unchanged.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { writeFileAtomically } from '../../../src/model/safeWrite';
import { parseYamlDocuments } from '../../../src/model/yamlDocuments';
import { applySafeFixes } from '../../../src/rules/applyFixes';
import type { Finding } from '../../../src/rules/types';

async function ztn(cwd: string, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { code, out, err };
}

const PERMISSIVE =
  'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  mtls:\n    mode: "PERMISSIVE"\n';

/** Two containers sharing fields through a YAML merge key: fixes for the last container and for the pod end at one offset. */
const MERGE_KEY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      automountServiceAccountToken: false
      containers:
        - &base
          name: web
          image: web:1
          securityContext:
            privileged: true
        - <<: *base
          name: side
`;

describe('ztn lint --fix safety', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ztn-fixsafe-'))));
  afterEach(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a merge key in a container list: the fixed file parses, with the containers and the pod fixed', async () => {
    writeFileSync(join(dir, 'web.yaml'), MERGE_KEY);
    const r = await ztn(dir, 'lint', '.', '--fix', '--fail-on', 'never');
    assert.equal(r.code, 0, r.err);
    const fixed = readFileSync(join(dir, 'web.yaml'), 'utf8');
    const docs = parseYamlDocuments(fixed);
    assert.deepEqual(
      docs.flatMap((d) => d.errors.map((e) => e.message)),
      [],
    );
    const pod = (docs[0].toJS({ merge: true }) as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
    assert.deepEqual(
      (pod.containers as { securityContext: { privileged: boolean } }[]).map((c) => c.securityContext.privileged),
      [false, false],
    );
    assert.deepEqual(pod.securityContext, { runAsNonRoot: true });
  });

  it('keeps the quoting of a fixed value', async () => {
    writeFileSync(join(dir, 'pa.yaml'), PERMISSIVE);
    await ztn(dir, 'lint', '.', '--fix', '--fail-on', 'never');
    assert.equal(readFileSync(join(dir, 'pa.yaml'), 'utf8'), PERMISSIVE.replace('"PERMISSIVE"', '"STRICT"'));
  });

  it('a read-only file is not written; the others are, and the run says which', async () => {
    writeFileSync(join(dir, 'a.yaml'), PERMISSIVE);
    writeFileSync(join(dir, 'b.yaml'), PERMISSIVE.replace(/shop/g, 'web'));
    chmodSync(join(dir, 'a.yaml'), 0o444);
    const r = await ztn(dir, 'lint', '.', '--fix', '--fail-on', 'never');
    assert.equal(r.code, 2, 'a file that could not be written is exit 2');
    assert.equal(readFileSync(join(dir, 'a.yaml'), 'utf8'), PERMISSIVE);
    assert.match(readFileSync(join(dir, 'b.yaml'), 'utf8'), /mode: "STRICT"/);
    assert.match(r.err, /^not written: a\.yaml: the file is read-only$/m);
    assert.match(r.err, /^wrote b\.yaml$/m);
    assert.match(r.err, /; 1 file\(s\) not written$/m);
    assert.doesNotMatch(r.err, /cannot read/);
  });

  it('a fix that would break its file is dropped and reported; the other fixes are applied', () => {
    const file = join(dir, 'x.yaml');
    const text = 'a: 1\nb: 2\n';
    const finding = (ruleId: string, line: number, newText: string, at: number): Finding => ({
      ruleId,
      pillar: 1,
      severity: 'error',
      message: 'm',
      file,
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      fix: () => ({ title: `fix ${ruleId}`, safe: true, edits: [{ file, start: at, end: at, newText }] }),
    });
    const outcome = applySafeFixes([finding('ZT0101', 0, 'c: [\n', 0), finding('ZT0102', 1, 'd: 4\n', text.length)], () => text);
    assert.equal(outcome.applied, 1);
    assert.equal(outcome.changes.get(file)?.after, 'a: 1\nb: 2\nd: 4\n');
    assert.deepEqual(
      outcome.rejected.map((r) => `${r.ruleId} ${r.line} ${r.reason.replace(/\(.*/, '')}`),
      ['ZT0101 1 the fixed file would not parse '],
    );
  });

  describe('writeFileAtomically', () => {
    it('replaces the file whole, keeping its mode, and leaves no temporary file', () => {
      const file = join(dir, 'f.yaml');
      writeFileSync(file, 'old\n');
      chmodSync(file, 0o640);
      assert.deepEqual(writeFileAtomically(file, 'new\n', 'old\n'), { ok: true });
      assert.equal(readFileSync(file, 'utf8'), 'new\n');
      assert.equal(statSync(file).mode & 0o777, 0o640);
      assert.deepEqual(readdirSync(dir), ['f.yaml']);
    });

    it('writes nothing over an edit made since the file was read', () => {
      const file = join(dir, 'f.yaml');
      writeFileSync(file, 'edited meanwhile\n');
      assert.deepEqual(writeFileAtomically(file, 'fixed\n', 'as linted\n'), { ok: false, reason: 'it changed on disk since it was read; run the fix again' });
      assert.equal(readFileSync(file, 'utf8'), 'edited meanwhile\n');
    });

    it('a new file is created only where none appeared meanwhile', () => {
      const file = join(dir, 'new.yaml');
      assert.deepEqual(writeFileAtomically(file, 'a: 1\n', null), { ok: true });
      assert.equal(writeFileAtomically(file, 'b: 2\n', null).ok, false);
      assert.equal(readFileSync(file, 'utf8'), 'a: 1\n');
      assert.deepEqual(readdirSync(dir), ['new.yaml']);
    });

    it('a folder it cannot write in: a reason, not an exception', function () {
      if (process.getuid?.() === 0) return this.skip(); // root writes anywhere
      const file = join(dir, 'f.yaml');
      writeFileSync(file, 'old\n');
      chmodSync(dir, 0o555);
      const result = writeFileAtomically(file, 'new\n', 'old\n');
      assert.equal(result.ok, false);
    });
  });
});
