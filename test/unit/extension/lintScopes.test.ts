import assert from 'node:assert/strict';
import { isConfigFile, isInside, isLintedFile, looksLikeManifest, scopeRootFor, scopeRoots } from '../../../src/extension/lintScopes';

describe('extension: lint scopes (which ztn.yaml a file belongs to)', () => {
  const roots = scopeRoots(['/ws', '/other'], ['/ws/ztn.yaml', '/ws/clusters/east/ztn.yaml']);

  it('one scope per workspace folder and per ztn.yaml folder, without duplicates', () => {
    assert.deepEqual(roots, ['/other', '/ws', '/ws/clusters/east']);
  });

  const cases: [string, string | undefined][] = [
    ['/ws/apps.yaml', '/ws'],
    ['/ws/clusters/east/apps.yaml', '/ws/clusters/east'],
    ['/ws/clusters/eastern/apps.yaml', '/ws'],
    ['/other/x.json', '/other'],
    ['/elsewhere/x.yaml', undefined],
  ];
  for (const [file, root] of cases) {
    it(`${file} -> ${root ?? 'no scope'}`, () => assert.equal(scopeRootFor(file, roots), root));
  }

  it('a folder is inside itself, a sibling with a common prefix is not', () => {
    assert.equal(isInside('/ws', '/ws'), true);
    assert.equal(isInside('/ws', '/ws2/a.yaml'), false);
    assert.equal(isInside('/ws', '/ws/../etc/passwd'), false);
  });

  it('lints manifests, never ztn.yaml itself', () => {
    assert.equal(isLintedFile('/ws/a.yml'), true);
    assert.equal(isLintedFile('/ws/a.json'), true);
    assert.equal(isLintedFile('/ws/a.txt'), false);
    assert.equal(isLintedFile('/ws/ztn.yaml'), false);
    assert.equal(isConfigFile('/ws/sub/ztn.yml'), true);
  });

  const buffers: [string, string, boolean][] = [
    ['YAML object', 'apiVersion: v1\nkind: Service\n', true],
    ['JSON object', '{\n  "apiVersion": "v1",\n  "kind": "Service"\n}', true],
    ['List item', 'items:\n  - apiVersion: v1\n    kind: Pod\n', true],
    ['VS Code settings', '{\n  // comment\n  "editor.tabSize": 2\n}', false],
    ['compose file', 'services:\n  web:\n    image: nginx\n', false],
  ];
  for (const [name, text, expected] of buffers) {
    it(`an unindexed buffer is linted only when it looks like a manifest: ${name}`, () => assert.equal(looksLikeManifest(text), expected));
  }
});
