// Files ztn writes into a workspace (graph export, traffic files) are not counted as manifests.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/usage';
import { resolveConfig } from '../../../src/config/load';
import { isManifestFile, manifestFiles } from '../../../src/model/manifestFiles';
import { loadWorkspace } from '../../../src/model/workspace';

describe('manifest files', function () {
  this.timeout(30_000);
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ztn-manifests-'));
    cpSync(join(__dirname, '..', '..', '..', 'examples'), dir, { recursive: true, filter: (src) => !src.includes('.ztn') });
    const io: Io = { out: () => undefined, err: () => undefined, cwd: dir };
    assert.equal(await main(['graph', '.', '--format', 'json', '-o', 'trust-graph.json'], io), 0);
    assert.equal(await main(['sandbox', 'traffic', '.', '--output', 'traffic.generated.yaml'], io), 0);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the exported graph JSON and traffic files are not manifests; every file with objects is', () => {
    const index = loadWorkspace([dir], resolveConfig(dir));
    const byName = new Map([...index.files.values()].map((f) => [basename(f.path), f]));
    for (const name of ['trust-graph.json', 'traffic.generated.yaml', 'traffic.yaml'])
      assert.equal(byName.has(name) && isManifestFile(byName.get(name)!), false, name);
    const manifests = manifestFiles(index.files.values());
    assert.ok(manifests.length > 10);
    assert.deepEqual(
      manifests.map((f) => f.path),
      [...index.files.values()].filter((f) => f.resources.length > 0).map((f) => f.path),
    );
  });
});
