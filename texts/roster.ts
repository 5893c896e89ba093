import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What HR is told about a roster import: from a CSV file or from Microsoft Graph.
 */
export const ROSTER_TEXTS = {
  importRoster: {
    notImportedOne: {
      da: 'Personlisten er ikke importeret: der er 1 fejl. Ret den og prøv igen; intet er gemt.',
      en: 'The roster was not imported: there is 1 problem. Fix it and try again; nothing was saved.',
    },
    notImportedMany: {
      da: 'Personlisten er ikke importeret: der er {n} fejl. Ret dem og prøv igen; intet er gemt.',
      en: 'The roster was not imported: there are {n} problems. Fix them and try again; nothing was saved.',
    },
  },
  graphRoster: {
    appCouldNotSign: {
      da: 'Appen kunne ikke logge ind på Microsoft Entra ID. Tjek appregistreringens id, hemmelighed og tenant.',
      en: 'The app could not sign in to Microsoft Entra ID. Check the app registration id, secret and tenant.',
    },
    microsoftEntraIdGave: {
      da: 'Microsoft Entra ID gav ingen adgangsnøgle til Microsoft Graph.',
      en: 'Microsoft Entra ID gave no access token for Microsoft Graph.',
    },
    microsoftGraphPointedAnother: {
      da: 'Microsoft Graph henviste til en anden adresse; synkroniseringen er stoppet.',
      en: 'Microsoft Graph pointed to another address; the sync was stopped.',
    },
    microsoftGraphCouldNot: {
      da: 'Microsoft Graph kunne ikke nås. Tjek netværket og prøv igen.',
      en: 'Microsoft Graph could not be reached. Check the network and try again.',
    },
    appNotAllowedRead: {
      da: 'Appen har ikke lov til at læse brugerne i Microsoft Entra ID. Giv appregistreringen applikationstilladelsen User.Read.All (og GroupMember.Read.All for en HR-gruppe) med administratorsamtykke.',
      en: 'The app is not allowed to read the users in Microsoft Entra ID. Give the app registration the application permission User.Read.All (and GroupMember.Read.All for an HR group) with admin consent.',
    },
    microsoftGraphAnsweredWith: {
      da: 'Microsoft Graph svarede med fejl {status}. Prøv igen senere.',
      en: 'Microsoft Graph answered with error {status}. Try again later.',
    },
  },
  csvRoster: {
    quoteNotClosed: {
      da: 'Et anførselstegn (") er åbnet, men aldrig lukket. Tjek linjen og dem lige over.',
      en: 'A quote (") is opened but never closed. Check this line and the ones just above.',
    },
    notCsv: {
      da: 'Filen kan ikke læses som CSV her ({code}). Tjek anførselstegn og skilletegn.',
      en: 'The file cannot be read as CSV here ({code}). Check quotes and delimiters.',
    },
    fileEmpty: {
      da: 'Filen er tom. Første linje skal være overskriften {header}.',
      en: 'The file is empty. The first line must be the header {header}.',
    },
    columnTwice: {
      da: 'Kolonnen "{column}" står to gange i overskriften.',
      en: 'The column "{column}" appears twice in the header.',
    },
    headerLacksColumn: {
      da: 'Overskriften mangler kolonnen {list}. Første linje skal være {header} (skilt med komma eller semikolon).',
      en: 'The header lacks the column {list}. The first line must be {header} (separated by commas or semicolons).',
    },
    headerLacksColumns: {
      da: 'Overskriften mangler kolonnerne {list}. Første linje skal være {header} (skilt med komma eller semikolon).',
      en: 'The header lacks the columns {list}. The first line must be {header} (separated by commas or semicolons).',
    },
    lineHasFieldsBut: {
      da: 'Linjen har {length} felter, men overskriften har {width}. Sæt anførselstegn om værdier, der indeholder "{shown}".',
      en: 'The line has {length} fields but the header has {width}. Put quotes around values that contain "{shown}".',
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;
