// Loading a big workspace on two threads must give exactly what loading it file by file gives.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../../src/config/load';
import type { WorkspaceConfig } from '../../../src/model/config';
import { PARALLEL_LOAD_MIN_FILES, secondThreadPays } from '../../../src/model/parallelLoad';
import type { SourceFile } from '../../../src/model/types';
import { loadWorkspace, type WorkspaceIndex } from '../../../src/model/workspace';
import { generate } from '../../bench/lintWorkspace';
import { dumpFile, lintDump } from './sourceFileDump';

/** Files the worker parsed still have their documents to parse (a getter); reading them parses them. */
const transferred = (file: SourceFile) => Object.getOwnPropertyDescriptor(file, 'documents')?.get !== undefined;

describe('parallel workspace load', function () {
  this.timeout(60_000);
  let dir: string;
  let config: WorkspaceConfig;
  let sequential: WorkspaceIndex;
  let parallel: WorkspaceIndex;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ztn-parallel-'));
    // 80 files of 20 documents (the benchmark's mix), then the unusual files a worker must hand back or get right.
    generate(dir, 1600);
    const odd: Record<string, string> = {
      'odd/broken.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: fine, namespace: x}\n',
      'odd/directive.yaml': '%YAML 1.2\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: d, namespace: x}\n',
      'odd/list.yaml':
        'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p1, namespace: x}\n  spec: {containers: [{name: c, image: i, securityContext: {privileged: true}}]}\n',
      'odd/suppressed.yaml':
        '# top\napiVersion: v1\nkind: Pod\nmetadata:\n  name: s\n  namespace: x\n  annotations: {ztn.dev/ignore: "ZT0407"}\nspec:\n  # ztn-ignore ZT0411: test\n  containers: [{name: c, image: i, securityContext: {privileged: true}}]\n',
      'odd/empty.yaml': '',
      'odd/comments.yaml': '# only a comment\n---\n# another\n',
      'odd/scalar.yaml': 'just text\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n',
      'odd/alias.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &n aliased, namespace: x, labels: {app: *n}}\ndata: {a: *n}\n',
      'odd/big.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "${'x'.repeat(70_000)}"\n`,
      'odd/binary.yaml': 'a\u0000b',
      'odd/template.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
      // The odd files go next to the generated team folders.
      'odd/data.json': '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "j", "namespace": "x"}, "data": {"k": "dg=="}}',
    };
    for (const [path, text] of Object.entries(odd)) {
      const full = join(dir, path);
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, text);
    }
    config = { ...defaultConfig(dir), maxFileBytes: 60_000 };
    sequential = loadWorkspace([dir], config, {}, 1);
    // 'worker-first': on a fast machine this thread could otherwise parse every file before the worker starts.
    parallel = loadWorkspace([dir], config, {}, 'worker-first');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has enough files to start a worker, and the worker parsed some of them', () => {
    assert.ok(parallel.files.size >= PARALLEL_LOAD_MIN_FILES);
    const byWorker = [...parallel.files.values()].filter(transferred).length;
    assert.ok(byWorker > 0, 'the worker parsed files');
    assert.ok(byWorker < parallel.files.size, 'this thread parsed files too, or loaded the unusual ones');
    assert.ok(![...sequential.files.values()].some(transferred));
  });

  it('gives the same findings, ranges and fixes', () => {
    assert.deepEqual([...parallel.files.keys()], [...sequential.files.keys()]);
    const paths = [...sequential.files.keys()].filter((p) => p.includes('odd') || p.endsWith('part-0.yaml') || p.endsWith('part-41.yaml'));
    for (const path of paths) assert.deepEqual(lintDump(parallel, path), lintDump(sequential, path), path);
  });

  it('gives the same files: documents, nodes with ranges, objects, problems', () => {
    for (const [path, file] of sequential.files) {
      assert.equal(JSON.stringify(dumpFile(parallel.files.get(path)!)), JSON.stringify(dumpFile(file)), path);
    }
  });

  it('re-parses an edited file that the worker loaded as an edit of the sequential one', () => {
    const path = [...parallel.files.keys()].find((p) => p.endsWith('part-7.yaml'))!;
    const edited = sequential.files.get(path)!.text.replace('replicas: 2', 'replicas: 4');
    assert.equal(JSON.stringify(dumpFile(parallel.setFile(path, edited))), JSON.stringify(dumpFile(sequential.setFile(path, edited))));
    assert.deepEqual(lintDump(parallel, path), lintDump(sequential, path));
  });

  it('uses a second thread only with enough files and spare CPU', () => {
    const table: [files: number, cores: number, load: number, expected: boolean][] = [
      [500, 4, 0.3, true],
      [500, 4, 3.5, true],
      [500, 4, 4.5, false],
      [500, 2, 0.3, false],
      [500, 1, 0, false],
      [PARALLEL_LOAD_MIN_FILES - 1, 8, 0, false],
      [PARALLEL_LOAD_MIN_FILES, 8, 3, true],
    ];
    for (const [files, cores, load, expected] of table)
      assert.equal(secondThreadPays(files, cores, load), expected, `${files} files, ${cores} cores, load ${load}`);
  });
});
