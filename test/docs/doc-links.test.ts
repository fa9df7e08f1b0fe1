import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubAnchor } from './github-anchor.js';
import { type MarkdownDocument, projectDocuments, readMarkdownDocument, REPO_ROOT } from './markdown-document.js';

const documents = projectDocuments();
const byPath = new Map(documents.map((d) => [d.path, d]));

/** Every relative link that does not lead to an existing file, or to a heading the file has. */
function brokenLinks(document: MarkdownDocument): string[] {
  const broken: string[] = [];
  for (const { target, line } of document.links) {
    if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:: not ours to check offline
    const [file = '', anchor] = target.split('#');
    const path = file === '' ? document.path : normalize(join(dirname(document.path), file));
    if (!existsSync(join(REPO_ROOT, path))) {
      broken.push(`${document.path}:${line}: ${target}: no file ${path}`);
      continue;
    }
    if (anchor === undefined) continue;
    const targetDoc = byPath.get(path) ?? (path.endsWith('.md') ? readMarkdownDocument(path) : undefined);
    if (!targetDoc?.anchors.has(anchor)) broken.push(`${document.path}:${line}: ${target}: ${path} has no heading #${anchor}`);
  }
  return broken;
}

describe('the documentation', () => {
  it('reads README.md and the topic files in docs/', () => {
    expect(documents.map((d) => d.path)).toEqual(expect.arrayContaining([
      'README.md', 'docs/architecture.md', 'docs/cli.md', 'docs/deploy.md', 'docs/evidence.md', 'docs/fleet.md',
      'docs/performance.md', 'docs/policy.md', 'docs/rotation.md', 'docs/safety.md',
    ]));
  });

  it.each(documents.map((d) => [d.path, d] as const))('%s: every relative link leads to a file and heading that exist', (_path, document) => {
    expect(brokenLinks(document)).toEqual([]);
  });

  it('finds a broken link, a missing file and a missing heading (the check can fail)', () => {
    const fake: MarkdownDocument = {
      ...readMarkdownDocument('README.md'),
      links: [{ target: 'docs/nowhere.md', line: 1 }, { target: 'docs/deploy.md#no-such-heading', line: 2 }, { target: '#quick-start', line: 3 }],
    };
    expect(brokenLinks(fake)).toEqual([
      'README.md:1: docs/nowhere.md: no file docs/nowhere.md',
      'README.md:2: docs/deploy.md#no-such-heading: docs/deploy.md has no heading #no-such-heading',
    ]);
  });

  it.each(documents.filter((d) => d.path.startsWith('docs/')).map((d) => [d.path, d] as const))(
    '%s: its table of contents lists every section, in order',
    (_path, document) => {
      const sections = document.headings.filter((h) => h.level === 2);
      const contents = sections.findIndex((h) => h.title === 'Contents');
      expect(contents, 'a "## Contents" section').toBeGreaterThanOrEqual(0);
      const from = sections[contents]?.line ?? 0;
      const to = sections[contents + 1]?.line ?? Infinity;
      const expected = sections.filter((_h, i) => i !== contents).map((h) => `#${h.anchor}`);
      // Entries for subsections may be listed too; a stale entry is a broken link (checked above).
      const listed = document.links.filter((l) => l.line > from && l.line < to && expected.includes(l.target)).map((l) => l.target);
      expect(listed).toEqual(expected);
    },
  );

  it('anchors headings as GitHub does', () => {
    expect(githubAnchor("The janitor's PAT: expiry and rotation")).toBe('the-janitors-pat-expiry-and-rotation');
    expect(githubAnchor('2. Configure the deployment (`cdk.json` context)')).toBe('2-configure-the-deployment-cdkjson-context');
    expect(githubAnchor('A night of 1,000 tenants')).toBe('a-night-of-1000-tenants');
  });
});

describe('the README', () => {
  const readme = readMarkdownDocument('README.md');
  const lines = readme.text.split('\n');

  it('fits on a screen or five: at most about 250 lines', () => {
    expect(lines.length).toBeLessThanOrEqual(250);
  });

  it('has the quick start within its first 40 lines', () => {
    const install = lines.findIndex((l) => l.startsWith('npm ci && npm run demo'));
    expect(install).toBeGreaterThan(0);
    expect(install).toBeLessThan(40);
    expect(lines.slice(install, 40).some((l) => l.startsWith('npm test '))).toBe(true);
  });

  it('links every topic file in docs/', () => {
    const linked = new Set(readme.links.map((l) => l.target.split('#')[0]));
    for (const doc of documents.filter((d) => d.path.startsWith('docs/'))) expect(linked, doc.path).toContain(doc.path);
  });
});
