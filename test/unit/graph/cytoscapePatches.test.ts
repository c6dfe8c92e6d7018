// The cytoscape patches: pinned to the version they were written against, equivalent to what they replace, and inert
// when the internals they need are missing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import cytoscape from 'cytoscape';
import {
  installFastStyleCacheDirtying,
  paintFirstFrameStraight,
  PATCHED_CYTOSCAPE_VERSION,
  skipLayerTexturesOnFirstFrame,
  suppressInjectedStylesheet,
} from '../../../webview/cytoscapePatches';

const ROOT = join(__dirname, '..', '..', '..');
const packageJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('webview: cytoscape patches', () => {
  describe('version', () => {
    it('were written against the installed cytoscape', () => {
      assert.equal(
        packageJson('node_modules/cytoscape/package.json').version,
        PATCHED_CYTOSCAPE_VERSION,
        'check every patch in webview/cytoscapePatches.ts against the new version, then update PATCHED_CYTOSCAPE_VERSION',
      );
      assert.equal((cytoscape as unknown as { version: string }).version, PATCHED_CYTOSCAPE_VERSION);
    });
    it('are pinned in package.json to that exact version', () => {
      assert.equal(packageJson('package.json').dependencies.cytoscape, PATCHED_CYTOSCAPE_VERSION);
    });
  });

  describe('fast style cache dirtying', () => {
    type Proto = { dirtyStyleCache: (this: cytoscape.Collection) => cytoscape.Collection; ztnFastDirty?: boolean };
    const proto = Object.getPrototypeOf(cytoscape({ headless: true }).collection()) as Proto;
    const stock = proto.dirtyStyleCache;
    // The patch sits on the prototype every cytoscape instance shares (the layout tests run cytoscape too).
    afterEach(() => {
      proto.dirtyStyleCache = stock;
      delete proto.ztnFastDirty;
    });

    /** Ids whose style cache `dirty` clears when called on `pick(cy)`. */
    function dirtied(compound: boolean, pick: (cy: cytoscape.Core) => cytoscape.Collection, dirty: Proto['dirtyStyleCache']): string[] {
      const cy = cytoscape({
        headless: true,
        elements: [
          { data: { id: 'cluster' } },
          { data: { id: 'ns', parent: compound ? 'cluster' : undefined } },
          { data: { id: 'a', parent: compound ? 'ns' : undefined } },
          { data: { id: 'b', parent: compound ? 'ns' : undefined } },
          { data: { id: 'c' } },
          { data: { id: 'd' } },
          { data: { id: 'a-b', source: 'a', target: 'b' } },
          { data: { id: 'b-c', source: 'b', target: 'c' } },
          { data: { id: 'c-d', source: 'c', target: 'd' } },
        ],
      });
      const privates = () => cy.elements().map((e) => [e.id(), (e as unknown as { _private: { styleCache: unknown } })._private] as const);
      for (const [, p] of privates()) p.styleCache = ['cached'];
      dirty.call(pick(cy));
      const out = privates()
        .filter(([, p]) => p.styleCache === null)
        .map(([id]) => id)
        .sort();
      cy.destroy();
      return out;
    }

    for (const compound of [true, false]) {
      for (const [what, pick] of [
        ['a workload', (cy) => cy.$id('a')],
        ['a box', (cy) => cy.$id('ns')],
        ['an edge', (cy) => cy.$id('b-c')],
        ['several elements', (cy) => cy.$id('cluster').union(cy.$id('c-d')).union(cy.$id('d'))],
      ] as [string, (cy: cytoscape.Core) => cytoscape.Collection][]) {
        it(`clears the same caches as the stock version for ${what}${compound ? ' (compound nodes)' : ''}`, () => {
          const expected = dirtied(compound, pick, stock);
          assert.equal(installFastStyleCacheDirtying(cytoscape({ headless: true })), true);
          assert.notEqual(proto.dirtyStyleCache, stock);
          assert.deepEqual(dirtied(compound, pick, proto.dirtyStyleCache), expected);
          assert.ok(expected.length > 0);
        });
      }
    }

    it('installs once', () => {
      installFastStyleCacheDirtying(cytoscape({ headless: true }));
      const patched = proto.dirtyStyleCache;
      assert.equal(installFastStyleCacheDirtying(cytoscape({ headless: true })), true);
      assert.equal(proto.dirtyStyleCache, patched);
    });

    it('hands elements of another shape to the stock version, and leaves a cytoscape without the method alone', () => {
      const stockCalls: unknown[] = [];
      class FakeCollection {
        [i: number]: unknown;
        length = 0;
        dirtyStyleCache(): this {
          stockCalls.push(this);
          return this;
        }
      }
      const fakeCy = { collection: () => new FakeCollection() } as unknown as cytoscape.Core;
      assert.equal(installFastStyleCacheDirtying(fakeCy), true);
      const unknownShape = Object.assign(new FakeCollection(), { length: 1, 0: { _private: { group: 'nodes' } } });
      (unknownShape.dirtyStyleCache as () => unknown).call(unknownShape);
      assert.deepEqual(stockCalls, [unknownShape]);

      const noMethod = { collection: () => Object.create({}) } as unknown as cytoscape.Core;
      assert.equal(installFastStyleCacheDirtying(noMethod), false);
    });
  });

  describe('first frame', () => {
    const fakeCy = (renderer: unknown) => ({ renderer: () => renderer }) as unknown as cytoscape.Core;

    it("clears the layered texture cache's first-get flag when there is one", () => {
      const layers = { firstGet: true };
      assert.equal(skipLayerTexturesOnFirstFrame(fakeCy({ data: { lyrTxrCache: layers } })), true);
      assert.equal(layers.firstGet, false);
    });

    it('leaves renderers without that flag alone (headless, or another layout of the cache)', () => {
      const headless = cytoscape({ headless: true });
      assert.equal(skipLayerTexturesOnFirstFrame(headless), false);
      headless.destroy();
      const renamed = { firstFetch: true };
      assert.equal(skipLayerTexturesOnFirstFrame(fakeCy({ data: { lyrTxrCache: renamed } })), false);
      assert.deepEqual(renamed, { firstFetch: true });
      assert.equal(skipLayerTexturesOnFirstFrame({} as cytoscape.Core), false);
    });

    /** A renderer with the three drawing calls the patch uses, recording what it was asked to draw. */
    function recordingRenderer() {
      const calls: string[] = [];
      const renderer = {
        drawCachedElements(_context: unknown, eles: { id(): string }[]) {
          calls.push(`textures ${eles.map((e) => e.id()).join(',')}`);
        },
        drawElement(_context: unknown, ele: { id(): string }, _shift: undefined, showLabel: boolean) {
          calls.push(`straight ${ele.id()}${showLabel ? ' with label' : ''}`);
        },
        eleTextBiggerThanMin(ele: { id(): string }) {
          return ele.id() !== 'tiny';
        },
      };
      return { renderer, calls };
    }
    const element = (id: string, visible = true) => ({ id: () => id, visible: () => visible });

    it('paints the first frame straight onto the canvas once, then goes through the textures again', () => {
      const { renderer, calls } = recordingRenderer();
      const stock = renderer.drawCachedElements;
      const painted: [number, unknown][] = [];
      assert.equal(
        paintFirstFrameStraight(fakeCy(renderer), (count, canvas) => painted.push([count, canvas])),
        true,
      );
      const canvas = { id: 'canvas' };
      const eles = [element('a'), element('hidden', false), element('tiny')];
      renderer.drawCachedElements({ canvas }, eles);
      assert.deepEqual(calls, ['straight a with label', 'straight tiny']);
      assert.deepEqual(painted, [[2, canvas]]);
      assert.equal(renderer.drawCachedElements, stock);
      renderer.drawCachedElements({ canvas }, eles);
      assert.deepEqual(calls.slice(2), ['textures a,hidden,tiny']);
    });

    it('leaves a renderer without one of those drawing calls alone', () => {
      const { renderer } = recordingRenderer();
      const stock = renderer.drawCachedElements;
      const partial: Partial<typeof renderer> = { ...renderer, eleTextBiggerThanMin: undefined };
      assert.equal(paintFirstFrameStraight(fakeCy(partial)), false);
      assert.equal(partial.drawCachedElements, stock);
      const headless = cytoscape({ headless: true });
      assert.equal(paintFirstFrameStraight(headless), false);
      headless.destroy();
    });
  });

  it('puts the marker that stops cytoscape injecting its stylesheet in the head, once', () => {
    const head: { id: string }[] = [];
    const doc = {
      getElementById: (id: string) => head.find((e) => e.id === id) ?? null,
      createElement: () => ({ id: '' }),
      head: { append: (e: { id: string }) => head.push(e) },
    } as unknown as Document;
    suppressInjectedStylesheet(doc);
    suppressInjectedStylesheet(doc);
    assert.deepEqual(head, [{ id: '__________cytoscape_stylesheet' }]);
  });
});
