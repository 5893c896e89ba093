import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from './logger.js';
import { defaultMusTemplate } from './mus/default-template.js';
import type { Repositories } from './mus/repositories.js';
import { newRound } from './mus/round.js';
import { importRosterCsv } from './roster/csv-roster.js';

export const DEMO_ROSTER = join(
  fileURLToPath(import.meta.url),
  '..',
  '..',
  'tests',
  'fixtures',
  'roster-sample.csv',
);

export const DEMO_CORE_TASK =
  'Vi sikrer rent drikkevand og renser spildevandet, så borgerne kan leve et sundt liv — hver dag.';

/**
 * Fills the dev organisation with the sample waterworks (1 HR, 3 leaders, 25 employees) and one
 * round, so a newcomer sees a populated app. Safe to repeat: nothing is duplicated.
 */
export async function loadDemoData(
  repositories: Repositories,
  orgId: string,
  log: Logger,
): Promise<void> {
  const result = await importRosterCsv(repositories.people, orgId, readFileSync(DEMO_ROSTER));
  const org = await repositories.organisations.get(orgId);
  if (org && !org.value.coreTask) {
    await repositories.organisations.update(
      { ...org.value, name: 'Vandværket (demo)', coreTask: DEMO_CORE_TASK },
      org.etag,
    );
  }
  const rounds = await repositories.rounds.list(orgId);
  if (rounds.length === 0) {
    await repositories.rounds.create(
      newRound({
        orgId,
        id: 'mus-demo',
        name: 'MUS (demo)',
        createdBy: 'lone.hvid@vandvaerk.example',
        now: new Date(),
        template: defaultMusTemplate(),
      }),
    );
  }
  log.info({ ...result }, 'demo data loaded');
}
