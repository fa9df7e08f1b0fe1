import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { ROTATION_STEPS } from '../../lambdas/core/model/secret-versions.js';
import { planRotation } from '../../lambdas/core/plan/plan-rotation.js';
import type { ManagedClientSecret } from '../../lambdas/core/ports.js';
import type { OAuthClient } from '../../lambdas/core/model/oauth-client.js';
import { CURRENT_ID, MANAGED, motoSecrets, SELF_ID, startRotationWorld, tokenStatus, type RotationWorld } from '../janitor/rotation-harness.js';
import { findSecretLeaks } from './find-secret-leaks.js';
import type { ProtocolScenario, StepFaults } from './rotation-protocol-scenario.js';

export interface ProtocolChaosOutcome {
  readonly violations: readonly string[];
  /** Step attempts that failed during the faulty phase. */
  readonly failedAttempts: number;
  /** The faulty phase finished the rotation (AWSCURRENT moved to the successor). */
  readonly finished: boolean;
  /** A successor was rolled back at testSecret. */
  readonly rolledBack: boolean;
  /** Successors left by a crash between ISC's create and the secret's put: the nightly run's to remove (clients) or named (PATs). */
  readonly crashLeftovers: number;
  readonly crashes: number;
  /** The warnings of a nightly run after the retry (janitor's PAT only; empty otherwise). */
  readonly reportWarnings: readonly string[];
}

/** The Lambda container died mid-step: nothing after that call ran. */
class ContainerCrash extends Error {
  override readonly name = 'ContainerCrash';
}

/**
 * One protocol chaos run: a rotation of a managed client secret or of the janitor's own PAT,
 * with ISC and Secrets Manager faults and crashes at every step, each step retried as Secrets
 * Manager would; then the invariants; then a fault-free retry that must finish the rotation.
 */
