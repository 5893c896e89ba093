import { DEV_ORG_ID } from '../../bot/config.js';
import { newOrganisation } from '../../bot/mus/organisation.js';
import type { Person } from '../../bot/mus/person.js';
import type { TestStorage } from './azurite.js';
import type { FakeBotConnector } from './fake-bot-connector/index.js';
import { HR_EMAIL, TENANT, teamsUserId } from './rollout-harness.js';

/**
 * An organisation for the dispatcher's process tests: HR, `leaders` leaders each with
 * `employeesPerLeader` employees, everyone with a stored 1:1 chat on the fake connector (so every
 * card is one request to Teams). Returns HR and the e-mails of everyone but HR.
 */
export async function seedSyntheticOrganisation(
  storage: TestStorage,
  fake: FakeBotConnector,
  size: { leaders: number; employeesPerLeader: number },
): Promise<{ hr: Person; recipients: string[] }> {
  const { repositories } = storage;
  await repositories.organisations.ensure({
    // Step 1 waits for the core task, so the organisation has one.
    ...newOrganisation(DEV_ORG_ID, 'Vandværket', 'Vi leverer rent vand.'),
    serviceUrl: fake.url,
  });
  const hr: Person = {
    orgId: DEV_ORG_ID,
    email: HR_EMAIL,
    name: 'HR',
    department: 'HR',
    roles: ['hr'],
  };
  const people: Person[] = [hr];
  for (let l = 0; l < size.leaders; l++) {
    const leader = `leder${l}@vandvaerk.example`;
    people.push({
      orgId: DEV_ORG_ID,
      email: leader,
      name: `Leder ${l}`,
      department: `Afdeling ${l}`,
      roles: ['leader'],
    });
    for (let e = 0; e < size.employeesPerLeader; e++) {
      people.push({
        orgId: DEV_ORG_ID,
        email: `medarbejder${l}-${e}@vandvaerk.example`,
        name: `Medarbejder ${l}-${e}`,
        department: `Afdeling ${l}`,
        leaderEmail: leader,
        roles: ['employee'],
      });
    }
  }
  await repositories.people.upsertRoster(DEV_ORG_ID, people);
  const recipients = people.filter((p) => !p.roles.includes('hr')).map((p) => p.email);
  await Promise.all(
    recipients.map((email) =>
      repositories.conversations.put({
        orgId: DEV_ORG_ID,
        personEmail: email,
        key: `personal:${teamsUserId(email)}`,
        reference: {
          channelId: 'msteams',
          serviceUrl: fake.url,
          conversation: {
            id: `a:personal-${email}`,
            conversationType: 'personal',
            tenantId: TENANT,
          },
          user: { id: teamsUserId(email) },
          bot: { id: '28:bot' },
        },
        updatedAt: new Date().toISOString(),
      }),
    ),
  );
  return { hr, recipients };
}
