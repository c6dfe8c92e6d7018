// The view state the trust graph webview starts from when the host already knows what to select (CodeLens, tree view).
import type { ViewState } from '../../webview/protocol';
import { defaultViewState } from '../../webview/view';

/**
 * The webview lays out the first graph before it draws a canvas, so a separate 'select' message arriving meanwhile
 * finds nothing to select and is lost. A selection known before the first graph therefore travels inside its state.
 */
export function firstGraphState(restored: ViewState | undefined, select: string | undefined): ViewState | undefined {
  if (!select) return restored;
  return { ...(restored ?? defaultViewState()), selected: select };
}
