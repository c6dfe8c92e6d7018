// What the .vsix holds: every bundle the extension loads at run time, and a README whose links work inside it.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const shipped = readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1));

describe('the packaged extension', () => {
  // The extension requires these by path (simulator/registry.ts, simulator/local/lifecycle.ts, the certificate rules): vsce must not leave them out.
  for (const bundle of [
    'dist/extension.js',
    'dist/extension-engine.js',
    'dist/sandbox-local.js',
    'dist/sandbox-kind.js',
    'dist/sandbox-supervisor.js',
    'dist/x509-reader.js',
  ]) {
    it(`ships ${bundle}`, () => assert.ok(shipped.includes(bundle), `.vscodeignore does not keep ${bundle}`));
  }

  it('uses a README with no links to files outside the .vsix (vsce refuses them without a repository URL)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const readme = /--readme-path (\S+)/.exec(pkg.scripts.package)?.[1];
    assert.ok(readme, 'npm run package names the extension README');
    const links = [...readFileSync(join(ROOT, readme), 'utf8').matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(
      links.filter((l) => !/^(https?:|command:|#)/.test(l)),
      [],
    );
  });
});
