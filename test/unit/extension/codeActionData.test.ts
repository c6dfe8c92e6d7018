import assert from 'node:assert/strict';
import { docsAction, findingsAt, fixAllAction, quickFixAction, type FileTexts } from '../../../src/extension/codeActionData';
import { cleanReason, suppressionEdits, suppressTitle } from '../../../src/extension/suppressEdit';
import { applyEdits } from '../../../src/fix/types';
import type { WorkspaceIndex } from '../../../src/model/workspace';
import { applyEditData, lintFiles, PERMISSIVE_JSON, PERMISSIVE_YAML } from './fixtures';

const textsOf =
  (index: WorkspaceIndex): FileTexts =>
  (file) =>
    index.files.get(file);
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

describe('extension: quick-fixes', () => {
  it('finds the findings under the cursor only', () => {
    const { findings } = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML });
    assert.deepEqual(
      findingsAt(findings, '/ws/pa.yaml', at(7, 12))
        .map((f) => f.ruleId)
        .filter((id) => id === 'ZT0201'),
      ['ZT0201'],
    );
    assert.equal(findingsAt(findings, '/ws/pa.yaml', at(0, 0)).filter((f) => f.ruleId === 'ZT0201').length, 0);
    assert.equal(findingsAt(findings, '/ws/other.yaml', at(7, 12)).length, 0);
  });

  it("offers the rule's fix as a preferred quick-fix whose edit makes the finding go away", () => {
    const { index, findings } = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML });
    const finding = findings.find((f) => f.ruleId === 'ZT0201')!;
    const action = quickFixAction(finding, textsOf(index))!;
    assert.equal(action.title, 'Set mTLS mode to STRICT (ZT0201)');
    assert.equal(action.isPreferred, true);
    const after = applyEditData(PERMISSIVE_YAML, action.edits);
    assert.match(after, /mode: STRICT # migrating/);
    assert.equal(lintFiles({ '/ws/pa.yaml': after }).findings.filter((f) => f.ruleId === 'ZT0201').length, 0);
  });

  it('offers no quick-fix when the fix throws or has no edits', () => {
    const { index, findings } = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML });
    const f = findings.find((x) => x.ruleId === 'ZT0201')!;
    assert.equal(
      quickFixAction(
        {
          ...f,
          fix: () => {
            throw new Error('boom');
          },
        },
        textsOf(index),
      ),
      undefined,
    );
    assert.equal(quickFixAction({ ...f, fix: () => ({ title: 't', safe: true, edits: [] }) }, textsOf(index)), undefined);
    assert.equal(quickFixAction({ ...f, fix: undefined }, textsOf(index)), undefined);
  });

  it('fix-all rewrites the file like `ztn lint --fix` and only touches that file', () => {
    const two =
      PERMISSIVE_YAML +
      `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  mtls: {mode: STRICT}
  portLevelMtls:
    8080: {mode: DISABLE}
`;
    const { index, findings } = lintFiles({ '/ws/pa.yaml': two, '/ws/other.yaml': PERMISSIVE_YAML });
    const action = fixAllAction(findings, '/ws/pa.yaml', textsOf(index))!;
    assert.equal(action.kind, 'source.fixAll.ztn');
    assert.deepEqual(
      action.edits.map((e) => e.file),
      ['/ws/pa.yaml'],
    );
    const after = applyEditData(two, action.edits);
    assert.doesNotMatch(after, /PERMISSIVE|DISABLE/);
    assert.match(after, /# migrating/);
    assert.equal(fixAllAction(lintFiles({ '/ws/pa.yaml': after }).findings, '/ws/pa.yaml', textsOf(lintFiles({ '/ws/pa.yaml': after }).index)), undefined);
  });

  it('fix all says which fixes go into which file, for the preview shown before they apply', () => {
    const two = PERMISSIVE_YAML.concat(
      `---\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: legacy, namespace: legacy}\nspec:\n  mtls: {mode: DISABLE}\n`,
    );
    const { index, findings } = lintFiles({ '/ws/pa.yaml': two });
    const action = fixAllAction(findings, '/ws/pa.yaml', textsOf(index))!;
    assert.deepEqual(
      action.summary?.map((s) => s.file),
      ['/ws/pa.yaml'],
    );
    const fixes = action.summary![0].fixes;
    assert.ok(fixes.length >= 2, fixes.join(' | '));
    assert.ok(
      fixes.some((f) => /^Set mTLS mode to STRICT \(ZT0201, line \d+\)$/.test(f)),
      fixes.join(' | '),
    );
    assert.equal(action.edits[0].label, fixes.join('; '));
  });

  it('links the rule documentation', () => {
    assert.match(docsAction('ZT0201').url, /ZT0201\.md$/);
  });
});

