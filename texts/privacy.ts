import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the export of a person's own data says.
 */
export const PRIVACY_TEXTS = {
  exportPerson: {
    noPerson: {
      da: 'Personen findes ikke på medarbejderlisten.',
      en: 'The person is not on the roster.',
    },
    sayWhyYouExport: {
      da: 'Skriv, hvorfor du henter en andens data (fx en anmodning om indsigt). Begrundelsen står i personens log.',
      en: "Say why you export someone else's data (e.g. a request of access). The reason is kept in the person's log.",
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;
