// Re-parsing an edited file document by document must give exactly what parsing it from scratch gives.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/load';
import { segmentStarts } from '../../../src/model/documentSegments';
import type { SourceFile } from '../../../src/model/types';
import { WorkspaceIndex } from '../../../src/model/workspace';
import { parseYamlDocuments } from '../../../src/model/yamlDocuments';
import { lint } from '../../../src/rules/engine';
import { dumpFile, lintDump } from './sourceFileDump';

const PATH = '/w/app.yaml';

/** Parses `before`, then `after` as an edit of it (incremental), and `after` alone; both must agree. */
function compare(before: string, after: string): { incremental: SourceFile; fresh: SourceFile; editedIndex: WorkspaceIndex; freshIndex: WorkspaceIndex } {
  const editedIndex = new WorkspaceIndex(defaultConfig('/w'));
  editedIndex.setFile(PATH, before);
  // Lint first, as the editor does: the by-kind lists and the rules' workspace tables then exist and must follow the edit.
  lint(editedIndex);
  const incremental = editedIndex.setFile(PATH, after);
  const freshIndex = new WorkspaceIndex(defaultConfig('/w'));
  const fresh = freshIndex.setFile(PATH, after);
  assert.deepEqual(dumpFile(incremental), dumpFile(fresh));
  return { incremental, fresh, editedIndex, freshIndex };
}

const deployment = (name: string, replicas = 2) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\n  labels: {app: ${name}}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: app\n          image: shop/${name}:1.0 # pinned\n          securityContext: {privileged: true}\n`;
const peerAuth = (mode: string) =>
  `# mesh-wide mTLS\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  mtls:\n    mode: ${mode}\n`;
