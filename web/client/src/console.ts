// The Cypher console: a CodeMirror 6 editor with Cypher highlighting and completion, Ctrl/Cmd+Enter to run,
// parameter inputs for every `$name` in the query, results as a graph or a table, clear errors, a history,
// and the named queries of `queries/` as one-click saved queries. The server runs everything read-only.
import { createCypherEditor } from '@neo4j-cypher/codemirror';
import type { EditorApi } from '@neo4j-cypher/codemirror';
import '@neo4j-cypher/codemirror/css/cypher-codemirror.css';
import { keymap } from '@codemirror/view';
import { Prec } from '@codemirror/state';
import type { NamedQuery, QueryResponse, GraphNode, GraphEdge } from '../../server/api-types.ts';
import { api, ApiFailure } from './api.ts';
import { h, clear } from './dom.ts';
import { GraphView } from './graph-view.ts';
import type { Bus, Store } from './state.ts';
import { shapeIcon, typeStyle } from './theme.ts';

const HISTORY_KEY = 'atlas.console.history';
const HISTORY_MAX = 30;

interface HistoryEntry {
  cypher: string;
  params: Record<string, unknown>;
  at: number;
}

interface ParamDef {
  name: string;
  type: string;
  value: string;
}

function loadHistory(): HistoryEntry[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as HistoryEntry[]).filter((x) => typeof x?.cypher === 'string') : [];
  } catch {
    return [];
  }
}

