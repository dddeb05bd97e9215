// The HTTP edge of the API: what a request may be (methods, query parameters, JSON bodies) and how answers
// and errors leave. Every failure leaves as `{ error: { code, message, retriable } }` with the HTTP status
// of its code in errors/index.ts.
import type http from 'node:http';
import contentType from 'content-type';
import { AtlasError } from '../../errors/index.ts';
import { presentError } from './error-response.ts';

const MAX_BODY = 256 * 1024;
/** How much of an oversized body is read (and dropped) before the connection is cut. */
const DRAIN_LIMIT = 16 * MAX_BODY;
/** Deeper JSON than this is refused before anything recursive (parameter conversion, the driver) sees it. */
const MAX_JSON_DEPTH = 32;

export const badRequest = (message: string) => new AtlasError('BAD_REQUEST', message);
export const notFound = (what: string) => new AtlasError('NOT_FOUND', `${what} was not found.`);

/** The query string of one request, read with validation: a bad value is a 400 naming the parameter. */
export class QueryParams {
  constructor(private readonly q: URLSearchParams) {}

  string(name: string): string {
    return this.q.get(name) ?? '';
  }

  /** A whole number within [min, max]; absent or empty gives the default. */
  int(name: string, fallback: number, range: { min: number; max: number }): number {
    const raw = this.q.get(name);
    if (raw === null || raw.trim() === '') return fallback;
    const n = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
      throw badRequest(`"${name}" must be a whole number from ${range.min} to ${range.max}; got "${raw.slice(0, 40)}".`);
    }
    return n;
  }

  /** Comma-separated values, trimmed, empties dropped. */
  list(name: string): string[] {
    return this.string(name)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

/**
 * Requests from other origins are refused before anything is read: a browser marks every request with
 * `Sec-Fetch-Site` (only `same-origin` or `none`, a typed URL, may pass — `same-site` includes other ports
 * of 127.0.0.1) and sends `Origin` on every POST, which must name this server's own host. Clients that send
 * neither (curl, scripts) are not browsers carrying a user's ambient access, and pass.
 */
export function assertSameOrigin(req: http.IncomingMessage): void {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers['origin'];
  let sameHost = true;
  if (origin !== undefined) {
    try {
      sameHost = new URL(origin).host === req.headers.host;
    } catch {
      sameHost = false; // "null": a sandboxed frame or a file:// page
    }
  }
  if ((site !== undefined && site !== 'same-origin' && site !== 'none') || !sameHost) {
    throw new AtlasError('FORBIDDEN', 'Cross-origin requests are refused: the API answers only the explorer it serves itself.');
  }
}

/** Routes that name a node or edge need its id in the path. */
export function requireArg(arg: string, usage: string): void {
  if (!arg) throw badRequest(`Give an id: ${usage}.`);
}

/** The path segment after the route, percent-decoded; a malformed escape is the client's error. */
export function routeArgument(segments: string[]): string {
  const raw = segments.join('/');
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest('The path holds a malformed percent-escape (such as "%ZZ").');
  }
}

/**
 * Exactly `application/json`, with at most a UTF-8 charset: the media type is parsed, not searched, so
 * `text/plain; x=application/json` (which a cross-site form or no-cors fetch may send) is refused.
 */
export function isJsonMediaType(header: string | undefined): boolean {
  if (!header) return false;
  try {
    const { type, parameters } = contentType.parse(header);
    const keys = Object.keys(parameters);
    return type === 'application/json' && keys.every((k) => k === 'charset' && parameters[k].toLowerCase() === 'utf-8');
  } catch {
    return false;
  }
}

/** The JSON object of a POST body: exact media type, bounded size and depth. */
export async function readJsonObject(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  if (!isJsonMediaType(req.headers['content-type'])) {
    throw new AtlasError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with exactly "Content-Type: application/json".');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
    // Past the limit the rest is read and dropped, so the 413 reaches a client still sending (leaving the
    // loop destroys the socket under it: the client then sees ECONNRESET, on this or its next request);
    // a body far past it is cut off.
    else if (size > DRAIN_LIMIT) break;
  }
  if (size > MAX_BODY) throw new AtlasError('REQUEST_TOO_LARGE', `The request body is larger than ${MAX_BODY / 1024} KB.`);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  if (jsonDepth(body) > MAX_JSON_DEPTH) throw badRequest(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  return body as Record<string, unknown>;
}

/** Nesting depth of a parsed JSON value, without recursion (a hostile body can be 100k levels deep). */
export function jsonDepth(v: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_JSON_DEPTH) return max;
    for (const y of Array.isArray(x) ? x : Object.values(x)) stack.push([y, d + 1]);
  }
  return max;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(data);
}

export function sendError(res: http.ServerResponse, err: unknown): void {
  const e = presentError(err);
  if (e.code === 'INTERNAL') console.error('[atlas serve]', err);
  // The unread rest of an oversized body makes the connection unusable for another request.
  if (e.code === 'REQUEST_TOO_LARGE' && !res.headersSent) res.setHeader('Connection', 'close');
  sendJson(res, e.httpStatus, { error: { code: e.code, message: e.message, retriable: e.retriable } });
}
