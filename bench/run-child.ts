import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Run a bench TypeScript entry in a fresh Node process (through tsx) and parse the JSON it
 * prints last. Fresh processes keep runs independent: no shared heap, axios state or JIT warmth.
 */
export function runChild<T>(entry: string, arg: unknown, nodeFlags: readonly string[] = []): Promise<T> {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  return new Promise<T>((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeFlags, '--import', 'tsx', file, JSON.stringify(arg)],
      { maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${entry} failed: ${error.message}\n${stderr.slice(-2000)}`));
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as T);
        } catch {
          reject(new Error(`${entry} printed no JSON result: ${stdout.slice(-500)}`));
        }
      },
    );
  });
}
