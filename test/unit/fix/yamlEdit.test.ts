// Structured YAML/JSON edits: each case states the exact text after the edit; everything else is byte-identical.
import assert from 'node:assert/strict';
import { parseSourceFile } from '../../../src/model/parse';
import type { FieldPath } from '../../../src/model/position';
import { appendDocument, setField } from '../../../src/fix/yamlEdit';
import { applyEdits } from '../../../src/fix/types';

interface Case {
  name: string;
  path?: string;
  before: string;
  set: FieldPath;
  value: unknown;
  after: string;
  /** Which resource of the file to edit (default 0). */
  resource?: number;
}

const cases: Case[] = [
  {
    name: 'block map: replace a scalar, keep its trailing comment',
    before: 'kind: PeerAuthentication\nspec:\n  mtls:\n    mode: PERMISSIVE # migrating\n',
    set: ['spec', 'mtls', 'mode'],
    value: 'STRICT',
    after: 'kind: PeerAuthentication\nspec:\n  mtls:\n    mode: STRICT # migrating\n',
  },
  {
    name: 'block map: add a key after the last entry and its comment, at the map indentation',
    before: 'kind: A\nspec:\n  a: 1 # one\n  b: 2 # two\nother: x\n',
    set: ['spec', 'c'],
    value: true,
    after: 'kind: A\nspec:\n  a: 1 # one\n  b: 2 # two\n  c: true\nother: x\n',
  },
  {
    name: 'block map: create missing parent maps',
    before: 'kind: A\nspec:\n  selector: {}\n',
    set: ['spec', 'mtls', 'mode'],
    value: 'STRICT',
    after: 'kind: A\nspec:\n  selector: {}\n  mtls:\n    mode: STRICT\n',
  },
  {
    name: 'block map followed by comment lines: they stay after the new entry',
    before: 'kind: A\nspec:\n  a: 1\n  # b: 2 (disabled)\n---\nkind: B\n',
    set: ['spec', 'c'],
    value: 3,
    after: 'kind: A\nspec:\n  a: 1\n  c: 3\n  # b: 2 (disabled)\n---\nkind: B\n',
  },
  {
    name: 'block map whose last value is a block scalar',
    before: 'kind: A\ndata:\n  script: |\n    echo hi\n    echo there\n\nnext: 1\n',
    set: ['data', 'other'],
    value: 'x',
    after: 'kind: A\ndata:\n  script: |\n    echo hi\n    echo there\n  other: x\n\nnext: 1\n',
  },
  {
    name: 'map inside a sequence item keeps the item indentation',
    before: 'kind: Pod\nspec:\n  containers:\n    - name: app\n      image: x\n    - name: b\n',
    set: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'],
    value: true,
    after: 'kind: Pod\nspec:\n  containers:\n    - name: app\n      image: x\n      securityContext:\n        runAsNonRoot: true\n    - name: b\n',
  },
  {
    name: 'flow map: replace a scalar',
    before: 'kind: A\nspec:\n  mtls: {mode: PERMISSIVE}\n',
    set: ['spec', 'mtls', 'mode'],
    value: 'STRICT',
    after: 'kind: A\nspec:\n  mtls: {mode: STRICT}\n',
  },
  {
    name: 'flow map: add a key',
    before: 'kind: A\nmetadata: {name: a, namespace: b}\n',
    set: ['metadata', 'labels'],
    value: { app: 'a' },
    after: 'kind: A\nmetadata: {name: a, namespace: b, labels: {"app":"a"}}\n',
  },
  {
    name: 'empty flow map {}',
    before: 'kind: A\nspec: {}\n',
    set: ['spec', 'mode'],
    value: 'STRICT',
    after: 'kind: A\nspec: {mode: STRICT}\n',
  },
  {
    name: 'flow map: a string with flow indicators is quoted',
    before: 'kind: A\nmetadata: {name: a}\n',
    set: ['metadata', 'note'],
    value: 'a, b',
    after: 'kind: A\nmetadata: {name: a, note: "a, b"}\n',
  },
  {
    name: 'key with no value',
    before: 'kind: A\nspec:\nother: 1\n',
    set: ['spec', 'mtls', 'mode'],
    value: 'STRICT',
    after: 'kind: A\nspec:\n  mtls:\n    mode: STRICT\nother: 1\n',
  },
  {
    name: 'key with an explicit null value and a comment',
    before: 'kind: A\nspec: null # nothing yet\n',
    set: ['spec', 'mode'],
    value: 'STRICT',
    after: 'kind: A\nspec: # nothing yet\n  mode: STRICT\n',
  },
  {
    name: 'value that needs quoting',
    before: 'kind: A\nspec:\n  a: 1\n',
    set: ['spec', 'port'],
    value: '8080',
    after: 'kind: A\nspec:\n  a: 1\n  port: "8080"\n',
  },
  {
    name: 'CRLF line endings are kept',
    before: 'kind: A\r\nspec:\r\n  a: 1\r\n  b: 2\r\n',
    set: ['spec', 'c'],
    value: 3,
    after: 'kind: A\r\nspec:\r\n  a: 1\r\n  b: 2\r\n  c: 3\r\n',
  },
  {
    name: 'CRLF: create nested maps',
    before: 'kind: A\r\nspec:\r\n  a: 1\r\n',
    set: ['spec', 'mtls', 'mode'],
    value: 'STRICT',
    after: 'kind: A\r\nspec:\r\n  a: 1\r\n  mtls:\r\n    mode: STRICT\r\n',
  },
  {
    name: 'second document of a file',
    before: 'kind: A\nspec:\n  a: 1\n---\nkind: B\nspec:\n  b: 1\n',
    resource: 1,
    set: ['spec', 'c'],
    value: 2,
    after: 'kind: A\nspec:\n  a: 1\n---\nkind: B\nspec:\n  b: 1\n  c: 2\n',
  },
  {
    name: 'JSON: replace a value',
    path: '/w/x.json',
    before: '{\n  "kind": "A",\n  "spec": {\n    "mode": "PERMISSIVE"\n  }\n}\n',
    set: ['spec', 'mode'],
    value: 'STRICT',
    after: '{\n  "kind": "A",\n  "spec": {\n    "mode": "STRICT"\n  }\n}\n',
  },
  {
    name: 'JSON: add a key on its own line, at the indentation of its siblings',
    path: '/w/x.json',
    before: '{\n  "kind": "A",\n  "spec": {\n    "a": 1\n  }\n}\n',
    set: ['spec', 'mtls', 'mode'],
    value: 'STRICT',
    after: '{\n  "kind": "A",\n  "spec": {\n    "a": 1,\n    "mtls": {"mode":"STRICT"}\n  }\n}\n',
  },
  {
    name: 'JSON: add a key to an empty object',
    path: '/w/x.json',
    before: '{"kind": "A", "spec": {}}',
    set: ['spec', 'mode'],
    value: 'STRICT',
    after: '{"kind": "A", "spec": {"mode": "STRICT"}}',
  },
];

