/** What makes two registry entries the same ISC tenant. */
export interface TenantIdentity {
  readonly name: string;
  /** The credentials secret: its full ARN when Secrets Manager answered, else as the entry has it. */
  readonly secretArn: string;
  /** `host[:port]` of the secret's `baseUrl`, lower case; undefined when the secret could not be read. */
  readonly host?: string | undefined;
}

export interface TenantConflict {
  /** The registered tenant the candidate collides with. */
  readonly tenant: string;
  readonly field: 'credentialsSecretArn' | 'baseUrl';
  readonly reason: string;
}

/** A full secret ARN ends in `-` and six random characters; an entry may hold the ARN without them. */
const ARN_SUFFIX = /^-[A-Za-z0-9]{6}$/;

function sameSecret(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && ARN_SUFFIX.test(long.slice(short.length));
}

/**
 * Two registry entries for one ISC tenant (the same credentials secret, or secrets whose base
 * URLs share a host) would each take the other's rotation successors for left-overs and delete
 * them, and would run the tenant twice a night. Every registered tenant other than the candidate
 * itself that shares either is named.
 */
export function findTenantConflicts(candidate: TenantIdentity, registered: readonly TenantIdentity[]): TenantConflict[] {
  const conflicts: TenantConflict[] = [];
  for (const other of registered) {
    if (other.name === candidate.name) continue;
    if (sameSecret(candidate.secretArn, other.secretArn)) {
      conflicts.push({ tenant: other.name, field: 'credentialsSecretArn', reason: `the credentials secret already belongs to tenant ${other.name}` });
    } else if (candidate.host !== undefined && candidate.host === other.host) {
      conflicts.push({ tenant: other.name, field: 'baseUrl', reason: `the base URL host ${candidate.host} already belongs to tenant ${other.name}` });
    }
  }
  return conflicts;
}
