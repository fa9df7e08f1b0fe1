import { statSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * esbuild with the options lib/janitor-function.ts gives NodejsFunction (what `cdk synth`
 * bundles): ESM for node24, minified, external source map without sources, module-first main
 * fields and the createRequire banner. `externalAwsSdk` leaves @aws-sdk/* out, as the Lambda
 * runtime provides it; the stack itself bundles its pinned SDK (bundleAwsSDK: true).
 */
export const STACK_BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire as __janitorCreateRequire } from 'node:module';const require = __janitorCreateRequire(import.meta.url);" },
  logLevel: 'silent',
} as const;

export interface BundleResult {
  readonly file: string;
  /** The .mjs only (the source map is a separate file Lambda loads only for stack traces). */
  readonly sizeKB: number;
}

export async function bundleLikeStack(entry: string, outfile: string, options: { externalAwsSdk: boolean }): Promise<BundleResult> {
  await build({
    ...STACK_BUNDLE_OPTIONS,
    mainFields: [...STACK_BUNDLE_OPTIONS.mainFields],
    entryPoints: [entry],
    outfile,
    external: options.externalAwsSdk ? ['@aws-sdk/*'] : [],
  });
  return { file: outfile, sizeKB: Math.round((statSync(outfile).size / 1024) * 10) / 10 };
}
