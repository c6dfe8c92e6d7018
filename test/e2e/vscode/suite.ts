// Runs inside VS Code (extension host): the extension's providers and commands through the vscode API, on the e2e fixture.
import assert from 'node:assert/strict';
import Mocha from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'zero-trust-lens.zero-trust-lens';

function workspaceFile(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, relative);
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const zt0201 = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).find((d) => d.source === 'ztn' && typeof d.code === 'object' && d.code.value === 'ZT0201');

function defineTests(): void {
  describe('Zero Trust Lens in VS Code (test-electron)', () => {
    it('activates in under 200 ms and registers every contributed command', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const timing = (await ext.activate()) as { activationMs: number; loadMs: number };
      assert.ok(timing.activationMs + timing.loadMs < 200, JSON.stringify(timing));
      const all = new Set(await vscode.commands.getCommands(true));
      for (const c of ext.packageJSON.contributes.commands as { command: string }[]) assert.ok(all.has(c.command), c.command);
    });

    it('reports ZT0201 on the PERMISSIVE PeerAuthentication with its docs link', async () => {
      const uri = workspaceFile('shop/mtls.yaml');
      await vscode.window.showTextDocument(uri);
      const d = await until('ZT0201', () => zt0201(uri));
      assert.equal(d.range.start.line, 8);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(String((d.code as { target: vscode.Uri }).target), /ZT0201\.md$/);
    });

    it('offers the preferred quick-fix, and applying it clears the finding', async () => {
      const uri = workspaceFile('shop/mtls.yaml');
      const d = await until('ZT0201', () => zt0201(uri));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'Set mTLS mode to STRICT (ZT0201)');
      assert.ok(fix?.edit && fix.isPreferred, actions.map((a) => a.title).join(', '));
      assert.ok(actions.some((a) => a.title === 'Suppress ZT0201 for this object (with reason)'));
      await vscode.workspace.applyEdit(fix.edit);
      await until('ZT0201 to clear', () => !zt0201(uri));
    });

    it('hover and CodeLens on an AuthorizationPolicy tell which workloads it selects', async () => {
      const uri = workspaceFile('shop/authz.yaml');
      await vscode.window.showTextDocument(uri);
      const lenses = await until('CodeLens', async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return l?.length ? l : undefined;
      });
      assert.equal(lenses[0].command?.title, 'selects 1 workload · show in graph');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 3));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /selects 1 workload/);
      assert.match(text, /cluster1\/shop\/cart/);
    });
  });
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true });
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  defineTests();
  return new Promise((resolve, reject) => mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve())));
}
