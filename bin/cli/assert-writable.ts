import { access, constants, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '../../lambdas/core/config-error.js';

/** Fail before the run, naming the flag, when an output file could not be written afterwards. */
export async function assertWritable(path: string, flag: string): Promise<void> {
  const target = resolve(path);
  const isDirectory = await stat(target).then((s) => s.isDirectory(), () => false);
  if (isDirectory) throw new ConfigError(`Invalid ${flag} ${path}: is a directory; give a file path`, [flag]);
  try {
    await access(dirname(target), constants.W_OK);
  } catch {
    throw new ConfigError(`Invalid ${flag} ${path}: its directory does not exist or is not writable`, [flag]);
  }
}
