import { teamsfxExchange, type GraphCalendarOptions } from './graph-calendar.js';

/**
 * Graph settings for booking, read from the same Entra app registration as the tab's SSO
 * (AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET, AAD_APP_TENANT_ID; the names the Teams Toolkit writes).
 * Undefined without a secret: the tab then offers only the .ics download.
 */
export function bookingCalendarFromEnv(
  env: Record<string, string | undefined>,
): GraphCalendarOptions | undefined {
  const clientId = env.AAD_APP_CLIENT_ID;
  const clientSecret = env.AAD_APP_CLIENT_SECRET;
  const tenantId = env.AAD_APP_TENANT_ID ?? env.MicrosoftAppTenantId;
  if (!clientId || !clientSecret || !tenantId) return undefined;
  return {
    exchange: teamsfxExchange({
      clientId,
      clientSecret,
      tenantId,
      authorityHost: env.AAD_APP_OAUTH_AUTHORITY_HOST,
    }),
    baseUrl: env.GRAPH_BASE_URL,
  };
}
