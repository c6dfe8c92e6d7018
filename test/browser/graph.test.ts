// The standalone trust graph page in headless Chromium: elements and classes, side panel, filters, keyboard, exports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import type { TrustGraph } from '../../src/graph/types';
import type { CanvasSnapshot } from '../../webview/main';
import { launchChromium, type HeadlessChromium } from './chromium';
import { RESULTS_DIR, exampleGraph, writePage } from './graphPage';

const FRONTEND = 'east/shop/frontend';
const CART = 'east/shop/cart';

describe('trust graph page (headless Chromium)', function () {
  let chromium: HeadlessChromium;
  let graph: TrustGraph;
  let url: string;
  const problems: string[] = [];

  before(async () => {
    graph = exampleGraph();
    url = pathToFileURL(writePage('graph.html', graph)).href;
    chromium = await launchChromium();
  });
  after(async () => chromium?.close());

  async function open(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const page = await chromium.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.layout === 'done');
    return page;
  }
  const snapshot = (page: Page) => page.evaluate(() => (window as unknown as { ztnTrustGraph: { snapshot(): CanvasSnapshot } }).ztnTrustGraph.snapshot());
  const leafIds = (s: CanvasSnapshot) => s.nodes.filter((n) => !n.classes.includes('group')).map((n) => n.id).sort();

  it('draws every node and edge with classes for kind, badges, channel state and sandbox verification', async () => {
    const page = await open();
    const s = await snapshot(page);
    assert.deepEqual(leafIds(s), graph.nodes.map((n) => n.id).sort());
    assert.equal(s.edges.length, graph.edges.length);
    for (const e of graph.edges) {
      const drawn = s.edges.find((x) => x.id === e.id);
      assert.ok(drawn, e.id);
      assert.ok(drawn.classes.includes(e.state), `${e.id} has class ${e.state}`);
      assert.ok(drawn.classes.includes(e.verified ? 'verified' : 'predicted'));
    }
    const toCart = s.edges.find((e) => e.source === FRONTEND && e.target === CART)!;
    assert.ok(toCart.classes.includes('verified'));
    assert.ok(s.edges.some((e) => e.classes.includes('denied')));
    assert.ok(s.edges.some((e) => e.classes.includes('plaintext')));
    assert.ok(s.nodes.some((n) => n.classes.includes('gateway')));
    assert.ok(s.nodes.some((n) => n.id === 'cluster:east' && n.classes.includes('group')));
    assert.equal(await page.locator('.legend').count(), 1);
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-light.png') });
    await page.close();
  });

  it('opens the side panel with identity, mTLS sources and policies when a node is clicked', async () => {
    const page = await open();
    const frontend = (await snapshot(page)).nodes.find((n) => n.id === FRONTEND)!;
    assert.equal(await page.locator('#side-panel').isHidden(), true);
    await page.mouse.click(frontend.onPage.x, frontend.onPage.y);
    const panel = page.locator('#side-panel');
    await panel.waitFor({ state: 'visible' });
    const text = await panel.innerText();
    assert.match(text, /spiffe:\/\/cluster\.local\/ns\/shop\/sa\/frontend/);
    assert.match(text, /Composed mTLS mode: STRICT/i);
    assert.match(text, /PeerAuthentication istio-system\/default/);
    assert.match(text, /Policies that select it \(\d+\)/i);
    // Standalone page: source links are plain file links.
    const href = await panel.locator('a.source-link').first().getAttribute('href');
    assert.match(href ?? '', /^file:\/\/.*\.yaml#L\d+$/);
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-node-panel.png') });
    await page.close();
  });

  it('shows the explanation chain and the sandbox observation of a clicked edge', async () => {
    const page = await open();
    const toCart = (await snapshot(page)).edges.find((e) => e.source === FRONTEND && e.target === CART)!;
    await page.mouse.click(toCart.onPage.x, toCart.onPage.y);
    const panel = page.locator('#side-panel');
    await panel.waitFor({ state: 'visible' });
    const text = await panel.innerText();
    assert.match(text, /verified on the wire/);
    assert.match(text, /TLSv1\.3/);
    assert.match(text, /Explanation/);
    assert.ok((await panel.locator('ol.explanation li').count()) > 0);
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-edge-panel.png') });
    await page.close();
  });

  it('hides nodes when the namespace filter is used', async () => {
    const page = await open();
    const before = leafIds(await snapshot(page));
    const drawnBefore = (await snapshot(page)).nodes.length;
    await page.locator('#filter-namespace').click();
    await page.locator('#filter-namespace').getByRole('option', { name: 'legacy', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.waitForFunction((n) => (window as unknown as { ztnTrustGraph: { snapshot(): CanvasSnapshot } }).ztnTrustGraph.snapshot().nodes.length < n, drawnBefore);
    const after = leafIds(await snapshot(page));
    assert.ok(after.length > 0 && after.length < before.length, `${after.length} of ${before.length}`);
    assert.ok(after.every((id) => id.includes('/legacy/') || id.startsWith('external:')), after.join(', '));
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-filtered.png') });
    await page.close();
  });

  it('searches, focuses a neighbourhood and collapses a namespace box', async () => {
    const page = await open();
    await page.locator('#search input').fill('sa/cart');
    await page.waitForTimeout(100);
    let s = await snapshot(page);
    assert.deepEqual(s.nodes.filter((n) => n.classes.includes('match')).map((n) => n.id), [CART]);
    await page.locator('#search input').fill('');
    // Focus from the panel: only frontend and whom it talks to remain.
    const frontend = (await snapshot(page)).nodes.find((n) => n.id === FRONTEND)!;
    await page.mouse.click(frontend.onPage.x, frontend.onPage.y);
    await page.locator('#side-panel vscode-button', { hasText: 'Focus' }).click();
    s = await snapshot(page);
    const neighbours = new Set([FRONTEND, ...graph.edges.filter((e) => e.source === FRONTEND).map((e) => e.target), ...graph.edges.filter((e) => e.target === FRONTEND).map((e) => e.source)]);
    assert.deepEqual(leafIds(s), [...neighbours].sort());
    await page.locator('#clear-focus').click();
    await page.locator('#collapse-all').click();
    s = await snapshot(page);
    assert.ok(s.nodes.some((n) => n.id === 'namespace:east/shop' && n.classes.includes('collapsed')));
    assert.ok(!s.nodes.some((n) => n.id === FRONTEND));
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-collapsed.png') });
    await page.close();
  });

  it('moves through nodes with the keyboard and opens the panel with Enter', async () => {
    const page = await open();
    await page.locator('#graph').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('#side-panel').waitFor({ state: 'visible' });
    const status = await page.locator('.status').innerText();
    assert.match(status, /^Selected /);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('exports a valid SVG of the current view, and PNG and JSON', async () => {
    const page = await open();
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-svg').click()]);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    assert.equal(XMLValidator.validate(svg), true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as { svg: { g: { class: string }[] } };
    const groups = parsed.svg.g;
    assert.equal(groups.filter((g) => g.class.startsWith('node ')).length, graph.nodes.length);
    assert.equal(groups.filter((g) => g.class.startsWith('edge ')).length, graph.edges.length);
    // The browser agrees that it is an SVG document.
    const parsesInBrowser = await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').documentElement.nodeName, svg);
    assert.equal(parsesInBrowser, 'svg');

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
    const png = readFileSync((await pngDownload.path())!);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#export-json').click()]);
    assert.deepEqual(JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')), JSON.parse(JSON.stringify(graph)));
    await page.close();
  });

  it('keeps the view (filters, positions) across a reload', async () => {
    const page = await open();
    await page.locator('#search input').fill('payments');
    const before = await snapshot(page);
    await page.waitForTimeout(400); // state is saved debounced
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.match').length >= 0 && (window as unknown as { ztnTrustGraph?: unknown }).ztnTrustGraph !== undefined);
    await page.waitForTimeout(300);
    const after = await snapshot(page);
    assert.equal(await page.locator('#search input').inputValue(), 'payments');
    const where = (s: CanvasSnapshot, id: string) => s.nodes.find((n) => n.id === id)!.position;
    assert.deepEqual(where(after, FRONTEND), where(before, FRONTEND));
    assert.ok(after.nodes.some((n) => n.classes.includes('match')));
    await page.close();
  });

  it('applies a live update without moving existing nodes', async () => {
    const page = await open();
    const before = await snapshot(page);
    const updated: TrustGraph = JSON.parse(JSON.stringify(graph));
    const template = updated.nodes.find((n) => n.id === CART)!;
    updated.nodes.push({ ...template, id: 'east/shop/cart-v2', label: 'cart-v2' });
    updated.edges.push({ ...updated.edges.find((e) => e.target === CART)!, id: `${FRONTEND}->east/shop/cart-v2:8080`, target: 'east/shop/cart-v2' });
    await page.evaluate((g) => window.postMessage({ type: 'update', graph: g }, '*'), updated);
    await page.waitForFunction(() => (window as unknown as { ztnTrustGraph: { snapshot(): CanvasSnapshot } }).ztnTrustGraph.snapshot().nodes.some((n) => n.id === 'east/shop/cart-v2'));
    const after = await snapshot(page);
    for (const n of before.nodes.filter((x) => !x.classes.includes('group'))) {
      assert.deepEqual(after.nodes.find((x) => x.id === n.id)?.position, n.position, `${n.id} stayed in place`);
    }
    assert.ok(after.edges.some((e) => e.target === 'east/shop/cart-v2'));
    await page.close();
  });

  it('follows the dark color scheme in the standalone page', async () => {
    const page = await open({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(30, 30, 30)');
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-dark.png') });
    await page.close();
  });

  it('ran without console errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
