// The linter and the policy CodeLens against a stand-in for VS Code: which scope a lint hands out, and what the lens offers
// before and after the workspace is trusted.
import './useVscodeFake';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { EngineLog } from '../../../src/extension/log';
import { MeshState } from '../../../src/extension/meshState';
import { PolicyCodeLenses } from '../../../src/extension/policyProviders';
import { WorkspaceLinter, type LintScope } from '../../../src/extension/workspaceLinter';
import { LENS_RETRY_DELAYS_MS } from '../../../src/extension/lensRequests';
import { SteppedClock } from './steppedClock';
import { fake, FakeDiagnostics, FakeDocument, Uri } from './vscodeFake';

const FIXTURE = join(__dirname, '..', '..', 'e2e', 'fixture');
const DEBOUNCE_MS = 10;

interface Harness {
  root: string;
  mtls: string;
  linter: WorkspaceLinter;
  diagnostics: FakeDiagnostics;
  linted: LintScope[];
  failures: string[];
  /** Lets workspace.findFiles answer (indexing waits for it). */
  releaseIndexing(): void;
}

const harnesses: Harness[] = [];

function open(): Harness {
  const root = mkdtempSync(join(tmpdir(), 'ztn-linter-'));
  cpSync(FIXTURE, root, { recursive: true });
  fake.reset();
  fake.folders = [root];
  fake.settings = { 'lint.debounceMs': DEBOUNCE_MS };
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  fake.findFiles = async () => {
    await released;
    return [Uri.file(join(root, 'ztn.yaml'))];
  };
  const failures: string[] = [];
  const log = { info: () => undefined, fail: async (what: string, err: unknown) => void failures.push(`${what}: ${String(err)}`) } as unknown as EngineLog;
  const diagnostics = new FakeDiagnostics();
  const linter = new WorkspaceLinter(diagnostics as unknown as vscode.DiagnosticCollection, log);
  const linted: LintScope[] = [];
  linter.onDidLint((s) => linted.push(s));
  const h = { root, mtls: join(root, 'shop', 'mtls.yaml'), linter, diagnostics, linted, failures, releaseIndexing: release };
  harnesses.push(h);
  return h;
}

function openDocument(path: string): FakeDocument {
  const doc = new FakeDocument(path, readFileSync(path, 'utf8'));
  fake.documents.push(doc);
  fake.emitters.openText.fire(doc);
  return doc;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 5));

const permissiveIn = (h: Harness) => (h.diagnostics.byFile.get(h.mtls) ?? []).filter((d) => /PERMISSIVE/.test(d.message)).length;

function closeAll(): void {
  for (const h of harnesses.splice(0)) {
    h.linter.dispose();
    rmSync(h.root, { recursive: true, force: true });
  }
  fake.reset();
}

describe('extension: the workspace linter hands out only the scope that is current', () => {
  afterEach(closeAll);
  // Each case ends with the file's scope current; no lint may fire for a scope a reload has replaced (views and the
  // graph panel take the scope a lint hands them, and a stale one has only part of the workspace).
  const cases: { name: string; run(h: Harness): Promise<void>; permissive: number }[] = [
    {
      name: 'a manifest opened while the workspace is being indexed',
      run: async (h) => {
        const ready = h.linter.start();
        openDocument(h.mtls); // indexed alone first, its lint debounced
        h.releaseIndexing();
        await ready;
      },
      permissive: 1,
    },
    {
      name: 'an edit waiting for its debounced lint when a settings change reloads the workspace',
      run: async (h) => {
        h.releaseIndexing();
        const doc = openDocument(h.mtls);
        await h.linter.start();
        doc.setText(doc.getText().replace('PERMISSIVE', 'STRICT'));
        fake.emitters.changeText.fire({ document: doc });
        fake.emitters.configuration.fire({ affectsConfiguration: (s) => s === 'ztn' });
        await h.linter.start(); // the reload the settings change started
      },
      permissive: 0,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const h = open();
      await c.run(h);
      await settle();
      const current = h.linter.scopeFor(h.mtls);
      assert.ok(current, 'the file has a scope');
      assert.equal(current.index.files.size, 5, 'the whole fixture is indexed (4 manifests and traffic.yaml)');
      assert.ok(h.linted.length > 0);
      for (const s of h.linted.slice(h.linted.indexOf(current)))
        assert.equal(s, current, `a lint handed out a replaced scope of ${s.index.files.size} file(s)`);
      assert.equal(h.linted.at(-1), current);
      assert.equal(permissiveIn(h), c.permissive);
      assert.deepEqual(h.failures, []);
    });
  }
});