/** `$name` parameters used by a query (outside string literals and comments). */
export function paramNames(cypher: string): string[] {
  const stripped = cypher
    .replace(/\/\/[^\n]*/g, '')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const out: string[] = [];
  for (const m of stripped.matchAll(/\$(\w+)/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

function convert(type: string, raw: string): unknown {
  const v = raw.trim();
  if (v === '') return null;
  if (type === 'int') return Number.parseInt(v, 10);
  if (type === 'float') return Number(v);
  if (type === 'bool') return v === 'true';
  if (type === 'json') {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return raw;
}

export interface ConsoleDeps {
  store: Store;
  bus: Bus;
  /** Left-sidebar container for saved queries and history. */
  side: HTMLElement;
}

export function mountConsole(root: HTMLElement, deps: ConsoleDeps) {
  const { store, bus, side } = deps;
  let editor: EditorApi | null = null;
  let named: NamedQuery[] = [];
  let params: ParamDef[] = [];
  let history = loadHistory();
  let last: QueryResponse | null = null;
  let mode: 'graph' | 'table' = 'graph';
  let running: AbortController | null = null;
  let resultGraph: GraphView | null = null;
  let limits = { rowCap: 1000, queryTimeoutMs: 15000 };

  // ------------------------------------------------------------------------------------------- layout
  const editorHost = h('div', { class: 'editor-host', id: 'cypher-editor' });
  const runBtn = h('button', { type: 'button', class: 'btn primary', id: 'run-query', title: 'Run (Ctrl+Enter)' }, '▶ Run');
  const cancelBtn = h('button', { type: 'button', class: 'btn', id: 'cancel-query', hidden: true }, 'Cancel');
  const limitNote = h('span', { class: 'muted console-note' });
  const paramsBox = h('div', { class: 'params', id: 'query-params' });
  const status = h('div', { class: 'result-status', id: 'result-status', role: 'status', 'aria-live': 'polite' });
  const graphBtn = h('button', { type: 'button', class: 'seg', 'data-mode': 'graph', 'aria-pressed': 'true' }, 'Graph');
  const tableBtn = h('button', { type: 'button', class: 'seg', 'data-mode': 'table', 'aria-pressed': 'false' }, 'Table');
  const toExplore = h('button', { type: 'button', class: 'btn', id: 'open-in-explorer', title: 'Add these nodes to the explore view', hidden: true }, 'Open in explorer');
  const resultBar = h('div', { class: 'result-bar' }, h('div', { class: 'segmented', role: 'group', 'aria-label': 'Result view' }, graphBtn, tableBtn), status, toExplore);
  const graphHost = h('div', { class: 'result-graph', id: 'result-graph' });
  const tableHost = h('div', { class: 'result-table', id: 'result-table', hidden: true });
  const messageHost = h('div', { class: 'result-message', id: 'result-message' });
  const results = h('div', { class: 'results', id: 'results' }, resultBar, messageHost, graphHost, tableHost);

  root.append(
    h(
      'div',
      { class: 'console-top' },
      editorHost,
      h('div', { class: 'console-bar' }, runBtn, cancelBtn, h('span', { class: 'muted' }, h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Enter'), ' to run'), limitNote),
      paramsBox,
    ),
    results,
  );

  const savedList = h('ul', { class: 'saved-list', id: 'saved-queries' });
  const historyList = h('ul', { class: 'history-list', id: 'query-history' });
  side.append(
    h('section', { class: 'side-section' }, h('h3', {}, 'Saved queries'), savedList),
    h('section', { class: 'side-section' }, h('h3', {}, 'History'), historyList),
  );

  function showMessage(kind: 'empty' | 'error' | 'running' | 'none', content?: (Node | string)[]) {
    clear(messageHost);
    messageHost.className = `result-message ${kind}`;
    if (kind === 'none') {
      messageHost.hidden = true;
      return;
    }
    messageHost.hidden = false;
    messageHost.append(...(content ?? []));
  }

  function emptyState() {
    showMessage('empty', [
      h('h2', {}, 'Ask the graph in Cypher'),
      h('p', {}, 'Write a query above and press ', h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Enter'), ', or pick a saved query on the left. For example:'),
      h('pre', { class: 'example' }, 'MATCH (p:Person)-[r:MEMBER_OF|LEADS]->(o:Organization)\nRETURN p, r, o LIMIT 25'),
      h('p', { class: 'muted' }, 'The console is read-only: queries that write are refused.'),
    ]);
    graphHost.hidden = true;
    tableHost.hidden = true;
    resultBar.hidden = true;
  }

  // ------------------------------------------------------------------------------------------- editor
  function ensureEditor() {
    if (editor) return;
    // The package's declarations say it returns the API; at runtime (1.0.3) it returns `{ editor: api }`.
    const created = createCypherEditor(editorHost, {
      value: store.get().query,
      autofocus: false,
      lineNumbers: true,
      lineWrapping: true,
      cursorWide: false,
      theme: 'light',
      placeholder: 'MATCH (n:Entity) RETURN n LIMIT 25',
      tooltipAbsolute: true,
      preExtensions: [
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                void run();
                return true;
              },
            },
          ]),
        ),
      ],
    }) as unknown as EditorApi | { editor: EditorApi };
    editor = 'editor' in created ? created.editor : created;
    editor.onValueChanged(() => syncParams());
    api
      .schema()
      .then((s) => {
        limits = { rowCap: s.rowCap, queryTimeoutMs: s.queryTimeoutMs };
        limitNote.textContent = `Read-only · at most ${s.rowCap.toLocaleString()} rows · ${Math.round(s.queryTimeoutMs / 1000)} s limit`;
        editor?.setSchema({
          labels: s.labels.map((l) => `:${l}`),
          relationshipTypes: s.relationshipTypes.map((r) => `:${r}`),
          propertyKeys: s.propertyKeys,
        });
      })
      .catch(() => {});
    syncParams();
  }

  function value(): string {
    return editor ? editor.codemirror.state.doc.toString() : store.get().query;
  }

  function setValue(text: string) {
    ensureEditor();
    editor!.setValue(text);
    syncParams();
  }

  // ----------------------------------------------------------------------------------------- params
  /** One input per `$name` in the query; a named query supplies types and defaults. */
  function syncParams(known?: NamedQuery) {
    const names = paramNames(value());
    const prev = new Map(params.map((p) => [p.name, p]));
    const given = store.get().params;
    params = names.map((name) => {
      const decl = known?.params.find((p) => p.name === name);
      if (decl) return { name, type: decl.type, value: decl.default ?? '' };
      const old = prev.get(name);
      if (old) return old;
      const g = given[name];
      const type = typeof g === 'number' ? (Number.isInteger(g) ? 'int' : 'float') : typeof g === 'boolean' ? 'bool' : typeof g === 'object' && g !== null ? 'json' : 'string';
      return { name, type, value: g == null ? '' : typeof g === 'object' ? JSON.stringify(g) : String(g) };
    });
    renderParams();
  }

  function renderParams() {
    clear(paramsBox);
    paramsBox.hidden = params.length === 0;
    if (!params.length) return;
    paramsBox.append(h('span', { class: 'params-label' }, 'Parameters'));
    for (const p of params) {
      const id = `param-${p.name}`;
      const input = h('input', { id, type: p.type === 'int' || p.type === 'float' ? 'number' : 'text', value: p.value, 'data-param': p.name, placeholder: p.type, spellcheck: 'false' });
      input.addEventListener('input', () => (p.value = input.value));
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void run();
        }
      });
      paramsBox.append(h('label', { class: 'param', for: id }, h('span', { class: 'param-name' }, `$${p.name}`), input, h('span', { class: 'param-type' }, p.type)));
    }
  }

  function paramValues(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const p of params) out[p.name] = convert(p.type, p.value);
    return out;
  }

  // --------------------------------------------------------------------------------------------- run
  async function run(opts: { cypher?: string; params?: Record<string, unknown> } = {}) {
    const cypher = (opts.cypher ?? value()).trim();
    if (!cypher) {
      showMessage('error', [h('strong', {}, 'Nothing to run. '), 'Write a Cypher query first.']);
      return;
    }
    const p = opts.params ?? paramValues();
    running?.abort();
    const ctl = new AbortController();
    running = ctl;
    const started = performance.now();
    runBtn.disabled = true;
    cancelBtn.hidden = false;
    const tick = h('span', { class: 'elapsed' }, '0.0 s');
    const timer = setInterval(() => (tick.textContent = `${((performance.now() - started) / 1000).toFixed(1)} s`), 100);
    showMessage('running', [h('span', { class: 'spinner' }), 'Running query… ', tick]);
    store.set({ query: cypher, params: p });
    try {
      const res = await api.query(cypher, p, ctl.signal);
      if (running !== ctl) return;
      last = res;
      pushHistory(cypher, p);
      showMessage('none');
      mode = res.graph.nodes.length > 0 ? 'graph' : 'table';
      renderResult();
    } catch (err) {
      if (running !== ctl) return;
      last = null;
      const e = err instanceof ApiFailure ? err : new ApiFailure('Error', (err as Error).message, 0);
      resultBar.hidden = true;
      graphHost.hidden = true;
      tableHost.hidden = true;
      showMessage('error', [
        h('div', { class: 'error-box', role: 'alert', id: 'query-error' }, h('strong', { class: 'error-code' }, e.code === 'QUERY_REFUSED' ? 'Refused' : e.code), h('p', { class: 'error-message' }, e.message)),
      ]);
    } finally {
      clearInterval(timer);
      if (running === ctl) {
        running = null;
        runBtn.disabled = false;
        cancelBtn.hidden = true;
      }
    }
  }

  function renderResult() {
    if (!last) return;
    const res = last;
    resultBar.hidden = false;
    const hasGraph = res.graph.nodes.length > 0;
    graphBtn.disabled = !hasGraph;
    graphBtn.title = hasGraph ? '' : 'No nodes or relationships in this result';
    graphBtn.setAttribute('aria-pressed', String(mode === 'graph'));
    tableBtn.setAttribute('aria-pressed', String(mode === 'table'));
    toExplore.hidden = !hasGraph;
    clear(status);
    status.append(
      h('strong', {}, `${res.rows.length.toLocaleString()} row${res.rows.length === 1 ? '' : 's'}`),
      hasGraph ? ` · ${res.graph.nodes.length} nodes, ${res.graph.edges.length} relationships` : '',
      ` · ${res.elapsedMs} ms`,
      res.truncated ? h('span', { class: 'truncated', id: 'truncated-note' }, ` · stopped at the ${res.rowCap.toLocaleString()}-row cap`) : '',
    );
    if (res.rows.length === 0) {
      showMessage('empty', [h('p', {}, 'The query ran and returned no rows.')]);
      graphHost.hidden = true;
      tableHost.hidden = true;
      return;
    }
    graphHost.hidden = mode !== 'graph';
    tableHost.hidden = mode !== 'table';
    if (mode === 'graph') drawGraph(res);
    else drawTable(res);
  }

  function drawGraph(res: QueryResponse) {
    if (!resultGraph) {
      resultGraph = new GraphView({
        container: graphHost,
        sizeBy: store.get().sizeBy,
        onSelect: (sel) => store.set({ selection: sel }),
      });
    }
    resultGraph.resize();
    resultGraph.replace(res.graph, 'fcose');
  }

  function cell(v: unknown): Node {
    if (v === null || v === undefined) return h('span', { class: 'null' }, 'null');
    if (typeof v === 'object' && v !== null && '$node' in v) {
      const n = (v as { $node: GraphNode }).$node;
      return h(
        'button',
        { type: 'button', class: 'node-chip', title: `${typeStyle(n.type).label}: ${n.name}`, onclick: (() => store.set({ selection: { kind: 'node', id: n.id } })) as EventListener },
        shapeIcon(n.type, 11),
        n.name,
      );
    }
    if (typeof v === 'object' && v !== null && '$rel' in v) {
      const r = (v as { $rel: GraphEdge }).$rel;
      return h('button', { type: 'button', class: 'rel-chip', onclick: (() => store.set({ selection: { kind: 'edge', id: r.id } })) as EventListener }, `:${r.type}`);
    }
    if (typeof v === 'object' && v !== null && '$path' in v) {
      const p = (v as { $path: { nodes: GraphNode[]; edges: GraphEdge[] } }).$path;
      return h('span', { class: 'path-cell' }, p.nodes.map((n) => n.name).join(' — '), h('span', { class: 'muted' }, ` (${p.edges.length} hops)`));
    }
    if (Array.isArray(v)) {
      const span = h('span', { class: 'list-cell' });
      v.forEach((x, i) => {
        if (i) span.append(', ');
        span.append(cell(x));
      });
      return span;
    }
    if (typeof v === 'object') return h('code', {}, JSON.stringify(v));
    return document.createTextNode(String(v));
  }

  function drawTable(res: QueryResponse) {
    clear(tableHost);
    const table = h(
      'table',
      { class: 'data-table' },
      h('thead', {}, h('tr', {}, h('th', { class: 'rownum' }, '#'), ...res.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...res.rows.map((row, i) => h('tr', {}, h('td', { class: 'rownum' }, String(i + 1)), ...row.map((v) => h('td', {}, cell(v)))))),
    );
    tableHost.append(table);
  }

  function setMode(m: 'graph' | 'table') {
    if (!last || (m === 'graph' && last.graph.nodes.length === 0)) return;
    mode = m;
    renderResult();
  }

  // --------------------------------------------------------------------------------- saved & history
  function renderSaved() {
    clear(savedList);
    if (!named.length) {
      savedList.append(h('li', { class: 'muted' }, 'No saved queries in queries/.'));
      return;
    }
    for (const q of named) {
      savedList.append(
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'saved-query',
              'data-query': q.name,
              title: q.cypher,
              onclick: (() => {
                setValue(q.cypher);
                syncParams(q);
                void run();
              }) as EventListener,
            },
            h('span', { class: 'saved-name' }, q.name),
            q.description ? h('span', { class: 'saved-desc' }, q.description) : null,
            q.params.length ? h('span', { class: 'saved-params' }, ...q.params.map((p) => h('code', {}, `$${p.name}`))) : null,
          ),
        ),
      );
    }
  }

  function pushHistory(cypher: string, p: Record<string, unknown>) {
    history = [{ cypher, params: p, at: Date.now() }, ...history.filter((x) => x.cypher !== cypher)].slice(0, HISTORY_MAX);
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
    } catch {
      /* storage full or disabled: history lives for this page only */
    }
    renderHistory();
  }

  function renderHistory() {
    clear(historyList);
    if (!history.length) {
      historyList.append(h('li', { class: 'muted' }, 'Queries you run appear here.'));
      return;
    }
    for (const x of history) {
      historyList.append(
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'history-item',
              title: x.cypher,
              onclick: (() => {
                store.set({ params: x.params });
                params = [];
                setValue(x.cypher);
              }) as EventListener,
            },
            h('code', {}, x.cypher.replace(/\s+/g, ' ').slice(0, 90)),
            h('span', { class: 'muted when' }, new Date(x.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
          ),
        ),
      );
    }
  }

  // ----------------------------------------------------------------------------------------- wiring
  runBtn.addEventListener('click', () => void run());
  cancelBtn.addEventListener('click', () => {
    running?.abort();
    running = null;
    runBtn.disabled = false;
    cancelBtn.hidden = true;
    showMessage('error', [h('div', { class: 'error-box' }, 'Query cancelled.')]);
  });
  graphBtn.addEventListener('click', () => setMode('graph'));
  tableBtn.addEventListener('click', () => setMode('table'));
  toExplore.addEventListener('click', () => {
    if (!last) return;
    bus.emit('graph:show', { data: last.graph, replace: false });
    store.set({ view: 'explore' });
  });

  api
    .queries()
    .then((r) => {
      named = r.queries;
      renderSaved();
    })
    .catch((e) => {
      clear(savedList);
      savedList.append(h('li', { class: 'error-text' }, (e as Error).message));
    });
  renderHistory();
  emptyState();

  return {
    activate() {
      ensureEditor();
      resultGraph?.resize();
      editor?.focus();
    },
    /** Load a query (from the URL) and run it. */
    load(cypher: string, p: Record<string, unknown>) {
      store.set({ params: p });
      params = [];
      setValue(cypher);
      void run({ cypher, params: p });
    },
    graph: () => (mode === 'graph' && !graphHost.hidden ? resultGraph : null),
    limits: () => limits,
  };
}
