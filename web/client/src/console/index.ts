// The Cypher console: the editor, parameter inputs for every `$name` in the query, Run/Cancel, results as
// a graph or a table, clear errors, the history and the named queries of `queries/` as one-click saved
// queries. The server runs everything read-only.
import type { EditorApi } from '@neo4j-cypher/codemirror';
import type { NamedQuery, QueryResponse } from '../../../server/api-types.ts';
import { api, ApiFailure } from '../api.ts';
import { h, clear } from '../dom.ts';
import type { Bus, Store } from '../state.ts';
import { createEditor, type Limits } from './editor.ts';
import { loadHistory, remember } from './history.ts';
import { paramFromValue, paramNames, paramValues, type ParamDef } from './params.ts';
import { drawTable, ResultGraph, statusLine } from './results.ts';
import { renderHistory, renderSaved } from './saved.ts';

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
  let limits: Limits = { rowCap: 1000, queryTimeoutMs: 15000 };

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
  const resultGraph = new ResultGraph(graphHost, store);

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
    messageHost.hidden = kind === 'none';
    if (kind !== 'none') messageHost.append(...(content ?? []));
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
    editor = createEditor(editorHost, {
      value: store.get().query,
      onRun: () => void run(),
      onChange: () => syncParams(),
      onLimits: (l) => {
        limits = l;
        limitNote.textContent = `Read-only · at most ${l.rowCap.toLocaleString()} rows · ${Math.round(l.queryTimeoutMs / 1000)} s limit`;
      },
    });
    syncParams();
  }

  const value = () => (editor ? editor.codemirror.state.doc.toString() : store.get().query);

  function setValue(text: string) {
    ensureEditor();
    editor!.setValue(text);
    syncParams();
  }

  /** One input per `$name` in the query; a named query supplies types and defaults. */
  function syncParams(known?: NamedQuery) {
    const prev = new Map(params.map((p) => [p.name, p]));
    const given = store.get().params;
    params = paramNames(value()).map((name) => {
      const decl = known?.params.find((p) => p.name === name);
      if (decl) return { name, type: decl.type, value: decl.default ?? '' };
      return prev.get(name) ?? paramFromValue(name, given[name]);
    });
    clear(paramsBox);
    paramsBox.hidden = params.length === 0;
    if (!params.length) return;
    paramsBox.append(h('span', { class: 'params-label' }, 'Parameters'));
    for (const p of params) {
      const id = `param-${p.name}`;
      const input = h('input', { id, type: p.type === 'int' || p.type === 'float' ? 'number' : 'text', value: p.value, 'data-param': p.name, placeholder: p.type, spellcheck: 'false' });
      input.addEventListener('input', () => (p.value = input.value));
      input.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        void run();
      });
      paramsBox.append(h('label', { class: 'param', for: id }, h('span', { class: 'param-name' }, `$${p.name}`), input, h('span', { class: 'param-type' }, p.type)));
    }
  }

  // --------------------------------------------------------------------------------------------- run
  async function run(opts: { cypher?: string; params?: Record<string, unknown> } = {}) {
    const cypher = (opts.cypher ?? value()).trim();
    if (!cypher) {
      showMessage('error', [h('strong', {}, 'Nothing to run. '), 'Write a Cypher query first.']);
      return;
    }
    const p = opts.params ?? paramValues(params);
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
      history = remember(history, cypher, p);
      renderHistory(historyList, history, pickHistory);
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
    statusLine(status, res);
    if (res.rows.length === 0) {
      showMessage('empty', [h('p', {}, 'The query ran and returned no rows.')]);
      graphHost.hidden = true;
      tableHost.hidden = true;
      return;
    }
    graphHost.hidden = mode !== 'graph';
    tableHost.hidden = mode !== 'table';
    if (mode === 'graph') resultGraph.show(res);
    else drawTable(tableHost, res, store);
  }

  function setMode(m: 'graph' | 'table') {
    if (!last || (m === 'graph' && last.graph.nodes.length === 0)) return;
    mode = m;
    renderResult();
  }

  const pickSaved = (q: NamedQuery) => {
    setValue(q.cypher);
    syncParams(q);
    void run();
  };
  const pickHistory = (x: { cypher: string; params: Record<string, unknown> }) => {
    store.set({ params: x.params });
    params = [];
    setValue(x.cypher);
  };

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
      renderSaved(savedList, named, pickSaved);
    })
    .catch((e) => {
      clear(savedList);
      savedList.append(h('li', { class: 'error-text' }, (e as Error).message));
    });
  renderHistory(historyList, history, pickHistory);
  emptyState();

  return {
    activate() {
      ensureEditor();
      resultGraph.resize();
      editor?.focus();
    },
    /** Load a query (from the URL) and run it. */
    load(cypher: string, p: Record<string, unknown>) {
      store.set({ params: p });
      params = [];
      setValue(cypher);
      void run({ cypher, params: p });
    },
    graph: () => (mode === 'graph' && !graphHost.hidden ? resultGraph.get() : null),
    limits: () => limits,
  };
}
