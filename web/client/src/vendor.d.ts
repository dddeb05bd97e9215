// Extensions without their own type declarations.
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  const fcose: Ext;
  export default fcose;
}

// The package's `exports` map has no `types` condition for its main entry; point TypeScript at its
// declarations explicitly.
declare module '@neo4j-cypher/codemirror' {
  export * from '@neo4j-cypher/codemirror/src/codemirror.d.ts';
}

declare module '*.css';
