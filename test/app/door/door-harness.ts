import { IscApiError } from '../../../lambdas/adapters/isc/index.js';
import { doorKeyOf, type Door, type DoorLine, type DoorRun } from '../../../lambdas/app/door/door.js';
import { alwaysMayAct } from '../../../lambdas/app/door/may-still-act.js';
import type { CredentialRemoval } from '../../../lambdas/core/credential-removal.js';
import type { OAuthClient } from '../../../lambdas/core/model/oauth-client.js';
import type { PersonalAccessToken } from '../../../lambdas/core/model/personal-access-token.js';
import { NOW } from '../../core/make-client.js';

const notFound = (path: string) => new IscApiError(`GET ${path} failed: 404`, { kind: 'http', method: 'GET', path, status: 404 });

/** A tenant behind the door: clients by id, tokens as a list (duplicates allowed), every write recorded. */
export function doorWorld(input: { clients?: OAuthClient[]; tokens?: PersonalAccessToken[] } = {}) {
  const clients = new Map((input.clients ?? []).map((client) => [client.id, client]));
  let tokens = [...(input.tokens ?? [])];
  const writes: string[] = [];
  const lines: DoorLine[] = [];
  const removal: CredentialRemoval = {
    clients: {
      disable: async (id) => {
        writes.push(`disable ${id}`);
        const client = clients.get(id);
        if (!client) throw notFound(`/v3/oauth-clients/${id}`);
        const disabled = { ...client, enabled: false };
        clients.set(id, disabled);
        return disabled;
      },
      delete: async (id) => {
        writes.push(`delete ${id}`);
        return clients.delete(id) ? 'deleted' : 'already-gone';
      },
    },
    pats: {
      delete: async (id) => {
        writes.push(`delete-pat ${id}`);
        const before = tokens.length;
        tokens = tokens.filter((token) => token.id !== id);
        return tokens.length < before ? 'deleted' : 'already-gone';
      },
    },
  };
  const read: DoorRun['read'] = {
    clients: {
      get: async (id) => {
        const client = clients.get(id);
        if (!client) throw notFound(`/v3/oauth-clients/${id}`);
        return client;
      },
    },
    pats: { list: async () => ({ tokens: [...tokens], unreadable: [] }) },
  };
  const open = (overrides: Partial<DoorRun> = {}): Door =>
    doorKeyOf(removal).open({
      mode: 'enforce',
      clock: () => NOW,
      budget: { limits: { maxActions: 50, maxFraction: 1 } },
      windowDays: { clients: 90, pats: 90 },
      mayStillAct: alwaysMayAct,
      read,
      evidence: (line) => lines.push(line),
      ...overrides,
    });
  return { open, writes, lines, clients, removal, read };
}
