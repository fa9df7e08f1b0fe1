import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/start-sandbox.js';

/**
 * A few sandbox servers lent to tenants one run at a time: a thousand tenants need not be a
 * thousand servers, only as many as run at once. The borrower loads its tenant's clients into
 * the server it gets; nobody else uses that server until it is given back.
 */
export class SandboxPool {
  readonly #free: Sandbox[] = [];
  readonly #waiting: ((sandbox: Sandbox) => void)[] = [];
  readonly #all: Sandbox[] = [];

  static async start(size: number, options: SandboxOptions): Promise<SandboxPool> {
    const pool = new SandboxPool();
    for (let i = 0; i < size; i += 1) {
      const sandbox = await startSandbox(options);
      pool.#all.push(sandbox);
      pool.#free.push(sandbox);
    }
    return pool;
  }

  acquire(): Promise<Sandbox> {
    const sandbox = this.#free.pop();
    if (sandbox) return Promise.resolve(sandbox);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(sandbox: Sandbox): void {
    const next = this.#waiting.shift();
    if (next) next(sandbox);
    else this.#free.push(sandbox);
  }

  async close(): Promise<void> {
    await Promise.all(this.#all.map((sandbox) => sandbox.close()));
  }
}
