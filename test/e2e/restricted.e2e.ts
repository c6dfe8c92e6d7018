// Restricted Mode (untrusted workspace): linting still runs, the trust graph and sandbox commands are not offered.
import assert from 'node:assert/strict';
import { Workbench } from './workbench';

const url = process.env.ZTN_E2E_RESTRICTED_URL!;
const results = process.env.ZTN_E2E_RESULTS!;

describe('Zero Trust Lens in Restricted Mode', function () {
  // Seen once in CI: the CodeLens did not appear within 30 s after the finding did (not reproduced since).
  // One retry re-opens the file, which asks VS Code for the lenses again; every assertion still has to hold.
  this.retries(1);
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
    // Hovers and CodeLens only read the manifests, so they work here too; the count is that of the whole workspace.
    const lens = wb.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'selects 2 workloads · show in graph' }).first();
    await lens.waitFor();
    // "show in graph" is the one way to the graph left in Restricted Mode: it refuses and says why.
    await lens.click();
    const refusal = await wb.waitForNotification(/trust graph needs a trusted workspace/);
    assert.match(refusal, /Only linting runs in Restricted Mode/);
    assert.equal(await wb.page.locator('.tab', { hasText: 'Trust Graph' }).count(), 0);
    const offered = await wb.paletteMatches('Zero Trust:');
    await wb.screenshot('restricted-mode');
    assert.ok(offered.some((t) => /Lint Workspace/.test(t)), offered.join(' | '));
    for (const hidden of [/Show Trust Graph/, /Sandbox: Up/, /Sandbox: Verify/]) {
      assert.ok(!offered.some((t) => hidden.test(t)), `${hidden} must not be offered: ${offered.join(' | ')}`);
    }
  });
});
