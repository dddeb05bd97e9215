// Fetching one URL: the body is streamed against the byte budget (a declared Content-Length over it is refused
// before reading; an endless or lying body is cut one chunk past it), and one deadline covers the answer and
// the whole body. Every network failure — unreachable, timed out, cut off — is a retriable FETCH_FAILED.
import { IngestError } from '../errors.ts';
import { mb, tooLarge } from './decode.ts';

export interface Fetched {
  bytes: Uint8Array;
  /** The Content-Type header, '' when absent. */
  contentType: string;
  /** The charset the Content-Type declares, if any. */
  charset?: string;
}

const USER_AGENT = 'Atlas/0.1 (knowledge-graph builder)';

export async function fetchBounded(url: string, maxBytes: number, timeoutMs: number): Promise<Fetched> {
  const signal = AbortSignal.timeout(timeoutMs);
  const late = `no complete answer within ${timeoutMs / 1000} s`;
  let res: Response;
  try {
    res = await fetch(url, { signal, redirect: 'follow', headers: { 'user-agent': USER_AGENT } });
  } catch (cause) {
    const why = signal.aborted ? late : `unreachable (${(cause as Error & { cause?: Error }).cause?.message ?? (cause as Error).message})`;
    throw new IngestError('FETCH_FAILED', url, `cannot fetch URL: ${why}`, { retriable: true, cause });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new IngestError('FETCH_FAILED', url, `cannot fetch URL: HTTP ${res.status} ${res.statusText}`, { retriable: res.status >= 500 || res.status === 429 });
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(url, `response too large: ${mb(declared)} MB declared`, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  try {
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(url, `response too large: more than ${mb(maxBytes)} MB received`, maxBytes);
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof IngestError) throw cause;
    const why = signal.aborted ? late : `connection lost while reading the body (${(cause as Error).message})`;
    throw new IngestError('FETCH_FAILED', url, `cannot fetch URL: ${why}`, { retriable: true, cause });
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  const contentType = res.headers.get('content-type') ?? '';
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  return { bytes, contentType, charset };
}
