// The standalone trust graph page in headless Chromium: elements and classes, side panel, filters, keyboard, exports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Page } from 'playwright-core';
import type { TrustGraph } from '../../src/graph/types';
import type { CanvasSnapshot } from '../../webview/automation';
import { syntheticGraph } from '../bench/syntheticGraph';
import { launchChromium, type HeadlessChromium } from './chromium';
import { RESULTS_DIR, comparePictures, exampleGraph, writePage } from './graphPage';

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
  interface Rect {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
  }
  /** On-page rectangles of every node and box, read from the SVG export of the current view (same geometry). */
  async function drawnRects(page: Page): Promise<Map<string, Rect>> {
    const svg = await page.evaluate(() => (window as unknown as { ztnTrustGraph: { svg(): string } }).ztnTrustGraph.svg());
    const out = new Map<string, Rect>();
    for (const m of svg.matchAll(/data-id="([^"]+)"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)) {
      const [x, y, w, hgt] = m.slice(2).map(Number);
      out.set(m[1].replace(/&amp;/g, '&'), { x1: x, y1: y, x2: x + w, y2: y + hgt });
    }
    return out;
  }
  /** A point on the page inside `box` (model coordinates) that no node covers. */
  async function emptySpotIn(page: Page, box: Rect): Promise<{ x: number; y: number }> {
    const rects = await drawnRects(page);
    const s = await snapshot(page);
    const { zoom, pan } = s;
    const origin = (await page.locator('#graph').boundingBox())!;
    const boxes = new Set(graph.groups.map((g) => g.id));
    const svg = await page.evaluate(() => (window as unknown as { ztnTrustGraph: { svg(): string } }).ztnTrustGraph.svg());
    const lines = [...svg.matchAll(/<line x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)"/g)].map((m) => m.slice(1).map(Number));
    const nearLine = (x: number, y: number) =>
      lines.some(([x1, y1, x2, y2]) => {
        const len2 = (x2 - x1) ** 2 + (y2 - y1) ** 2 || 1;
        const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / len2));
        return Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1))) < 12 / zoom;
      });
    const covered = (x: number, y: number) =>
      nearLine(x, y) || [...rects].some(([id, r]) => !boxes.has(id) && x >= r.x1 - 4 && x <= r.x2 + 4 && y >= r.y1 - 4 && y <= r.y2 + 4);
    for (let fy = 0.1; fy < 1; fy += 0.1) {
      for (let fx = 0.05; fx < 1; fx += 0.05) {
        const x = box.x1 + (box.x2 - box.x1) * fx;
        const y = box.y1 + (box.y2 - box.y1) * fy;
        if (!covered(x, y)) return { x: origin.x + pan.x + x * zoom, y: origin.y + pan.y + y * zoom };
      }
    }
    throw new Error('no empty spot in the box');
  }
  const snapshot = (page: Page) => page.evaluate(() => (window as unknown as { ztnTrustGraph: { snapshot(): CanvasSnapshot } }).ztnTrustGraph.snapshot());
  const leafIds = (s: CanvasSnapshot) =>
    s.nodes
      .filter((n) => !n.classes.includes('group'))
      .map((n) => n.id)
      .sort();

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

  it('draws cluster and namespace boxes around what they contain, under edges and workloads', async () => {
    const page = await open();
    const rects = await drawnRects(page);
    const inside = (inner: Rect, outer: Rect) => inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;
    for (const n of graph.nodes) {
      if (n.parent && rects.has(n.parent)) assert.ok(inside(rects.get(n.id)!, rects.get(n.parent)!), `${n.id} inside ${n.parent}`);
    }
    for (const g of graph.groups) if (g.parent && rects.has(g.id)) assert.ok(inside(rects.get(g.id)!, rects.get(g.parent)!), `${g.id} inside ${g.parent}`);
    // A click inside a box but beside its workloads selects the box; on a workload, the workload.
    const s = await snapshot(page);
    const shop = s.nodes.find((n) => n.id === 'namespace:east/shop')!;
    const shopBox = rects.get('namespace:east/shop')!;
    const empty = await emptySpotIn(page, shopBox);
    await page.mouse.click(empty.x, empty.y);
    await page.locator('#side-panel').waitFor({ state: 'visible' });
    assert.match(await page.locator('.status').innerText(), /^Selected shop/);
    assert.ok(shop);
    const frontend = s.nodes.find((n) => n.id === FRONTEND)!;
    await page.mouse.click(frontend.onPage.x, frontend.onPage.y);
    assert.match(await page.locator('.status').innerText(), /^Selected frontend/);
    await page.close();
  });

  it('moves a box with what it contains, and stretches a box when a workload is dragged out', async () => {
    const page = await open();
    const before = await snapshot(page);
    const members = graph.nodes.filter((n) => n.parent === 'namespace:east/shop').map((n) => n.id);
    const at = (s: CanvasSnapshot, id: string) => s.nodes.find((n) => n.id === id)!;
    const box = await drawnRects(page);
    const grip = await emptySpotIn(page, box.get('namespace:east/shop')!);
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    await page.mouse.move(grip.x + 40, grip.y + 30, { steps: 4 });
    await page.mouse.up();
    const moved = await snapshot(page);
    const dx = at(moved, members[0]).position.x - at(before, members[0]).position.x;
    const dy = at(moved, members[0]).position.y - at(before, members[0]).position.y;
    assert.ok(Math.abs(dx) > 10 && Math.abs(dy) > 10, `moved by ${dx}, ${dy}`);
    for (const id of members) {
      assert.ok(Math.abs(at(moved, id).position.x - at(before, id).position.x - dx) < 0.01, `${id} moved with its box`);
      assert.ok(Math.abs(at(moved, id).position.y - at(before, id).position.y - dy) < 0.01, `${id} moved with its box`);
    }
    // Drag a workload down: its namespace box grows to keep it inside.
    const shopHeight = (await drawnRects(page)).get('namespace:east/shop')!;
    const cart = at(moved, CART).onPage;
    await page.mouse.move(cart.x, cart.y);
    await page.mouse.down();
    await page.mouse.move(cart.x, cart.y + 120, { steps: 4 });
    await page.mouse.up();
    const grown = (await drawnRects(page)).get('namespace:east/shop')!;
    assert.ok(grown.y2 - grown.y1 > shopHeight.y2 - shopHeight.y1 + 50, 'box grew');
    const cartRect = (await drawnRects(page)).get(CART)!;
    assert.ok(cartRect.y2 <= grown.y2, 'cart still inside its box');
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
    await page.waitForFunction(
      (n) => (window as unknown as { ztnTrustGraph: { snapshot(): CanvasSnapshot } }).ztnTrustGraph.snapshot().nodes.length < n,
      drawnBefore,
    );
    const after = leafIds(await snapshot(page));
    assert.ok(after.length > 0 && after.length < before.length, `${after.length} of ${before.length}`);
    assert.ok(
      after.every((id) => id.includes('/legacy/') || id.startsWith('external:')),
      after.join(', '),
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-filtered.png') });
    await page.close();
  });

  it('searches, focuses a neighbourhood and collapses a namespace box', async () => {
    const page = await open();
    await page.locator('#search input').fill('sa/cart');
    await page.waitForTimeout(100);
    let s = await snapshot(page);
    assert.deepEqual(
      s.nodes.filter((n) => n.classes.includes('match')).map((n) => n.id),
      [CART],
    );
    await page.locator('#search input').fill('');
    // Focus from the panel: only frontend and whom it talks to remain.
    const frontend = (await snapshot(page)).nodes.find((n) => n.id === FRONTEND)!;
    await page.mouse.click(frontend.onPage.x, frontend.onPage.y);
    await page.locator('#side-panel vscode-button', { hasText: 'Focus' }).click();
    s = await snapshot(page);
    const neighbours = new Set([
      FRONTEND,
      ...graph.edges.filter((e) => e.source === FRONTEND).map((e) => e.target),
      ...graph.edges.filter((e) => e.target === FRONTEND).map((e) => e.source),
    ]);
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
    await page.waitForFunction(
      () => document.querySelectorAll('.match').length >= 0 && (window as unknown as { ztnTrustGraph?: unknown }).ztnTrustGraph !== undefined,
    );
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
    await page.waitForFunction(() =>
      (window as unknown as { ztnTrustGraph: { snapshot(): CanvasSnapshot } }).ztnTrustGraph.snapshot().nodes.some((n) => n.id === 'east/shop/cart-v2'),
    );
    const after = await snapshot(page);
    for (const n of before.nodes.filter((x) => !x.classes.includes('group'))) {
      assert.deepEqual(after.nodes.find((x) => x.id === n.id)?.position, n.position, `${n.id} stayed in place`);
    }
    assert.ok(after.edges.some((e) => e.target === 'east/shop/cart-v2'));
    await page.close();
  });

  /**
   * A page that holds every message to the layout worker until `ztnReleaseLayouts()`, so it waits on its first
   * layout for as long as a test needs.
   */
  async function pageHoldingLayouts(): Promise<Page> {
    const page = await chromium.context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => {
      const held: (() => void)[] = [];
      const w = window as unknown as { ztnReleaseLayouts(): void };
      let holding = true;
      w.ztnReleaseLayouts = () => {
        holding = false;
        held.splice(0).forEach((send) => send());
      };
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
        if (holding) held.push(() => post.apply(this, args));
        else post.apply(this, args);
      } as Worker['postMessage'];
    });
    return page;
  }

  it('applies a filter and a live update that come while the first layout is computed', async () => {
    const page = await pageHoldingLayouts();
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.layout === 'running' && document.querySelector('#filter-namespace') !== null);
    await page.locator('#filter-namespace').click();
    await page.locator('#filter-namespace').getByRole('option', { name: 'legacy', exact: true }).click();
    await page.keyboard.press('Escape');
    const updated: TrustGraph = JSON.parse(JSON.stringify(graph));
    const template = updated.nodes.find((n) => n.id.includes('/legacy/'))!;
    updated.nodes.push({ ...template, id: `${template.id}-v2`, label: `${template.label}-v2` });
    await page.evaluate((g) => window.postMessage({ type: 'update', graph: g }, '*'), updated);
    assert.equal(await page.evaluate(() => document.body.dataset.layout), 'running');
    await page.evaluate(() => (window as unknown as { ztnReleaseLayouts(): void }).ztnReleaseLayouts());
    await page.waitForFunction(() => document.body.dataset.layout === 'done');
    const s = await snapshot(page);
    const leaves = leafIds(s);
    assert.ok(leaves.includes(`${template.id}-v2`), 'the update is drawn');
    assert.ok(
      leaves.every((id) => id.includes('/legacy/') || id.startsWith('external:')),
      leaves.join(', '),
    );
    // Laid out, not piled up: no two workloads share a place.
    const places = new Set(s.nodes.filter((n) => !n.classes.includes('group')).map((n) => `${n.position.x},${n.position.y}`));
    assert.equal(places.size, leaves.length);
    await page.close();
  });

  it('selects a workload asked for while the first layout is computed, once it is drawn', async () => {
    const page = await pageHoldingLayouts();
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.layout === 'running');
    const target = graph.nodes.find((n) => n.kind === 'workload')!;
    await page.evaluate((id) => window.postMessage({ type: 'select', id }, '*'), target.id);
    await page.evaluate(() => (window as unknown as { ztnReleaseLayouts(): void }).ztnReleaseLayouts());
    await page.waitForFunction(() => document.body.dataset.layout === 'done');
    assert.equal(await page.locator('#side-panel').isVisible(), true, 'the side panel opened');
    assert.match((await page.locator('#side-panel').textContent()) ?? '', new RegExp(target.label));
    await page.close();
  });

  it('follows the dark color scheme in the standalone page', async () => {
    const page = await open({ colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(30, 30, 30)');
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-dark.png') });
    await page.close();
  });

  it("draws a big graph (over 1,500 elements) whole: boxes around their workloads, arrowheads on the selected node's calls", async () => {
    const big = syntheticGraph(700, 1200);
    const bigUrl = pathToFileURL(writePage('graph-big.html', big)).href;
    const page = await chromium.context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.addInitScript(() => ((window as { ztnCaptureFirstFrame?: boolean }).ztnCaptureFirstFrame = true));
    await page.goto(bigUrl);
    await page.waitForFunction(() => document.body.dataset.layout === 'done', null, { timeout: 60_000 });
    const s = await snapshot(page);
    assert.deepEqual(leafIds(s), big.nodes.map((n) => n.id).sort());
    assert.equal(s.edges.length, big.edges.length);
    // The first frame painted every element straight onto the canvas (cytoscapePatches.ts paintFirstFrameStraight), and it looks
    // exactly like a frame drawn later through cytoscape's textures.
    assert.equal(await page.evaluate(() => document.body.dataset.firstFrameDirect), String(big.nodes.length + big.groups.length + big.edges.length));
    const firstFrame = await page.evaluate(() => (window as { ztnFirstFrame?: string }).ztnFirstFrame);
    assert.ok(firstFrame?.startsWith('data:image/png'));
    await page.waitForTimeout(1000);
    await page.evaluate(() => (window as unknown as { ztnTrustGraph: { redraw(): void } }).ztnTrustGraph.redraw());
    const later = await page.evaluate(() => document.querySelector<HTMLCanvasElement>('#graph canvas[data-id="layer2-node"]')!.toDataURL());
    // Textures are painted at a power-of-two scale and resampled, so edges of shapes differ by a shade: the same
    // picture is the same painted pixels, and hardly any pixel more than a quarter of the range apart.
    const diff = await comparePictures(page, firstFrame!, later);
    assert.ok(diff.painted[0] > 0.05 * diff.pixels, `first frame nearly empty: ${JSON.stringify(diff)}`);
    assert.ok(Math.abs(diff.painted[0] - diff.painted[1]) < 0.002 * diff.pixels, `painted area differs: ${JSON.stringify(diff)}`);
    assert.ok(diff.farApart < 0.01 * diff.pixels, `first frame and a later one differ: ${JSON.stringify(diff)}`);
    // Fitted: every workload is on the canvas.
    const canvas = (await page.locator('#graph').boundingBox())!;
    for (const n of s.nodes)
      assert.ok(
        n.onPage.x >= canvas.x && n.onPage.x <= canvas.x + canvas.width && n.onPage.y >= canvas.y && n.onPage.y <= canvas.y + canvas.height,
        `${n.id} on screen`,
      );
    const rects = await drawnRects(page);
    const inside = (inner: Rect, outer: Rect) => inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;
    for (const n of big.nodes) assert.ok(inside(rects.get(n.id)!, rects.get(n.parent)!), `${n.id} inside ${n.parent}`);
    for (const g of big.groups) if (g.parent) assert.ok(inside(rects.get(g.id)!, rects.get(g.parent)!), `${g.id} inside ${g.parent}`);
    // Plain lines without arrowheads until a node is selected; then its calls show their direction.
    assert.ok(s.edges.every((e) => !e.arrowhead));
    const chosen = big.edges[0].source;
    await page.evaluate((id) => window.postMessage({ type: 'select', id }, '*'), chosen);
    await page.locator('#side-panel').waitFor({ state: 'visible' });
    const selected = await snapshot(page);
    const touching = (e: { source: string; target: string }) => e.source === chosen || e.target === chosen;
    assert.ok(selected.edges.filter(touching).length > 0);
    assert.ok(selected.edges.filter(touching).every((e) => e.arrowhead));
    assert.ok(selected.edges.filter((e) => !touching(e)).every((e) => !e.arrowhead));
    await page.screenshot({ path: join(RESULTS_DIR, 'graph-big.png') });
    await page.keyboard.press('Escape');

    // Reopened zoomed in, the view shows part of the graph: the first frame keeps cytoscape's culling texture path.
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
    await page.waitForTimeout(400); // state is saved debounced
    const zoomed = (await snapshot(page)).zoom;
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { ztnTrustGraph?: { snapshot(): CanvasSnapshot } }).ztnTrustGraph?.snapshot().nodes.length);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal((await snapshot(page)).zoom, zoomed);
    assert.equal(await page.evaluate(() => document.body.dataset.firstFrameDirect), undefined);
    await page.close();
  });

  it('ran without console errors or CSP violations', () => {
    assert.deepEqual(problems, []);
  });
});
