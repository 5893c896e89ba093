/**
 * Teams-shaped activities as the Teams channel posts them to /api/messages, with the fake
 * connector's URL as serviceUrl.
 */

export const TENANT_ID = '72f988bf-0000-4000-8000-000000000001';
export const BOT_ID = '28:00000000-0000-0000-0000-00000000b07';
export const USER_ID = '29:1a2b3c-employee';
export const USER_AAD_ID = 'aad-0000-employee';

let sequence = 0;

export interface ActivityOptions {
  serviceUrl: string;
  text?: string;
  locale?: string;
  userId?: string;
  conversationId?: string;
}

function base(options: ActivityOptions, type: string): Record<string, unknown> {
  sequence += 1;
  const userId = options.userId ?? USER_ID;
  return {
    type,
    id: `f:activity-${sequence}`,
    timestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: userId, name: 'Mette Medarbejder', aadObjectId: USER_AAD_ID },
    recipient: { id: BOT_ID, name: 'MUS' },
    conversation: {
      id: options.conversationId ?? `a:personal-${userId}`,
      conversationType: 'personal',
      tenantId: TENANT_ID,
    },
    channelData: { tenant: { id: TENANT_ID } },
    locale: options.locale ?? 'da-DK',
  };
}

/** A 1:1 chat message from a user to the bot. */
export function personalMessage(options: ActivityOptions): Record<string, unknown> {
  return { ...base(options, 'message'), text: options.text ?? 'hjælp', textFormat: 'plain' };
}

/** The app was installed (`add`) or removed (`remove`) in a user's personal scope. */
export function personalInstallationUpdate(
  options: ActivityOptions,
  action: 'add' | 'remove',
): Record<string, unknown> {
  return { ...base(options, 'installationUpdate'), action };
}

/** The bot was added to a team: the conversationUpdate Teams sends in the General channel. */
export function botAddedToTeam(
  options: ActivityOptions & { teamId: string },
): Record<string, unknown> {
  const activity = base(options, 'conversationUpdate');
  return {
    ...activity,
    conversation: {
      id: options.teamId,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT_ID,
    },
    membersAdded: [{ id: BOT_ID }],
    channelData: {
      tenant: { id: TENANT_ID },
      team: { id: options.teamId, name: 'HR' },
      eventType: 'teamMemberAdded',
    },
  };
}
