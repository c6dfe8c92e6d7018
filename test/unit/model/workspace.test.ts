// Which files a workspace reads: manifests by extension, never config files, vendored folders or chart values.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectInputs } from '../../../src/model/workspace';

describe('collectInputs', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ztn-collect-'));
    const files = [
      'a.yaml',
      'b.yml',
      'c.json',
      'README.md',
      'ztn.yaml',
      'package.json',
      'node_modules/x/deploy.yaml',
      '.git/config.yaml',
      'chart/Chart.yaml',
      'chart/values.yaml',
      'chart/templates/svc.yaml',
      'chart/templates/NOTES.txt',
      'kust/kustomization.yaml',
      'kust/pa.yaml',
    ];
    for (const f of files) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'kind: X\n');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const rel = (paths: string[]) => paths.map((p) => p.slice(dir.length + 1)).sort();

  it('without renderers: manifests, chart templates only, kustomization files as written', () => {
    const inputs = collectInputs([dir]);
    assert.deepEqual(rel(inputs.files), ['a.yaml', 'b.yml', 'c.json', 'chart/templates/svc.yaml', 'kust/kustomization.yaml', 'kust/pa.yaml']);
    assert.deepEqual(rel([...inputs.notRendered.keys()]), ['chart/Chart.yaml', 'kust/kustomization.yaml']);
  });

  it('with helm and kubectl: chart and kustomization folders are rendered, not read file by file', () => {
    const inputs = collectInputs([dir], { helm: '/bin/helm', kubectl: '/bin/kubectl' });
    assert.deepEqual(rel(inputs.files), ['a.yaml', 'b.yml', 'c.json']);
    assert.deepEqual(rel(inputs.charts), ['chart']);
    assert.deepEqual(rel(inputs.kustomizations), ['kust']);
  });

  it('an explicit file is read whatever its name', () => {
    assert.deepEqual(rel(collectInputs([join(dir, 'README.md')]).files), ['README.md']);
  });
});