describe('extension: suppress with reason', () => {
  it('YAML: writes a ztn-ignore comment above the object, and the finding is suppressed', () => {
    const { index, findings } = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML });
    const f = findings.find((x) => x.ruleId === 'ZT0201')!;
    assert.equal(suppressTitle(f), 'Suppress ZT0201 for this object (with reason)');
    const edits = suppressionEdits(f, index.files.get('/ws/pa.yaml')!, 'legacy client\nwithout # sidecar');
    const after = applyEdits(PERMISSIVE_YAML, edits);
    assert.equal(after.split('\n')[0], '# ztn-ignore ZT0201: legacy client without  sidecar');
    const again = lintFiles({ '/ws/pa.yaml': after });
    assert.equal(again.findings.filter((x) => x.ruleId === 'ZT0201').length, 0);
    assert.equal(again.findings.filter((x) => x.ruleId === 'ZT0004').length, 0, 'the suppression is used, not reported as unused');
  });

  it('YAML: the comment goes above the second document of a multi-document file, indented like a List item', () => {
    const multi = `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: List\nitems:\n  - ${PERMISSIVE_YAML.trimEnd().split('\n').join('\n    ')}\n`;
    const { index, findings } = lintFiles({ '/ws/multi.yaml': multi });
    const f = findings.find((x) => x.ruleId === 'ZT0201')!;
    const after = applyEdits(multi, suppressionEdits(f, index.files.get('/ws/multi.yaml')!, 'why'));
    assert.match(after, /items:\n  # ztn-ignore ZT0201: why\n  - apiVersion/);
    assert.equal(lintFiles({ '/ws/multi.yaml': after }).findings.filter((x) => x.ruleId === 'ZT0201').length, 0);
  });

  it('JSON: writes the annotation (comments do not exist) with the reason next to it', () => {
    const { index, findings } = lintFiles({ '/ws/pa.json': PERMISSIVE_JSON });
    const f = findings.find((x) => x.ruleId === 'ZT0201')!;
    const after = applyEdits(PERMISSIVE_JSON, suppressionEdits(f, index.files.get('/ws/pa.json')!, 'vendor chart'));
    const obj = JSON.parse(after);
    assert.equal(obj.metadata.annotations['ztn.dev/ignore'], 'ZT0201');
    assert.equal(obj.metadata.annotations['ztn.dev/ignore-reason'], 'vendor chart');
    assert.equal(lintFiles({ '/ws/pa.json': after }).findings.filter((x) => x.ruleId === 'ZT0201').length, 0);
  });

  it('JSON: adds the rule to an existing ignore annotation', () => {
    const withAnnotation = PERMISSIVE_JSON.replace('"namespace": "shop" }', '"namespace": "shop", "annotations": { "ztn.dev/ignore": "ZT0202" } }');
    const { index, findings } = lintFiles({ '/ws/pa.json': withAnnotation });
    const f = findings.find((x) => x.ruleId === 'ZT0201')!;
    const after = applyEdits(withAnnotation, suppressionEdits(f, index.files.get('/ws/pa.json')!, 'x'));
    assert.equal(JSON.parse(after).metadata.annotations['ztn.dev/ignore'], 'ZT0202,ZT0201');
  });

  it('cleans reasons to one line without comment markers', () => {
    assert.equal(cleanReason('  a\r\nb # c  '), 'a b  c');
  });
});