describe('setField', () => {
  for (const c of cases) {
    it(c.name, () => {
      const file = parseSourceFile(c.path ?? '/w/x.yaml', c.before);
      const resource = file.resources[c.resource ?? 0];
      const edits = setField(resource, c.set, c.value);
      assert.ok(edits.length > 0, 'an edit');
      const after = applyEdits(c.before, edits);
      assert.equal(after, c.after);
      // The result parses and holds the value.
      const again = parseSourceFile(c.path ?? '/w/x.yaml', after);
      assert.deepEqual(again.problems, []);
      let v: unknown = again.resources[c.resource ?? 0].obj;
      for (const step of c.set) v = (v as Record<string | number, unknown>)[step];
      assert.deepEqual(v, c.value);
    });
  }
});

describe('appendDocument', () => {
  const table = [
    { name: 'after a final newline', before: 'kind: A\n', after: 'kind: A\n---\nkind: B\nmetadata:\n  name: b\n' },
    { name: 'without a final newline', before: 'kind: A', after: 'kind: A\n---\nkind: B\nmetadata:\n  name: b\n' },
    { name: 'CRLF file', before: 'kind: A\r\n', after: 'kind: A\r\n---\r\nkind: B\r\nmetadata:\r\n  name: b\r\n' },
  ];
  for (const c of table) {
    it(c.name, () => {
      const file = parseSourceFile('/w/x.yaml', c.before);
      const edit = appendDocument(file, { kind: 'B', metadata: { name: 'b' } });
      assert.equal(applyEdits(c.before, [edit]), c.after);
    });
  }

  it('a JSON file gets the new object in a new YAML file next to it', () => {
    const file = parseSourceFile('/w/x.json', '{"kind": "A"}');
    const edit = appendDocument(file, { kind: 'B' });
    assert.equal(edit.file, '/w/x.ztn-fix.yaml');
    assert.equal(edit.newText, 'kind: B\n');
  });
});
