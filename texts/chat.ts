import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the bot says in chat outside the cards: its help and apologies, the answers to HR's commands,
 * and what it answers to a card's button. A `{name}` is filled in by the caller (texts/fill.ts).
 */
export const CHAT_TEXTS = {
  bot: {
    /** The answer to a message that is no command, and to "hjælp" from anyone but HR. */
    help: {
      da: 'Hej! Jeg er MUS-botten. Jeg hjælper jer med årets medarbejderudviklingssamtale (MUS), hvor kerneopgaven og arbejdsfællesskabet står i centrum. Jeg skriver til dig her, når der er noget til dig: information om MUS, dit MUS-skema og evalueringen bagefter. Åbn fanen »MUS« for at se dit skema og jeres aftaler.',
      en: 'Hi! I am the MUS bot. I help you with this year\'s development conversation (MUS), with the core task and the work community at its centre. I will write to you here when there is something for you: information about MUS, your MUS form and the evaluation afterwards. Open the "MUS" tab to see your form and your agreements.',
    },
    /** Shown when handling a message failed; the details go to the log only. */
    apology: {
      da: 'Beklager, der gik noget galt hos os, og din besked blev ikke behandlet. Prøv igen om lidt. Sker det igen, så kontakt HR.',
      en: 'Sorry, something went wrong on our side and your message was not handled. Please try again in a moment. If it happens again, please contact HR.',
    },
  },
  /** The words HR types after @-mentioning the bot; the app's manifest lists them too. */
  commandWords: {
    help: { da: 'hjælp', en: 'help' },
    newRound: { da: 'ny runde', en: 'new round' },
    status: { da: 'status', en: 'status' },
    rounds: { da: 'runder', en: 'rounds' },
  },
  commands: {
    hrHelp: {
      da: '**MUS-botten for HR** — skriv {mention} efterfulgt af:\n- **ny runde** _navn_: opretter en MUS-runde og viser dens fem trin her i kanalen\n- **ny runde GRUS** _navn_ / **ny runde LUS** _navn_: en runde med gruppeudviklingssamtaler eller lederudviklingssamtaler (ledere med deres egen leder)\n- **status**: hvor langt den nyeste runde er nået\n- **runder**: alle runder\n- **hjælp**: denne oversigt\n\nHvert trin sættes i gang med knappen på rundens kort. Lederne og medarbejderne får deres kort i deres egen chat med appen.',
      en: "**The MUS bot for HR** — write {mention} followed by:\n- **new round** _name_: creates a MUS round and shows its five steps here in the channel\n- **new round GRUS** _name_ / **new round LUS** _name_: a round of group development talks or leader development talks (leaders with their own leader)\n- **status**: how far the newest round has come\n- **rounds**: all rounds\n- **help**: this overview\n\nEach step is launched with the button on the round's card. Leaders and employees get their cards in their own chat with the app.",
    },
    notHr: {
      da: 'Tak for din besked. Det er kun HR, der kan styre MUS-runderne her. Du får selv besked i din chat med appen, når der er noget til dig.',
      en: 'Thank you for your message. Only HR can run the MUS rounds here. You will hear from the app in your own chat when there is something for you.',
    },
    notOnRoster: {
      da: 'Jeg kan ikke finde dig på MUS-listen endnu. Bed HR om at tilføje dig, så kan jeg hjælpe.',
      en: 'I cannot find you on the MUS roster yet. Ask HR to add you, and I can help.',
    },
    roundNameMissing: {
      da: 'Giv runden et navn, fx: **ny runde MUS 2027**',
      en: 'Give the round a name, e.g. **new round MUS 2027**',
    },
    noRounds: {
      da: 'Der er ingen MUS-runder endnu. Opret en med **ny runde** _navn_.',
      en: 'There are no MUS rounds yet. Create one with **new round** _name_.',
    },
    unknown: {
      da: 'Det forstod jeg ikke. Skriv **hjælp** for at se, hvad jeg kan.',
      en: 'I did not understand that. Write **help** to see what I can do.',
    },
  },
  sendFailure: {
    throttled: {
      da: 'Teams bremser afsendelsen (for mange beskeder på kort tid)',
      en: 'Teams is throttling the bot (too many messages in a short time)',
    },
    blocked_by_user: { da: 'brugeren har blokeret appen', en: 'the user has blocked the app' },
    not_installed: {
      da: 'appen er ikke installeret hos brugeren (eller er fjernet)',
      en: 'the app is not installed for the user (or was removed)',
    },
    disabled_by_admin: {
      da: 'en administrator har slået appen fra',
      en: 'an administrator has disabled the app',
    },
    conversation_not_found: {
      da: 'samtalen med brugeren findes ikke længere; appen er måske fjernet',
      en: 'the conversation with the user no longer exists; the app may have been removed',
    },
    activity_not_found: {
      da: 'beskeden findes ikke længere i samtalen',
      en: 'the message no longer exists in the conversation',
    },
    unauthorized: {
      da: 'botten kunne ikke logge ind hos Teams (tjek botlegitimationen)',
      en: 'the bot could not sign in to Teams (check the bot credentials)',
    },
    rejected: {
      da: 'Teams afviste beskeden som ugyldig',
      en: 'Teams rejected the message as invalid',
    },
    too_large: { da: 'beskeden er for stor til Teams', en: 'the message is too large for Teams' },
    conflict: {
      da: 'Teams meldte om en samtidig ændring',
      en: 'Teams reported a concurrent change',
    },
    service_error: {
      da: 'Teams svarede med en midlertidig fejl',
      en: 'Teams answered with a temporary error',
    },
    timeout: { da: 'Teams svarede ikke i tide', en: 'Teams did not answer in time' },
    network_error: {
      da: 'kunne ikke nå Teams (netværksfejl)',
      en: 'could not reach Teams (network error)',
    },
    http: { da: '{text} (HTTP {status})', en: '{text} (HTTP {status})' },
  },
  router: {
    unknownAction: {
      da: 'Den knap kender jeg ikke. Kortet er måske fra en ældre udgave af appen.',
      en: 'I do not know that button. The card may be from an older version of the app.',
    },
    unexpected: {
      da: 'Beklager, der gik noget galt hos os. Prøv igen om lidt; intet af det gemte er gået tabt.',
      en: 'Sorry, something went wrong on our side. Please try again shortly; nothing saved was lost.',
    },
  },
  proactive: {
    reasonText: {
      da: 'den gemte samtale med brugeren kan ikke læses',
      en: 'the stored conversation with the user cannot be read',
    },
  },
  agreementActions: {
    notYours: {
      da: 'Du kan kun opdatere aftaler, du selv er ansvarlig for, eller som er lavet i en samtale, du har holdt som leder.',
      en: 'You can only update agreements you carry out yourself, or that were made in a talk you held as the leader.',
    },
    malformed: {
      da: 'Kortet kunne ikke læses. Åbn aftalen i fanen "Mine MUS".',
      en: 'The card could not be read. Open the agreement in the "My MUS" tab.',
    },
    gone: { da: 'Aftalen findes ikke længere.', en: 'The agreement no longer exists.' },
  },
  evaluationActions: {
    malformed: {
      da: 'Kortet kunne ikke læses. Skriv **status** for at få et nyt.',
      en: 'The card could not be read. Write **status** to get a new one.',
    },
    roundDoesNotExist: { da: 'Runden findes ikke.', en: 'The round does not exist.' },
  },
  roundActions: {
    cardOutDateOr: {
      da: 'Kortet er forældet eller ugyldigt. Skriv **status** for at få et nyt.',
      en: 'The card is out of date or invalid. Write **status** to get a new one.',
    },
  },
  skemaActions: {
    notYours: {
      da: 'Dette MUS-skema tilhører en anden. Du kan kun udfylde dit eget.',
      en: 'This MUS form belongs to someone else. You can only fill in your own.',
    },
    noSkema: {
      da: 'Vi kan ikke finde dit MUS-skema til denne runde. Kontakt HR, hvis du mener, det er en fejl.',
      en: 'We cannot find your MUS form for this round. Contact HR if you think this is a mistake.',
    },
    malformed: {
      da: 'Kortet kunne ikke læses. Her er dit skema, som det er gemt nu.',
      en: 'The card could not be read. Here is your form as it is saved now.',
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;
