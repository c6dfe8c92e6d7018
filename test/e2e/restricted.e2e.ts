// Restricted Mode (untrusted workspace): linting still runs, the trust graph and sandbox commands are not offered.
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

  after(async () => {
    await wb?.close();
  });

  it('lints, and offers neither the trust graph nor sandboxes', async () => {
    await wb.page.locator('.statusbar', { hasText: 'Restricted Mode' }).waitFor();
    await wb.openFile('shop/mtls.yaml');
    await wb.waitForProblem(/mTLS mode PERMISSIVE accepts plaintext/);
    assert.equal(await wb.page.locator('.tab', { hasText: 'Trust Graph' }).count(), 0);
    const offered = await wb.paletteMatches('Zero Trust:');
    await wb.screenshot('restricted-mode');
    assert.ok(offered.some((t) => /Lint Workspace/.test(t)), offered.join(' | '));
    for (const hidden of [/Show Trust Graph/, /Sandbox: Up/, /Sandbox: Verify/]) {
      assert.ok(!offered.some((t) => hidden.test(t)), `${hidden} must not be offered: ${offered.join(' | ')}`);
    }
  });
});
