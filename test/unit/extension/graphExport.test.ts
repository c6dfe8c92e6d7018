// Saving a trust graph export: bytes per format and the confirmation with its Open button.
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import { exportBytes, exportedMessage, OPEN_EXPORT } from '../../../src/extension/graphExport';
import { graphJsonForView } from '../../../webview/graphJson';
import { defaultViewState } from '../../../webview/view';
import { shopIndex } from '../graph/fixture';

describe('extension: trust graph exports', () => {
  it('writes png from its data URL and text as UTF-8', () => {
    assert.deepEqual([...exportBytes('png', 'data:image/png;base64,iVBORw0KGgo=')].slice(0, 4), [0x89, 0x50, 0x4e, 0x47]);
    assert.equal(exportBytes('svg', '<svg/>').toString('utf8'), '<svg/>');
  });

  it('confirms where the file went (the notification has an Open button) and says when the JSON is filtered', () => {
    const graph = buildTrustGraph(shopIndex(), {});
    assert.equal(OPEN_EXPORT, 'Open');
    assert.equal(exportedMessage('svg', 'trust-graph.svg', '<svg/>'), 'Zero Trust: trust graph exported as SVG to trust-graph.svg.');
    const whole = graphJsonForView(graph, defaultViewState());
    assert.equal(exportedMessage('json', 'g.json', whole), 'Zero Trust: trust graph exported as JSON to g.json.');
    const filtered = graphJsonForView(graph, { ...defaultViewState(), filters: { ...defaultViewState().filters, namespaces: ['legacy'] } });
    assert.equal(exportedMessage('json', 'g.json', filtered), 'Zero Trust: trust graph exported as JSON (as filtered in the view) to g.json.');
  });
});
