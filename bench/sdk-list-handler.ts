import { Configuration, OAuthClientsApi } from 'sailpoint-api-client';

/**
 * The cold-start comparison: the smallest useful Lambda written with SailPoint's official SDK,
 * listing OAuth clients with the env-based configuration its README shows (SAIL_BASE_URL,
 * SAIL_CLIENT_ID, SAIL_CLIENT_SECRET). Only bundled and imported by the bench, never invoked.
 */
export const handler = async (): Promise<{ count: number }> => {
  const api = new OAuthClientsApi(new Configuration());
  const { data } = await api.listOauthClients();
  return { count: data.length };
};
