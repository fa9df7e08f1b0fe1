import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { githubAnchor } from './github-anchor.js';

/** One Markdown file of the project's documentation, read once: its headings, anchors and links. */
export interface MarkdownDocument {
  /** Path from the repository root, e.g. `docs/deploy.md`. */
  readonly path: string;
  readonly text: string;
  /** `##`-and-deeper headings outside code blocks, in order, with their level. */
  readonly headings: readonly { readonly level: number; readonly title: string; readonly anchor: string; readonly line: number }[];
  /** Every anchor a link may point at (GitHub numbers repeated headings `-1`, `-2`, ...). */
  readonly anchors: ReadonlySet<string>;
  /** Links outside code: `[text](target)`, with the line they are on. */
  readonly links: readonly { readonly target: string; readonly line: number }[];
}

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** README.md and every docs/*.md. */
export function projectDocuments(): MarkdownDocument[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)].map(readMarkdownDocument);
}

export function readMarkdownDocument(path: string): MarkdownDocument {
  const text = readFileSync(join(REPO_ROOT, path), 'utf8');
  const headings: { level: number; title: string; anchor: string; line: number }[] = [];
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const links: { target: string; line: number }[] = [];
  let inCode = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*```/.test(line)) inCode = !inCode;
    if (inCode) return;
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (heading) {
      const base = githubAnchor(heading[2] ?? '');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      const anchor = count === 0 ? base : `${base}-${count}`;
      anchors.add(anchor);
      if ((heading[1] ?? '').length >= 2) headings.push({ level: (heading[1] ?? '').length, title: heading[2] ?? '', anchor, line: index + 1 });
    }
    // Inline code may show link syntax without being a link.
    const prose = line.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) links.push({ target: match[1] ?? '', line: index + 1 });
  });
  return { path, text, headings, anchors, links };
}