describe('extension: the policy CodeLens in Restricted Mode and after trust is granted', () => {
  afterEach(closeAll);
  it('counts without a link while untrusted, and links to the graph once trusted, without a reload', async () => {
    const h = open();
    fake.trusted = false;
    h.releaseIndexing();
    await h.linter.start();
    const lenses = new PolicyCodeLenses(h.linter, new MeshState(), { info: () => undefined } as unknown as EngineLog);
    let changes = 0;
    lenses.onDidChangeCodeLenses(() => changes++);
    const doc = openDocument(h.mtls) as unknown as vscode.TextDocument;
    try {
      const [restricted, ...more] = lenses.provideCodeLenses(doc);
      assert.equal(more.length, 0);
      assert.deepEqual({ title: restricted.command?.title, command: restricted.command?.command }, { title: 'selects 2 workloads', command: '' });
      assert.equal(restricted.range.start.line, 1, 'above the PeerAuthentication, after the leading comment');

      fake.trusted = true;
      fake.emitters.grantTrust.fire();
      assert.equal(changes, 1, 'granting trust asks VS Code for the lenses again');
      const [trusted] = lenses.provideCodeLenses(doc);
      assert.equal(trusted.command?.title, 'selects 2 workloads · show in graph');
      assert.equal(trusted.command?.command, 'ztn.revealInGraph');
      assert.match(String(trusted.command?.arguments?.[0]), /^cluster1\/shop\/(cart|frontend)$/);

      await h.linter.lintAll();
      assert.equal(changes, 2, 'a lint asks again');
    } finally {
      lenses.dispose();
    }
  });

  it('asks VS Code again for a shown manifest whose lenses it never asked for, and only for manifests', async () => {
    const h = open();
    h.releaseIndexing();
    await h.linter.start();
    const clock = new SteppedClock();
    const logged: string[] = [];
    const lenses = new PolicyCodeLenses(h.linter, new MeshState(), { info: (l: string) => logged.push(l) } as unknown as EngineLog, clock);
    let changes = 0;
    lenses.onDidChangeCodeLenses(() => changes++);
    const show = (docs: FakeDocument[]) => {
      fake.visible = docs;
      fake.emitters.visibleEditors.fire(docs.map((document) => ({ document })));
    };
    try {
      const mtls = openDocument(h.mtls);
      const notes = new FakeDocument(join(h.root, 'NOTES.md'), '# notes', 'markdown');
      show([mtls, notes]);
      clock.advance(LENS_RETRY_DELAYS_MS[0]);
      assert.equal(changes, 1, 'one announcement: the manifest, not the markdown file');
      assert.match(logged.join('\n'), /has not asked for the lenses of .*mtls\.yaml/);
      lenses.provideCodeLenses(mtls as unknown as vscode.TextDocument);
      clock.advance(60_000);
      assert.equal(changes, 1, 'asked: nothing more to announce');

      // With editor.codeLens off VS Code never asks, so there is nothing to wait for.
      show([]);
      fake.editor.codeLens = false;
      show([mtls]);
      clock.advance(60_000);
      assert.equal(changes, 1);
    } finally {
      lenses.dispose();
    }
  });

  it('offers no lens when the setting turns it off, and none for files without policies', async () => {
    const h = open();
    h.releaseIndexing();
    await h.linter.start();
    const lenses = new PolicyCodeLenses(h.linter, new MeshState(), { info: () => undefined } as unknown as EngineLog);
    try {
      const apps = openDocument(join(h.root, 'shop', 'apps.yaml')) as unknown as vscode.TextDocument;
      assert.deepEqual(lenses.provideCodeLenses(apps), []);
      fake.settings['codeLens.enabled'] = false;
      assert.deepEqual(lenses.provideCodeLenses(openDocument(h.mtls) as unknown as vscode.TextDocument), []);
    } finally {
      lenses.dispose();
    }
  });
});
