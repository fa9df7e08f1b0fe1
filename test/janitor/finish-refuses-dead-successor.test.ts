import { describe, expect, it } from 'vitest';
import { CURRENT_ID, MANAGED, startRotationWorld, useMoto } from './rotation-harness.js';

useMoto();

describe('finishSecret and a successor that no longer works', () => {
  for (const [what, sabotage] of [
    ['deleted', (w: Awaited<ReturnType<typeof startRotationWorld>>, id: string) => w.sandbox.state.remove(id)],
    ['disabled', (w: Awaited<ReturnType<typeof startRotationWorld>>, id: string) => w.sandbox.state.put({ ...w.sandbox.state.get(id)!, enabled: false })],
  ] as const) {
    it(`fails the step and leaves AWSCURRENT where it was when the pending client was ${what} after testSecret`, async () => {
      const w = await startRotationWorld();
      const token = await w.startRotation(w.managedSecretArn);
      for (const step of ['createSecret', 'setSecret', 'testSecret'] as const) await w.step(step, w.managedSecretArn, token);
      const successor = w.clientsNamed(MANAGED).find((client) => client.id !== CURRENT_ID)!;
      sabotage(w, successor.id);

      await expect(w.step('finishSecret', w.managedSecretArn, token)).rejects.toThrow(new RegExp(`${successor.id}.*(gone|disabled)`));

      expect(await w.value(w.managedSecretArn)).toMatchObject({ clientId: CURRENT_ID });
      expect((await w.stages(w.managedSecretArn))[token]).toEqual(['AWSPENDING']);
    });
  }
});
