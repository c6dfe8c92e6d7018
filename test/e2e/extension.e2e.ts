// The extension in a real VS Code (code-server + headless Chromium): findings, quick-fix, trust graph, sandbox.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbench } from './workbench';

const url = process.env.ZTN_E2E_URL!;
const workspace = process.env.ZTN_E2E_WORKSPACE!;
const results = process.env.ZTN_E2E_RESULTS!;

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

  it('applies the quick-fix from the light bulb, which changes the file and clears the finding', async () => {
    await wb.openFile('shop/mtls.yaml');
    await wb.goToNextProblem();
    const menu = await wb.openCodeActions();
    const items = await menu.locator('.monaco-list-row').allInnerTexts();
    await wb.screenshot('light-bulb');
    assert.ok(items.some((t) => /Set mTLS mode to STRICT \(ZT0201\)/.test(t)), `quick-fix offered: ${items.join(' | ')}`);
    assert.ok(items.some((t) => /Suppress ZT0201 for this object/.test(t)), 'suppression offered');
    assert.ok(items.some((t) => /Show rule documentation for ZT0201/.test(t)), 'docs offered');
    await wb.chooseCodeAction('Set mTLS mode to STRICT (ZT0201)');
    await wb.save();
    await wb.waitForProblem(/mTLS mode PERMISSIVE accepts plaintext/, false);
    await wb.screenshot('quick-fix-applied');
    assert.match(readFileSync(join(workspace, 'shop/mtls.yaml'), 'utf8'), /mode: STRICT/);
    assert.match(await wb.editorText(), /mode: STRICT/);
  });
});
