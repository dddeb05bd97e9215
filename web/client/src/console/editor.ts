// The Cypher editor: CodeMirror 6 with Cypher highlighting and completion from the database's labels,
// relationship types and property keys; Ctrl/Cmd+Enter runs. The completion popup is absolutely positioned
// inside the editor (`tooltipAbsolute`); console.css keeps the editor's host from clipping it and lets the
// list show all its items.
import { createCypherEditor } from '@neo4j-cypher/codemirror';
import type { EditorApi } from '@neo4j-cypher/codemirror';
import '@neo4j-cypher/codemirror/css/cypher-codemirror.css';
import { keymap } from '@codemirror/view';
import { Prec } from '@codemirror/state';
import { api } from '../api.ts';

export interface Limits {
  rowCap: number;
  queryTimeoutMs: number;
}

export function createEditor(host: HTMLElement, o: { value: string; onRun(): void; onChange(): void; onLimits(l: Limits): void }): EditorApi {
  // The package's declarations say it returns the API; at runtime (1.0.3) it returns `{ editor: api }`.
  const created = createCypherEditor(host, {
    value: o.value,
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
              o.onRun();
              return true;
            },
          },
        ]),
      ),
    ],
  }) as unknown as EditorApi | { editor: EditorApi };
  const editor = 'editor' in created ? created.editor : created;
  editor.onValueChanged(() => o.onChange());
  api
    .schema()
    .then((s) => {
      o.onLimits({ rowCap: s.rowCap, queryTimeoutMs: s.queryTimeoutMs });
      editor.setSchema({
        labels: s.labels.map((l) => `:${l}`),
        relationshipTypes: s.relationshipTypes.map((r) => `:${r}`),
        propertyKeys: s.propertyKeys,
      });
    })
    .catch(() => {});
  return editor;
}
