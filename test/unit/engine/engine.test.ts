// The engine: re-linting some files agrees with a full run, the index updates incrementally, rule bugs stay contained.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, resolveConfig } from '../../../src/config/load';
import { loadWorkspace, WorkspaceIndex } from '../../../src/model/workspace';
import { lint } from '../../../src/rules/engine';
import { peerAuthenticationNotStrict } from '../../../src/rules/mtls/peerAuthenticationNotStrict';
import type { Finding, Rule } from '../../../src/rules/types';

const EXAMPLES = join(__dirname, '../../../examples');
const show = (f: Finding) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`;

describe('lint engine', () => {
  it("linting one file gives exactly that file's findings of a full run, for every file of the example", () => {
    const index = loadWorkspace([EXAMPLES], resolveConfig(EXAMPLES), {});
    const full = lint(index).findings;
    assert.ok(full.length > 20, 'the example has findings in many pillars');
    for (const file of index.files.keys()) {
      const one = lint(index, { files: new Set([file]) }).findings.map(show);
      assert.deepEqual(one, full.filter((f) => f.file === file).map(show), file);
    }
  });

  it('setFile and removeFile keep the by-kind index in step with the files', () => {
    const index = new WorkspaceIndex(defaultConfig('/w'));
    index.setFile('/w/a.yaml', 'kind: Service\nmetadata: {name: a}\n---\nkind: Pod\nmetadata: {name: p}\n');
    index.setFile('/w/b.yaml', 'kind: Service\nmetadata: {name: b}\n');
    const names = (kind: string) =>
      index
        .byKind(kind)
        .map((r) => r.name)
        .sort();
    assert.deepEqual(names('Service'), ['a', 'b']);
    index.setFile('/w/a.yaml', 'kind: Service\nmetadata: {name: a2}\n');
    assert.deepEqual(names('Service'), ['a2', 'b']);
    assert.deepEqual(names('Pod'), []);
    index.removeFile('/w/b.yaml');
    assert.deepEqual(names('Service'), ['a2']);
    assert.deepEqual(
      index.resources.map((r) => r.name),
      ['a2'],
    );
    assert.deepEqual(
      index.ofKind('Service', 'Pod').map((r) => r.name),
      ['a2'],
    );
  });

  it('kindsVersion changes only when resources of those kinds change', () => {
    const index = new WorkspaceIndex(defaultConfig('/w'));
    index.setFile('/w/np.yaml', 'kind: NetworkPolicy\nmetadata: {name: deny}\n');
    index.setFile('/w/d.yaml', 'kind: Deployment\nmetadata: {name: d}\n');
    const before = index.kindsVersion(['NetworkPolicy']);
    index.setFile('/w/d.yaml', 'kind: Deployment\nmetadata: {name: d, labels: {a: b}}\n');
    assert.equal(index.kindsVersion(['NetworkPolicy']), before);
    index.setFile('/w/np.yaml', 'kind: NetworkPolicy\nmetadata: {name: deny2}\n');
    assert.notEqual(index.kindsVersion(['NetworkPolicy']), before);
  });

  it('an edit is seen by the next lint (no stale tables)', () => {
    const index = new WorkspaceIndex(defaultConfig('/w'));
    const pa = (mode: string) =>
      `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: d, namespace: n}\nspec:\n  mtls: {mode: ${mode}}\n`;
    index.setFile('/w/pa.yaml', pa('STRICT'));
    assert.equal(lint(index, { rules: [peerAuthenticationNotStrict] }).findings.length, 0);
    index.setFile('/w/pa.yaml', pa('DISABLE'));
    assert.equal(lint(index, { rules: [peerAuthenticationNotStrict], files: new Set(['/w/pa.yaml']) }).findings.length, 1);
  });

  it('a workspace check that reports only on some kinds is skipped for files without them', () => {
    let runs = 0;
    const namespaceCheck: Rule = {
      meta: { id: 'ZT0998', pillar: 4, severity: 'warning', title: 'test: namespace', description: 'test', fixable: false, reportsOn: ['Namespace'] },
      checkWorkspace(ctx) {
        runs++;
        for (const ns of ctx.index.byKind('Namespace')) ctx.report({ resource: ns, message: 'namespace seen' });
      },
    };
    const index = new WorkspaceIndex(defaultConfig('/w'));
    index.setFile('/w/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    index.setFile('/w/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\n');
    assert.equal(lint(index, { rules: [namespaceCheck], files: new Set(['/w/svc.yaml']) }).findings.length, 0);
    assert.equal(runs, 0);
    assert.equal(lint(index, { rules: [namespaceCheck], files: new Set(['/w/ns.yaml']) }).findings.length, 1);
    assert.equal(lint(index, { rules: [namespaceCheck] }).findings.length, 1);
    assert.equal(runs, 2);
  });

  it('a rule that throws becomes one finding; the other rules still report', () => {
    const broken: Rule = {
      meta: { id: 'ZT0999', pillar: 9, severity: 'error', title: 'test: broken', description: 'throws', fixable: false, kinds: ['PeerAuthentication'] },
      checkResource() {
        throw new Error('boom');
      },
    };
    const index = new WorkspaceIndex(defaultConfig('/w'));
    index.setFile('/w/pa.yaml', 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: d}\nspec:\n  mtls: {mode: PERMISSIVE}\n');
    const findings = lint(index, { rules: [broken, peerAuthenticationNotStrict] }).findings;
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.severity}`).sort(), ['ZT0201 error', 'ZT0999 info']);
    const internal = findings.find((f) => f.ruleId === 'ZT0999')!;
    assert.match(internal.message, /internal error in rule ZT0999.*boom/);
    assert.equal(internal.object, 'PeerAuthentication d');
    assert.equal(internal.range.start.line, 2); // at the object's name
  });

  it('files over maxFileBytes are not read, just reported; unreadable paths are reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztn-engine-'));
    try {
      writeFileSync(join(dir, 'big.yaml'), 'kind: ConfigMap\nmetadata: {name: big}\ndata:\n  x: "' + 'a'.repeat(2000) + '"\n');
      writeFileSync(
        join(dir, 'small.yaml'),
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: d}\nspec:\n  mtls: {mode: DISABLE}\n',
      );
      const index = loadWorkspace([dir], { ...defaultConfig(dir), maxFileBytes: 1000 }, {});
      index.loadFile(join(dir, 'missing.yaml'));
      const findings = lint(index, { rules: [peerAuthenticationNotStrict] }).findings.map((f) => `${f.file.slice(dir.length + 1)} ${f.ruleId} ${f.message}`);
      assert.deepEqual(findings, [
        "big.yaml ZT0002 skipped: file is 2052 bytes, over the limit of 1000; raise 'maxFileBytes' in ztn.yaml to lint it",
        'missing.yaml ZT0001 cannot read file: ENOENT',
        'small.yaml ZT0201 mTLS mode DISABLE accepts plaintext; set spec.mtls.mode to STRICT once every client has a sidecar',
      ]);
      assert.equal(index.files.get(join(dir, 'big.yaml'))!.text, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('multi-cluster: files get the clusters whose globs match them', () => {
    const index = loadWorkspace([EXAMPLES], resolveConfig(EXAMPLES), {});
    const clusters = (rel: string) => index.files.get(join(EXAMPLES, rel))!.resources[0].clusters;
    assert.deepEqual(clusters('clusters/east/shop.yaml'), ['east']);
    assert.deepEqual(clusters('clusters/west/shop.yaml'), ['west']);
    assert.deepEqual(clusters('common/namespaces.yaml'), ['east', 'west']);
  });
});