const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: a, namespace: shop}\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: b, namespace: shop}\n`;
const base = ['# head comment\n', deployment('cart'), peerAuth('PERMISSIVE'), list, deployment('catalog'), '# just a comment\n', deployment('payments')].join(
  '---\n',
);

describe('incremental re-parse of an edited file', () => {
  const edits: { name: string; edit: (t: string) => string; reuses?: boolean }[] = [
    { name: 'a value in the first document', edit: (t) => t.replace('replicas: 2', 'replicas: 3'), reuses: true },
    { name: 'a value in the last document', edit: (t) => t.replace('image: shop/payments:1.0', 'image: shop/payments:1.10'), reuses: true },
    {
      name: 'a line added in a middle document (later ones shift)',
      edit: (t) => t.replace('    mode: PERMISSIVE\n', '    mode: STRICT\n  portLevelMtls:\n    8080: {mode: DISABLE}\n'),
      reuses: true,
    },
    { name: 'a line removed (later ones shift back)', edit: (t) => t.replace('  labels: {app: cart}\n', ''), reuses: true },
    { name: 'a document inserted', edit: (t) => t.replace('---\n# just a comment', `---\n${deployment('extra')}---\n# just a comment`), reuses: true },
    { name: 'a document deleted', edit: (t) => t.replace(`---\n${deployment('catalog')}`, ''), reuses: true },
    { name: 'two documents joined by deleting a marker', edit: (t) => t.replace('---\n# just a comment\n', '# just a comment\n') },
    { name: 'a marker typed inside a document', edit: (t) => t.replace('spec:\n  mtls:', '---\nspec:\n  mtls:') },
    { name: 'a comment edited', edit: (t) => t.replace('# pinned', '# pinned, see ticket'), reuses: true },
    { name: 'the head comment removed', edit: (t) => t.replace('# head comment\n---\n', '') },
    { name: 'a List item renamed', edit: (t) => t.replace('metadata: {name: b, namespace: shop}', 'metadata: {name: c, namespace: shop}'), reuses: true },
    { name: 'a broken edit (unclosed quote), parsed whole', edit: (t) => t.replace('image: shop/cart:1.0', 'image: "shop/cart:1.0') },
    { name: 'an unclosed flow map', edit: (t) => t.replace('labels: {app: catalog}\nspec', 'labels: {app: catalog\nspec') },
    { name: 'a %YAML directive added, parsed whole', edit: (t) => `%YAML 1.2\n---\n${t}` },
    { name: 'a ... end marker added, parsed whole', edit: (t) => t.replace('---\n# just a comment', '...\n# just a comment\n---') },
    { name: 'everything deleted', edit: () => '' },
    { name: 'CRLF line ends', edit: (t) => t.replace(/\n/g, '\r\n') },
    { name: 'nothing changed', edit: (t) => t, reuses: true },
  ];
  for (const e of edits) {
    it(e.name, () => {
      const after = e.edit(base);
      const { incremental, editedIndex, freshIndex } = compare(base, after);
      assert.deepEqual(lintDump(editedIndex, PATH), lintDump(freshIndex, PATH));
      if (e.reuses) {
        // The incremental path ran: the untouched List document's resources are the same objects, now in the new file.
        const sa = incremental.resources.find((r) => r.kind === 'ServiceAccount' && r.name === 'a');
        assert.ok(sa && sa.file === incremental);
      }
    });
  }

  it('keeps Resource objects of untouched documents and re-parses the edited one', () => {
    const index = new WorkspaceIndex(defaultConfig('/w'));
    const first = index.setFile(PATH, base);
    const before = new Map(first.resources.map((r) => [`${r.kind}/${r.name}`, r]));
    const second = index.setFile(PATH, base.replace('name: catalog', 'name: catalog2'));
    for (const r of second.resources) {
      const old = before.get(`${r.kind}/${r.name}`);
      if (r.name === 'catalog2') assert.equal(old, undefined);
      else assert.equal(r, old, `${r.kind}/${r.name} taken over`);
    }
  });

  it('keeps the versions of kinds an edit did not touch, and bumps the edited kind', () => {
    const index = new WorkspaceIndex(defaultConfig('/w'));
    index.setFile(PATH, base);
    const before = { deployment: index.kindsVersion(['Deployment']), other: index.kindsVersion(['PeerAuthentication', 'ServiceAccount']) };
    index.setFile(PATH, base.replace('replicas: 2', 'replicas: 5'));
    assert.notEqual(index.kindsVersion(['Deployment']), before.deployment);
    assert.equal(index.kindsVersion(['PeerAuthentication', 'ServiceAccount']), before.other);
    assert.equal(index.byKind('Deployment').length, 3);
    assert.equal(index.byKind('ServiceAccount').length, 2);
  });

  it('agrees with a parse from scratch on a chain of seeded random edits', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const snippets = [
      '---\n',
      '\n---\n',
      '# c\n',
      '"',
      '[',
      '{',
      '}',
      ': ',
      '\n',
      '  ',
      '- ',
      '|\n',
      '&a ',
      '*a',
      'x',
      '\t',
      '--- ',
      '\n#---\n',
      ' #x',
      'kind: Secret\n',
    ];
    const index = new WorkspaceIndex(defaultConfig('/w'));
    let text = base;
    index.setFile(PATH, text);
    for (let n = 0; n < 60; n++) {
      // Mostly small edits of a valid file, now and then one that breaks it; reset to the base when it drifts too far.
      if (n % 20 === 0) text = base;
      const at = Math.floor(random() * (text.length + 1));
      text =
        random() < 0.3
          ? text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4))
          : text.slice(0, at) + snippets[Math.floor(random() * snippets.length)] + text.slice(at);
      const incremental = index.setFile(PATH, text);
      const fresh = new WorkspaceIndex(defaultConfig('/w')).setFile(PATH, text);
      // Strings compare faster than deepEqual walks; on a mismatch the message names the edit.
      assert.equal(JSON.stringify(dumpFile(incremental)), JSON.stringify(dumpFile(fresh)), `edit ${n}: ${JSON.stringify(text)}`);
    }
  });
});

describe('document segments', () => {
  const table: { text: string; starts: number[] }[] = [
    { text: 'a: 1\n---\nb: 2\n', starts: [0, 5] },
    { text: '---\na: 1\n--- # c\nb: 2\n', starts: [0, 9] },
    { text: '# head\n\n---\na: 1\n---\nb: 2\n', starts: [0, 17] },
    { text: 'a: 1\n---x\n----\n --- \nb: 2\n', starts: [0] },
    { text: 'a: 1\r\n---\r\nb: 2\r\n', starts: [0, 6] },
    { text: 'a: 1\n---', starts: [0, 5] },
  ];
  for (const t of table) {
    it(`splits ${JSON.stringify(t.text)}`, () => assert.deepEqual(segmentStarts(t.text), t.starts));
  }
});

describe('parseYamlDocuments', () => {
  it('leaves process.env as it found it, also when parsing fails', () => {
    const env = process.env;
    parseYamlDocuments('a: 1\n---\nb: [\n');
    assert.equal(process.env, env);
    assert.equal(parseYamlDocuments('a: 1\n---\nb: 2\n').length, 2);
  });

  it('lets yaml see its own debug switch while parsing', () => {
    // LOG_STREAM makes the composer print each document; the parse must see the real value.
    const logged: unknown[] = [];
    const log = console.dir;
    process.env.LOG_STREAM = '1';
    console.dir = (x: unknown) => void logged.push(x);
    try {
      parseYamlDocuments('a: 1\n');
    } finally {
      console.dir = log;
      delete process.env.LOG_STREAM;
    }
    assert.ok(logged.length > 0);
  });
});
