// Peeks at the first bytes of a connection without consuming them: TLS or plaintext, HTTP or opaque TCP.
import type { Duplex } from 'node:stream';

/** TLS records of type handshake start with 0x16; what Envoy's tls_inspector looks for. */
export const TLS_HANDSHAKE_BYTE = 0x16;

const HTTP_REQUEST_START = /^[A-Z]{3,10} [^ \r\n]+ HTTP\/1\.[01]\r?\n/;
const HTTP_METHOD_PREFIX = /^[A-Z]{3,10} /;

/** Resolves with the first chunk (put back on the stream), or undefined when the peer closes first. */
export function peekFirstChunk(stream: Duplex, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (chunk: Buffer | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      stream.off('error', onEnd);
      if (chunk) stream.unshift(chunk);
      resolve(chunk);
    };
    const onReadable = () => {
      const chunk = stream.read() as Buffer | null;
      if (chunk) finish(chunk);
    };
    const onEnd = () => finish(undefined);
    const timer = setTimeout(onEnd, timeoutMs);
    stream.on('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('close', onEnd);
    stream.once('error', onEnd);
    onReadable();
  });
}

/** Istio's protocol sniffing, reduced to what the sandbox needs: does this look like an HTTP/1 request? */
export function looksLikeHttp(chunk: Buffer): boolean {
  const head = chunk.subarray(0, 256).toString('latin1');
  return HTTP_REQUEST_START.test(head) || (head.length < 16 && HTTP_METHOD_PREFIX.test(head));
}
