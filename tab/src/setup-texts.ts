import type { Bilingual } from '../../bot/mus/bilingual.js';
import { TERM_TEXTS } from '../../texts/terms.js';
import { fillIn } from './i18n.js';

/*
 * The texts only HR's setup screens show, Danish first with English. They live beside the setup
 * views, which load when HR opens them, so nobody else's first screen carries them; the rest of the
 * tab's texts are in i18n.ts.
 */

export const SETUP_TEXTS = {
  setupHeading: TERM_TEXTS.setup,
  setupIntro: {
    da: 'Her gør du runden klar: skriv kerneopgaven, som alt i metoden tager udgangspunkt i, tilpas skemaet, sæt fristerne og skriv dine egne ord til medarbejderne.',
    en: 'Get the round ready here: write the core task that everything in the method starts from, adapt the form, set the deadlines and write your own words to the employees.',
  },
  setupHrOnly: {
    da: 'Opsætningen er kun for HR. Spørg HR, hvis du mener, du skal have adgang.',
    en: 'The setup is for HR only. Ask HR if you think you should have access.',
  },
  setupRoundHeading: { da: 'Runden: {name}', en: 'The round: {name}' },
  setupNoRound: {
    da: 'Der er ingen runde endnu. Opret den første nederst på siden, når kerneopgaven er skrevet.',
    en: 'There is no round yet. Create the first one at the bottom of the page once the core task is written.',
  },
  setupSaving: { da: 'Gemmer …', en: 'Saving …' },
  setupUnsaved: { da: 'Ikke gemt endnu.', en: 'Not saved yet.' },
  setupSavedAt: { da: 'Gemt kl. {time}.', en: 'Saved at {time}.' },
  setupConflict: {
    da: 'En anden har gemt en ny udgave, mens du skrev. Intet er overskrevet: din udgave står stadig i felterne. Vælg, hvilken der skal gælde.',
    en: 'Someone else saved a new version while you were writing. Nothing was overwritten: your version is still in the fields. Choose which one should count.',
  },
  setupReadOnly: { da: 'Kan ikke længere ændres', en: 'Can no longer be changed' },
  inDanish: { da: 'på dansk', en: 'in Danish' },
  inEnglish: { da: 'på engelsk', en: 'in English' },
  coreTaskHeading: { da: 'Kerneopgaven', en: 'The core task' },
  coreTaskField: { da: 'Organisationens kerneopgave', en: 'The organisation’s core task' },
  coreTaskRequired: {
    da: 'Kerneopgaven er ikke skrevet endnu. Trin 1 kan først sættes i gang, når den er: den står øverst på alle kort og skemaer.',
    en: 'The core task has not been written yet. Step 1 can only be launched once it has: it heads every card and form.',
  },
  coreTaskGuidanceTitle: { da: 'Hvad er en god kerneopgave?', en: 'What makes a good core task?' },
  coreTaskGuidance: {
    da: 'Kerneopgaven er grunden til, at organisationen findes: det, borgerne eller brugerne skal kunne regne med, at I gør for dem. Samtalerne handler om, hvordan hver enkelt og arbejdsfællesskabet bidrager til den.',
    en: 'The core task is the reason the organisation exists: what the citizens or users must be able to count on you to do for them. The talks are about how each person and the work community contribute to it.',
  },
  coreTaskGuideWho: {
    da: 'Den siger, hvem I er til for.',
    en: 'It says whom you are there for.',
  },
  coreTaskGuideWhat: {
    da: 'Den siger, hvad I gør for dem, og hvilken forskel det gør.',
    en: 'It says what you do for them, and what difference it makes.',
  },
  coreTaskGuideShort: {
    da: 'Den er kort og klar: en til tre sætninger uden fagord, som alle kan huske.',
    en: 'It is short and clear: one to three sentences without jargon that everyone can remember.',
  },
  coreTaskGuideShared: {
    da: 'Den er defineret af ledelsen, prøvet af sammen med medarbejdere og dem, I er til for, og fortalt, så alle kender den.',
    en: 'It is defined by management, tested with employees and the people you serve, and communicated so everyone knows it.',
  },
  coreTaskGuideNot: {
    da: 'Den er ikke en liste over alle jeres opgaver og ikke en vision, men det, der binder alle afdelinger sammen.',
    en: 'It is not a list of all your tasks and not a vision, but what binds every department together.',
  },
  saveCoreTask: { da: 'Gem kerneopgave og kontakt', en: 'Save core task and contact' },
  coreTaskSaved: { da: 'Kerneopgaven er gemt.', en: 'The core task has been saved.' },
  hrContactHeading: { da: 'Kontaktperson i HR', en: 'HR contact person' },
  hrContactHelp: {
    da: 'Den, lederne kan spørge undervejs i runden. Navnet og oplysningerne står på ledernes kort. Lad felterne stå tomme, hvis I ikke vil nævne nogen.',
    en: 'The person leaders can ask during the round. The name and details appear on the leaders’ cards. Leave the fields empty to name nobody.',
  },
  hrContactName: { da: 'Navn', en: 'Name' },
  hrContactEmail: { da: 'E-mail', en: 'Email' },
  hrContactPhone: { da: 'Telefon', en: 'Phone' },
  templateHeading: { da: 'Skemaet', en: 'The form' },
  templateIntro: {
    da: 'De spørgsmål, medarbejderne forbereder sig på, og som samtalen tager udgangspunkt i. Skemaet starter som standardskemaet for {kind}; ret det til jeres organisation. Skriv hver tekst på dansk og engelsk. Skemaet kan ændres, indtil det sendes ud i trin 3.',
    en: 'The questions the employees prepare and the talk starts from. The form starts as the default {kind} form; adapt it to your organisation. Write each text in Danish and English. The form can be changed until it is sent out in step 3.',
  },
  templateQuestionN: { da: 'Spørgsmål {n}', en: 'Question {n}' },
  templateAgreements: { da: 'Aftaler', en: 'Agreements' },
  templateTitle: { da: 'Overskrift', en: 'Heading' },
  templatePrompt: { da: 'Spørgsmål', en: 'Question' },
  templateAgreementsText: { da: 'Tekst', en: 'Text' },
  moveUp: { da: 'Flyt op', en: 'Move up' },
  moveDown: { da: 'Flyt ned', en: 'Move down' },
  moveUpNamed: { da: 'Flyt op: {name}', en: 'Move up: {name}' },
  moveDownNamed: { da: 'Flyt ned: {name}', en: 'Move down: {name}' },
  removeNamed: { da: 'Fjern: {name}', en: 'Remove: {name}' },
  templateMoved: {
    da: '{name} er flyttet til plads {place}.',
    en: '{name} moved to place {place}.',
  },
  templateRemoved: { da: '{name} er fjernet.', en: '{name} removed.' },
  addQuestion: { da: 'Tilføj spørgsmål', en: 'Add a question' },
  templateFromDefault: {
    da: 'Start forfra med standardskemaet for {kind}',
    en: 'Start again from the default {kind} form',
  },
  templateReset: {
    da: 'Skemaet er sat tilbage til standardskemaet. Det er ikke gemt endnu.',
    en: 'The form was reset to the default form. It is not saved yet.',
  },
  templateCopyFrom: { da: 'Eller kopiér skemaet fra', en: 'Or copy the form of' },
  templateCopy: { da: 'Kopiér', en: 'Copy' },
  templateCopied: {
    da: 'Skemaet fra {name} er kopieret hertil. Det er ikke gemt endnu.',
    en: 'The form of {name} has been copied here. It is not saved yet.',
  },
  templateSaveHint: {
    da: 'Ændringerne gælder først, når du gemmer skemaet.',
    en: 'Changes count only once you save the form.',
  },
  previewHeading: { da: 'Sådan ser medarbejderen skemaet', en: 'How the employee sees the form' },
  previewIntro: {
    da: 'Forhåndsvisningen følger med, mens du skriver — også det, du ikke har gemt endnu.',
    en: 'The preview follows along as you type — including what you have not saved yet.',
  },
  previewLanguage: { da: 'Vis på', en: 'Show in' },
  deadlinesHeading: { da: 'Frister', en: 'Deadlines' },
  deadlinesIntro: {
    da: 'Hvert trin har en frist. Fristerne skal følge trinenes rækkefølge, og en frist, du flytter, kan ikke lægges på en dato, der er gået.',
    en: 'Each step has a deadline. The deadlines must follow the order of the steps, and a deadline you move cannot be set to a date that has passed.',
  },
  stepLaunchedOn: { da: 'Sat i gang {date}', en: 'Launched {date}' },
  deadlinesCheck: { da: 'Se på trin {steps}.', en: 'Look at step {steps}.' },
  invitationHeading: {
    da: 'Dine ord til medarbejderne (trin 2)',
    en: 'Your words to the employees (step 2)',
  },
  invitationIntro: {
    da: 'Tekst og spørgsmål, som står på medarbejdernes kort i trin 2: fx hvorfor I holder samtalerne med kerneopgaven i centrum, og hvad de kan tænke over inden. Kan ændres, indtil trin 2 er sat i gang.',
    en: 'Text and questions on the employees’ card in step 2: for example why you hold the talks with the core task at the centre, and what they can think about beforehand. Can be changed until step 2 is launched.',
  },
  invitationText: { da: 'Din tekst', en: 'Your text' },
  invitationQuestionN: {
    da: 'Spørgsmål {n} til medarbejderne',
    en: 'Question {n} for the employees',
  },
  invitationQuestion: { da: 'Spørgsmål', en: 'Question' },
  invitationNone: {
    da: 'HR skrev ingen egen tekst til trin 2.',
    en: 'HR wrote no text of their own for step 2.',
  },
  addInvitationQuestion: {
    da: 'Tilføj spørgsmål til medarbejderne',
    en: 'Add a question for the employees',
  },
  newRoundHeading: { da: 'Ny runde', en: 'New round' },
  newRoundIntro: {
    da: 'En ny runde får standardskemaet og -fristerne for sin slags samtale. Dem kan du derefter tilpasse her.',
    en: 'A new round gets the default form and deadlines for its kind of talk. You can then adapt them here.',
  },
  newRoundName: { da: 'Rundens navn', en: 'The round’s name' },
  newRoundKind: { da: 'Slags samtale', en: 'Kind of talk' },
} satisfies Record<string, Bilingual>;

export type SetupTextKey = keyof typeof SETUP_TEXTS;

/** A setup text in the user's language, with `{name}` placeholders filled in. */
export function ts(key: SetupTextKey, vars: Record<string, string> = {}): string {
  return fillIn(SETUP_TEXTS[key], vars);
}
