import { ConflictError, ForbiddenError, type Versioned } from '../mus/errors.js';
import * as GroupTalkRules from '../mus/group-talk.js';
import type { GroupTalk } from '../mus/group-talk.js';
import type { Person } from '../mus/person.js';
import { ViewConflictError } from '../skema/skema-conflict.js';
import {
  groupTalkView,
  loadGroupTalkForParty,
  type GroupTalkKey,
  type GroupTalkServices,
  type GroupTalkView,
} from './group-talk-view.js';

/*
 * The group talk's use cases, named `<verb><Thing>` (docs/architecture.md, "Names"). The rules they
 * apply are the domain's, called through their module (GroupTalkRules.startGroupTalk). Each loads the talk, checks the viewer's part in it, applies the rule
 * from bot/mus/group-talk.ts and writes with the ETag the caller read; a stale write answers 412 with
 * the stored version as the viewer may see it and the fields that differ.
 */

/** Reads the group talk; for the leader with the members' preparations (audited). */
export async function readGroupTalk(
  services: GroupTalkServices,
  viewer: Person,
  key: GroupTalkKey,
): Promise<GroupTalkView> {
  const stored = await loadGroupTalkForParty(services, viewer, key);
  return groupTalkView(services, viewer, stored, { withPreparations: true });
}

async function loadAsLeader(
  services: GroupTalkServices,
  viewer: Person,
  key: GroupTalkKey,
): Promise<Versioned<GroupTalk>> {
  const stored = await loadGroupTalkForParty(services, viewer, key);
  if (GroupTalkRules.groupTalkRelation(viewer, stored.value) !== 'leader')
    throw new ForbiddenError();
  return stored;
}

/** Writes `next` over the version at `etag`; a stale write becomes a ViewConflictError. */
async function write(
  services: GroupTalkServices,
  viewer: Person,
  next: GroupTalk,
  etag: string,
): Promise<GroupTalkView> {
  try {
    const saved = await services.repositories.groupTalks.update(next, etag);
    return await groupTalkView(services, viewer, saved);
  } catch (error) {
    if (error instanceof ConflictError && !(error instanceof ViewConflictError)) {
      const current = error.current as Versioned<GroupTalk> | undefined;
      if (!current) throw error;
      throw new ViewConflictError(
        await groupTalkView(services, viewer, current),
        GroupTalkRules.changedGroupFields(next, current.value),
      );
    }
    throw error;
  }
}

/** Applies `change` to the version the caller read, refusing at once when that version is stale. */
async function change(
  services: GroupTalkServices,
  viewer: Person,
  stored: Versioned<GroupTalk>,
  etag: string,
  apply: (talk: GroupTalk) => GroupTalk,
): Promise<GroupTalkView> {
  if (stored.etag !== etag) {
    throw new ViewConflictError(
      await groupTalkView(services, viewer, stored),
      GroupTalkRules.changedGroupFields(apply(stored.value), stored.value),
    );
  }
  return write(services, viewer, apply(stored.value), etag);
}

export async function saveGroupTalkNotes(
  services: GroupTalkServices,
  viewer: Person,
  key: GroupTalkKey,
  input: { notes?: Record<string, string>; followUpDate?: string | null; etag: string },
): Promise<GroupTalkView> {
  const stored = await loadAsLeader(services, viewer, key);
  return change(services, viewer, stored, input.etag, (talk) =>
    GroupTalkRules.saveGroupNotes(talk, input.notes ?? {}, {
      by: viewer.email,
      now: services.now(),
      followUpDate: input.followUpDate,
    }),
  );
}

export async function startGroupTalk(
  services: GroupTalkServices,
  viewer: Person,
  key: GroupTalkKey,
  input: { etag: string },
): Promise<GroupTalkView> {
  const stored = await loadAsLeader(services, viewer, key);
  return change(services, viewer, stored, input.etag, (talk) =>
    GroupTalkRules.startGroupTalk(talk, { by: viewer.email, now: services.now() }),
  );
}

export async function finaliseGroupTalk(
  services: GroupTalkServices,
  viewer: Person,
  key: GroupTalkKey,
  input: { etag: string },
): Promise<GroupTalkView> {
  const stored = await loadAsLeader(services, viewer, key);
  return change(services, viewer, stored, input.etag, (talk) =>
    GroupTalkRules.finaliseGroupTalk(talk, { by: viewer.email, now: services.now() }),
  );
}

/**
 * A member acknowledges the finalised summary. Members acknowledge one after another on the same
 * talk, so a stale ETag here is not a conflict of texts: the acknowledgement is applied again on the
 * newest version (a few times at most) instead of asking the member to reload.
 */
export async function acknowledgeGroupTalk(
  services: GroupTalkServices,
  viewer: Person,
  key: GroupTalkKey,
): Promise<GroupTalkView> {
  if (viewer.email === key.leaderEmail) throw new ForbiddenError();
  for (let attempt = 0; ; attempt++) {
    const stored = await loadGroupTalkForParty(services, viewer, key);
    const next = GroupTalkRules.acknowledgeGroupTalk(stored.value, {
      memberEmail: viewer.email,
      now: services.now(),
    });
    try {
      const saved = await services.repositories.groupTalks.update(next, stored.etag);
      return await groupTalkView(services, viewer, saved);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 4) throw error;
    }
  }
}
