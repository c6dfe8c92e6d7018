// Passing an HTTP answer from a proxy's upstream to its caller: a small one whole, in one write; a large one streamed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOP_BY_HOP } from './hopHeaders';

/** Answers up to this size (with a Content-Length) are held and written at once: no stream pipe for one small body. */
const MAX_HELD_BYTES = 256 * 1024;

/** Relays status, end-to-end headers and body of `answer` to `res`; `onEnd` runs once the body has been passed on. */
export function relayAnswer(answer: IncomingMessage, res: ServerResponse, onEnd: () => void): void {
  const headers = { ...answer.headers };
  for (const h of HOP_BY_HOP) delete headers[h];
  const status = answer.statusCode ?? 502;
  const length = Number(answer.headers['content-length']);
  if (!(length >= 0 && length <= MAX_HELD_BYTES)) {
    res.writeHead(status, headers);
    answer.pipe(res);
    answer.on('end', onEnd);
    return;
  }
  const chunks: Buffer[] = [];
  answer.on('data', (chunk: Buffer) => chunks.push(chunk));
  answer.on('end', () => {
    res.writeHead(status, headers).end(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    onEnd();
  });
}
