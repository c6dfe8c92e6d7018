// Web Worker entry: layouts run here so laying out a big graph never blocks the page.
import { computeLayout, type LayoutRequest } from './layoutCore';

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  try {
    self.postMessage(computeLayout(event.data));
  } catch (err) {
    self.postMessage({ id: event.data.id, positions: {}, ms: 0, error: (err as Error).message });
  }
};
