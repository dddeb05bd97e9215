// Typed calls to the explorer API. Each call counts towards `store.loading` (the loading bar) and turns
// an error response into an `ApiFailure` carrying the server's code and message.
import type {
  CommunityView,
  DocumentResponse,
  EdgeDetail,
  EntityDetail,
  ExpandResponse,
  GraphData,
  NamedQuery,
  OverviewResponse,
  PathResponse,
  TimelineResponse,
  QueryResponse,
  SearchResponse,
  SourcesResponse,
} from '../../server/api-types.ts';
import type { ExpandGroupsResponse } from '../../server/api-types.ts';
import { store } from './state.ts';

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit & { quiet?: boolean }): Promise<T> {
  const quiet = init?.quiet;
  if (!quiet) store.set({ loading: store.get().loading + 1 });
  try {
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init?.headers ?? {}) } });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw new ApiFailure('Cancelled', 'Cancelled.', 0);
      throw new ApiFailure('Network', 'The Atlas server is not reachable. Is `atlas serve` still running?', 0);
    }
    const body = (await res.json().catch(() => null)) as unknown;
    if (!res.ok) {
      const e = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiFailure(e?.code ?? `HTTP${res.status}`, e?.message ?? `The server answered ${res.status}.`, res.status);
    }
    return body as T;
  } finally {
    if (!quiet) store.set({ loading: Math.max(0, store.get().loading - 1) });
  }
}

const enc = encodeURIComponent;
const post = (body: unknown, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  signal,
});

export const api = {
  overview: (limit = 60) => call<OverviewResponse>(`/api/overview?limit=${limit}`),
  search: (q: string, signal?: AbortSignal) =>
    call<SearchResponse>(`/api/search?q=${enc(q)}&limit=10`, { signal, quiet: true }),
  entity: (id: string) => call<EntityDetail>(`/api/entity/${enc(id)}`),
  expand: (id: string, o: { skip?: number; limit?: number; types?: string[]; rels?: string[] } = {}) =>
    call<ExpandResponse>(
      `/api/expand/${enc(id)}?skip=${o.skip ?? 0}&limit=${o.limit ?? 25}` +
        (o.types?.length ? `&types=${enc(o.types.join(','))}` : '') +
        (o.rels?.length ? `&rels=${enc(o.rels.join(','))}` : ''),
    ),
  sources: (id: string, o: { skip: number; limit: number; sort: 'relevance' | 'date' }) =>
    call<SourcesResponse>(`/api/sources/${enc(id)}?skip=${o.skip}&limit=${o.limit}&sort=${o.sort}`),
  community: (id: string, limit = 40) => call<CommunityView>(`/api/community/${enc(id)}?limit=${limit}`),
  expandGroups: (id: string) => call<ExpandGroupsResponse>(`/api/expand-groups/${enc(id)}`),
  edge: (id: string) => call<EdgeDetail>(`/api/edge/${enc(id)}`),
  document: (id: string) => call<DocumentResponse>(`/api/document/${enc(id)}`),
  path: (from: string, to: string) => call<PathResponse>(`/api/path?from=${enc(from)}&to=${enc(to)}`),
  timeline: (ids: string[], range: { from: string; to: string } | null) =>
    call<TimelineResponse>('/api/timeline', { ...post({ ids, ...(range ?? {}) }), quiet: true }),
  subgraph: (ids: string[]) => call<GraphData>('/api/subgraph', post({ ids })),
  query: (cypher: string, params: Record<string, unknown>, signal?: AbortSignal) =>
    call<QueryResponse>('/api/query', post({ cypher, params }, signal)),
  queries: () => call<{ queries: NamedQuery[] }>('/api/queries'),
  schema: () =>
    call<{ labels: string[]; relationshipTypes: string[]; propertyKeys: string[]; rowCap: number; queryTimeoutMs: number }>(
      '/api/schema',
      { quiet: true },
    ),
};
