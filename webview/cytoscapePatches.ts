// Every place the trust graph page reaches into cytoscape's private fields or renderer internals, in one module.
//
// Written against cytoscape 3.34.4 (PATCHED_CYTOSCAPE_VERSION; package.json pins exactly that version, and a unit
// test fails when the installed one differs). None of these is public API: each patch first checks that the internals
// it needs are there, and leaves cytoscape alone when they are not, so a newer cytoscape draws correctly, only slower.
//
// - installFastStyleCacheDirtying: the stock Collection#dirtyStyleCache allocates collections for every style
//   property of every element; ours clears the same caches through the elements' `_private` fields.
// - skipLayerTexturesOnFirstFrame: the canvas renderer's LayeredTextureCache fills every layer texture before the
//   first frame shows anything; clearing its `firstGet` flag lets that frame draw at once.
// - paintFirstFrameStraight: wraps the renderer's `drawCachedElements` once, so the first frame of a fitted big graph
//   paints elements straight onto the canvas instead of through a texture per element.
// - suppressInjectedStylesheet: cytoscape injects a <style> unless an element with its private id exists; under the
//   page's CSP that injection is a violation.
import type cytoscape from 'cytoscape';

/** The cytoscape version the patches below were written against and checked with. */
export const PATCHED_CYTOSCAPE_VERSION = '3.34.4';

/** The fields of an element's `_private` that the style cache patch reads and writes. */
interface ElementPrivate {
  group: 'nodes' | 'edges';
  styleCache?: unknown;
  parent?: { _private: ElementPrivate } | null;
  children?: { _private: ElementPrivate }[];
  edges?: { _private: ElementPrivate }[];
}

type DirtyStyleCache = (this: cytoscape.Collection) => cytoscape.Collection;
type CollectionProto = { dirtyStyleCache?: DirtyStyleCache; ztnFastDirty?: boolean };

/** An element's `_private`, when it has the shape this module expects of cytoscape 3.34. */
function elementPrivate(ele: unknown): ElementPrivate | undefined {
  const p = (ele as { _private?: Partial<ElementPrivate> } | undefined)?._private;
  if (!p) return undefined;
  if (p.group === 'edges') return p as ElementPrivate;
  if (p.group === 'nodes' && Array.isArray(p.edges) && Array.isArray(p.children)) return p as ElementPrivate;
  return undefined;
}

/**
 * Cytoscape calls `dirtyStyleCache` once per style property applied to an element, and the stock version builds
 * collections each time (self, descendants, ancestors and their edges with compound nodes; the connected edges
 * without). The same set is reachable through the elements' own fields without allocating: an edge itself; a node,
 * its ancestors, its descendants and the edges of all of them. An element of another shape gets the stock version.
 * The patch is on the collection prototype, shared by every cytoscape instance of the page; installed once.
 * Returns whether the patch is in place.
 */
export function installFastStyleCacheDirtying(cy: cytoscape.Core): boolean {
  const proto = Object.getPrototypeOf(cy.collection()) as CollectionProto;
  if (proto.ztnFastDirty) return true;
  const stock = proto.dirtyStyleCache;
  if (typeof stock !== 'function') return false;
  proto.ztnFastDirty = true;
  proto.dirtyStyleCache = function (this: cytoscape.Collection) {
    const elements = this as unknown as ArrayLike<unknown>;
    for (let i = 0; i < elements.length; i++) if (!elementPrivate(elements[i])) return stock.call(this);
    const dirty = (p: ElementPrivate) => {
      p.styleCache = null;
      for (const e of p.edges ?? []) e._private.styleCache = null;
    };
    for (let i = 0; i < elements.length; i++) {
      const p = elementPrivate(elements[i])!;
      if (p.group !== 'nodes') {
        p.styleCache = null;
        continue;
      }
      dirty(p);
      for (let a = p.parent; a; a = a._private.parent) dirty(a._private);
      // Descendants: boxes pass opacity and visibility down to what they contain.
      const stack = [...(p.children ?? [])];
      for (let d = stack.pop(); d; d = stack.pop()) {
        dirty(d._private);
        stack.push(...(d._private.children ?? []));
      }
    }
    return this;
  };
  return true;
}

