import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What booking the talk in the leader's calendar says: the invitation and its errors.
 */
export const BOOKING_TEXTS = {
  graphCalendar: {
    consentText: {
      da: 'Appen har ikke lov til at booke i din kalender endnu. En administrator skal give appregistreringen de delegerede tilladelser Calendars.ReadWrite og OnlineMeetings.ReadWrite med administratorsamtykke. Indtil da kan du hente samtalen som kalenderfil (.ics).',
      en: 'The app may not book in your calendar yet. An administrator must give the app registration the delegated permissions Calendars.ReadWrite and OnlineMeetings.ReadWrite with admin consent. Until then you can download the talk as a calendar file (.ics).',
    },
    appCouldNotGet: {
      da: 'Appen kunne ikke få adgang til Microsoft Graph på dine vegne. Prøv igen om lidt.',
      en: 'The app could not get access to Microsoft Graph on your behalf. Try again shortly.',
    },
    microsoftGraphCouldNot: {
      da: 'Microsoft Graph kunne ikke nås. Intet er booket; prøv igen.',
      en: 'Microsoft Graph could not be reached. Nothing was booked; try again.',
    },
    microsoftGraphAnsweredWith: {
      da: 'Microsoft Graph svarede med fejl {status}. Intet er booket; prøv igen.',
      en: 'Microsoft Graph answered with error {status}. Nothing was booked; try again.',
    },
  },
  bookTalk: {
    finalised: {
      da: 'Samtalen er afsluttet; den kan ikke bookes igen.',
      en: 'The talk is finalised; it cannot be booked again.',
    },
    chooseTimeFutureTalk: {
      da: 'Vælg et tidspunkt i fremtiden til samtalen.',
      en: 'Choose a time in the future for the talk.',
    },
    talkMustLastBetween: {
      da: 'Samtalen skal vare mellem 15 og 180 minutter.',
      en: 'The talk must last between 15 and 180 minutes.',
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;
