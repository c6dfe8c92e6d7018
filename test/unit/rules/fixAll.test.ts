// --fix end to end in memory: fixes chain across passes, findings go, nothing new breaks, the rest is byte-identical.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffLines } from 'diff';
import { defaultConfig, resolveConfig } from '../../../src/config/load';
import { fixAll } from '../../../src/rules/fixAll';
import { setField } from '../../../src/fix/yamlEdit';
import { getPath } from '../../../src/model/workloads';
import { loadWorkspace, WorkspaceIndex } from '../../../src/model/workspace';
import { lint } from '../../../src/rules/engine';
import { peerAuthenticationNotStrict } from '../../../src/rules/mtls/peerAuthenticationNotStrict';
import type { Rule } from '../../../src/rules/types';

/** Test-only rule whose fix writes PERMISSIVE, which ZT0201 then fixes in the next pass. */
const modeMissing: Rule = {
  meta: { id: 'ZT0298', pillar: 2, severity: 'warning', title: 'test: mode missing', description: 'test rule', fixable: true, kinds: ['PeerAuthentication'] },
  checkResource(r, ctx) {
    if (getPath(r.obj, ['spec', 'mtls', 'mode']) === undefined) {
      ctx.report({
        resource: r,
        path: ['spec'],
        message: 'no mode',
        fix: () => ({ title: 'add mode', safe: true, edits: setField(r, ['spec', 'mtls', 'mode'], 'PERMISSIVE') }),
      });
    }
  },
};

const FILE = `# mesh defaults
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: legacy   # old apps
spec:
  selector: {matchLabels: {app: x}}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: db, namespace: shop}
spec:
  mtls: {mode: DISABLE}   # temporary
`;

describe('fixAll (--fix)', () => {
  it('chains fixes over passes until stable and touches only the fixed values', () => {
    const index = new WorkspaceIndex(defaultConfig('/w'));
    index.setFile('/w/pa.yaml', FILE);
    const rules = [peerAuthenticationNotStrict, modeMissing];
    const outcome = fixAll(index, (i) => lint(i, { rules }).findings);
    assert.equal(outcome.applied, 3); // pass 1: add mode + DISABLE->STRICT; pass 2: PERMISSIVE->STRICT
    assert.equal(outcome.passes, 3); // the third pass finds nothing left to fix
    const after = outcome.changes.get('/w/pa.yaml')!.after;
    assert.equal(
      after,
      FILE.replace('  selector: {matchLabels: {app: x}}\n', '  selector: {matchLabels: {app: x}}\n  mtls:\n    mode: STRICT\n').replace(
        '{mode: DISABLE}',
        '{mode: STRICT}',
      ),
    );
    assert.deepEqual(lint(index, { rules }).findings, []);
  });

  it('on the example workspace: fixed findings are gone, no new error appears, every file still parses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztn-fixall-'));
    try {
      cpSync(join(__dirname, '../../../examples'), dir, { recursive: true });
      const config = resolveConfig(dir);
      const index = loadWorkspace([dir], config, {});
      const before = lint(index).findings;
      const fixable = before.filter((f) => f.fix?.()?.safe);
      assert.ok(fixable.length > 0, 'the example has safe fixes');
      const key = (f: (typeof before)[number]) => `${f.ruleId} ${f.object ?? f.file}`;
      const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map(key));

      const outcome = fixAll(index, (i) => lint(i).findings);
      assert.ok(outcome.changes.size > 0);
      const fresh = loadWorkspace([dir], config, {});
      for (const [file, { after }] of outcome.changes) fresh.setFile(file, after);
      const after = lint(fresh).findings;
      assert.deepEqual(
        after.filter((f) => f.ruleId === 'ZT0001').map((f) => f.message),
        [],
        'every fixed file parses',
      );
      const newErrors = after.filter((f) => f.severity === 'error' && !errorsBefore.has(key(f))).map((f) => `${key(f)}: ${f.message}`);
      assert.deepEqual(newErrors, []);
      // Outside the edits every byte stays: each removed line comes back with the same key and
      // indentation (a value replaced in place), and no comment is lost.
      for (const [file, change] of outcome.changes) {
        for (const part of diffLines(change.before, change.after)) {
          if (!part.removed) continue;
          for (const line of part.value.split('\n').filter(Boolean)) {
            const keyPrefix = /^\s*(- )?[\w./-]+:/.exec(line)?.[0];
            assert.ok(keyPrefix && change.after.split('\n').some((l) => l.startsWith(keyPrefix)), `${file}: line '${line}' was removed`);
          }
        }
        const comments = (t: string) =>
          t
            .split('\n')
            .filter((l) => l.includes('#'))
            .map((l) => l.slice(l.indexOf('#')));
        for (const c of comments(change.before)) assert.ok(comments(change.after).includes(c), `${file}: comment '${c}' lost`);
      }
      const remainingFixable = after.filter((f) => f.fix?.()?.safe).map((f) => `${f.ruleId} ${f.object}: ${f.message}`);
      assert.deepEqual(remainingFixable, [], 'every safe fix resolved its finding');
      // Files on disk are untouched: fixAll works in memory.
      assert.equal(
        readFileSync(join(dir, 'clusters/east/legacy.yaml'), 'utf8'),
        readFileSync(join(__dirname, '../../../examples/clusters/east/legacy.yaml'), 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
