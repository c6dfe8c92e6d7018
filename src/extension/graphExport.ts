// Saving a trust graph export from the webview: the bytes to write and the confirmation shown afterwards.
import type { ExportFormat } from '../../webview/protocol';

/** svg and json arrive as text, png as a data: URL. */
export function exportBytes(format: ExportFormat, data: string): Buffer {
  return format === 'png' ? Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64') : Buffer.from(data, 'utf8');
}

export const OPEN_EXPORT = 'Open';

/** The notification after the file is written; its button opens it. A filtered JSON export says so. */
export function exportedMessage(format: ExportFormat, relativePath: string, data: string): string {
  const filtered = format === 'json' && /"view":\s*\{\s*"filtered":\s*true/.test(data.slice(0, 4096).replace(/\n/g, ' ')) ? ' (as filtered in the view)' : '';
  return `Zero Trust: trust graph exported as ${format.toUpperCase()}${filtered} to ${relativePath}.`;
}
