import assert from 'node:assert/strict';
import type { StoredConversation } from '../../../bot/mus/repositories.js';
import { testStorage, type TestStorage } from '../../helpers/azurite.js';
import { ORG } from './storage-fixtures.js';

function personal(userId: string, personEmail?: string): StoredConversation {
  return {
    orgId: ORG,
    key: `personal:${userId}`,
    ...(personEmail === undefined ? {} : { personEmail }),
    reference: {
      bot: { id: '28:bot', name: 'MUS' },
      conversation: { id: `a:1${userId}`, conversationType: 'personal', tenantId: 'tid' },
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      user: { id: userId },
    },
    updatedAt: '2026-03-02T09:00:00.000Z',
  };
}

describe('conversation references in Table storage', () => {
  let storage: TestStorage;

  beforeEach(async () => {
    storage = await testStorage();
  });

  it('a stored conversation is read back by its key', async () => {
    const { conversations } = storage.repositories;
    const conversation = personal('29:anna', 'anna@kommune.dk');
    await conversations.put(conversation);
    assert.deepEqual(await conversations.get(ORG, conversation.key), conversation);
    assert.equal(await conversations.get(ORG, 'personal:29:nobody'), undefined);
    assert.equal(await conversations.get('tenant-2', conversation.key), undefined);
  });

  it('a person’s 1:1 conversation is found by their email', async () => {
    const { conversations } = storage.repositories;
    const conversation = personal('29:anna', 'anna@kommune.dk');
    await conversations.put(conversation);
    await conversations.put(personal('29:unknown'));
    assert.deepEqual(await conversations.getPersonal(ORG, 'anna@kommune.dk'), conversation);
    assert.equal(await conversations.getPersonal(ORG, 'bo@kommune.dk'), undefined);
  });

  it('a channel conversation is stored but is nobody’s personal conversation', async () => {
    const { conversations } = storage.repositories;
    const channel: StoredConversation = {
      orgId: ORG,
      key: '19:abc/def#ghi?@thread.tacv2',
      personEmail: 'boss@kommune.dk',
      reference: { conversation: { id: '19:abc@thread.tacv2' } },
      updatedAt: '2026-03-02T09:00:00.000Z',
    };
    await conversations.put(channel);
    assert.deepEqual(await conversations.get(ORG, channel.key), channel);
    assert.equal(await conversations.getPersonal(ORG, 'boss@kommune.dk'), undefined);
  });

  it('put replaces a stored conversation, and a later match to a person is found', async () => {
    const { conversations } = storage.repositories;
    await conversations.put(personal('29:anna'));
    const matched = {
      ...personal('29:anna', 'anna@kommune.dk'),
      updatedAt: '2026-03-03T09:00:00.000Z',
    };
    await conversations.put(matched);
    assert.deepEqual(await conversations.get(ORG, matched.key), matched);
    assert.deepEqual(await conversations.getPersonal(ORG, 'anna@kommune.dk'), matched);
  });

  it('removing a conversation removes it from the person too', async () => {
    const { conversations } = storage.repositories;
    const conversation = personal('29:anna', 'anna@kommune.dk');
    await conversations.put(conversation);
    await conversations.remove(ORG, conversation.key);
    assert.equal(await conversations.get(ORG, conversation.key), undefined);
    assert.equal(await conversations.getPersonal(ORG, 'anna@kommune.dk'), undefined);
    assert.deepEqual(await storage.rawEntities('conversations'), []);
    await conversations.remove(ORG, conversation.key);
  });

  it('a person who reinstalled keeps the newest 1:1 conversation when the old one is removed', async () => {
    const { conversations } = storage.repositories;
    await conversations.put(personal('29:old', 'anna@kommune.dk'));
    const newer = personal('29:new', 'anna@kommune.dk');
    await conversations.put(newer);
    await conversations.remove(ORG, 'personal:29:old');
    assert.deepEqual(await conversations.getPersonal(ORG, 'anna@kommune.dk'), newer);
  });

  it('listPersonal gives every person’s current 1:1 conversation, as getPersonal does', async () => {
    const { conversations } = storage.repositories;
    const anna = personal('29:anna', 'anna@kommune.dk');
    await conversations.put(personal('29:bo-old', 'bo@kommune.dk'));
    const bo = personal('29:bo-new', 'bo@kommune.dk');
    await conversations.put(bo);
    await conversations.put(anna);
    await conversations.put(personal('29:unknown'));
    // Carl's user id was re-matched to Dorte: Carl's pointer leads to a conversation that is not his.
    await conversations.put(personal('29:shared', 'carl@kommune.dk'));
    const dorte = personal('29:shared', 'dorte@kommune.dk');
    await conversations.put(dorte);
    await conversations.put({ ...personal('29:other-org', 'anna@kommune.dk'), orgId: 'tenant-2' });
    await conversations.put({
      orgId: ORG,
      key: '19:channel@thread.tacv2',
      personEmail: 'eva@kommune.dk',
      reference: { conversation: { id: '19:channel@thread.tacv2' } },
      updatedAt: '2026-03-02T09:00:00.000Z',
    });

    const listed = await conversations.listPersonal(ORG);
    const byEmail = new Map(listed.map((c) => [c.personEmail, c]));
    assert.deepEqual([...byEmail.keys()].sort(), [
      'anna@kommune.dk',
      'bo@kommune.dk',
      'dorte@kommune.dk',
    ]);
    assert.equal(listed.length, 3);
    for (const email of ['anna@kommune.dk', 'bo@kommune.dk', 'carl@kommune.dk', 'eva@kommune.dk']) {
      assert.deepEqual(byEmail.get(email), await conversations.getPersonal(ORG, email), email);
    }
    assert.deepEqual(byEmail.get('bo@kommune.dk'), bo);
    assert.deepEqual(byEmail.get('dorte@kommune.dk'), dorte);
  });
});
