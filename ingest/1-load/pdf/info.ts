// A PDF's own metadata: the XMP packet (Dublin Core title and creators, keywords, dates) where it has one,
// else the document information dictionary (Title, Author, Subject, Keywords, CreationDate). Pure.
import type { DocumentMeta } from '../../types.ts';

/** What pdf.js hands over: the info dictionary as an object, the XMP packet as a lookup by lower-case name. */
export interface PdfMetadataInput {
  info: Record<string, unknown>;
  xmp?: { get(name: string): unknown } | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.replace(/\s+/g, ' ').trim() : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((x): x is string => !!x) : str(v) ? [str(v)!] : []);

// Titles that producers write by themselves: "Untitled", "Microsoft Word - draft.docx", a file name.
const JUNK_TITLE = /^(untitled|no title|title|document\d*|slide \d+)$|\.(docx?|pdf|tex|dvi|ps|indd|pptx?|odt|rtf)$/i;

export function cleanTitle(title: string | undefined): string | undefined {
  const t = title?.replace(/^microsoft (word|powerpoint) - /i, '').trim();
  return t && !JUNK_TITLE.test(t) ? t : undefined;
}

/** `D:20240112093000+01'00'` (PDF dates) or an ISO date-time to `YYYY-MM-DD`. */
export function pdfDate(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const m = /^(?:D:)?(\d{4})(?:-?(\d{2}))?(?:-?(\d{2}))?/.exec(s);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  return `${y}-${mo}-${d}`;
}

export function pdfMetadata({ info, xmp }: PdfMetadataInput, pageCount: number): DocumentMeta {
  const x = (name: string) => xmp?.get(name) ?? undefined;
  const title = cleanTitle(str(x('dc:title')) ?? str(info['Title']));
  const xmpCreators = list(x('dc:creator'));
  const authors = xmpCreators.length ? xmpCreators : list(info['Author']);
  const subject = str(x('dc:description')) ?? str(info['Subject']);
  const keywords = str(x('pdf:keywords')) ?? (list(x('dc:subject')).join(', ') || undefined) ?? str(info['Keywords']);
  const published = pdfDate(x('prism:publicationdate')) ?? pdfDate(x('dc:date')) ?? pdfDate(x('xmp:createdate')) ?? pdfDate(info['CreationDate']);
  const fields: Record<string, string> = {};
  const set = (k: string, v: string | undefined) => {
    if (v) fields[k] = v;
  };
  set('Title', title);
  set('Author', authors.join('; '));
  set('Subject', subject);
  set('Keywords', keywords);
  set('Published', published);
  // The PDF "Creator" is the program that made the file, not a person: kept under a name no author rule reads.
  set('Creator Tool', str(x('xmp:creatortool')) ?? str(info['Creator']));
  set('Producer', str(x('pdf:producer')) ?? str(info['Producer']));
  set('Pages', String(pageCount));
  const keywordList = (keywords ?? '').split(/\s*[,;]\s*/).filter(Boolean);
  return {
    title,
    author: authors.length ? authors.join('; ') : undefined,
    ...(authors.length ? { authors: authors.map((name) => ({ name, affiliations: [] })) } : {}),
    ...(keywordList.length ? { keywords: keywordList } : {}),
    ...(subject ? { description: subject } : {}),
    published,
    fields,
  };
}
