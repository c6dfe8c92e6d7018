// What the trust graph page starts before the rest of its code runs: main.ts imports this module first, so the layout
// worker compiles its script and the codicon font loads while cytoscape and the controls are set up, not after.

/** The layout worker's bundled source, inlined by scripts/build.mjs. */
declare const ZTN_LAYOUT_WORKER_SOURCE: string | undefined;

/**
 * The codicon font, loaded: canvas labels draw codicon glyphs and cytoscape caches label bitmaps, so the font must
 * be there before the first draw. A page that waits longer than 1.5 s for it draws with the fallback font.
 */
export const codiconFont: Promise<unknown> = Promise.race([
  document.fonts?.load('12px codicon').catch(() => undefined) ?? Promise.resolve(),
  new Promise((r) => setTimeout(r, 1500)),
]);

/** The layout worker, built from the page's own embedded source; undefined where workers are unavailable. */
export const layoutWorker: Worker | undefined = (() => {
  if (typeof ZTN_LAYOUT_WORKER_SOURCE !== 'string' || typeof Worker === 'undefined') return undefined;
  try {
    return new Worker(URL.createObjectURL(new Blob([ZTN_LAYOUT_WORKER_SOURCE], { type: 'text/javascript' })));
  } catch {
    return undefined;
  }
})();
