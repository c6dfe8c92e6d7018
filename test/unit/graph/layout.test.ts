// The page side of layouts: what a layout is asked, and answers to layouts no longer wanted dropped.
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import { layoutInput, LayoutRunner } from '../../../webview/layout';
import type { LayoutAnswer, LayoutRequest } from '../../../webview/layoutCore';
import { defaultViewState, viewModel } from '../../../webview/view';
import { FRONTEND, shopIndex, shopTraffic } from './fixture';

/** A layout worker that answers only when told to, in any order. */
class HeldWorker {
  onmessage: ((e: MessageEvent<LayoutAnswer>) => void) | null = null;
  readonly requests: LayoutRequest[] = [];
  postMessage(request: LayoutRequest): void {
    this.requests.push(request);
  }
  answer(request: LayoutRequest): void {
    this.onmessage?.({
      data: { id: request.id, positions: { [request.nodes[0]?.id ?? 'none']: { x: request.id, y: 0 } }, ms: 1 },
    } as MessageEvent<LayoutAnswer>);
  }
}

describe('webview: layout runner', () => {
  it('asks the layout for node sizes, boxes and edges of the view model', () => {
    const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });
    const model = viewModel(graph, defaultViewState());
    const input = layoutInput(model, 'force');
    assert.equal(input.layout, 'force');
    assert.equal(input.nodes.length, model.nodes.length);
    assert.equal(input.edges.length, model.edges.length);
    const frontend = model.nodes.find((n) => n.data.id === FRONTEND)!.data;
    assert.deepEqual(
      input.nodes.find((n) => n.id === FRONTEND),
      { id: FRONTEND, parent: frontend.parent, w: frontend.w, h: frontend.h },
    );
  });

  it('drops the answer to a layout a later one replaced, whatever order the answers come in', async () => {
    const worker = new HeldWorker();
    const runner = new LayoutRunner(worker as unknown as Worker);
    assert.equal(runner.offThread, true);
    const first = runner.runLatest({ layout: 'layered', nodes: [{ id: 'a', w: 1, h: 1 }], edges: [] });
    const second = runner.runLatest({ layout: 'force', nodes: [{ id: 'b', w: 1, h: 1 }], edges: [] });
    worker.answer(worker.requests[1]);
    worker.answer(worker.requests[0]);
    assert.equal(await first, undefined);
    assert.deepEqual((await second)?.positions, { b: { x: worker.requests[1].id, y: 0 } });
  });
});
