// Each export format read back with an independent parser: counts, keys and evidence survive, including
// text with the characters each format must escape.
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ARRAY_DELIMITER, toCsv } from '../../../cli/export/csv.ts';
import { toCyjs } from '../../../cli/export/cyjs.ts';
import { toGraphML } from '../../../cli/export/graphml.ts';
import type { ExportGraph } from '../../../cli/export/read.ts';

const tricky = 'Jane "JD" Doe, of <Acme & Co> | line\nbreak';
const graph: ExportGraph = {
  nodes: [
    { id: 'person:jane doe', labels: ['Entity', 'Person'], properties: { id: 'person:jane doe', name: tricky, type: 'Person', aliases: ['JD', 'J. Doe'], mentions: 3, works: 2 } },
    { id: 'organization:acme', labels: ['Entity', 'Organization'], properties: { id: 'organization:acme', name: 'Acme', type: 'Organization', aliases: [], mentions: 1, description: null } },
    { id: 'doc:abc', labels: ['Document'], properties: { id: 'doc:abc', title: 'A post', source: '/tmp/a.md', length: 120 } },
  ],
  edges: [
    {
      id: '5:x:1', type: 'MEMBER_OF', source: 'person:jane doe', target: 'organization:acme',
      properties: {
        evidenceKeys: ['doc:abc:p0@0-40', 'doc:def:p2@10-50'], evidencePassages: ['doc:abc:p0', 'doc:def:p2'], evidenceStarts: [0, 10], evidenceEnds: [40, 50],
        evidenceSentences: ['Jane works at Acme, "the lab".', 'She | joined <Acme>.'], evidenceMethods: ['apposition', 'join-verb'], evidenceConfidences: [0.9, 0.75],
        support: 2, confidence: 0.9,
      },
    },
    { id: '5:x:2', type: 'AUTHORED', source: 'person:jane doe', target: 'doc:abc', properties: { evidenceKeys: ['doc:abc:p0@0-40'], evidencePassages: ['doc:abc:p0'], evidenceStarts: [0], evidenceEnds: [40], evidenceSentences: ['By Jane.'], evidenceMethods: ['byline'], evidenceConfidences: [1], support: 1, confidence: 1 } },
  ],
};

describe('GraphML export', () => {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['key', 'node', 'edge', 'data'].includes(name) }).parse(toGraphML(graph));
  const keys = parsed.graphml.key as { '@id': string; '@for': string; '@attr.name': string; '@attr.type': string }[];
  const data = (el: { data: { '@key': string; '#text': unknown }[] }, name: string) => el.data.find((d) => d['@key'] === keys.find((k) => k['@attr.name'] === name && k['@id'] === d['@key'])?.['@id'])?.['#text'];

  it('has every node and edge, typed keys, and a label per node', () => {
    const g = parsed.graphml.graph;
    expect(g['@edgedefault']).toBe('directed');
    expect(g.node.map((n: { '@id': string }) => n['@id'])).toEqual(['person:jane doe', 'organization:acme', 'doc:abc']);
    expect(g.edge).toHaveLength(2);
    expect(keys.find((k) => k['@for'] === 'node' && k['@attr.name'] === 'mentions')?.['@attr.type']).toBe('long');
    expect(keys.find((k) => k['@for'] === 'edge' && k['@attr.name'] === 'confidence')?.['@attr.type']).toBe('double');
    expect(data(g.node[0], 'label')).toBe(tricky);
    expect(data(g.node[2], 'label')).toBe('A post');
  });

  it('keeps the evidence of every edge', () => {
    const e = parsed.graphml.graph.edge[0];
    expect(e['@source']).toBe('person:jane doe');
    expect(data(e, 'type')).toBe('MEMBER_OF');
    expect(data(e, 'support')).toBe(2);
    expect(JSON.parse(String(data(e, 'evidenceSentences')))).toEqual(['Jane works at Acme, "the lab".', 'She | joined <Acme>.']);
    expect(data(e, 'evidenceText')).toBe('Jane works at Acme, "the lab". | She | joined <Acme>.');
    expect(JSON.parse(String(data(e, 'evidenceDocuments')))).toEqual(['doc:abc', 'doc:def']);
  });
});

