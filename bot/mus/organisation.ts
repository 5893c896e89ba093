export interface OrganisationSettings {
  /** Months after a round closes before talk notes and preparation answers are deleted. */
  retentionMonths: number;
  /** Requests per second the rollout may send for this tenant (Teams allows about 30). */
  sendRatePerSecond: number;
}

export interface Organisation {
  /** The Entra tenant id, or `default` in dev mode. */
  id: string;
  name: string;
  /** The organisation's own statement of its core task, shown at the top of every skema and card. */
  coreTask: string;
  settings: OrganisationSettings;
  /** The Bot Connector endpoint Teams uses for this tenant, learnt from the bot's first activity. */
  serviceUrl?: string;
}

export const DEFAULT_ORG_SETTINGS: OrganisationSettings = {
  retentionMonths: 24,
  sendRatePerSecond: 30,
};

export function newOrganisation(id: string, name: string, coreTask = ''): Organisation {
  return { id, name, coreTask, settings: { ...DEFAULT_ORG_SETTINGS } };
}
