import type { Bilingual, Locale } from '../../bot/mus/bilingual.js';
import { STATUS_TEXTS } from '../../texts/status.js';
import { TERM_TEXTS } from '../../texts/terms.js';

/*
 * Every text the tab shows, Danish first with its English translation. The user's language comes from
 * the Teams context (English when Teams runs in English, Danish otherwise).
 */

let locale: Locale = 'da';

export function setLocale(next: Locale): void {
  locale = next;
  document.documentElement.lang = next;
}

export function currentLocale(): Locale {
  return locale;
}

/** Picks the user's language from a Bilingual text. */
export function tr(text: Bilingual): string {
  return text[locale];
}

export const TEXTS = {
  appTitle: { da: 'Mine MUS', en: 'My MUS' },
  loading: { da: 'Indlæser …', en: 'Loading …' },
  loadSlow: {
    da: 'Det tager længere tid end normalt. Forbindelsen kan være langsom; du kan prøve igen.',
    en: 'This is taking longer than usual. The connection may be slow; you can try again.',
  },
  tryAgain: { da: 'Prøv igen', en: 'Try again' },
  devBanner: {
    da: 'Udviklingstilstand: åbnet uden for Teams. Du bruger appen som den person, du vælger her — det er kun muligt på en udviklingsserver.',
    en: 'Development mode: opened outside Teams. You use the app as the person you choose here — only possible on a development server.',
  },
  devPickPerson: { da: 'Brug appen som', en: 'Use the app as' },
  devChoose: { da: 'Vælg en person …', en: 'Choose a person …' },
  devNoPeople: {
    da: 'Personlisten er tom. Start serveren med --demo, eller importér en personliste.',
    en: 'The roster is empty. Start the server with --demo, or import a roster.',
  },
  openInTeams: {
    da: 'Åbn MUS for Teams i Microsoft Teams: Apps → MUS for Teams → Mine MUS.',
    en: 'Open MUS for Teams in Microsoft Teams: Apps → MUS for Teams → My MUS.',
  },
  serverUnreachable: {
    da: 'Serveren svarer ikke. Prøv igen om lidt.',
    en: 'The server does not answer. Please try again shortly.',
  },
  signInFailed: {
    da: 'Vi kunne ikke logge dig ind via Teams. Luk fanen og åbn den igen.',
    en: 'We could not sign you in through Teams. Close the tab and open it again.',
  },
  unexpected: {
    da: 'Noget gik galt. Prøv igen om lidt; det, du har gemt, er ikke gået tabt.',
    en: 'Something went wrong. Please try again shortly; what you saved is not lost.',
  },
  networkError: {
    da: 'Ingen forbindelse til serveren. Tjek din forbindelse og prøv igen.',
    en: 'No connection to the server. Check your connection and try again.',
  },
  noRounds: {
    da: 'Du er ikke med i en MUS-runde endnu. Når HR sender MUS-skemaet, finder du det her.',
    en: 'You are not part of a MUS round yet. When HR sends the MUS form, you will find it here.',
  },
  round: { da: 'Runde', en: 'Round' },
  chooseRound: { da: 'Vælg runde', en: 'Choose round' },
  roundClosed: TERM_TEXTS.closedMark,
  mySkemaHeading: { da: 'Min MUS', en: 'My MUS' },
  mySkemaStatus: { da: 'Status', en: 'Status' },
  myLeader: { da: 'Leder', en: 'Leader' },
  talkAt: { da: 'Samtale', en: 'Talk' },
  notPlanned: { da: 'ikke planlagt', en: 'not planned' },
  openMySkema: { da: 'Åbn mit skema', en: 'Open my form' },
  teamHeading: { da: 'Mine medarbejdere', en: 'My employees' },
  teamIntro: {
    da: 'Dine medarbejdere i runden, hvor langt de er, og hvornår I holder samtalen.',
    en: 'Your employees in the round, how far they are, and when you hold the talk.',
  },
  teamEmpty: TERM_TEXTS.noEmployeesInRound,
  colName: { da: 'Navn', en: 'Name' },
  colDepartment: { da: 'Afdeling', en: 'Department' },
  colStatus: { da: 'Status', en: 'Status' },
  colTalkAt: { da: 'Samtale', en: 'Talk' },
  colOpen: { da: 'Skema', en: 'Form' },
  open: { da: 'Åbn', en: 'Open' },
  openSkemaOf: { da: 'Åbn skemaet for {name}', en: 'Open the form of {name}' },
  notSent: STATUS_TEXTS.skema.notSent,
  noRoundsHr: {
    da: 'Der er ingen runder endnu. Skriv kerneopgaven, og opret den første runde under Opsætning — eller skriv @MUS for Teams ny runde og rundens navn i HR-kanalen. Så kan du følge den her.',
    en: "There are no rounds yet. Write the core task and create the first round under Setup — or write @MUS for Teams new round and the round's name in the HR channel. Then you can follow it here.",
  },
  ovHeading: { da: 'Overblik over runden', en: 'Overview of the round' },
  ovIntro: {
    da: 'Her følger du runden: hvor langt hvert af de fem trin er nået ud, og hvor langt samtalerne er i hver afdeling og hos hver leder. Du ser status og antal – aldrig hvad der står i skemaerne.',
    en: 'Follow the round here: how far each of the five steps has reached, and how far the talks are in each department and with each leader. You see statuses and counts – never what the forms say.',
  },
  ovLoading: { da: 'Henter overblikket …', en: 'Loading the overview …' },
  ovFailed: { da: 'Overblikket kunne ikke hentes.', en: 'The overview could not be loaded.' },
  ovRefresh: { da: 'Opdatér tallene', en: 'Refresh the figures' },
  ovUpdatedAt: { da: 'Tallene er fra kl. {time}.', en: 'Figures as of {time}.' },
  ovCsv: { da: 'Hent som CSV', en: 'Download CSV' },
  ovCsvHint: {
    da: 'Samme tal som her, til Excel og jeres egne opgørelser. Samtalelisten viser for hver medarbejder, om samtalen er holdt, og hvornår — til dokumentation af, at alle har haft deres samtale.',
    en: 'The same figures as here, for Excel and your own reports. The list of talks shows for each employee whether and when the talk was held — to document that everyone has had theirs.',
  },
  ovCsvBusy: { da: 'Henter CSV-filen …', en: 'Downloading the CSV file …' },
  ovCsvDone: { da: 'CSV-filen er hentet.', en: 'The CSV file has been downloaded.' },
  ovTalksCsv: { da: 'Hent samtalelisten (CSV)', en: 'Download the list of talks (CSV)' },
  ovRoundClosed: { da: 'Runden blev afsluttet {date}.', en: 'The round was closed on {date}.' },
  ovStepsHeading: { da: 'De fem trin', en: 'The five steps' },
  ovStepsCaption: {
    da: 'Kort sendt ud pr. trin',
    en: 'Cards sent out per step',
  },
  ovStepsHelp: {
    da: '“Venter på appen”: personen har ikke appen endnu; kortet sendes af sig selv, når de får den, indtil trinnets frist. “Ikke installeret”: de havde den stadig ikke ved fristen, eller de har blokeret appen. “Fejlet”: Teams tog ikke imod kortet. Rundens kort i HR-kanalen har en knap til at sende igen til hver gruppe.',
    en: '“Waiting for the app”: the person does not have the app yet; the card goes out by itself once they get it, until the step’s deadline. “Not installed”: they still did not have it at the deadline, or they blocked the app. “Failed”: Teams did not accept the card. The round’s card in the HR channel has a button to resend to each group.',
  },
  ovStepName: { da: '{step}. {name}', en: '{step}. {name}' },
  ovNotLaunched: TERM_TEXTS.notYet,
  myDataHeading: { da: 'Mine data', en: 'My data' },
  myDataHelp: {
    da: 'Hent alt, hvad appen gemmer om dig: dine svar, noterne og aftalerne fra dine samtaler, og hvem der har åbnet dit skema. Som leder får du også dine egne private noter med.',
    en: 'Download everything the app keeps about you: your answers, the notes and agreements of your talks, and who opened your skema. As a leader you also get your own private notes.',
  },
  myDataDownload: { da: 'Hent mine data', en: 'Download my data' },
  myDataDone: { da: 'Filen er hentet.', en: 'The file has been downloaded.' },
  colStep: { da: 'Trin', en: 'Step' },
  colDeadline: { da: 'Frist', en: 'Deadline' },
  colLaunched: { da: 'Sat i gang', en: 'Launched' },
  colSent: STATUS_TEXTS.delivery.sent,
  colPending: STATUS_TEXTS.delivery.pending,
  colWaiting: STATUS_TEXTS.delivery.waiting,
  colFailed: STATUS_TEXTS.delivery.failed,
  colNotInstalled: STATUS_TEXTS.delivery.notInstalled,
  ovTalksHeading: { da: 'Samtalerne', en: 'The talks' },
  ovTalksDue: {
    da: 'Samtalerne skal være holdt senest {date}. {held} af {total} samtaler er holdt.',
    en: 'The talks are due by {date}. {held} of {total} talks have been held.',
  },
  ovNoSkemas: {
    da: 'Der er ikke sendt nogen skemaer endnu. Det sker i trin 3.',
    en: 'No forms have been sent yet. That happens in step 3.',
  },
  ovDepartmentsCaption: { da: 'Skemaer pr. afdeling', en: 'Forms per department' },
  ovLeadersCaption: {
    da: 'Skemaer pr. leder (forsinkede ledere står øverst)',
    en: 'Forms per leader (overdue leaders first)',
  },
  colLeader: { da: 'Leder', en: 'Leader' },
  colDepartments: { da: 'Afdelinger', en: 'Departments' },
  colTotal: { da: 'I alt', en: 'Total' },
  colNotHeld: { da: 'Ikke holdt', en: 'Not held' },
  ovAllDepartments: { da: 'Hele runden', en: 'The whole round' },
  unknownDepartment: { da: '(ukendt afdeling)', en: '(unknown department)' },
  ovOverdue: { da: 'Forsinket', en: 'Overdue' },
  ovOverdueOne: {
    da: 'Én leder har samtaler, der ikke er holdt, selv om fristen {date} er passeret. Lederen står øverst og er markeret “Forsinket”. Måske er der brug for en hånd?',
    en: 'One leader has talks that have not been held although the deadline {date} has passed. The leader is listed first and marked “Overdue”. Perhaps they could use a hand?',
  },
  ovOverdueMany: {
    da: '{count} ledere har samtaler, der ikke er holdt, selv om fristen {date} er passeret. De står øverst og er markeret “Forsinket”. Måske er der brug for en hånd?',
    en: '{count} leaders have talks that have not been held although the deadline {date} has passed. They are listed first and marked “Overdue”. Perhaps they could use a hand?',
  },
  ovEvalHeading: { da: 'Evalueringen', en: 'The evaluation' },
  unitEvalHeading: { da: 'Evalueringen for din enhed', en: 'The evaluation for your unit' },
  unitEvalIntro: {
    da: 'Sådan vurderede medarbejderne runden — hele organisationen og din enhed, når mindst {min} har svaret. Kommentarerne ser kun HR, så ingen kan genkendes på sine ord.',
    en: 'How the employees rated the round — the whole organisation and your unit, once at least {min} have answered. Only HR sees the comments, so nobody can be recognised by their words.',
  },
  ovEvalNotLaunched: {
    da: 'Evalueringen er ikke sendt ud endnu; det sker i trin 5. Resultaterne kan ses fra {date}.',
    en: 'The evaluation has not been sent out yet; that happens in step 5. The results can be seen from {date}.',
  },
  ovEvalAnswers: { da: 'Svar indtil nu: {count}.', en: 'Answers so far: {count}.' },
  ovEvalAnswersFinal: { da: 'Antal svar: {count}.', en: 'Number of answers: {count}.' },
  ovEvalWaiting: {
    da: 'Resultaterne vises fra {date}, når evalueringen er lukket. Så kan ingen regne ud, hvem der svarede hvad, ved at sammenligne tallene før og efter et nyt svar.',
    en: 'The results are shown from {date}, once the evaluation has closed. That way nobody can work out who answered what by comparing the figures before and after a new answer.',
  },
  ovEvalPrivacy: {
    da: 'Svarene er anonyme, og en gruppe vises kun, når mindst {min} har svaret.',
    en: 'The answers are anonymous, and a group is only shown when at least {min} have answered.',
  },
  ovEvalNoAnswers: {
    da: 'Ingen svarede på evalueringen.',
    en: 'Nobody answered the evaluation.',
  },
  ovWithheld: { da: 'Derfor vises ikke alt', en: 'Why not everything is shown' },
  ovGroupHeading: { da: '{group} – {count} svar', en: '{group} – {count} answers' },
  ovGroupMerged: { da: '{group} ({departments})', en: '{group} ({departments})' },
  ovStatementsCaption: {
    da: 'Gennemsnit og fordeling af svarene: {group}',
    en: 'Average and spread of the answers: {group}',
  },
  colStatement: { da: 'Udsagn', en: 'Statement' },
  colAverage: { da: 'Gennemsnit', en: 'Average' },
  colScore: { da: '{score}: {label}', en: '{score}: {label}' },
  ovNoScore: { da: 'ingen svar', en: 'no answers' },
  ovComments: { da: 'Kommentarer ({count})', en: 'Comments ({count})' },
  ovNoComments: { da: 'Ingen kommentarer.', en: 'No comments.' },
  meetingPick: {
    da: 'Du er i et møde. Vælg den medarbejder, du holder MUS med nu.',
    en: 'You are in a meeting. Choose the employee you are holding the MUS with now.',
  },
  back: { da: '← Tilbage til oversigten', en: '← Back to the overview' },
  switchEmployee: { da: 'Skift medarbejder', en: 'Switch employee' },
  coreTask: TERM_TEXTS.ourCoreTask,
  coreTaskMissing: {
    da: 'HR har ikke skrevet organisationens kerneopgave endnu.',
    en: "HR has not written the organisation's core task yet.",
  },
  employee: { da: 'Medarbejder', en: 'Employee' },
  leader: { da: 'Leder', en: 'Leader' },
  phases: { da: 'Faser', en: 'Phases' },
  plannedTalk: { da: 'Planlagt samtale', en: 'Planned talk' },
  understandingsHeading: { da: 'Fire fælles forståelser', en: 'Four common understandings' },
  jumpTo: { da: 'Gå til', en: 'Go to' },
  jumpUnderstandings: { da: 'Forståelser', en: 'Understandings' },
  jumpFinish: { da: 'Afslutning', en: 'Finishing' },
  understandingsAhead: {
    da: 'Samtalen begynder med, at du og din leder sikrer jer, at I forstår disse fire ens. Tænk gerne over dem på forhånd.',
    en: 'The talk begins with you and your leader making sure you understand these four alike. Feel free to think about them beforehand.',
  },
  understandingsAgreed: {
    da: 'Dem, I blev enige om i samtalen, er krydset af.',
    en: 'The ones you agreed on in the talk are ticked.',
  },
  understandingAgreed: { da: 'enige', en: 'agreed' },
  understandingNotTicked: { da: 'ikke krydset af', en: 'not ticked' },
  homeAcknowledgePrompt: {
    da: 'Din leder har afsluttet samtalen. Læs opsamlingen, og kvittér for den.',
    en: 'Your leader has finalised the talk. Read the summary and acknowledge it.',
  },
  homePreparePrompt: {
    da: 'Forbered dig til samtalen med din leder: skriv dine svar i skemaet.',
    en: 'Prepare for the talk with your leader: write your answers in the form.',
  },
  understandingsIntro: {
    da: 'Sørg for, at I har samme forståelse af disse fire, før I går i dybden. Sæt flueben, når I er enige.',
    en: 'Make sure you share the same understanding of these four before you go deeper. Tick each when you agree.',
  },
  watchOuts: TERM_TEXTS.watchOutFor,
  timerHeading: { da: 'Samtalen: 45 minutter', en: 'The talk: 45 minutes' },
  timerLeft: { da: '{time} tilbage', en: '{time} left' },
  timerOver: { da: '{time} over tiden', en: '{time} over time' },
  timerStart: TERM_TEXTS.startTimer,
  timerPause: { da: 'Pause', en: 'Pause' },
  timerResume: { da: 'Fortsæt', en: 'Resume' },
  timerReset: { da: 'Nulstil', en: 'Reset' },
  timerResetQuestion: { da: 'Start de 45 minutter forfra?', en: 'Start the 45 minutes over?' },
  timerResetConfirm: { da: 'Ja, nulstil', en: 'Yes, reset' },
  timerNotice10: {
    da: '10 minutter tilbage: tid til at samle op og aftale, hvad der skal ske.',
    en: '10 minutes left: time to sum up and agree on what happens next.',
  },
  timerNotice5: {
    da: '5 minutter tilbage: skriv aftalerne ned, før I slutter.',
    en: '5 minutes left: write down the agreements before you finish.',
  },
  timerLabel: { da: 'Tid tilbage af samtalen', en: 'Time left of the talk' },
  startTalk: { da: 'Start samtalen', en: 'Start the talk' },
  startTalkHint: {
    da: 'Når du starter samtalen, kan medarbejderen ikke længere rette sin forberedelse, og du kan skrive noter.',
    en: 'When you start the talk, the employee can no longer change their preparation, and you can write notes.',
  },
  notesLockedUntilStart: {
    da: 'Start samtalen for at skrive noter og sætte flueben.',
    en: 'Start the talk to write notes and tick the understandings.',
  },
  preparation: { da: 'Medarbejderens forberedelse', en: "The employee's preparation" },
  yourPreparation: TERM_TEXTS.yourPreparation,
  notAnswered: { da: 'Ikke besvaret.', en: 'Not answered.' },
  talkNotes: { da: 'Noter fra samtalen', en: 'Notes from the talk' },
  talkNotesFor: { da: 'Noter fra samtalen: {section}', en: 'Notes from the talk: {section}' },
  talkNotesShared: {
    da: 'Noterne deles med medarbejderen, når du afslutter.',
    en: 'The notes are shared with the employee when you finalise.',
  },
  leaderNotes: { da: 'Lederens noter', en: "The leader's notes" },
  noNotes: { da: 'Ingen noter.', en: 'No notes.' },
  privateNoteHeading: { da: 'Dine private noter', en: 'Your private notes' },
  privateNoteBadge: TERM_TEXTS.privateNotesOnlyYou,
  privateNoteHint: {
    da: 'Hverken medarbejderen eller HR kan se dem.',
    en: 'Neither the employee nor HR can see them.',
  },
  privateNoteLabel: {
    da: 'Private noter (kun synlige for dig)',
    en: 'Private notes (only visible to you)',
  },
  privateNoteNotYours: {
    da: 'Der findes en privat note fra en tidligere leder; kun vedkommende kan læse den.',
    en: 'There is a private note from a previous leader; only they can read it.',
  },
  agreementsHeading: { da: 'Aftaler og opfølgning', en: 'Agreements and follow-up' },
  agreementsEmpty: { da: 'Ingen aftaler endnu.', en: 'No agreements yet.' },
  agreementWhat: { da: 'Hvad aftaler I?', en: 'What do you agree?' },
  agreementOwner: { da: 'Hvem gør det?', en: 'Who does it?' },
  agreementDue: { da: 'Frist', en: 'Due date' },
  agreementStatus: { da: 'Status', en: 'Status' },
  agreementStatusFor: { da: 'Status for aftalen: {what}', en: 'Status of the agreement: {what}' },
  agreementAdd: { da: 'Tilføj aftale', en: 'Add agreement' },
  agreementAddShort: { da: '+ Aftale', en: '+ Agreement' },
  agreementRemove: { da: 'Fjern', en: 'Remove' },
  agreementRemoveFor: { da: 'Fjern aftalen: {what}', en: 'Remove the agreement: {what}' },
  agreementAdded: { da: 'Aftalen er tilføjet.', en: 'The agreement was added.' },
  agreementNeedsText: {
    da: 'Skriv hvad I aftaler, og vælg en frist.',
    en: 'Write what you agree, and choose a due date.',
  },
  agreementOwnerYou: { da: '{name} (dig)', en: '{name} (you)' },
  agreementUndo: { da: 'Fortryd', en: 'Undo' },
  agreementUndoFor: { da: 'Fortryd fjernelsen af »{what}«', en: 'Undo removing “{what}”' },
  agreementRemoved: {
    da: 'Aftalen »{what}« er fjernet.',
    en: 'The agreement “{what}” was removed.',
  },
  agreementRestored: { da: 'Aftalen er sat ind igen.', en: 'The agreement is back.' },
  agreementChanged: {
    da: 'Aftalen var ændret af en anden; her er den nyeste udgave. Vælg igen, hvis du stadig vil ændre den.',
    en: 'Someone else had changed the agreement; this is the latest version. Choose again if you still want to change it.',
  },
  responsible: TERM_TEXTS.agreementOwner,
  due: TERM_TEXTS.agreementDue,
  followUp: TERM_TEXTS.followUp,
  finalise: { da: 'Afslut samtalen', en: 'Finalise the talk' },
  finaliseTitle: { da: 'Afslut samtalen?', en: 'Finalise the talk?' },
  finaliseText: {
    da: 'Noterne og aftalerne bliver låst og sendt til medarbejderen, som kvitterer for dem. Aftalernes status kan I stadig opdatere.',
    en: 'The notes and agreements are locked and sent to the employee, who acknowledges them. You can still update the status of the agreements.',
  },
  followUpDate: { da: 'Opfølgningsdato (valgfri)', en: 'Follow-up date (optional)' },
  confirmFinalise: { da: 'Afslut', en: 'Finalise' },
  cancel: { da: 'Fortryd', en: 'Cancel' },
  finaliseBlocked: {
    da: 'Løs først konflikterne nedenfor, så intet går tabt.',
    en: 'First resolve the conflicts below, so nothing is lost.',
  },
  finaliseUnsaved: {
    da: 'Noterne er ikke gemt endnu – måske er forbindelsen væk. De ligger på denne enhed; afslut, når "Gemt" vises.',
    en: 'The notes are not saved yet – the connection may be down. They are kept on this device; finalise once "Saved" shows.',
  },
  reviewHeading: { da: 'Det bliver låst', en: 'What will be locked' },
  reviewNotesWritten: { da: 'noter skrevet', en: 'notes written' },
  reviewNoNotes: { da: 'ingen noter', en: 'no notes' },
  reviewAgreementsLabel: { da: 'Aftaler', en: 'Agreements' },
  reviewAgreementCount: { da: '{count} i alt', en: '{count} in all' },
  reviewNoAgreements: {
    da: 'ingen endnu – samtalen skal gerne ende med aftaler, I begge kan stå inde for',
    en: 'none yet – the talk should end with agreements you both stand by',
  },
  reviewUnderstandings: { da: '{count} af 4 krydset af', en: '{count} of 4 ticked' },
  reviewMissing: {
    da: 'Endnu tomt: {parts}. Du kan afslutte alligevel, men intet kan tilføjes bagefter.',
    en: 'Still empty: {parts}. You can finalise anyway, but nothing can be added afterwards.',
  },
  confirmFinaliseAnyway: { da: 'Afslut alligevel', en: 'Finalise anyway' },
  finalisedConfirmation: {
    da: 'Samtalen er afsluttet. {name} har fået opsamlingen og bliver bedt om at kvittere for den.',
    en: 'The talk is finalised. {name} has the summary and is asked to acknowledge it.',
  },
  finalisedReadOnly: {
    da: 'Samtalen er afsluttet {date}. Noterne kan ikke længere ændres.',
    en: 'The talk was finalised {date}. The notes can no longer be changed.',
  },
  acknowledgedBy: {
    da: '{name} kvitterede {date}.',
    en: '{name} acknowledged on {date}.',
  },
  employeeComment: { da: 'Medarbejderens kommentar', en: "The employee's comment" },
  saving: { da: 'Gemmer …', en: 'Saving …' },
  savedAt: { da: 'Gemt kl. {time}', en: 'Saved at {time}' },
  notSaved: { da: 'Ikke gemt – prøv igen', en: 'Not saved – try again' },
  notSavedConflict: {
    da: 'Ikke gemt – en anden har ændret det samme. Vælg nedenfor.',
    en: 'Not saved – someone else changed the same. Choose below.',
  },
  retry: { da: 'Prøv igen', en: 'Try again' },
  allSaved: { da: 'Alt er gemt', en: 'Everything is saved' },
  conflictHeading: {
    da: 'Ændret af en anden, mens du skrev',
    en: 'Changed by someone else while you were writing',
  },
  conflictChanged: { da: 'Ændret: {fields}', en: 'Changed: {fields}' },
  conflictTheirs: { da: 'Den gemte udgave', en: 'The saved version' },
  conflictMine: { da: 'Din udgave (i feltet)', en: 'Your version (in the field)' },
  takeTheirs: { da: 'Brug den gemte', en: 'Use the saved one' },
  keepMine: { da: 'Behold min', en: 'Keep mine' },
  conflictEmpty: { da: '(tomt)', en: '(empty)' },
  understandingsField: { da: 'De fælles forståelser', en: 'The common understandings' },
  talkAtField: { da: 'Tidspunkt for samtalen', en: 'Time of the talk' },
  bookOpen: { da: 'Book samtalen i Outlook', en: 'Book the talk in Outlook' },
  bookHeading: { da: 'Book samtalen', en: 'Book the talk' },
  bookShort: { da: 'Book', en: 'Book' },
  bookTalkWith: { da: 'Book samtalen med {name}', en: 'Book the talk with {name}' },
  bookIntro: {
    da: 'Samtalen bliver et Teams-møde på 45 minutter i din kalender med {name} inviteret. Medarbejderen får besked i chatten.',
    en: 'The talk becomes a 45-minute Teams meeting in your calendar with {name} invited. The employee is told in the chat.',
  },
  bookFinding: {
    da: 'Finder tider, hvor I begge er ledige …',
    en: 'Finding times when you are both free …',
  },
  bookSuggestions: { da: 'Ledige tider for jer begge', en: 'Times when you are both free' },
  bookSuggestionsLeaderOnly: {
    da: 'Ledige tider i din kalender (medarbejderens kalender kunne ikke læses)',
    en: 'Free times in your calendar (the employee’s calendar could not be read)',
  },
  bookNoSuggestions: {
    da: 'Ingen fælles ledige tider de næste to uger. Vælg selv et tidspunkt.',
    en: 'No free time for you both in the next two weeks. Choose a time yourself.',
  },
  bookSuggestionsUnavailable: {
    da: 'Forslag til tider kunne ikke hentes. Vælg selv et tidspunkt.',
    en: 'Suggested times could not be fetched. Choose a time yourself.',
  },
  bookTime: { da: 'Tidspunkt', en: 'Time' },
  bookConfirm: { da: 'Book 45 minutter', en: 'Book 45 minutes' },
  bookBooking: { da: 'Booker …', en: 'Booking …' },
  bookPickTime: { da: 'Vælg et tidspunkt først.', en: 'Choose a time first.' },
  bookDone: { da: 'Samtalen er booket {time}.', en: 'The talk is booked for {time}.' },
  bookEmployeeTold: {
    da: 'Medarbejderen har fået besked i chatten.',
    en: 'The employee has been told in the chat.',
  },
  bookEmployeeNotTold: {
    da: 'Medarbejderen har endnu ikke appen og får kun invitationen i kalenderen.',
    en: 'The employee does not have the app yet and gets only the calendar invitation.',
  },
  bookTabAdded: {
    da: 'MUS-fanen ligger klar i mødet.',
    en: 'The MUS tab is ready in the meeting.',
  },
  bookTabByHand: {
    da: 'Læg selv MUS-fanen ind i mødet: åbn mødet, vælg + (Apps) og MUS for Teams.',
    en: 'Add the MUS tab to the meeting yourself: open the meeting, choose + (Apps) and MUS for Teams.',
  },
  bookNoOutlook: {
    da: 'Booking i Outlook er ikke slået til',
    en: 'Booking in Outlook is not switched on',
  },
  bookIcs: { da: 'Hent kalenderfil (.ics)', en: 'Download calendar file (.ics)' },
  bookIcsHint: {
    da: 'Åbn filen i Outlook, og send invitationen til medarbejderen derfra.',
    en: 'Open the file in Outlook and send the invitation to the employee from there.',
  },
  bookIcsPlanned: {
    da: 'Tidspunktet {time} er gemt som planlagt. Husk at sende invitationen fra Outlook.',
    en: 'The time {time} is saved as planned. Remember to send the invitation from Outlook.',
  },
  bookNotSaved: {
    da: 'Tidspunktet blev ikke gemt endnu. Se gemme-status over noterne.',
    en: 'The time is not saved yet. See the save status above the notes.',
  },
  bookClose: { da: 'Luk', en: 'Close' },
  privateNoteField: { da: 'Private noter', en: 'Private notes' },
  status: { da: 'Status', en: 'Status' },
  answerLabel: { da: 'Dit svar: {section}', en: 'Your answer: {section}' },
  submitPreparation: {
    da: 'Send forberedelsen til din leder',
    en: 'Send your preparation to your leader',
  },
  submitted: {
    da: 'Din forberedelse er sendt til {leader}. Du kan rette den, indtil samtalen starter.',
    en: 'Your preparation has been sent to {leader}. You can change it until the talk starts.',
  },
  prepareIntro: {
    da: 'Forbered dig til samtalen med {leader}. Dine svar gemmes automatisk; {leader} ser dem, når du sender forberedelsen.',
    en: 'Prepare for the talk with {leader}. Your answers are saved automatically; {leader} sees them when you send your preparation.',
  },
  talkStarted: {
    da: 'Samtalen er i gang. Når {leader} afslutter den, ser du noterne og aftalerne her.',
    en: 'The talk is under way. When {leader} finalises it, you will see the notes and agreements here.',
  },
  summaryHeading: { da: 'Opsamling fra samtalen', en: 'Summary of the talk' },
  acknowledgeHeading: TERM_TEXTS.acknowledgeSummary,
  acknowledgeIntro: {
    da: 'Læs noterne og aftalerne igennem. Du kan skrive en kommentar, hvis du ser noget anderledes.',
    en: 'Read through the notes and agreements. You can add a comment if you see something differently.',
  },
  commentLabel: { da: 'Kommentar (valgfri)', en: 'Comment (optional)' },
  acknowledge: { da: 'Kvittér', en: 'Acknowledge' },
  acknowledged: { da: 'Du kvitterede {date}.', en: 'You acknowledged on {date}.' },
  yourComment: TERM_TEXTS.yourComment,
  myAgreements: { da: 'Mine aftaler', en: 'My agreements' },
  printButton: { da: 'Udskriv / gem som PDF', en: 'Print / save as PDF' },
  printOpen: { da: 'Udskriv det aftalte', en: 'Print what was agreed' },
  printHeading: { da: 'Aftalt i samtalen · {round}', en: 'Agreed in the talk · {round}' },
  printFinalised: { da: 'Afsluttet', en: 'Finalised' },
  printAcknowledged: { da: 'Kvitteret', en: 'Acknowledged' },
  printAgreements: { da: 'Aftaler', en: 'Agreements' },
  printWhat: { da: 'Hvad', en: 'What' },
  printNoAgreements: { da: 'Der blev ikke lavet aftaler.', en: 'No agreements were made.' },
  printNoUnderstandings: {
    da: 'Ingen af de fælles forståelser blev krydset af.',
    en: 'None of the common understandings was ticked.',
  },
  printNoComment: { da: 'Ingen kommentar.', en: 'No comment.' },
  printNotYet: {
    da: 'Det aftalte kan udskrives, når lederen har afsluttet samtalen.',
    en: 'What was agreed can be printed once the leader has finalised the talk.',
  },
  followUpFromLast: TERM_TEXTS.followUpFromLast,
  followUpFromLastIntro: {
    da: 'Begynd med at se tilbage: hvordan gik det med aftalerne fra sidste samtale?',
    en: 'Begin by looking back: how did the agreements from the last talk go?',
  },
  myAgreementsIntro: {
    da: 'Aftalerne fra jeres samtaler, samlet ét sted, så I kan følge op på dem. Den, der har en aftale, eller lederen fra samtalen kan ændre dens status.',
    en: 'The agreements from your talks, in one place, so you can follow up on them. Whoever carries an agreement out, or the leader of the talk, can change its status.',
  },
  myAgreementsOwn: { da: 'Dine aftaler', en: 'Your agreements' },
  myAgreementsTeam: { da: 'Åbne aftaler i dit team', en: 'Open agreements in your team' },
  myAgreementsEmpty: {
    da: 'Ingen aftaler endnu. Aftalerne bliver til i samtalen og samles her, når den er afsluttet.',
    en: 'No agreements yet. Agreements are made in the talk and gathered here once it is finalised.',
  },
  myAgreementsTalk: { da: 'Samtale', en: 'Talk' },
  myAgreementsSaved: { da: 'Status gemt.', en: 'Status saved.' },
  myAgreementsOpen: { da: 'Se mine aftaler', en: 'See my agreements' },
  myAgreementsHint: {
    da: 'Følg op på aftalerne fra dine samtaler – også fra tidligere runder.',
    en: 'Follow up on the agreements from your talks – also from earlier rounds.',
  },
  privacyHeading: { da: 'Privatliv', en: 'Privacy' },
  privacyText: {
    da: 'Dit skema kan kun læses af dig og din leder. Lederens private noter kan kun læses af lederen. HR ser kun status og antal, aldrig indholdet. Evalueringen er anonym og vises kun for grupper på mindst fem. Data ligger i jeres organisations egen Azure-lagring.',
    en: 'Your form can only be read by you and your leader. The leader’s private notes can only be read by the leader. HR sees statuses and counts only, never the contents. The evaluation is anonymous and shown only for groups of at least five. The data is kept in your organisation’s own Azure storage.',
  },
  termsHeading: { da: 'Vilkår', en: 'Terms of use' },
  termsText: {
    da: 'MUS for Teams drives af jeres egen organisation. Spørgsmål om brugen rettes til jeres HR-afdeling.',
    en: 'MUS for Teams is run by your own organisation. Questions about its use go to your HR department.',
  },
  groupHeading: { da: 'Gruppesamtale · {round}', en: 'Group talk · {round}' },
  groupCardHeading: {
    da: 'Gruppesamtalen med dit team (GRUS)',
    en: 'The group talk with your team (GRUS)',
  },
  groupCardHeadingMember: {
    da: 'Gruppesamtalen med din leder (GRUS)',
    en: 'The group talk with your leader (GRUS)',
  },
  openGroupTalkMember: {
    da: 'Åbn gruppesamtalen med din leder',
    en: 'Open the group talk with your leader',
  },
  groupLeaderIntro: {
    da: 'I denne runde holder du én samtale med hele teamet. Her ser du alles forberedelse spørgsmål for spørgsmål og skriver teamets fælles noter og aftaler.',
    en: 'In this round you hold one talk with the whole team. Here you see everyone’s preparation question by question and write the team’s shared notes and agreements.',
  },
  groupMemberIntro: {
    da: 'I denne runde holder {leader} én samtale med hele teamet. Du forbereder dig i dit eget skema; her ser du opsamlingen, når samtalen er afsluttet.',
    en: 'In this round {leader} holds one talk with the whole team. You prepare in your own form; here you see the summary once the talk is finalised.',
  },
  groupMemberHomeIntro: {
    da: 'I denne runde holder din leder én samtale med hele teamet. Du forbereder dig i dit eget skema; når samtalen er afsluttet, læser du teamets opsamling og kvitterer her.',
    en: 'In this round your leader holds one talk with the whole team. You prepare in your own form; once the talk is finalised, you read the team’s summary and acknowledge it here.',
  },
  openGroupTalk: TERM_TEXTS.openGroupTalk,
  groupMembers: { da: 'Deltagere', en: 'Participants' },
  groupPrepared: {
    da: '{count} af {total} har forberedt sig.',
    en: '{count} of {total} have prepared.',
  },
  groupNotPrepared: { da: 'Ikke forberedt: {names}.', en: 'Not prepared: {names}.' },
  groupAllPrepared: { da: 'Alle har forberedt sig.', en: 'Everyone has prepared.' },
  groupPreparations: { da: 'Teamets forberedelse', en: 'The team’s preparation' },
  groupNoAnswers: { da: 'Ingen har forberedt sig endnu.', en: 'No one has prepared yet.' },
  groupNotes: { da: 'Fælles noter', en: 'Shared notes' },
  groupStart: { da: 'Start gruppesamtalen', en: 'Start the group talk' },
  groupFinalise: { da: 'Afslut gruppesamtalen', en: 'Finalise the group talk' },
  groupFinaliseHint: {
    da: 'Når du afslutter, låses noterne, og alle deltagere kan læse opsamlingen og kvittere for den.',
    en: 'When you finalise, the notes are locked and every participant can read the summary and acknowledge it.',
  },
  groupFinalised: {
    da: 'Gruppesamtalen blev afsluttet {date}.',
    en: 'The group talk was finalised on {date}.',
  },
  groupNotYet: {
    da: 'Gruppesamtalen er ikke afsluttet endnu. Når {leader} afslutter den, ser du teamets noter og aftaler her.',
    en: 'The group talk is not finalised yet. When {leader} finalises it, you will see the team’s notes and agreements here.',
  },
  groupAcknowledgeIntro: {
    da: 'Læs teamets noter og aftaler igennem, og kvittér for, at du har set dem.',
    en: 'Read through the team’s notes and agreements, and acknowledge that you have seen them.',
  },
  groupAcknowledgedCount: {
    da: '{count} af {total} har kvitteret.',
    en: '{count} of {total} have acknowledged.',
  },
  groupStatusSent: { da: 'Ikke startet', en: 'Not started' },
  groupStatusHeld: { da: 'I gang', en: 'Under way' },
  groupStatusFinalised: { da: 'Afsluttet', en: 'Finalised' },
  groupStatus: { da: 'Status', en: 'Status' },
  openSetup: TERM_TEXTS.setup,
  openSetupHint: {
    da: 'Kerneopgaven, HR-kontakten, rundens skema, frister og tekst til medarbejderne.',
    en: 'The core task, the HR contact, the round’s form, deadlines and text for the employees.',
  },
  remove: { da: 'Fjern', en: 'Remove' },
  saveTemplate: { da: 'Gem skemaet', en: 'Save the form' },
  saveDeadlines: { da: 'Gem fristerne', en: 'Save the deadlines' },
  saveInvitation: { da: 'Gem teksten', en: 'Save the text' },
  createRound: { da: 'Opret runden', en: 'Create the round' },
} satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof TEXTS;

/** The text for `key` in the user's language, with `{name}` placeholders filled in. */
export function t(key: TextKey, vars: Record<string, string> = {}): string {
  return fillIn(TEXTS[key], vars);
}

/** A catalogue's text in the user's language, with `{name}` placeholders filled in. */
export function fillIn(text: Bilingual, vars: Record<string, string> = {}): string {
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

const dateFormat = (): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', { dateStyle: 'medium' });
const dateTimeFormat = (): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

/** "2. mar. 2026" for an ISO date or date-time. */
export function formatDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat().format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat().format(date);
}

/** A whole number or a decimal the way the user writes it: "3,25" in Danish, "3.25" in English. */
export function formatNumber(value: number, decimals = 0): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'da-DK', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** "10:32" in the user's clock. */
export function formatClock(date: Date): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'da-DK', {
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** An ISO time as a `datetime-local` input's value, in the browser's own time zone ('' if none). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value back as an ISO time ('' if empty or not a time). */
export function fromLocalInput(value: string): string {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}
