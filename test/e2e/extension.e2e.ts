// The extension in a real VS Code (code-server + headless Chromium): findings, quick-fix, trust graph, sandbox.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { extensionLogFiles } from './codeServer';
import { Workbench } from './workbench';

const url = process.env.ZTN_E2E_URL!;
const workspace = process.env.ZTN_E2E_WORKSPACE!;
const results = process.env.ZTN_E2E_RESULTS!;
const userData = process.env.ZTN_E2E_USER_DATA!;

/** The extension's own output channel, as VS Code writes it to the profile's log folder. */
function extensionLog(): string {
  return extensionLogFiles(userData)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

describe('Zero Trust Lens in VS Code (code-server)', function () {
  let wb: Workbench;

  before(async function () {
    if (!url) throw new Error('run through `npm run test:e2e` (it starts code-server)');
    wb = await Workbench.open(url, results);
  });

  after(async () => {
    if (wb) await wb.screenshot('final');
    await wb?.close();
  });

  it('lists the expected findings of a manifest in the Problems panel', async () => {
    await wb.openFile('shop/mtls.yaml');
    const rows = await wb.waitForProblem(/mTLS mode PERMISSIVE accepts plaintext/);
    await wb.screenshot('problems');
    const row = rows.find((r) => /PERMISSIVE accepts plaintext/.test(r))!;
    assert.match(row, /ZT0201/);
    assert.match(row, /ztn/);
    assert.match(row, /9/, 'points at line 9, the mode value');
  });

  it("the rule ID in Problems opens the rule's page shipped in the extension", async () => {
    await wb.openFile('shop/mtls.yaml');
    await wb.waitForProblem(/mTLS mode PERMISSIVE accepts plaintext/);
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'PERMISSIVE accepts plaintext' }).first();
    await row.locator('a', { hasText: 'ZT0201' }).first().click();
    await wb.page
      .locator('.tab', { hasText: /ZT0201\.md/ })
      .first()
      .waitFor();
    const page = await wb.webview('ZT0201.md');
    await page.locator('h1', { hasText: 'ZT0201' }).waitFor();
    await wb.screenshot('rule-docs-from-problems');
    await wb.runCommand('View: Close All Editors');
  });

  it('activated in under 200 ms, as the extension measured it inside VS Code', () => {
    const m = /activated in (\d+) ms \(entry load (\d+) ms/.exec(extensionLog());
    assert.ok(m, 'activation line in the Zero Trust output channel');
    console.log(`      activation ${m[1]} ms + entry load ${m[2]} ms`);
    assert.ok(Number(m[1]) + Number(m[2]) < 200, `activation took ${m[1]} + ${m[2]} ms`);
  });

  it('applies the quick-fix from the light bulb, which changes the file and clears the finding', async () => {
    await wb.openFile('shop/mtls.yaml');
    await wb.goToNextProblem();
    const menu = await wb.openCodeActions();
    const items = await menu.locator('.monaco-list-row').allInnerTexts();
    await wb.screenshot('light-bulb');
    assert.ok(
      items.some((t) => /Set mTLS mode to STRICT \(ZT0201\)/.test(t)),
      `quick-fix offered: ${items.join(' | ')}`,
    );
    assert.ok(
      items.some((t) => /Suppress ZT0201 for this object/.test(t)),
      'suppression offered',
    );
    assert.ok(
      items.some((t) => /Show rule documentation for ZT0201/.test(t)),
      'docs offered',
    );
    await wb.chooseCodeAction('Set mTLS mode to STRICT (ZT0201)');
    await wb.save();
    await wb.waitForProblem(/mTLS mode PERMISSIVE accepts plaintext/, false);
    await wb.screenshot('quick-fix-applied');
    assert.match(readFileSync(join(workspace, 'shop/mtls.yaml'), 'utf8'), /mode: STRICT/);
    assert.match(await wb.editorText(), /mode: STRICT/);
  });

  it('Export SARIF writes a SARIF 2.1.0 file of the findings where the save dialog says', async () => {
    await wb.runCommand('Zero Trust: Export SARIF');
    // files.simpleDialog.enable: the save dialog is a quick input prefilled with <workspace>/ztn.sarif.
    const input = wb.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    // The dialog fills in the folder first and the file name a moment later.
    await wb.page.waitForFunction(() => /ztn\.sarif$/.test((document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value ?? ''));
    await wb.page.keyboard.press('Enter');
    await wb.waitForNotification(/exported \d+ finding\(s\) to ztn\.sarif/);
    const sarif = JSON.parse(readFileSync(join(workspace, 'ztn.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'ZT0201'));
  });

  it('a default-deny NetworkPolicy typed from the snippet into one file clears findings of another, before saving', async () => {
    await wb.waitForProblem(/namespace shop has no default-deny ingress NetworkPolicy/);
    await wb.openFile('shop/authz.yaml');
    await wb.page.locator('.editor-group-container.active .view-lines').first().click();
    await wb.page.keyboard.press('Control+End');
    await wb.page.keyboard.type('---');
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('ztn-netpol-default');
    await wb.page.keyboard.press('Control+Space');
    const suggestion = wb.page.locator('.suggest-widget .monaco-list-row', { hasText: 'ztn-netpol-default-deny' }).first();
    await suggestion.waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('shop');
    await wb.page.keyboard.press('Escape');
    await wb.waitForEditorText(/kind: NetworkPolicy[\s\S]*namespace: shop\n[\s\S]*- Egress/);
    await wb.waitForProblem(/namespace shop has no default-deny ingress NetworkPolicy/, false);
    await wb.screenshot('cross-file-unsaved');
    assert.doesNotMatch(readFileSync(join(workspace, 'shop/authz.yaml'), 'utf8'), /NetworkPolicy/, 'nothing was saved');
    // Throwing the edit away brings the finding back: the file on disk is the truth again.
    await wb.runCommand('File: Revert File');
    await wb.waitForProblem(/namespace shop has no default-deny ingress NetworkPolicy/);
  });

  it('Open Rule Catalogue shows the rules grouped by pillar', async () => {
    await wb.runCommand('Zero Trust: Open Rule Catalogue');
    await wb.page
      .locator('.tab', { hasText: /Preview/ })
      .first()
      .waitFor();
    const preview = await wb.webview('Preview');
    await preview.locator('h1', { hasText: 'Zero Trust Lens rule catalogue' }).waitFor();
    const text = await preview.locator('body').innerText();
    await wb.screenshot('rule-catalogue');
    assert.match(text, /02 Secure channel \(mTLS\)/);
    assert.match(text, /ZT0201/);
  });
});

describe('Zero Trust Lens in VS Code: trust graph and sandbox', function () {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open(url, results);
    // A new window starts its own extension host; a finding of ours in Problems says the extension is up in it,
    // so the commands below do not race that start on a slow machine.
    await wb.openFile('shop/apps.yaml');
    await wb.waitForProblem(/may run as root/, true, 90_000);
  });

  after(async () => {
    if (wb) await wb.screenshot('final-sandbox');
    await wb?.close();
  });

  it('Show Trust Graph opens the webview and it renders the workloads', async () => {
    await wb.openFile('shop/apps.yaml');
    await wb.runCommand('Zero Trust: Show Trust Graph');
    const graph = await wb.webview('Trust Graph');
    await graph.locator('body[data-layout="done"]').waitFor({ timeout: 60_000 });
    const status = await graph.locator('.status').innerText();
    await wb.screenshot('trust-graph');
    assert.match(status, /\b2 nodes\b/, `graph status: ${status}`);
  });

  it('the CodeLens above a policy shows how many workloads it selects and reveals them in the graph', async () => {
    await wb.openFile('shop/authz.yaml');
    const lens = wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'selects 1 workload · show in graph' }).first();
    await lens.waitFor();
    await lens.click();
    const graph = await wb.webview('Trust Graph');
    const panel = graph.locator('#side-panel');
    await panel.locator('h2', { hasText: 'cart' }).waitFor();
    const details = await panel.innerText();
    await wb.screenshot('graph-side-panel');
    assert.match(details, /spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart/);
  });

  it('hovering a policy lists the workloads it selects', async () => {
    await wb.openFile('shop/authz.yaml');
    await wb.page.locator('.editor-group-container.active .view-line span', { hasText: 'AuthorizationPolicy' }).first().hover();
    const hover = wb.page.locator('.monaco-hover', { hasText: 'selects 1 workload' }).first();
    await hover.waitFor();
    const text = await hover.innerText();
    await wb.screenshot('policy-hover');
    assert.match(text, /cluster1\/shop\/cart/);
    assert.match(text, /spiffe:\/\/cluster\.local\/ns\/shop\/sa\/cart/);
  });

  it('the Zero Trust view shows workloads with identity and mTLS/authz state, and findings by pillar', async () => {
    await wb.page.keyboard.press('Escape');
    await wb.page.locator('.activitybar .action-item a[aria-label^="Zero Trust"]').first().click();
    const cart = wb.page.locator('.pane', { hasText: 'Mesh' }).locator('.monaco-list-row', { hasText: 'cart' }).first();
    await cart.waitFor();
    const row = (await cart.innerText()).replace(/\s+/g, ' ');
    const findings = wb.page.locator('.pane', { hasText: 'Findings by Pillar' }).locator('.monaco-list-row').first();
    await findings.waitFor();
    await wb.screenshot('zero-trust-view');
    assert.match(row, /mTLS STRICT on 8080 · authz/);
    assert.match(await findings.innerText(), /^\d\d /);
  });

  it('Sandbox: Up, Replay and Verify with the local engine complete and show the report', async () => {
    await wb.runCommand('Zero Trust: Sandbox: Up');
    const up = await wb.waitForNotification(/local sandbox is up with \d+ workload/, 120_000);
    await wb.screenshot('sandbox-up');
    assert.match(up, /with 2 workload/);

    await wb.runCommand('Zero Trust: Sandbox: Replay');
    await wb.page.locator('.tab', { hasText: /Sandbox Replay: (passed|failed)/ }).waitFor({ timeout: 120_000 });
    await wb.screenshot('sandbox-replay');

    await wb.runCommand('Zero Trust: Sandbox: Verify');
    await wb.page.locator('.tab', { hasText: /Sandbox Verify: (passed|failed)/ }).waitFor({ timeout: 120_000 });
    const report = await wb.webview('Sandbox Verify');
    const heading = await report.locator('h1').innerText();
    const body = await report.locator('body').innerText();
    await wb.screenshot('sandbox-verify-report');
    assert.match(heading, /Sandbox verification: PASSED/, body.slice(0, 2000));
    assert.match(body, /frontend-reads-cart/);
    assert.match(body, /frontend-deletes-cart/);
    assert.match(body, /TLSv1\.3/);

    await wb.runCommand('Zero Trust: Sandbox: Down');
    await wb.waitForNotification(/local sandbox stopped/, 60_000);
    await wb.screenshot('sandbox-down');
    assert.equal(existsSync(join(workspace, '.ztn')), false, 'down leaves no .ztn/ folder');
  });

  it("the walkthrough's path: Generate Traffic File, Sandbox: Up, Sandbox: Verify PASSED on the generated file", async () => {
    const generated = join(workspace, 'traffic.generated.yaml');
    // The last test's report tab and notifications must not answer for this one.
    await wb.runCommand('View: Close All Editors');
    await wb.runCommand('Notifications: Clear All Notifications');
    try {
      await wb.runCommand('Zero Trust: Generate Traffic File');
      const written = await wb.waitForNotification(/call\(s\) for the local sandbox written to traffic\.generated\.yaml/, 60_000);
      assert.match(written, /\d+ call/);
      assert.match(readFileSync(generated, 'utf8'), /kind: TrafficReplay/);

      await wb.runCommand('Zero Trust: Sandbox: Up');
      await wb.waitForNotification(/local sandbox is up with \d+ workload/, 120_000);
      await wb.runCommand('Zero Trust: Sandbox: Verify');
      // Two traffic files now: the generated one is offered first.
      await wb.pick('traffic.generated.yaml');
      await wb.page.locator('.tab', { hasText: /Sandbox Verify: (passed|failed)/ }).waitFor({ timeout: 120_000 });
      const report = await wb.webview('Sandbox Verify');
      const heading = await report.locator('h1').innerText();
      await wb.screenshot('walkthrough-verify-generated');
      assert.match(heading, /Sandbox verification: PASSED/, (await report.locator('body').innerText()).slice(0, 2000));
    } finally {
      await wb.runCommand('Zero Trust: Sandbox: Down');
      await wb.waitForNotification(/local sandbox stopped/, 60_000).catch(() => undefined);
      rmSync(generated, { force: true });
    }
  });
});