export async function runProtocolScenario(scenario: ProtocolScenario): Promise<ProtocolChaosOutcome> {
  const w = await startRotationWorld({ propagationAttempts: 2 });
  const managed = scenario.kind === 'managed-client';
  const secretArn = managed ? w.managedSecretArn : w.janitorSecretArn;
  const initialId = managed ? CURRENT_ID : SELF_ID;
  const token = await w.startRotation(secretArn);
  const errors: string[] = [];
  let failedAttempts = 0;
  let finished = false;
  let crashes = 0;
  let crashedInCreate = false;

  for (const step of ROTATION_STEPS) {
    if (step === 'testSecret' && scenario.sabotage) await sabotage(w, managed, secretArn);
    let ok = false;
    for (let attempt = 0; attempt < scenario.attempts && !ok; attempt += 1) {
      const faults = scenario.faults[step][attempt] ?? { isc: [], secretsManager: [] };
      for (const fault of faults.isc) w.sandbox.faults.failNext(fault.count, fault.match, fault.fault);
      const { client, crashed } = faultySecretsManager(faults);
      const crash = crashed.then(() => {
        crashes += 1;
        if (step === 'createSecret') crashedInCreate = true;
        throw new ContainerCrash(`the container died during ${step}`);
      });
      try {
        await Promise.race([w.step(step, secretArn, token, w.handler(client)), crash]);
        ok = true;
        if (scenario.repeated.includes(step)) await w.step(step, secretArn, token);
      } catch (error) {
        failedAttempts += 1;
        errors.push(error instanceof Error ? error.message : String(error));
      } finally {
        w.sandbox.faults.clear();
      }
    }
    if (!ok) break;
    if (step === 'finishSecret') finished = true;
  }

  const violations: string[] = [];
  const check = async (phase: string, version: string) => {
    const current = await w.value(secretArn);
    const pending = await pendingValue(w, secretArn, version);
    const currentId = current.clientId as string;
    if (currentId !== initialId && currentId !== pending?.clientId) violations.push(`${phase}: AWSCURRENT holds ${currentId}, neither the initial credential nor the rotation's successor`);
    if ((await tokenStatus(w.sandbox, currentId, current.clientSecret as string)) !== 200) violations.push(`${phase}: the credential in AWSCURRENT (${currentId}) does not get a token`);
    return { current, pending };
  };

  const faulty = await check('after the faults', token);
  if (!finished && faulty.current.clientId !== initialId) {
    // A finishSecret cut off after the move is the only way: the token's version is then current.
    const stages = (await w.stages(secretArn))[token] ?? [];
    if (!stages.includes('AWSCURRENT')) violations.push('after the faults: AWSCURRENT moved without a finishSecret');
  }
  const strays = await strayCredentials(w, managed, [initialId, faulty.current.clientId as string, faulty.pending?.clientId as string | undefined], errors);
  const crashLeftovers = strays.leftovers.length;
  if (strays.unexplained.length > 0) violations.push(`after the faults: ${strays.unexplained.join(', ')} left behind, held by no stage, and the nightly run would not remove it`);
  if (strays.leftovers.length > 0 && !crashedInCreate) violations.push(`after the faults: ${strays.leftovers.join(', ')} left behind without a crash to explain it`);

  // Secrets Manager tries again without faults: the same version while it is pending, a new one otherwise.
  const stages = (await w.stages(secretArn))[token] ?? [];
  let followUp = token;
  if (!stages.includes('AWSPENDING') && !stages.includes('AWSCURRENT')) followUp = await w.startRotation(secretArn);
  try {
    for (const step of ROTATION_STEPS) await w.step(step, secretArn, followUp);
  } catch (error) {
    violations.push(`the fault-free retry failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const done = await check('after the retry', followUp);
  if (done.current.clientId === initialId) violations.push('after the retry: AWSCURRENT still holds the initial credential');
  if ((await w.describe(secretArn)).rotationFailure) violations.push('after the retry: the failure note was not cleared');
  if (managed && w.sandbox.state.get(initialId)?.enabled !== true) violations.push('after the retry: the predecessor was disabled or deleted before consumers moved');

  // The nightly run after it all: a PAT a crash left behind is named in its report.
  const reportWarnings = managed ? [] : (await w.nightly()).report.warnings;

  const secrets = [
    ...w.sandbox.state.all().map((client) => w.sandbox.state.secretOf(client.id) ?? ''),
    ...w.sandbox.pats.all().map((pat) => w.sandbox.pats.secretOf(pat.id) ?? ''),
  ];
  violations.push(...findSecretLeaks([...w.logger.lines, ...errors], secrets));

  return {
    violations: violations.map((violation) => `${scenario.kind}: ${violation}`),
    failedAttempts,
    finished,
    rolledBack: errors.some((error) => /no longer AWSPENDING/.test(error)),
    crashLeftovers,
    crashes,
    reportWarnings,
  };
}

/**
 * moto's Secrets Manager with the attempt's faults: a call fails before or after it applies, or
 * the container dies at it. A dead container runs nothing more: that call never answers (as in a
 * Lambda timeout), and `crashed` settles so the driver moves on.
 */
function faultySecretsManager(faults: StepFaults): { client: SecretsManagerClient; crashed: Promise<void> } {
  const { sm } = motoSecrets();
  const pending = [...faults.secretsManager];
  let calls = 0;
  let died: () => void = () => undefined;
  const crashed = new Promise<void>((resolve) => (died = resolve));
  const faulty = Object.create(sm) as SecretsManagerClient;
  faulty.send = (async (command: { constructor: { name: string } }) => {
    calls += 1;
    if (faults.crashAt === calls || faults.crashAt === command.constructor.name) {
      died();
      return new Promise<never>(() => undefined);
    }
    const index = pending.findIndex((fault) => fault.command === command.constructor.name);
    if (index < 0) return sm.send(command as never);
    const [fault] = pending.splice(index, 1);
    if (fault?.applied) await sm.send(command as never);
    throw Object.assign(new Error('An error occurred on the server side.'), { name: 'InternalServiceError', $metadata: { requestId: `chaos-${calls}` } });
  }) as SecretsManagerClient['send'];
  return { client: faulty, crashed };
}

/** Someone changes the successor's (or the new PAT's) secret in ISC: its stored secret is refused. */
async function sabotage(w: RotationWorld, managed: boolean, secretArn: string): Promise<void> {
  const stages = await w.stages(secretArn);
  const token = Object.keys(stages).find((id) => stages[id]?.includes('AWSPENDING') && !stages[id]?.includes('AWSCURRENT'));
  const pending = token ? await pendingValue(w, secretArn, token) : undefined;
  if (!pending) return;
  const id = pending.clientId as string;
  if (managed) {
    const client = w.sandbox.state.get(id);
    if (client) w.sandbox.state.put(client, 'changed-by-someone-else-0123456789');
  } else {
    const pat = w.sandbox.pats.get(id);
    if (pat) w.sandbox.pats.put(pat, 'changed-by-someone-else-0123456789');
  }
}

async function pendingValue(w: RotationWorld, secretArn: string, token: string): Promise<Record<string, unknown> | undefined> {
  const stages = (await w.stages(secretArn))[token] ?? [];
  if (!stages.includes('AWSPENDING') && !stages.includes('AWSCURRENT')) return undefined;
  try {
    return await w.value(secretArn, stages.includes('AWSPENDING') ? 'AWSPENDING' : 'AWSCURRENT');
  } catch {
    return undefined;
  }
}

/**
 * Credentials of the rotated kind that no stage holds and no error named for deletion by hand.
 * `leftovers`: a crash between ISC's create and the secret's put made them (the nightly run
 * removes such clients; a PAT is named in the health section). `unexplained`: clients the
 * nightly run would not remove either.
 */
async function strayCredentials(
  w: RotationWorld,
  managed: boolean,
  held: readonly (string | undefined)[],
  errors: readonly string[],
): Promise<{ leftovers: string[]; unexplained: string[] }> {
  const known = new Set(held.filter((id): id is string => id !== undefined));
  const named = (id: string) => errors.some((error) => error.includes(`${id} by hand`));
  if (!managed) {
    const leftovers = w.sandbox.pats.ownedBy(w.sandbox.selfIdentity.id).map((pat) => pat.id).filter((id) => !known.has(id) && !named(id));
    return { leftovers, unexplained: [] };
  }
  const clients = w.sandbox.state.all().filter((client) => client.name === MANAGED) as OAuthClient[];
  const strays = clients.filter((client) => !known.has(client.id) && !named(client.id));
  if (strays.length === 0) return { leftovers: [], unexplained: [] };
  const current = (await w.value(w.managedSecretArn)) as unknown as ManagedClientSecret;
  const plan = planRotation({
    clients,
    policy: parsePolicy({ rotation: { enabled: true, names: [`^${MANAGED}$`] } }),
    now: w.now(),
    selfClientId: SELF_ID,
    secrets: new Map([[MANAGED, current]]),
    secretNameOf: () => w.managedPrefix,
    rotatedBySecretsManager: new Map([[MANAGED, {}]]),
  });
  const removed = new Set(plan.plan.filter((action) => action.rotationStep === 'remove-leftover').map((action) => action.clientId));
  return {
    leftovers: strays.filter((client) => removed.has(client.id)).map((client) => client.id),
    unexplained: strays.filter((client) => !removed.has(client.id)).map((client) => client.id),
  };
}
