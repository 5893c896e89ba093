import type { Bilingual } from '../mus/bilingual.js';

/** What the bot says in chat, in one place; the user's Teams locale picks the language. */
export const BOT_TEXTS = {
  /** The answer to any message until the command dispatcher exists. */
  help: {
    da:
      'Hej! Jeg er MUS-botten. Jeg hjælper jer med årets medarbejderudviklingssamtale (MUS), ' +
      'hvor kerneopgaven og arbejdsfællesskabet står i centrum. Jeg skriver til dig her, når der er ' +
      'noget til dig: information om MUS, dit MUS-skema og evalueringen bagefter. Åbn fanen »MUS« ' +
      'for at se dit skema og jeres aftaler.',
    en:
      "Hi! I am the MUS bot. I help you with this year's development conversation (MUS), with the " +
      'core task and the work community at its centre. I will write to you here when there is ' +
      'something for you: information about MUS, your MUS form and the evaluation afterwards. ' +
      'Open the "MUS" tab to see your form and your agreements.',
  },
  /** Shown when handling a message failed; the details go to the log only. */
  apology: {
    da:
      'Beklager, der gik noget galt hos os, og din besked blev ikke behandlet. Prøv igen om lidt. ' +
      'Sker det igen, så kontakt HR.',
    en:
      'Sorry, something went wrong on our side and your message was not handled. Please try again ' +
      'in a moment. If it happens again, please contact HR.',
  },
} as const satisfies Record<string, Bilingual>;
