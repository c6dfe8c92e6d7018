// Restricted Mode (untrusted workspace): linting and policy CodeLens counts run, the trust graph and sandboxes wait for trust.
import assert from 'node:assert/strict';
import { Workbench } from './workbench';

const url = process.env.ZTN_E2E_RESTRICTED_URL!;
const results = process.env.ZTN_E2E_RESULTS!;

describe('Zero Trust Lens in Restricted Mode', function () {
  let wb: Workbench;

  before(async () => {
    if (!url) throw new Error('run through `npm run test:e2e` (it starts code-server)');
    wb = await Workbench.open(url, results);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.screenshot('restricted-failed').catch(() => undefined);
  });

  after(async () => {
    await wb?.close();
  });

  it('lints, counts what a policy selects without a graph link, and offers neither the trust graph nor sandboxes', async () => {
    await wb.page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor();
    // The whole workspace is linted before the file opens, so no later lint makes VS Code ask for lenses again...
    await wb.waitForProblem(/mTLS mode PERMISSIVE accepts plaintext/);
    await wb.openFile('shop/mtls.yaml');
    // ...and focus leaves the editor at once, which cancels VS Code's own pending CodeLens request (the fresh-profile bug).
    await wb.problems();
    // Selection is read from the manifests, so the count shows here too; the count is that of the whole workspace.
    const lens = wb.page.locator('.contentWidgets .codelens-decoration', { hasText: 'selects 2 workloads' }).first();
    await lens.waitFor();
    await wb.screenshot('restricted-codelens');
    assert.equal((await lens.innerText()).trim(), 'selects 2 workloads');
    // Plain text, not a link: the graph cannot open in Restricted Mode, so there is nothing to click.
    assert.equal(await lens.locator('a').count(), 0);

    assert.equal(await wb.page.locator('.tab', { hasText: 'Trust Graph' }).count(), 0);
    const offered = await wb.paletteMatches('Zero Trust:');
    await wb.screenshot('restricted-mode');
    assert.ok(
      offered.some((t) => /Lint Workspace/.test(t)),
      offered.join(' | '),
    );
    for (const hidden of [/Show Trust Graph/, /Sandbox: Up/, /Sandbox: Verify/]) {
      assert.ok(!offered.some((t) => hidden.test(t)), `${hidden} must not be offered: ${offered.join(' | ')}`);
    }
    // The Sandboxes view says why it is empty instead of offering start buttons that would only refuse.
    await wb.runCommand('Focus on Sandboxes View');
    await wb.page.locator('.welcome-view-content', { hasText: 'they need a trusted workspace' }).waitFor();
    assert.equal(await wb.page.locator('.monaco-list-row', { hasText: 'local sandbox' }).count(), 0);
  });

  it('once the workspace is trusted, the CodeLens links to the graph and the commands are offered, without a reload', async () => {
    await wb.runCommand('Workspaces: Manage Workspace Trust');
    await wb.page
      .locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ })
      .first()
      .click();
    await wb.page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor({ state: 'detached' });
    // The Sandboxes view lists the engines now, with their start buttons.
    await wb.page.locator('.monaco-list-row', { hasText: 'local sandbox' }).waitFor();
    await wb.openFile('shop/mtls.yaml');
    const link = wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'selects 2 workloads · show in graph' }).first();
    await link.waitFor();
    await wb.screenshot('trusted-codelens');
    const offered = await wb.paletteMatches('Zero Trust:');
    for (const shown of [/Show Trust Graph/, /Sandbox: Up/, /Sandbox: Verify/]) {
      assert.ok(
        offered.some((t) => shown.test(t)),
        `${shown} must be offered once trusted: ${offered.join(' | ')}`,
      );
    }
    await link.click();
    const graph = await wb.webview('Trust Graph');
    // The first graph of the window lays out before it selects; that can take a while on a loaded machine.
    await graph.locator('body[data-layout="done"]').waitFor({ timeout: 60_000 });
    await graph.locator('#side-panel h2', { hasText: /cart|frontend/ }).waitFor();
    await wb.screenshot('trusted-graph-from-codelens');
  });
});
