import type { Bilingual } from '../../mus/bilingual.js';
import { BOT_MENTION } from '../../mus/glossary.js';

/** What the bot answers to commands, in one place. */
export const COMMAND_TEXTS = {
  hrHelp: {
    da: [
      `**MUS-botten for HR** — skriv ${BOT_MENTION} efterfulgt af:`,
      '- **ny runde** _navn_: opretter en MUS-runde og viser dens fem trin her i kanalen',
      '- **ny runde GRUS** _navn_ / **ny runde LUS** _navn_: en runde med gruppeudviklingssamtaler eller lederudviklingssamtaler (ledere med deres egen leder)',
      '- **status**: hvor langt den nyeste runde er nået',
      '- **runder**: alle runder',
      '- **hjælp**: denne oversigt',
      '',
      'Hvert trin sættes i gang med knappen på rundens kort. Lederne og medarbejderne får deres kort i deres egen chat med appen.',
    ].join('\n'),
    en: [
      `**The MUS bot for HR** — write ${BOT_MENTION} followed by:`,
      '- **new round** _name_: creates a MUS round and shows its five steps here in the channel',
      '- **new round GRUS** _name_ / **new round LUS** _name_: a round of group development talks or leader development talks (leaders with their own leader)',
      '- **status**: how far the newest round has come',
      '- **rounds**: all rounds',
      '- **help**: this overview',
      '',
      "Each step is launched with the button on the round's card. Leaders and employees get their cards in their own chat with the app.",
    ].join('\n'),
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
} as const satisfies Record<string, Bilingual>;
