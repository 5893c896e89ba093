export interface OrganisationSettings {
  /** Months after a round closes before talk notes and preparation answers are deleted. */
  retentionMonths: number;
  /**
   * Months an audit trail line (who opened whose skema or data) is kept, counted from the read. Longer
   * than the talk's texts, so a person can still see who read their notes after the notes are gone.
   */
  auditRetentionMonths: number;
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
  /** Whom leaders can ask about the round: shown on their cards. */
  hrContact?: HrContact;
  /** The Bot Connector endpoint Teams uses for this tenant, learnt from the bot's first activity. */
  serviceUrl?: string;
}

/** HR's contact person for the leaders during a round. */
export interface HrContact {
  name: string;
  email?: string;
  phone?: string;
}

/** Longest core task: a few sentences, read at the top of every skema and card. */
export const CORE_TASK_MAX = 1_000;

/** Whether the organisation has written its core task (the method starts from it). */
export function hasCoreTask(org: Pick<Organisation, 'coreTask'>): boolean {
  return org.coreTask.trim().length > 0;
}

export const DEFAULT_ORG_SETTINGS: OrganisationSettings = {
  retentionMonths: 24,
  auditRetentionMonths: 36,
  sendRatePerSecond: 30,
};

export function newOrganisation(id: string, name: string, coreTask = ''): Organisation {
  return { id, name, coreTask, settings: { ...DEFAULT_ORG_SETTINGS } };
}
