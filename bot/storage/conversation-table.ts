import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { ConversationStore, StoredConversation } from '../mus/repositories.js';
import { jsonProperties, parseEntity, readJsonProperty } from './json-properties.js';
import { encodeKeyPart, rowKeyPrefixFilter } from './table-keys.js';
import { assertWithinTableLimits, type EntityToWrite } from './table-limits.js';
import { deleteIfPresent, queryEntities, readEntity, type RawEntity } from './table-operations.js';
import { ERRORS_TEXTS } from '../../texts/errors.js';

/*
 * Table `conversations`, one partition per organisation:
 *   PK = <orgId>   RK = c|<key>           the conversation reference (`personal:<userId>` or
 *                                         `channel:<conversationId>`)
 *                  RK = p|<personEmail>   points to the key of the person's 1:1 conversation
 * Both rows are written in one transaction. getPersonal follows the pointer and checks that the
 * conversation still names the person, so a pointer left behind by a re-matched user is harmless.
 */

const CONVERSATION = 'c|';
const PERSONAL = 'p|';
const PERSONAL_KEY_PREFIX = 'personal:';
const WHAT = ERRORS_TEXTS.storage.whatConversationReference;

const conversationEntity = z.object({
  orgId: z.string(),
  personEmail: z.string().optional(),
  key: z.string(),
  updatedAt: z.string(),
});

const pointerEntity = z.object({ key: z.string() });

function conversationKey(key: string): string {
  return CONVERSATION + encodeKeyPart(key);
}

function personalKey(personEmail: string): string {
  return PERSONAL + encodeKeyPart(personEmail);
}

function toConversation(raw: RawEntity): StoredConversation {
  return {
    ...parseEntity('conversations', raw, conversationEntity),
    reference: readJsonProperty(raw, 'reference', z.unknown()),
  };
}

export class ConversationTable implements ConversationStore {
  constructor(private readonly client: TableClient) {}

  async put(conversation: StoredConversation): Promise<void> {
    const pk = encodeKeyPart(conversation.orgId);
    const row: EntityToWrite = {
      partitionKey: pk,
      rowKey: conversationKey(conversation.key),
      orgId: conversation.orgId,
      key: conversation.key,
      updatedAt: conversation.updatedAt,
      ...(conversation.personEmail === undefined ? {} : { personEmail: conversation.personEmail }),
      ...jsonProperties('reference', conversation.reference ?? null),
    };
    assertWithinTableLimits(row, WHAT);
    const actions: TransactionAction[] = [['upsert', row, 'Replace']];
    if (conversation.personEmail && conversation.key.startsWith(PERSONAL_KEY_PREFIX)) {
      const pointer = {
        partitionKey: pk,
        rowKey: personalKey(conversation.personEmail),
        key: conversation.key,
      };
      actions.push(['upsert', pointer, 'Replace']);
    }
    await this.client.submitTransaction(actions);
  }

  async get(orgId: string, key: string): Promise<StoredConversation | undefined> {
    const raw = await readEntity(this.client, encodeKeyPart(orgId), conversationKey(key));
    return raw ? toConversation(raw) : undefined;
  }

  async getPersonal(orgId: string, personEmail: string): Promise<StoredConversation | undefined> {
    const pointer = await readEntity(this.client, encodeKeyPart(orgId), personalKey(personEmail));
    if (!pointer) return undefined;
    const { key } = parseEntity('conversations', pointer, pointerEntity);
    const conversation = await this.get(orgId, key);
    return conversation?.personEmail === personEmail ? conversation : undefined;
  }

  async listPersonal(orgId: string): Promise<StoredConversation[]> {
    // Two range reads (the pointers, then the 1:1 conversations) instead of two point reads per
    // person: what a large step's delivery needs.
    const pk = encodeKeyPart(orgId);
    const [pointers, conversations] = await Promise.all([
      queryEntities(this.client, rowKeyPrefixFilter(pk, PERSONAL)),
      queryEntities(
        this.client,
        rowKeyPrefixFilter(pk, CONVERSATION + encodeKeyPart(PERSONAL_KEY_PREFIX)),
      ),
    ]);
    const byKey = new Map<string, StoredConversation>();
    for (const raw of conversations) {
      const conversation = toConversation(raw);
      byKey.set(conversation.key, conversation);
    }
    const result: StoredConversation[] = [];
    for (const raw of pointers) {
      const { key } = parseEntity('conversations', raw, pointerEntity);
      const conversation = byKey.get(key);
      // As in getPersonal: a pointer left behind by a re-matched user leads nowhere.
      if (
        conversation?.personEmail !== undefined &&
        personalKey(conversation.personEmail) === raw.rowKey
      ) {
        result.push(conversation);
      }
    }
    return result;
  }

  async remove(orgId: string, key: string): Promise<void> {
    const pk = encodeKeyPart(orgId);
    const conversation = await this.get(orgId, key);
    if (conversation?.personEmail) {
      const pointerKey = personalKey(conversation.personEmail);
      const pointer = await readEntity(this.client, pk, pointerKey);
      if (pointer && parseEntity('conversations', pointer, pointerEntity).key === key) {
        // The ETag keeps us from deleting a pointer that a concurrent put just moved elsewhere.
        await deleteIfPresent(this.client, pk, pointerKey, pointer.etag);
      }
    }
    await deleteIfPresent(this.client, pk, conversationKey(key));
  }

  async listForPerson(orgId: string, personEmail: string): Promise<StoredConversation[]> {
    // Export and erasure are rare: a filtered read of the organisation's conversation rows is fine.
    const filter = `${rowKeyPrefixFilter(encodeKeyPart(orgId), CONVERSATION)} and ${odata`personEmail eq ${personEmail}`}`;
    const rows = await queryEntities(this.client, filter);
    return rows.map(toConversation);
  }

  async removePerson(orgId: string, personEmail: string): Promise<void> {
    const pk = encodeKeyPart(orgId);
    for (const conversation of await this.listForPerson(orgId, personEmail)) {
      await deleteIfPresent(this.client, pk, conversationKey(conversation.key));
    }
    await deleteIfPresent(this.client, pk, personalKey(personEmail));
  }
}
