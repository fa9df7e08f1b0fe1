import { fileURLToPath } from 'node:url';
import { bundleLikeStack } from './bundle-like-stack.js';
import { measureImport } from './measure-import.js';

export interface ColdStartFigures {
  readonly name: string;
  /** Bundle as the stack builds it (for ours: the pinned AWS SDK inside). */
  readonly sizeKB: number;
  /** The same with @aws-sdk/* external (what the Lambda runtime provides): the bundle-size target. */
  readonly sizeWithoutAwsSdkKB: number;
  /** Median import() time of the stack-identical bundle in a fresh process. */
  readonly importMedianMs: number;
  readonly importRunsMs: readonly number[];
}

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const HANDLERS = [
  { name: 'isc-oauth-janitor handler', entry: path('../lambdas/janitor/handler.ts'), dir: 'janitor' },
  { name: 'sailpoint-api-client list handler', entry: path('./sdk-list-handler.ts'), dir: 'sdk-list' },
] as const;

/** Bundle both handlers into bench/out/ and time their import. */
export async function runColdStartBench(runs: number): Promise<ColdStartFigures[]> {
  const figures: ColdStartFigures[] = [];
  for (const handler of HANDLERS) {
    const full = await bundleLikeStack(handler.entry, path(`./out/${handler.dir}/index.mjs`), { externalAwsSdk: false });
    const slim = await bundleLikeStack(handler.entry, path(`./out/${handler.dir}-no-aws-sdk/index.mjs`), { externalAwsSdk: true });
    const timing = await measureImport(full.file, runs);
    figures.push({
      name: handler.name,
      sizeKB: full.sizeKB,
      sizeWithoutAwsSdkKB: slim.sizeKB,
      importMedianMs: timing.medianMs,
      importRunsMs: timing.runsMs,
    });
  }
  return figures;
}
