// The sandbox folder in the workspace: a .gitignore where .ztn/ is created, nothing left after down; the workspace stamp.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../../src/config/load';
import { loadWorkspace } from '../../../src/model/workspace';
import { createStateDir, removeStateDir, STATE_GITIGNORE } from '../../../simulator/shared/stateFolder';
import { assertSandboxCurrent, isStaleSandboxError, recordWorkspace, workspaceStamp } from '../../../simulator/shared/workspaceStamp';

describe('sandbox state folder', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ztn-state-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes .ztn/.gitignore (*) when it creates .ztn/sandbox/<engine>, and removes .ztn/ again on down', () => {
    const local = join(root, '.ztn', 'sandbox', 'local');
    createStateDir(local);
    assert.equal(readFileSync(join(root, '.ztn', '.gitignore'), 'utf8'), STATE_GITIGNORE);
    assert.match(STATE_GITIGNORE, /^\*$/m);
    writeFileSync(join(local, 'supervisor.log'), 'x');
    removeStateDir(local);
    assert.ok(!existsSync(join(root, '.ztn')));
  });

  it('keeps .ztn/ while another engine or the user has files in it', () => {
    const local = join(root, '.ztn', 'sandbox', 'local');
    const kind = join(root, '.ztn', 'sandbox', 'kind');
    createStateDir(local);
    createStateDir(kind);
    removeStateDir(local);
    assert.ok(existsSync(kind) && existsSync(join(root, '.ztn', '.gitignore')));
    writeFileSync(join(root, '.ztn', 'notes.txt'), 'mine');
    removeStateDir(kind);
    assert.ok(!existsSync(join(root, '.ztn', 'sandbox')));
    assert.ok(existsSync(join(root, '.ztn', 'notes.txt')), 'a file the user put there stays');
  });

  it('a --state-dir outside .ztn gets its own .gitignore; a user .gitignore is not overwritten', () => {
    const elsewhere = join(root, 'state');
    createStateDir(elsewhere);
    assert.equal(readFileSync(join(elsewhere, '.gitignore'), 'utf8'), STATE_GITIGNORE);
    mkdirSync(join(root, 'other', '.ztn'), { recursive: true });
    writeFileSync(join(root, 'other', '.ztn', '.gitignore'), 'custom\n');
    createStateDir(join(root, 'other', '.ztn', 'sandbox', 'local'));
    assert.equal(readFileSync(join(root, 'other', '.ztn', '.gitignore'), 'utf8'), 'custom\n');
  });
});

describe('sandbox workspace stamp', () => {
  let root: string;
  const MANIFEST = 'apiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: shop}\nspec: {selector: {app: cart}, ports: [{port: 8080}]}\n';
  const load = () => loadWorkspace([root], resolveConfig(root));
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ztn-stamp-'));
    writeFileSync(join(root, 'ztn.yaml'), 'apiVersion: ztn.dev/v1alpha1\nkind: Workspace\nclusters: [{name: east}]\n');
    writeFileSync(join(root, 'cart.yaml'), MANIFEST);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is the same for the same manifests, whatever traffic or graph files are added', () => {
    const before = workspaceStamp(load());
    writeFileSync(join(root, 'traffic.generated.yaml'), 'apiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\nmetadata: {name: x}\ncalls: []\n');
    writeFileSync(join(root, 'graph.json'), '{"nodes": [], "edges": []}\n');
    assert.equal(workspaceStamp(load()).hash, before.hash);
  });

  it('changes with a manifest or ztn.yaml; a replay then finds the sandbox stale', () => {
    const state = join(root, '.ztn', 'sandbox', 'local');
    createStateDir(state);
    recordWorkspace(state, load());
    assertSandboxCurrent(state, load());
    writeFileSync(join(root, 'cart.yaml'), MANIFEST.replace('8080', '9090'));
    assert.throws(
      () => assertSandboxCurrent(state, load()),
      (err: Error) => isStaleSandboxError(err) && /^sandbox is stale: started from other manifests/.test(err.message),
    );
    writeFileSync(join(root, 'cart.yaml'), MANIFEST);
    assertSandboxCurrent(state, load());
    writeFileSync(join(root, 'ztn.yaml'), 'apiVersion: ztn.dev/v1alpha1\nkind: Workspace\nclusters: [{name: west}]\n');
    assert.throws(() => assertSandboxCurrent(state, load()), /sandbox is stale/);
  });
});
