import assert from 'node:assert/strict';
import {
  conversationKey,
  parseConversationRef,
  toConversationRef,
} from '../../../bot/teams/conversation-ref.js';

const personal = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  conversation: { id: 'a:1xyz', conversationType: 'personal', tenantId: 'tenant-1' },
  user: { id: '29:abc', aadObjectId: 'oid-1', name: 'Mette' },
  bot: { id: '28:bot', name: 'MUS' },
  locale: 'da-DK',
};

describe('conversation references', () => {
  it('keys a 1:1 chat by the user and anything else by the conversation', () => {
    assert.equal(conversationKey(personal), 'personal:29:abc');
    assert.equal(
      conversationKey({
        ...personal,
        conversation: { id: '19:team@thread.tacv2', conversationType: 'channel' },
      }),
      'channel:19:team@thread.tacv2',
    );
  });

  it('keeps the fields it knows and drops the rest (such as the last activity id)', () => {
    const parsed = parseConversationRef({ ...personal, activityId: 'f:123', extra: true });
    assert.deepEqual(parsed, personal);
  });

  it('refuses something that is not a reference', () => {
    assert.throws(() => parseConversationRef({ channelId: 'msteams' }));
    assert.equal(toConversationRef({ ...personal, serviceUrl: 'not a url' }), undefined);
    assert.equal(toConversationRef(null), undefined);
  });
});
