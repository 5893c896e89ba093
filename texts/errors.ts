import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the server answers when it refuses or fails a request: the web API's errors, the HTTP layer's,
 * and storage's names for what could not be saved. A `{name}` is filled in by the caller
 * (texts/fill.ts).
 */
export const ERRORS_TEXTS = {
  validateInput: {
    string: { da: 'en tekst', en: 'a text' },
    boolean: { da: 'sand eller falsk', en: 'true or false' },
    number: { da: 'et tal', en: 'a number' },
    object: { da: 'et objekt', en: 'an object' },
    array: { da: 'en liste', en: 'a list' },
    unknownField: { da: 'Ukendt felt: {keys}.', en: 'Unknown field: {keys}.' },
    fieldMissing: { da: 'Feltet mangler.', en: 'The field is missing.' },
    mustBe: { da: 'Skal være {name}.', en: 'Must be {name}.' },
    hasWrongType: { da: 'Har en forkert type.', en: 'Has the wrong type.' },
    atMostCharacters: { da: 'Højst {max} tegn.', en: 'At most {max} characters.' },
    atMostItems: { da: 'Højst {max} elementer.', en: 'At most {max} items.' },
    atMost: { da: 'Højst {max}.', en: 'At most {max}.' },
    mustHaveExactlyItems: {
      da: 'Skal have præcis {min} elementer.',
      en: 'Must have exactly {min} items.',
    },
    mustNotBeEmpty: { da: 'Må ikke være tom.', en: 'Must not be empty.' },
    atLeastCharacters: { da: 'Mindst {min} tegn.', en: 'At least {min} characters.' },
    atLeastItems: { da: 'Mindst {min} elementer.', en: 'At least {min} items.' },
    atLeast: { da: 'Mindst {min}.', en: 'At least {min}.' },
    mustBeOne: { da: 'Skal være en af: {map}.', en: 'Must be one of: {map}.' },
    mustBeEmailAddress: { da: 'Skal være en e-mailadresse.', en: 'Must be an email address.' },
    mustBeDateYyyy: { da: 'Skal være en dato (ÅÅÅÅ-MM-DD).', en: 'Must be a date (YYYY-MM-DD).' },
    mustBeDateTime: {
      da: 'Skal være et tidspunkt (ISO 8601, fx 2026-03-02T09:00:00Z).',
      en: 'Must be a date and time (ISO 8601, e.g. 2026-03-02T09:00:00Z).',
    },
    hasInvalidFormat: { da: 'Har et ugyldigt format.', en: 'Has an invalid format.' },
    notValid: { da: 'Er ikke gyldig.', en: 'Is not valid.' },
  },
  http: {
    notFound: { da: 'Siden findes ikke.', en: 'Not found.' },
    requestTooLargeAt: {
      da: 'Forespørgslen er for stor (højst 2 MB).',
      en: 'The request is too large (at most 2 MB).',
    },
    somethingWentWrongPlease: {
      da: 'Noget gik galt hos os. Prøv igen om lidt.',
      en: 'Something went wrong. Please try again shortly.',
    },
    requestCouldNotBe: {
      da: 'Forespørgslen kunne ikke læses.',
      en: 'The request could not be read.',
    },
    appRunsDevMode: {
      da: 'Appen kører i udviklingstilstand og svarer kun på 127.0.0.1, localhost eller [::1].',
      en: 'The app runs in dev mode and answers on 127.0.0.1, localhost or [::1] only.',
    },
  },
  rosterRoutes: {
    rosterWasImportedNew: {
      da: 'Personlisten er importeret: {created} nye, {updated} ændrede, {unchanged} uændrede.',
      en: 'The roster was imported: {created} new, {updated} changed, {unchanged} unchanged.',
    },
    fileTooLargeAt: {
      da: 'Filen er for stor (højst 2 MB). Del personlisten op, eller kontakt os.',
      en: 'The file is too large (at most 2 MB). Split the roster, or contact us.',
    },
    sendRosterAsCsv: {
      da: 'Send personlisten som en CSV-fil (Content-Type: text/csv).',
      en: 'Send the roster as a CSV file (Content-Type: text/csv).',
    },
  },
  errorResponses: {
    youAreNotSigned: {
      da: 'Du er ikke logget ind, eller dit log-ind er udløbet. Åbn appen i Teams igen.',
      en: 'You are not signed in, or your sign-in has expired. Open the app in Teams again.',
    },
    unexpected: {
      da: 'Noget gik galt. Prøv igen om lidt; intet af det, du har gemt, er gået tabt.',
      en: 'Something went wrong. Please try again shortly; nothing you saved has been lost.',
    },
  },
  organisationRoutes: {
    writeCoreTaskWhat: {
      da: 'Skriv kerneopgaven: hvad organisationen er til for, og for hvem.',
      en: 'Write the core task: what the organisation is there for, and for whom.',
    },
    organisationDoesNotExist: {
      da: 'Organisationen findes ikke.',
      en: 'The organisation does not exist.',
    },
  },
  skemaRoutes: {
    atMostSections: {
      da: 'Højst {TEMPLATE_MAX_SECTIONS} afsnit.',
      en: 'At most {TEMPLATE_MAX_SECTIONS} sections.',
    },
    sayWhatChangeStatus: {
      da: 'Angiv hvad der skal ændres: status, tekst eller frist.',
      en: 'Say what to change: status, text or due date.',
    },
  },
  storage: {
    whatEvaluationAnswer: { da: 'evalueringssvaret', en: 'the evaluation answer' },
    alreadyAnswered: {
      da: 'Du har allerede besvaret evalueringen for denne runde. Tak!',
      en: 'You have already answered the evaluation for this round. Thank you!',
    },
    whatAgreement: { da: 'aftalen', en: 'the agreement' },
    whatAuditEntry: { da: 'revisionssporet', en: 'the audit entry' },
    whatConversationReference: { da: 'samtalereferencen', en: 'the conversation reference' },
    whatDelivery: { da: 'udsendelsen', en: 'the delivery' },
    whatGroupTalk: { da: 'gruppesamtalen', en: 'the group talk' },
    whatOrganisation: { da: 'organisationen', en: 'the organisation' },
    whatPerson: { da: 'personen', en: 'the person' },
    whatPrivateNote: { da: 'den private note', en: 'the private note' },
    whatRound: { da: 'runden', en: 'the round' },
    whatSkema: { da: 'skemaet', en: 'the form' },
    cannotSavePleaseShorten: {
      da: 'Kan ikke gemme {what}: {why} Gør teksten kortere og prøv igen.',
      en: 'Cannot save {what}: {why} Please shorten the text and try again.',
    },
    keyTooLarge: {
      da: 'nøglen (fx e-mailadressen) fylder {size} KiB; højst {max} KiB er muligt.',
      en: 'its key (e.g. the email address) takes {size} KiB; at most {max} KiB is possible.',
    },
    tooManyFields: {
      da: 'den har {count} felter; højst {max} er muligt.',
      en: 'it has {count} fields; at most {max} are possible.',
    },
    fieldTooLarge: {
      da: 'feltet »{name}« fylder {size} KiB; højst {max} KiB er muligt.',
      en: 'the field "{name}" takes {size} KiB; at most {max} KiB is possible.',
    },
    entityTooLarge: {
      da: 'det fylder i alt {size} KiB; højst {max} KiB er muligt.',
      en: 'it takes {size} KiB in all; at most {max} KiB is possible.',
    },
    itAlreadyExistsSomeone: {
      da: 'Det findes allerede; en anden har måske oprettet det imens.',
      en: 'It already exists; someone else may have created it meanwhile.',
    },
  },
  authenticate: {
    notOnRoster: {
      da: 'Du er logget ind, men står ikke på personlisten til MUS. Kontakt HR, hvis det er en fejl.',
      en: 'You are signed in, but you are not on the MUS roster. Contact HR if this is a mistake.',
    },
  },
  bookingRoutes: {
    noGraph: {
      da: 'Booking i Outlook kræver, at appen kører i Teams med log-ind. Hent samtalen som kalenderfil (.ics) i stedet.',
      en: 'Booking in Outlook needs the app to run in Teams with sign-in. Download the talk as a calendar file (.ics) instead.',
    },
  },
  groupTalkRoutes: {
    atMostSections: {
      da: 'Højst {TEMPLATE_MAX_SECTIONS} afsnit.',
      en: 'At most {TEMPLATE_MAX_SECTIONS} sections.',
    },
  },
  ifMatch: {
    sendEtagYouRead: {
      da: 'Send den ETag, du læste (If-Match), så ingen andres ændring bliver overskrevet.',
      en: 'Send the ETag you read (If-Match), so nobody else’s change is overwritten.',
    },
  },
  roundSetupRoutes: {
    roundDoesNotExist: { da: 'Runden findes ikke.', en: 'The round does not exist.' },
  },
} satisfies Record<string, Record<string, Bilingual>>;
