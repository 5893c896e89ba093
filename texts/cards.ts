import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the Adaptive Cards say, grouped by card. A `{name}` is filled in by the card (texts/fill.ts).
 */
export const CARDS_TEXTS = {
  step1: {
    thisYearWeHold: {
      da: 'I år holder vi {talk} på en ny måde. Samtalen med teamet handler ikke først og fremmest om den enkeltes ønsker, men om hvordan I som arbejdsfællesskab bedst løser jeres del af kerneopgaven — og om hvad organisationen får brug for fremover.',
      en: "This year we hold {talk} in a new way. The talk with the team is not first of all about each person's wishes, but about how you as a work community best solve your part of the core task — and about what the organisation will need ahead.",
    },
    thisYearWeHold2: {
      da: 'I år holder vi {talk} på en ny måde. Samtalen med hver af dine ledere handler ikke først og fremmest om deres egne ønsker, men om hvordan deres ledelse hjælper med at løse vores kerneopgave — og om hvad organisationen får brug for fremover.',
      en: 'This year we hold {talk} in a new way. The talk with each of your leaders is not first of all about their own wishes, but about how their leadership helps solve our core task — and about what the organisation will need ahead.',
    },
    thisYearWeHold3: {
      da: 'I år holder vi {talk} på en ny måde. Samtalen handler ikke først og fremmest om den enkeltes ønsker, men om hvordan medarbejderen bedst bidrager til, at vi sammen løser vores kerneopgave — og om hvad organisationen får brug for fremover. Arbejdsfællesskabet er omdrejningspunktet.',
      en: "This year we hold {talk} in a new way. The talk is not first of all about the individual's wishes, but about how the employee best contributes to solving our core task together — and about what the organisation will need ahead. The work community is the pivot.",
    },
    coreTaskAtCentre: {
      da: '{title}: kerneopgaven i centrum',
      en: '{title}: the core task at the centre',
    },
    dear: { da: 'Kære {leaderName}', en: 'Dear {leaderName}' },
    fourSharedUnderstandingsBefore: {
      da: 'Fire fælles forståelser før samtalen',
      en: 'Four shared understandings before the talk',
    },
    makeSureYouEmployee: {
      da: 'Sørg for, at du og medarbejderen ser ens på:',
      en: 'Make sure you and the employee see these the same way:',
    },
    threePhases: { da: 'Tre faser', en: 'Three phases' },
    discussLeadershipTeam: { da: 'Drøft i ledelsesteamet', en: 'Discuss in the leadership team' },
    roundsDates: { da: 'Rundens datoer', en: "The round's dates" },
    preview: { da: 'Se {skemaName}et', en: 'Preview the {skemaName}' },
  },
  step2: {
    theSkema: { da: '{talk}-skemaet', en: 'The {talk} form' },
    fromHr: { da: 'Fra HR', en: 'From HR' },
    questionsThinkAboutBefore: {
      da: 'Spørgsmål, du kan tænke over inden samtalen',
      en: 'Questions to think about before the talk',
    },
    yourTalk: { da: 'Din samtale · {title}', en: 'Your talk · {title}' },
    hi: { da: 'Hej {employeeName}', en: 'Hi {employeeName}' },
    whatHappensWhen: { da: 'Hvad sker der, og hvornår', en: 'What happens, and when' },
    arrivesHereChatBy: {
      da: 'kommer her i chatten senest {date}',
      en: 'arrives here in the chat by {date}',
    },
    talk45Min: { da: 'Samtalen (45 min.)', en: 'The talk (45 min.)' },
    withBy: { da: 'med {leaderName} senest {date}', en: 'with {leaderName} by {date}' },
    evaluation: { da: 'Evaluering', en: 'Evaluation' },
    shortAnonymousSurveyBy: {
      da: 'et kort, anonymt spørgeskema senest {date}',
      en: 'a short, anonymous survey by {date}',
    },
    threePhases: { da: 'Tre faser', en: 'Three phases' },
    howPrepare: { da: 'Sådan forbereder du dig', en: 'How to prepare' },
    thinkAboutHowYou: {
      da: 'Tænk over, hvordan du og din leder ser på disse fire ting — samtalen bygger på dem:',
      en: 'Think about how you and your leader see these four things — the talk builds on them:',
    },
    lookForwardWhatWill: {
      da: 'Se fremad: hvad får vi brug for, og hvordan kan du bidrage?',
      en: 'Look forward: what will we need, and how can you contribute?',
    },
    writeYourAnswersForm: {
      da: 'Skriv dine svar i skemaet, når det kommer. Du kan rette dem, indtil samtalen går i gang.',
      en: 'Write your answers in the form when it arrives. You can change them until the talk begins.',
    },
  },
  step3Leader: {
    sentToOne: {
      da: 'Hej {leaderName}. {roundName}: din medarbejder har fået {skema} fra dig i deres chat med appen og forbereder sig senest {prepareBy}. Du ser deres forberedelse, når de sender den, og bruger skemaet i samtalen.',
      en: 'Hi {leaderName}. {roundName}: your employee has received {skema} from you in their chat with the app and prepare by {prepareBy}. You see their preparation when they send it, and use the form in the talk.',
    },
    sentToMany: {
      da: 'Hej {leaderName}. {roundName}: dine {total} medarbejdere har fået {skema} fra dig i deres chat med appen og forbereder sig senest {prepareBy}. Du ser deres forberedelse, når de sender den, og bruger skemaet i samtalen.',
      en: 'Hi {leaderName}. {roundName}: your {total} employees have received {skema} from you in their chat with the app and prepare by {prepareBy}. You see their preparation when they send it, and use the form in the talk.',
    },
    formsWentOutYour: {
      da: '{talkName}-skemaerne er sendt i dit navn',
      en: 'The {talkName} forms went out in your name',
    },
    waitingAppTheyGet: {
      da: 'Venter på appen — de får skemaet af sig selv, så snart de har installeret MUS for Teams:',
      en: 'Waiting for the app — they get the form by themselves as soon as they have installed MUS for Teams:',
    },
    haveAppGetForm: {
      da: 'Har appen og får skemaet i chatten:',
      en: 'Have the app and get the form in their chat:',
    },
    openMyTeam: { da: 'Åbn mit team', en: 'Open my team' },
  },
  step3Skema: {
    purposeTeamExploreTogether: {
      da: 'Formålet er, at I i teamet sammen undersøger, hvordan I bedst løser jeres del af vores fælles kerneopgave — og hvad organisationen får brug for fremover. Din forberedelse er dit bidrag til teamets samtale.',
      en: "The purpose is for the team to explore together how you best solve your part of our shared core task — and what the organisation will need ahead. Your preparation is your contribution to the team's talk.",
    },
    purposeYouYourLeader: {
      da: 'Formålet er, at du og din leder sammen undersøger, hvordan din ledelse bedst hjælper med at løse vores fælles kerneopgave — og hvad organisationen får brug for fremover.',
      en: 'The purpose is for you and your leader to explore together how your leadership best helps solve our shared core task — and what the organisation will need ahead.',
    },
    purposeExploreTogetherHow: {
      da: 'Formålet er, at I sammen undersøger, hvordan du bedst bidrager til at løse vores fælles kerneopgave — og hvad organisationen får brug for fremover.',
      en: 'The purpose is to explore together how you best contribute to solving our shared core task — and what the organisation will need ahead.',
    },
    reminderPleaseSendYour: {
      da: 'Påmindelse: send gerne din forberedelse til din leder senest {deadlineDate}. Så får I mest ud af jeres samtale.',
      en: 'Reminder: please send your preparation to your leader by {deadlineDate}. That way you both get the most out of your talk.',
    },
    draftSavedYourLeader: {
      da: 'Kladden er gemt {updatedDate}. Din leder ser den først, når du sender.',
      en: 'Draft saved {updatedDate}. Your leader sees it only when you send it.',
    },
    thankYouYourPreparation: {
      da: 'Tak! Din forberedelse er sendt til din leder. Du kan rette den, indtil samtalen går i gang.',
      en: 'Thank you! Your preparation has been sent to your leader. You can change it until the talk begins.',
    },
    formWasChangedElsewhere: {
      da: 'Skemaet er blevet ændret et andet sted (fx i fanen), siden dette kort blev vist. Dine ændringer er ikke gemt. Her er den nyeste udgave; det, du skrev, står nedenfor, så du kan kopiere det ind igen.',
      en: 'The form was changed elsewhere (e.g. in the tab) since this card was shown. Your changes were not saved. Here is the latest version; what you wrote is below so you can copy it back in.',
    },
    sentBy: { da: 'Sendt af', en: 'Sent by' },
    talk: { da: 'Samtalen', en: 'The talk' },
    text45Minutes: { da: '45 minutter', en: '45 minutes' },
    openTab: { da: 'Åbn i fanen', en: 'Open in the tab' },
    formClosedBecauseTalk: {
      da: 'Skemaet er lukket, fordi samtalen er gået i gang. Du kan læse {value}en og jeres aftaler i fanen "Mine MUS".',
      en: 'The form is closed because the talk has begun. You can read the {value} and your agreements in the "My MUS" tab.',
    },
    sentYourLeader: {
      da: 'Sendt til din leder {valueDate}.',
      en: 'Sent to your leader {valueDate}.',
    },
    edit: { da: 'Rediger', en: 'Edit' },
    writeYourAnswerAt: {
      da: 'Skriv dit svar (højst {ANSWER_MAX_CHARS} tegn)',
      en: 'Write your answer (at most {ANSWER_MAX_CHARS} characters)',
    },
    talkBuildsOnFour: {
      da: 'Samtalen bygger på fire fælles forståelser mellem dig og din leder:',
      en: 'The talk builds on four shared understandings between you and your leader:',
    },
    lastSaved: { da: 'Sidst gemt {updatedDate}.', en: 'Last saved {updatedDate}.' },
    saveDraft: { da: 'Gem kladde', en: 'Save draft' },
    sendMyLeader: { da: 'Send til min leder', en: 'Send to my leader' },
    yourAgreementsFromLast: {
      da: 'Jeres aftaler fra sidste runde, og hvor de står:',
      en: 'Your agreements from the last round, and where they stand:',
    },
    notAnswered: { da: '_Ikke besvaret_', en: '_Not answered_' },
  },
  step4Reminder: {
    yourMusComingUp: { da: 'Din MUS nærmer sig', en: 'Your MUS is coming up' },
    hiYouHoldYour: {
      da: 'Hej {employeeName}. Du og {leaderName} holder jeres samtale senest {byDate}.',
      en: 'Hi {employeeName}. You and {leaderName} hold your talk by {byDate}.',
    },
    thankYouPreparingYou: {
      da: 'Tak for din forberedelse. Du kan stadig rette den i skemaet her i chatten, indtil samtalen går i gang.',
      en: 'Thank you for preparing. You can still change it in the form here in the chat until the talk begins.',
    },
    rememberFillMusForm: {
      da: 'Husk at udfylde MUS-skemaet her i chatten før samtalen — det gør samtalen bedre for jer begge.',
      en: 'Remember to fill in the MUS form here in the chat before the talk — it makes the talk better for you both.',
    },
    openMyMus: { da: 'Åbn Mine MUS', en: 'Open My MUS' },
  },
  step4LeaderTeam: {
    open: { da: 'Åbn', en: 'Open' },
    timeTalks: { da: 'Tid til samtalerne · {name}', en: 'Time for the talks · {name}' },
    holdTalksBySet: {
      da: 'Hold samtalerne senest {deadlineDate}. Sæt 45 minutter af til hver, og åbn skemaet i fanen under mødet — også i mødets sidepanel.',
      en: "Hold the talks by {deadlineDate}. Set aside 45 minutes for each, and open the form in the tab during the meeting — also in the meeting's side panel.",
    },
    employeesHavePrepared: {
      da: '{prepared} af {length} medarbejdere har forberedt sig.',
      en: '{prepared} of {length} employees have prepared.',
    },
    remember: { da: 'Husk', en: 'Remember' },
    noForm: { da: 'Intet skema', en: 'No form' },
    timeGroupTalk: {
      da: 'Tid til gruppesamtalen · {name}',
      en: 'Time for the group talk · {name}',
    },
    thisGroupTalkGrus: {
      da: 'Det er en gruppesamtale (GRUS): du holder én samtale med hele teamet senest {deadlineDate}. Alle har forberedt sig hver for sig på de samme spørgsmål om teamets bidrag til kerneopgaven. I fanen ser du alles forberedelse spørgsmål for spørgsmål og skriver teamets fælles noter og aftaler.',
      en: "This is a group talk (GRUS): you hold one talk with the whole team by {deadlineDate}. Everyone has prepared on their own, on the same questions about the team's contribution to the core task. In the tab you see everyone's preparation question by question and write the team's shared notes and agreements.",
    },
    teamHavePrepared: {
      da: '{prepared} af {length} i teamet har forberedt sig.',
      en: '{prepared} of {length} in the team have prepared.',
    },
  },
  step5: {
    evaluateMus: { da: 'Evaluér MUS · {name}', en: 'Evaluate the MUS · {name}' },
    thankYouYourEvaluation: {
      da: 'Tak for din evaluering. Svarene bruges kun samlet, og ingen kan se, hvad du har svaret.',
      en: 'Thank you for your evaluation. Answers are only used together, and nobody can see what you answered.',
    },
    howDidThisYears: {
      da: 'Hvordan gik årets MUS? Svar senest {deadlineDate}. Dit svar er anonymt: det gemmes uden dit navn, og resultater vises kun for grupper på mindst fem.',
      en: "How did this year's MUS go? Answer by {deadlineDate}. Your answer is anonymous: it is stored without your name, and results are only shown for groups of at least five.",
    },
    chooseAnswer: { da: 'Vælg et svar.', en: 'Choose an answer.' },
    sendEvaluation: { da: 'Send evaluering', en: 'Send evaluation' },
  },
  agreementReminder: {
    open: { da: 'Åbn igen', en: 'Reopen' },
    statusNowThankYou: {
      da: 'Status er nu: {value}. Tak!',
      en: 'The status is now: {value}. Thank you!',
    },
    agreementWasChangedElsewhere: {
      da: 'Aftalen er blevet ændret et andet sted, siden kortet blev vist. Her er den nyeste udgave; vælg status igen, hvis det stadig passer.',
      en: 'The agreement was changed elsewhere since this card was shown. Here is the latest version; choose the status again if it still applies.',
    },
    openTab: { da: 'Åbn i fanen', en: 'Open in the tab' },
    followingUpAgreement: { da: 'Opfølgning på en aftale', en: 'Following up an agreement' },
    thisAgreementDueOn: {
      da: 'Fristen for denne aftale er {due}. Hvordan går det? Opdatér status, så I begge kan se, hvor den står.',
      en: 'This agreement is due on {due}. How is it going? Update its status so you can both see where it stands.',
    },
    hereAgreementAsIt: {
      da: 'Her er aftalen, som den står nu.',
      en: 'Here is the agreement as it stands now.',
    },
    status: { da: 'Status', en: 'Status' },
    agreed: { da: 'Aftalt i', en: 'Agreed in' },
    text: {
      da: '{roundName}: {employeeName} og {leaderName}',
      en: '{roundName}: {employeeName} and {leaderName}',
    },
    setStatus: { da: 'Sæt status:', en: 'Set the status:' },
  },
  followThrough: {
    oneNotHeld: {
      da: 'Hej {leaderName}. Fristen for samtalerne i {roundName} var {deadline}, og én samtale er endnu ikke holdt:',
      en: 'Hi {leaderName}. The talks of {roundName} were due by {deadline}, and one talk has not been held yet:',
    },
    manyNotHeld: {
      da: 'Hej {leaderName}. Fristen for samtalerne i {roundName} var {deadline}, og {n} samtaler er endnu ikke holdt:',
      en: 'Hi {leaderName}. The talks of {roundName} were due by {deadline}, and {n} talks have not been held yet:',
    },
    talksStillHold: { da: 'Samtaler, der mangler', en: 'Talks still to hold' },
    bookTimeWithEach: {
      da: 'Book en tid med hver af dem. Hvis en samtale ikke kan holdes i år, så tal med HR om det.',
      en: 'Book a time with each of them. If a talk cannot be held this year, talk to HR about it.',
    },
    openMyTeam: { da: 'Åbn mit team', en: 'Open my team' },
    yourSummaryWaitingYou: {
      da: 'Opsamlingen venter på dig',
      en: 'Your summary is waiting for you',
    },
    hiFinalisedYourTalk: {
      da: 'Hej {employeeName}. {leaderName} afsluttede jeres samtale {dayDate}. Læs opsamlingen og aftalerne igennem, og kvittér for, at du har set dem. Er du uenig i noget, kan du skrive en kommentar, når du kvitterer.',
      en: 'Hi {employeeName}. {leaderName} finalised your talk on {dayDate}. Read the summary and the agreements, and acknowledge that you have seen them. If you disagree with something, you can add a comment when you acknowledge.',
    },
    readSummary: { da: 'Læs opsamlingen', en: 'Read the summary' },
    timeFollowUp: { da: 'Tid til opfølgning', en: 'Time to follow up' },
    hiWhenYouFinalised: {
      da: 'Hej {leaderName}. Da I afsluttede samtalen, aftalte du og {employeeName} at følge op {dateDate}. Tag en snak om, hvordan det går med aftalerne, og om de stadig hjælper jer med kerneopgaven.',
      en: 'Hi {leaderName}. When you finalised the talk, you and {employeeName} agreed to follow up on {dateDate}. Talk about how the agreements are going and whether they still help you with the core task.',
    },
    agreementsNotYetDone: {
      da: 'Aftaler, der ikke er gennemført:',
      en: 'Agreements not yet done:',
    },
    everyAgreementDone: { da: 'Alle aftaler er gennemført.', en: 'Every agreement is done.' },
    openTalk: { da: 'Åbn samtalen', en: 'Open the talk' },
  },
  hrContact: {
    name: { da: 'Navn', en: 'Name' },
    email: { da: 'E-mail', en: 'Email' },
    phone: { da: 'Telefon', en: 'Phone' },
    doAskIfYou: {
      da: 'Spørg gerne, hvis du vil have en hånd med at sætte kerneopgaven i centrum for samtalerne.',
      en: 'Do ask if you would like a hand putting the core task at the centre of the talks.',
    },
  },
  round: {
    deliveryCounts: {
      da: 'Sendt {sent} · i kø {pending} · fejlet {failed} · venter på appen {waiting} · ikke installeret {notInstalled}',
      en: 'Sent {sent} · queued {pending} · failed {failed} · waiting for the app {waiting} · not installed {notInstalled}',
    },
    answeredCount: { da: ' · besvaret {answered}', en: ' · answered {answered}' },
    appCannotInstallItself: {
      da: 'Appen kan ikke installere sig selv, før en administrator har givet samtykke til tilladelsen TeamsAppInstallation.ReadWriteSelfForUser.All. Installeret {n} af {n2}.',
      en: 'The app cannot install itself until an administrator has consented to the permission TeamsAppInstallation.ReadWriteSelfForUser.All. Installed {n} of {n2}.',
    },
    appInstallsItselfThose: {
      da: 'Appen installerer sig selv for dem, der mangler den: {n} forsøgt · {n2} installeret · {n3} mislykket',
      en: 'The app installs itself for those who lack it: {n} requested · {n2} installed · {n3} failed',
    },
    gettingReady: { da: 'Gøres klar …', en: 'Getting ready …' },
    preparingSkemasCreated: {
      da: 'Forbereder {n} skemaer … {n2} oprettet',
      en: 'Preparing {n} skemas … {n2} created',
    },
    queueingCardsReadySend: {
      da: 'Lægger {n} kort i kø … {n2} klar til afsendelse',
      en: 'Queueing {n} cards … {n2} ready to send',
    },
    resendFailed: { da: 'Send igen til fejlede ({failed})', en: 'Resend to failed ({failed})' },
    tryNowThoseWaiting: {
      da: 'Prøv nu for dem, der venter på appen ({waiting})',
      en: 'Try now for those waiting for the app ({waiting})',
    },
    resendNotInstalled: {
      da: 'Send igen til ikke installerede ({notInstalled})',
      en: 'Resend to not installed ({notInstalled})',
    },
    launched: { da: 'Sat i gang {launchedDate}', en: 'Launched {launchedDate}' },
    ready: { da: 'Klar', en: 'Ready' },
    waitingPreviousStep: { da: 'Venter på forrige trin', en: 'Waiting for the previous step' },
    deadline: { da: 'Frist', en: 'Deadline' },
    takeFiveStepsOrder: {
      da: 'Tag de fem trin i rækkefølge. Hvert trin sender det rette kort til de rette personer i deres chat med appen.',
      en: 'Take the five steps in order. Each step sends the right card to the right people in their chat with the app.',
    },
  },
  skemaSummary: {
    fromTalk: { da: 'Fra samtalen', en: 'From the talk' },
    noAgreementsRecorded: { da: 'Ingen aftaler registreret.', en: 'No agreements recorded.' },
    openTab: { da: 'Åbn i fanen', en: 'Open in the tab' },
    summaryYourMus: {
      da: 'Opsummering af din MUS · {roundName}',
      en: 'Summary of your MUS · {roundName}',
    },
    hasFinalisedYourTalk: {
      da: '{leaderName} har afsluttet jeres samtale. Læs opsamlingen, og kvittér — du kan tilføje en kommentar, hvis du ser noget anderledes.',
      en: '{leaderName} has finalised your talk. Read the summary and acknowledge it — you can add a comment if you see something differently.',
    },
    agreementsFollowUp: { da: 'Aftaler og opfølgning', en: 'Agreements and follow-up' },
    youAcknowledged: { da: 'Du kvitterede {valueDate}.', en: 'You acknowledged {valueDate}.' },
    commentYourLeaderOptional: {
      da: 'Kommentar til din leder (valgfri)',
      en: 'Comment for your leader (optional)',
    },
  },
} satisfies Record<string, Record<string, Bilingual>>;
