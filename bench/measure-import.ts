import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { median, round } from './median.js';

/** Times `import()` of a bundle from inside a fresh Node process, once per run, in sequence. */
const SCRIPT = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

function importOnce(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT, url],
      // What Lambda sets; the handler reads it at import (Powertools, SDK clients).
      { env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'bench' }, timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`import of ${url} failed: ${stderr.slice(-1000)}`)) : resolve(Number(stdout))),
    );
  });
}

export async function measureImport(file: string, runs: number): Promise<{ medianMs: number; runsMs: number[] }> {
  const url = pathToFileURL(file).href;
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i += 1) runsMs.push(round(await importOnce(url), 1));
  return { medianMs: round(median(runsMs), 1), runsMs };
}
