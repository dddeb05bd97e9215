// The source profiles of lexicon/sources.json (metadata header fields, site-specific HTML containers, URL
// shapes of paper pages), checked once at start-up. See lexicon/README.md.

import type { PassageKind } from '../types.ts';
import { Shape, dataPath, readJsonFile } from './data-file.ts';

export interface PaperUrlRule { host?: RegExp; path: RegExp; slug?: number }

export interface SourceProfiles {
  textHeader: { fields: string[]; multiline: string[]; authorFields: string[]; bylineCues: string[] };
  html: { skip: string[]; blocks: Record<string, PassageKind> };
  paperUrls: { rules: PaperUrlRule[]; notPaperHosts: string[]; genericSlugs: string[] };
  /** Page headings that title no work ("Gallery", "Installation"), folded. */
  titles: { generic: string[] };
}

export const SOURCES_PATH = dataPath('sources.json');
const KINDS: PassageKind[] = ['paragraph', 'heading', 'list-item', 'comment', 'metadata', 'quote'];

export function parseSources(data: unknown, file = SOURCES_PATH): SourceProfiles {
  const sh: Shape = new Shape(file);
  const o = sh.object(data, '(root)');
  const th = sh.object(o.textHeader, 'textHeader');
  const html = sh.object(o.html, 'html');
  const pu = sh.object(o.paperUrls, 'paperUrls');
  const ti = o.titles === undefined ? { generic: [] } : sh.object(o.titles, 'titles');
  const blocks = sh.stringMap(html.blocks, 'html.blocks');
  for (const [k, v] of Object.entries(blocks)) if (!KINDS.includes(v as PassageKind)) sh.fail(`html.blocks.${k}`, `must be one of ${KINDS.join(', ')}`);
  if (!Array.isArray(pu.rules)) sh.fail('paperUrls.rules', 'must be an array');
  const rules = pu.rules.map((r, i): PaperUrlRule => {
    const at = `paperUrls.rules[${i}]`;
    const x = sh.object(r, at);
    const flags = typeof x.flags === 'string' ? x.flags : '';
    return {
      ...(x.host !== undefined ? { host: sh.regex(x.host, `${at}.host`) } : {}),
      path: sh.regex(x.path, `${at}.path`, flags),
      ...(x.slug !== undefined ? { slug: sh.number(x.slug, `${at}.slug`, 0, 9) } : {}),
    };
  });
  return {
    textHeader: {
      fields: sh.strings(th.fields, 'textHeader.fields'),
      multiline: sh.strings(th.multiline, 'textHeader.multiline'),
      authorFields: sh.strings(th.authorFields, 'textHeader.authorFields'),
      bylineCues: sh.strings(th.bylineCues, 'textHeader.bylineCues'),
    },
    html: { skip: sh.strings(html.skip, 'html.skip'), blocks: blocks as Record<string, PassageKind> },
    paperUrls: { rules, notPaperHosts: sh.strings(pu.notPaperHosts, 'paperUrls.notPaperHosts'), genericSlugs: sh.strings(pu.genericSlugs, 'paperUrls.genericSlugs') },
    titles: { generic: sh.strings(ti.generic, 'titles.generic').map((t) => t.toLowerCase()) },
  };
}

export const SOURCES: SourceProfiles = parseSources(readJsonFile(SOURCES_PATH));
