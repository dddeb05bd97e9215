// HTML: metadata vocabularies, page furniture removed around a short post, any nesting depth.
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../ingest/1-load/html.ts';
import { buildDocument } from '../../../ingest/1-load/index.ts';

describe('HTML metadata', () => {
  it('reads Highwire citation_* tags with each author\'s institution', () => {
    const { meta, text } = htmlToText(`<html><head><title>Site | Paper</title>
      <meta name="citation_title" content="Scaling Monosemanticity">
      <meta name="citation_author" content="Templeton, Adly"><meta name="citation_author_institution" content="Anthropic">
      <meta name="citation_author" content="Jane Doe">
      <meta name="citation_publication_date" content="2024/05/21"><meta name="citation_journal_title" content="Transformer Circuits Thread">
      <meta name="citation_keywords" content="sparse autoencoders; features">
      </head><body><p>Body.</p></body></html>`);
    expect(meta.title).toBe('Scaling Monosemanticity');
    expect(meta.authors).toEqual([{ name: 'Adly Templeton', surface: 'Templeton, Adly', affiliations: ['Anthropic'] }, { name: 'Jane Doe', affiliations: [] }]);
    expect(meta.published).toBe('2024-05-21');
    expect(meta.keywords).toEqual(['sparse autoencoders', 'features']);
    expect(meta.fields['Venue']).toBe('Transformer Circuits Thread');
    expect(text).toBe('Author: Adly Templeton (Anthropic)\n\nAuthor: Jane Doe\n\nKeywords: sparse autoencoders, features\n\nBody.');
  });

  it('reads JSON-LD BlogPosting with Person authors and affiliations, Dublin Core and Open Graph', () => {
    const ld = { '@context': 'https://schema.org', '@type': 'BlogPosting', headline: 'On Reward Hacking', datePublished: '2025-02-03T10:00:00Z',
      author: [{ '@type': 'Person', name: 'Ann Lee', affiliation: { '@type': 'Organization', name: 'Redwood Research' } }, { '@type': 'Person', name: 'Bo Chen' }],
      keywords: ['reward hacking', 'RL'], description: 'A short post.' };
    const { meta } = htmlToText(`<html><head><meta property="og:title" content="OG title"><meta name="DC.creator" content="Chen, Bo">
      <script type="application/ld+json">${JSON.stringify(ld)}</script><script type="application/ld+json">{broken</script></head><body><p>x</p></body></html>`);
    expect(meta.title).toBe('On Reward Hacking');
    expect(meta.authors).toEqual([{ name: 'Ann Lee', affiliations: ['Redwood Research'] }, { name: 'Bo Chen', affiliations: [] }]);
    expect(meta.published).toBe('2025-02-03');
    expect(meta.keywords).toEqual(['reward hacking', 'RL']);
    expect(meta.description).toBe('A short post.');
  });

  it('takes a visible byline when no metadata names the author, and strips the site from <title>', () => {
    const { meta } = htmlToText('<html><head><title>Steering Vectors | The Blog</title></head><body><article><h1>Steering Vectors</h1><p class="byline">By Jane Doe and John Roe · March 3, 2024</p><p>Text.</p></article></body></html>');
    expect(meta.title).toBe('Steering Vectors');
    expect(meta.authors?.map((a) => a.name)).toEqual(['Jane Doe', 'John Roe']);
  });
});

describe('HTML boilerplate', () => {
  it('keeps a short post and drops the menu, banner, cookie and subscribe boxes, sidebar and footer', () => {
    const menu = Array.from({ length: 40 }, (_, i) => `<li><a href="/s${i}">Section ${i}</a></li>`).join('');
    const html = `<html><body>
      <header class="site-header"><a href="/">Home</a> Big Site</header>
      <nav><ul>${menu}</ul></nav><div role="navigation"><a href="/x">Archive</a></div>
      <div class="cookie-banner">We use cookies. Accept?</div>
      <main><article><header><h1>Tiny Post</h1><p>By Jane Doe</p></header>
        <p>Sparse autoencoders find features.</p>
        <footer>Filed under interpretability</footer></article>
        <div class="newsletter-signup">Subscribe to our newsletter</div></main>
      <aside>Popular posts: everything</aside>
      <footer>© Big Site 2024. Privacy.</footer></body></html>`;
    const { text } = htmlToText(html);
    expect(text).toBe('Tiny Post\n\nBy Jane Doe\n\nSparse autoencoders find features.\n\nFiled under interpretability');
  });

  it('walks 10,000 nested elements without recursion', () => {
    const depth = 10_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Deep <a href="https://x.org">link</a> text</p>${'</div>'.repeat(depth)}<p>After.</p></body></html>`;
    const { text, links } = htmlToText(html);
    expect(text).toBe('Deep link text\n\nAfter.');
    expect(links).toEqual([{ start: 5, end: 9, href: 'https://x.org', text: 'link' }]);
  });
});

describe('page titles', () => {
  it('a label set inside the heading is not part of the title', () => {
    const d = buildDocument('/t/a.html', 'a.html', '<html><body><h1>Distill Update 2018<span class="tag">editorial</span></h1><p>Text of the update.</p></body></html>', 'html');
    expect(d.meta.title).toBe('Distill Update 2018');
  });

  it('a documentation page heading ("Gallery") titles no work: the file name stands for the document', () => {
    const d = buildDocument('/t/gallery.md', 'gallery.md', '# Gallery\n\nResearch done with the library.\n', 'markdown');
    expect(d.meta.title).toBeUndefined();
    const e = buildDocument('/t/post.md', 'post.md', '# Gallery of Sparse Features\n\nResearch done with the library.\n', 'markdown');
    expect(e.meta.title).toBe('Gallery of Sparse Features');
  });
});