describe('Cytoscape desktop .cyjs export', () => {
  const cy = JSON.parse(JSON.stringify(toCyjs(graph)));
  it('has Cytoscape.js elements with name and interaction, nulls left out', () => {
    expect(cy.format_version).toBe('1.0');
    expect(cy.elements.nodes.map((n: { data: { id: string } }) => n.data.id)).toEqual(['person:jane doe', 'organization:acme', 'doc:abc']);
    expect(cy.elements.nodes[0].data.name).toBe(tricky);
    expect('description' in cy.elements.nodes[1].data).toBe(false);
    expect(cy.elements.edges.map((e: { data: { interaction: string } }) => e.data.interaction)).toEqual(['MEMBER_OF', 'AUTHORED']);
    expect(new Set(cy.elements.edges.map((e: { data: { id: string } }) => e.data.id)).size).toBe(2);
  });
  it('keeps evidence as lists', () => {
    const e = cy.elements.edges[0].data;
    expect(e.source).toBe('person:jane doe');
    expect(e.evidenceSentences).toEqual(['Jane works at Acme, "the lab".', 'She | joined <Acme>.']);
    expect(e.evidenceConfidences).toEqual([0.9, 0.75]);
    expect(e.evidenceDocuments).toEqual(['doc:abc', 'doc:def']);
  });
});

describe('CSV export', () => {
  const { nodes, edges } = toCsv(graph);
  const nodeRows = parseCsv(nodes, { columns: true }) as Record<string, string>[];
  const edgeRows = parseCsv(edges, { columns: true }) as Record<string, string>[];

  it('uses neo4j-admin import headers', () => {
    expect(Object.keys(nodeRows[0]).slice(0, 2)).toEqual(['id:ID', ':LABEL']);
    expect(Object.keys(nodeRows[0])).toEqual(expect.arrayContaining(['aliases:string[]', 'mentions:long', 'name:string', 'length:long']));
    expect(Object.keys(edgeRows[0]).slice(0, 3)).toEqual([':START_ID', ':END_ID', ':TYPE']);
    expect(Object.keys(edgeRows[0])).toEqual(expect.arrayContaining(['evidenceSentences:string[]', 'evidenceConfidences:double[]', 'support:long', 'confidence:double', 'evidenceText:string']));
  });

  it('round-trips every row, with quotes, commas and newlines intact', () => {
    expect(nodeRows).toHaveLength(3);
    expect(nodeRows[0]['name:string']).toBe(tricky);
    expect(nodeRows[0][':LABEL'].split(ARRAY_DELIMITER)).toEqual(['Entity', 'Person']);
    expect(nodeRows[0]['aliases:string[]'].split(ARRAY_DELIMITER)).toEqual(['JD', 'J. Doe']);
    expect(nodeRows[1]['description:string'] ?? '').toBe('');
    expect(edgeRows).toHaveLength(2);
  });

  it('keeps the evidence, a delimiter inside a sentence replaced so the list splits right', () => {
    const e = edgeRows[0];
    expect([e[':START_ID'], e[':END_ID'], e[':TYPE']]).toEqual(['person:jane doe', 'organization:acme', 'MEMBER_OF']);
    expect(e['evidenceSentences:string[]'].split(ARRAY_DELIMITER)).toEqual(['Jane works at Acme, "the lab".', 'She ¦ joined <Acme>.']);
    expect(e['evidenceConfidences:double[]'].split(ARRAY_DELIMITER).map(Number)).toEqual([0.9, 0.75]);
    expect(e['evidenceDocuments:string[]'].split(ARRAY_DELIMITER)).toEqual(['doc:abc', 'doc:def']);
    expect(e['support:long']).toBe('2');
  });
});
