import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { findTenantConflicts, type TenantIdentity } from '../../lambdas/core/fleet/find-tenant-conflicts.js';
import type { TenantRegistryReader } from '../../lambdas/core/ports.js';
import type { CliIo } from './cli-io.js';
import { readTenantIdentities, type TenantSecretRef } from './read-tenant-identities.js';

export interface TenantCandidate extends TenantSecretRef {
  /** Where the entry came from, for the field names: '' for `tenants add/set`, `tenants[2].` for an import. */
  readonly fieldPrefix: string;
}

/**
 * Refuses entries that would make a second registry entry for one ISC tenant: a credentials secret
 * or a base URL host another registered tenant (or an earlier candidate) already has. Such twins
 * each take the other's rotation successors for left-overs and delete them. Checked before anything
 * is written; a secret that cannot be read is compared by ARN only, with a warning on stderr.
 * Two commands adding twins at the same moment are not caught: the registry has no uniqueness index.
 */
export async function refuseTenantDuplicates(candidates: readonly TenantCandidate[], registry: TenantRegistryReader, io: CliIo): Promise<void> {
  if (candidates.length === 0) return;
  const names = new Set(candidates.map((candidate) => candidate.name));
  const registered = (await registry.list()).tenants.map(({ entry }) => entry).filter((entry) => !names.has(entry.name));
  const identities = await readTenantIdentities(new SecretsManagerClient({ ...io.aws }), [...candidates, ...registered], (tenant, reason) =>
    io.stderr.write(`warning: the credentials secret of tenant ${tenant} could not be read (${reason}): its base URL host was not compared\n`),
  );
  const known: TenantIdentity[] = identities.slice(candidates.length);
  const problems: { field: string; text: string; twin: string }[] = [];
  candidates.forEach((candidate, index) => {
    const identity = identities[index]!;
    for (const conflict of findTenantConflicts(identity, known)) {
      problems.push({ field: `${candidate.fieldPrefix}${conflict.field}`, text: `tenant ${candidate.name}: ${conflict.reason}`, twin: conflict.tenant });
    }
    known.push(identity);
  });
  if (problems.length === 0) return;
  throw new ConfigError(
    `Refused: ${problems.map((problem) => `${problem.field}: ${problem.text}`).join('; ')}. Two registry entries for one ISC tenant would each delete the other's rotation successors as left-overs; nothing was written. Change the registered entry instead ("npm run janitor -- tenants set ${problems[0]!.twin} ...") or remove it first`,
    problems.map((problem) => problem.field),
  );
}
