import { axiosRetry, Configuration, OAuthClientsApi } from 'sailpoint-api-client';

export type BaselineStyle = 'sequential' | 'parallel';

export interface SdkBaselineResult {
  readonly listed: number;
  readonly disabled: number;
  readonly failed: number;
  /** Retries axios-retry made (its onRetry hook), for any reason. */
  readonly retries: number;
}

/**
 * What a user would write with SailPoint's official SDK (sailpoint-api-client 1.4.x, v3 API):
 * list with the filter, then PATCH enabled=false per client, with the retry option exactly as
 * SailPoint's "Retries with the TypeScript SDK" page shows (4 retries, exponentialDelay).
 * `sequential` is the documented style (await in a loop); `parallel` is the common shortcut
 * (Promise.allSettled over every client), shown for contrast.
 *
 * The SDK gets its own token, as a user's script would: its multipart/form-data token request
 * goes to the sandbox's /oauth/token like to ISC's.
 */
export async function runSdkBaseline(input: {
  baseUrl: string;
  credentials: { clientId: string; clientSecret: string };
  cutoff: Date;
  style: BaselineStyle;
}): Promise<SdkBaselineResult> {
  let retries = 0;
  const apiConfig = new Configuration({ baseurl: input.baseUrl, ...input.credentials, tokenUrl: `${input.baseUrl}/oauth/token` });
  apiConfig.retriesConfig = {
    retries: 4,
    retryDelay: axiosRetry.exponentialDelay,
    onRetry: () => {
      retries += 1;
    },
  };
  const api = new OAuthClientsApi(apiConfig);
  const { data: stale } = await api.listOauthClients({ filters: `lastUsed le ${input.cutoff.toISOString()}` });
  const targets = stale.filter((client) => client.enabled);
  const disable = (id: string) => api.patchOauthClient({ id, jsonPatchOperation: [{ op: 'replace', path: '/enabled', value: false }] });

  let failed = 0;
  if (input.style === 'sequential') {
    for (const client of targets) {
      try {
        await disable(client.id);
      } catch {
        failed += 1;
      }
    }
  } else {
    const results = await Promise.allSettled(targets.map((client) => disable(client.id)));
    failed = results.filter((r) => r.status === 'rejected').length;
  }
  return { listed: stale.length, disabled: targets.length - failed, failed, retries };
}