/** The parts of cytoscape's canvas renderer the first frame of a big graph is drawn through. */
interface CanvasRenderer {
  data?: { lyrTxrCache?: { firstGet?: unknown } };
  drawCachedElements?: (context: CanvasRenderingContext2D, eles: cytoscape.SingularElementArgument[], pxRatio: number, extent: unknown) => void;
  drawElement?: (context: CanvasRenderingContext2D, ele: cytoscape.SingularElementArgument, shiftToOriginWithBb: undefined, showLabel: boolean) => void;
  /** Whether a label is big enough on screen to draw (its `min-zoomed-font-size`), as the texture path decides. */
  eleTextBiggerThanMin?: (ele: cytoscape.SingularElementArgument) => boolean;
}

function canvasRenderer(cy: cytoscape.Core): CanvasRenderer | undefined {
  const renderer = (cy as unknown as { renderer?: unknown }).renderer;
  return typeof renderer === 'function' ? ((renderer as () => CanvasRenderer | undefined).call(cy) ?? undefined) : undefined;
}

/**
 * The canvas renderer draws the graph into a set of layer textures that make pan and zoom cheap. On the first frame
 * it fills them all before showing anything; told that first frame has passed, it draws the elements onto the canvas
 * and fills the layers in idle frames afterwards. Returns whether the flag was there to clear.
 */
export function skipLayerTexturesOnFirstFrame(cy: cytoscape.Core): boolean {
  const layers = canvasRenderer(cy)?.data?.lyrTxrCache;
  if (!layers || typeof layers.firstGet !== 'boolean') return false;
  layers.firstGet = false;
  return true;
}

/**
 * Without the layer textures (skipLayerTexturesOnFirstFrame), each node of the first frame is still painted into a
 * texture of its own and then copied onto the canvas. When the first frame shows the whole graph (fitted after the
 * first layout), it is painted straight onto the canvas instead, with the drawing calls the textures would get; the
 * per-element textures are made when the layers fill in or the view moves. (A view restored zoomed in shows part of
 * the graph, which the texture path culls element by element; it keeps that path.)
 * `painted` hears how many elements were painted this way, and the canvas they went to. Returns whether the patch
 * was installed.
 */
export function paintFirstFrameStraight(cy: cytoscape.Core, painted?: (count: number, canvas: HTMLCanvasElement) => void): boolean {
  const renderer = canvasRenderer(cy);
  const cached = renderer?.drawCachedElements;
  const direct = renderer?.drawElement;
  const labelShown = renderer?.eleTextBiggerThanMin;
  if (!renderer || typeof cached !== 'function' || typeof direct !== 'function' || typeof labelShown !== 'function') return false;
  renderer.drawCachedElements = function (this: CanvasRenderer, context, eles) {
    // Every later frame (and any other caller) goes through the textures again.
    renderer.drawCachedElements = cached;
    // Called this way, drawElement would draw every label whatever its size on screen; the texture path skips those
    // too small to read, and so does this.
    let count = 0;
    for (const ele of eles) {
      if (!ele.visible()) continue;
      direct.call(this, context, ele, undefined, labelShown.call(this, ele));
      count++;
    }
    painted?.(count, context.canvas);
  };
  return true;
}

/** Cytoscape's own id for the stylesheet it injects; when an element with this id exists, it injects none. */
const INJECTED_STYLESHEET_ID = '__________cytoscape_stylesheet';

/**
 * Cytoscape injects a <style> into the page unless an element with its id exists; under our CSP that injection is a
 * violation, and styles.css already positions the container. (Should cytoscape stop looking for the id, the
 * injection comes back and the browser tests see the CSP violation.)
 */
export function suppressInjectedStylesheet(doc: Document = document): void {
  if (doc.getElementById(INJECTED_STYLESHEET_ID)) return;
  const marker = doc.createElement('meta');
  marker.id = INJECTED_STYLESHEET_ID;
  doc.head.append(marker);
}
