import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
  readonly hasInstallScript?: boolean;
}
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as T;
const pkg = read<{ engines: { node: string }; allowScripts: Record<string, boolean> }>('package.json');
const locked = read<{ packages: Record<string, LockedPackage> }>('package-lock.json').packages;
const nodeEnginesOf = (entry: LockedPackage): string | undefined => (Array.isArray(entry.engines) ? undefined : (entry.engines as { node?: string } | undefined)?.node);

describe('toolchain', () => {
  it('runs on Node.js 24, the Lambda runtime (the node@24 dev dependency)', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('locks the node package at major 24: the Node every script runs on', () => {
    expect(semver.major(locked['node_modules/node']?.version ?? '0.0.0')).toBe(24);
  });

  it('allows exactly the install scripts of node and esbuild by name (npm blocks unlisted ones), so no script silently loses Node 24', () => {
    // The lockfile has no "resolved" URLs, so npm can match only name-only entries, not node@24.21.0.
    expect(pkg.allowScripts).toEqual({ node: true, esbuild: true });
    const withScripts = Object.entries(locked).filter(([, entry]) => entry.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.sort()).toEqual(Object.keys(pkg.allowScripts).sort());
  });

  it('"engines" states the Node versions every locked package accepts, no wider and no narrower', () => {
    const versions = ['18.20.0', '20.19.0', '20.20.2', '22.0.0', '22.12.0', '22.13.0', '22.20.0', '23.9.0', '24.0.0', '24.21.0', '25.2.0', '26.0.0', '27.1.0'];
    const acceptedByAll = (version: string) =>
      Object.values(locked).every((entry) => {
        const range = nodeEnginesOf(entry);
        return range === undefined || semver.satisfies(version, range);
      });
    for (const version of versions) expect(semver.satisfies(version, pkg.engines.node), `Node ${version}`).toBe(acceptedByAll(version));
    expect(semver.satisfies(locked['node_modules/node']?.version ?? '0.0.0', pkg.engines.node)).toBe(true);
  });
});
