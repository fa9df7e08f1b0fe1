import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LAMBDA_NODE_OPTIONS } from '../lib/lambda-node-options.js';
import { bundleLikeStack } from './bundle-like-stack.js';
import type { CoreScaleFigures } from './core-scale-worker.js';

export type { CoreScaleFigures } from './core-scale-worker.js';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Evaluate-and-plan at scale, measured on the code as it ships: the worker is bundled with the
 * stack's esbuild options and run by plain Node in a fresh process (no tsx transform, no loader
 * memory in the figures), with the functions' NODE_OPTIONS (V8's young-generation size is part of
 * the peak).
 */
export async function runCoreScaleBench(count: number, runs: number): Promise<CoreScaleFigures> {
  const { file } = await bundleLikeStack(path('./core-scale-worker.ts'), path('./out/core-scale/worker.mjs'), { externalAwsSdk: true });
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...LAMBDA_NODE_OPTIONS.split(' '), '--expose-gc', file, JSON.stringify({ count, runs })], { timeout: 5 * 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`core scale worker failed: ${error.message}\n${stderr.slice(-1000)}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as CoreScaleFigures);
    });
  });
}
