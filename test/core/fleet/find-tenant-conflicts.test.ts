import { describe, expect, it } from 'vitest';
import { findTenantConflicts } from '../../../lambdas/core/fleet/find-tenant-conflicts.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme';
const acme = { name: 'acme', secretArn: `${ARN}-AbCdEf`, host: 'acme.api.identitynow.com' };

describe('findTenantConflicts', () => {
  it('names the tenant that already has the credentials secret', () => {
    expect(findTenantConflicts({ name: 'acme-2', secretArn: `${ARN}-AbCdEf` }, [acme])).toEqual([
      { tenant: 'acme', field: 'credentialsSecretArn', reason: 'the credentials secret already belongs to tenant acme' },
    ]);
  });

  it('takes an ARN without the six random characters for the same secret, either way round', () => {
    expect(findTenantConflicts({ name: 'acme-2', secretArn: ARN }, [acme])).toHaveLength(1);
    expect(findTenantConflicts({ name: 'acme-2', secretArn: `${ARN}-AbCdEf` }, [{ ...acme, secretArn: ARN }])).toHaveLength(1);
    expect(findTenantConflicts({ name: 'acme-2', secretArn: `${ARN}-prod` }, [{ ...acme, secretArn: ARN }])).toEqual([]);
    expect(findTenantConflicts({ name: 'acme-2', secretArn: `${ARN}-AbCdEfG` }, [{ ...acme, secretArn: ARN }])).toEqual([]);
  });

  it('names the tenant whose secret has the same base URL host', () => {
    expect(findTenantConflicts({ name: 'acme-2', secretArn: `${ARN}-copy-XyZ123`, host: 'acme.api.identitynow.com' }, [acme])).toEqual([
      { tenant: 'acme', field: 'baseUrl', reason: 'the base URL host acme.api.identitynow.com already belongs to tenant acme' },
    ]);
  });

  it('compares hosts with their port, and never an unknown host', () => {
    const sandbox = { name: 'local', secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:local-AAAAAA', host: '127.0.0.1:4010' };
    expect(findTenantConflicts({ name: 'other', secretArn: `${ARN}-BBBBBB`, host: '127.0.0.1:4011' }, [sandbox])).toEqual([]);
    expect(findTenantConflicts({ name: 'other', secretArn: `${ARN}-BBBBBB` }, [{ ...sandbox, host: undefined }])).toEqual([]);
  });

  it('leaves the entry itself alone (set keeps its own secret) and names every twin', () => {
    expect(findTenantConflicts(acme, [acme])).toEqual([]);
    const twins = findTenantConflicts({ ...acme, name: 'acme-3' }, [acme, { ...acme, name: 'acme-2', secretArn: `${ARN}2-CCCCCC` }]);
    expect(twins.map(({ tenant, field }) => [tenant, field])).toEqual([
      ['acme', 'credentialsSecretArn'],
      ['acme-2', 'baseUrl'],
    ]);
  });
});
