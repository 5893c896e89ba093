import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * What the domain's rules say when input breaks them or a step comes too early: rounds, skemas,
 * agreements, the roster, the evaluation's anonymity, the talk clock. A `{name}` is filled in by the
 * rule (texts/fill.ts).
 */
export const ROSTER_RULE_TEXTS = {
  line: { da: 'linje {line}', en: 'line {line}' },
  thereAreNoPeople: {
    da: 'Der er ingen personer i listen.',
    en: 'There are no people in the list.',
  },
  emailAddressAppearsTwice: {
    da: 'E-mailadressen {email} står to gange: på {a} og på {b}. Hver person må kun stå én gang.',
    en: 'The email address {email} appears twice: on {a} and on {b}. Each person may appear only once.',
  },
  leaderNotListAdd: {
    da: 'Lederen {leaderEmail} findes ikke i listen. Tilføj lederen, eller ret leder-e-mailen.',
    en: 'The leader {leaderEmail} is not in the list. Add the leader, or correct the leader email.',
  },
  namedAsLeaderBut: {
    da: '{value} er angivet som leder ({value2}), men har ikke rollen leader.',
    en: '{value} is named as leader ({value2}) but does not have the role leader.',
  },
  text: { da: '{value} ({refOf})', en: '{value} ({refOf})' },
  namedAsTheirOwn: {
    da: '{value} er angivet som sin egen leder.',
    en: '{value} is named as their own leader.',
  },
  leaderChainGoesRound: {
    da: 'Lederkæden går i ring: {map}. Nogen i kæden skal have en anden leder eller ingen.',
    en: 'The leader chain goes round in a circle: {map}. Someone in the chain needs another leader or none.',
  },
  emailAddressMissing: { da: 'E-mailadressen mangler.', en: 'The email address is missing.' },
  notValidEmailAddress: {
    da: '"{shorten}" er ikke en gyldig e-mailadresse.',
    en: '"{shorten}" is not a valid email address.',
  },
  nameMissing: { da: 'Navnet mangler.', en: 'The name is missing.' },
  nameTooLongCharacters: {
    da: 'Navnet er for langt ({length} tegn, højst {MAX_NAME_LENGTH}).',
    en: 'The name is too long ({length} characters, at most {MAX_NAME_LENGTH}).',
  },
  nameContainsInvisibleControl: {
    da: 'Navnet indeholder usynlige kontroltegn.',
    en: 'The name contains invisible control characters.',
  },
  departmentTooLongCharacters: {
    da: 'Afdelingen er for lang ({length} tegn, højst {MAX_DEPARTMENT_LENGTH}).',
    en: 'The department is too long ({length} characters, at most {MAX_DEPARTMENT_LENGTH}).',
  },
  departmentContainsInvisibleControl: {
    da: 'Afdelingen indeholder usynlige kontroltegn.',
    en: 'The department contains invisible control characters.',
  },
  leaderEmailNotValid: {
    da: 'Leder-e-mailen "{shorten}" er ikke en gyldig e-mailadresse.',
    en: 'The leader email "{shorten}" is not a valid email address.',
  },
  unknownRoleUseOne: {
    da: 'Ukendt rolle {list}. Brug en eller flere af {allowed}, adskilt med semikolon.',
    en: 'Unknown role {list}. Use one or more of {allowed}, separated by semicolons.',
  },
  roleMissingUseOne: {
    da: 'Rollen mangler. Brug en eller flere af {allowed}, adskilt med semikolon.',
    en: 'The role is missing. Use one or more of {allowed}, separated by semicolons.',
  },
} satisfies Record<string, Bilingual>;

export const ROUND_RULE_TEXTS = {
  thereMustBeFive: {
    da: 'Der skal være fem frister som datoer (ÅÅÅÅ-MM-DD).',
    en: 'There must be five deadlines as dates (YYYY-MM-DD).',
  },
  deadlinesMustFollowOrder: {
    da: 'Fristerne skal ligge i trinenes rækkefølge.',
    en: 'The deadlines must follow the order of the steps.',
  },
  roundsNameMustBe: {
    da: 'Rundens navn skal være 1–{ROUND_NAME_MAX} tegn.',
    en: "The round's name must be 1–{ROUND_NAME_MAX} characters.",
  },
  coreTaskFirst: {
    da: 'Skriv først organisationens kerneopgave under **Opsætning** i appens fane. Den står øverst på alle kort og skemaer, og samtalerne tager udgangspunkt i den.',
    en: "First write the organisation's core task under **Setup** in the app's tab. It heads every card and skema, and the talks start from it.",
  },
  reason: {
    da: 'Trin {step} ({name}) er allerede sat i gang.',
    en: 'Step {step} ({name}) has already been launched.',
  },
  reason2: {
    da: 'Trin {step} ({prev}) er ved at blive gjort klar. Vent til alle kort er lagt i kø, og prøv så igen.',
    en: 'Step {step} ({prev}) is still being prepared. Wait until all cards are queued, then try again.',
  },
  reason3: {
    da: 'Tag trin {value} ({prev}) før trin {step}.',
    en: 'Take step {value} ({prev}) before step {step}.',
  },
  templateLocked: {
    da: 'Skemaet kan ikke ændres, når det er sendt (trin 3) eller runden er lukket: hvert sendt skema beholder de spørgsmål, det blev sendt med.',
    en: 'The form cannot be changed once it has been sent (step 3) or the round is closed: each sent form keeps the questions it was sent with.',
  },
  invitationLocked: {
    da: 'Teksten til medarbejderne kan ikke ændres, når trin 2 er sat i gang eller runden er lukket: kortene er sendt.',
    en: 'The text for the employees cannot be changed once step 2 has been launched or the round is closed: the cards have been sent.',
  },
  stepSDeadlineCannot: {
    da: 'Fristen for trin {step} kan ikke flyttes til en dato, der er gået.',
    en: "Step {step}'s deadline cannot be moved to a date that has passed.",
  },
} satisfies Record<string, Bilingual>;

export const SKEMA_RULE_TEXTS = {
  formHasNoSuch: { da: 'Skemaet har ikke dette spørgsmål.', en: 'The form has no such question.' },
  answerMayBeAt: {
    da: 'Svaret må højst være {max} tegn (det er {length}).',
    en: 'The answer may be at most {max} characters (it is {length}).',
  },
  closedForEmployee: {
    da: 'Samtalen er gået i gang, så forberedelsen kan ikke længere ændres.',
    en: 'The conversation has started, so the preparation can no longer be changed.',
  },
  formFinalisedNotesCan: {
    da: 'Skemaet er afsluttet; noterne kan ikke ændres.',
    en: 'The form is finalised; the notes can no longer be changed.',
  },
  thereAreFourCommon: {
    da: 'Der er fire fælles forståelser.',
    en: 'There are four common understandings.',
  },
  talkHasAlreadyEnded: { da: 'Samtalen er allerede afsluttet.', en: 'The talk has already ended.' },
  formAlreadyFinalised: {
    da: 'Skemaet er allerede afsluttet.',
    en: 'The form is already finalised.',
  },
  youHaveAlreadyAcknowledged: {
    da: 'Du har allerede kvitteret.',
    en: 'You have already acknowledged.',
  },
  conversationNotFinalisedYet: {
    da: 'Samtalen er ikke afsluttet endnu.',
    en: 'The conversation is not finalised yet.',
  },
  commentMayBeAt: {
    da: 'Kommentaren må højst være {COMMENT_MAX_CHARS} tegn.',
    en: 'The comment may be at most {COMMENT_MAX_CHARS} characters.',
  },
} satisfies Record<string, Bilingual>;

export const EVALUATION_RESULT_RULE_TEXTS = {
  allLabel: { da: 'Alle', en: 'Everyone' },
  leadersLabel: { da: 'Ledere', en: 'Leaders' },
  employeesLabel: { da: 'Medarbejdere', en: 'Employees' },
  othersLabel: { da: 'Øvrige', en: 'Others' },
  thereAreFewerThan: {
    da: 'Der er færre end {min} svar, så resultaterne vises ikke.',
    en: 'There are fewer than {min} answers, so the results are not shown.',
  },
  splitIntoLeadersEmployees: {
    da: 'Fordelingen på ledere og medarbejdere vises ikke, fordi en af grupperne har færre end {min} svar.',
    en: 'The split into leaders and employees is not shown, because one of the groups has fewer than {min} answers.',
  },
  splitIntoLeadersEmployees2: {
    da: 'Fordelingen på ledere og medarbejdere vises ikke, fordi den sammen med afdelingerne ville vise en gruppe på færre end {min} svar.',
    en: 'The split into leaders and employees is not shown, because together with the departments it would reveal a group of fewer than {min} answers.',
  },
  someDepartmentsAreNot: {
    da: 'Nogle afdelinger vises ikke hver for sig, så ingen gruppe på under {min} svar kan genkendes.',
    en: 'Some departments are not shown on their own, so that no group of fewer than {min} answers can be made out.',
  },
} satisfies Record<string, Bilingual>;

export const GROUP_TALK_RULE_TEXTS = {
  finalised: {
    da: 'Gruppesamtalen er afsluttet; noterne kan ikke længere ændres.',
    en: 'The group talk is finalised; the notes can no longer be changed.',
  },
  formHasNoSuch: { da: 'Skemaet har ikke dette afsnit.', en: 'The form has no such section.' },
  noteMayBeAt: {
    da: 'Noten må højst være {NOTE_MAX_CHARS} tegn.',
    en: 'The note may be at most {NOTE_MAX_CHARS} characters.',
  },
  youAreNotPart: {
    da: 'Du er ikke med i denne gruppesamtale.',
    en: 'You are not part of this group talk.',
  },
  groupTalkNotFinalised: {
    da: 'Gruppesamtalen er ikke afsluttet endnu.',
    en: 'The group talk is not finalised yet.',
  },
  youHaveAlreadyAcknowledged: {
    da: 'Du har allerede kvitteret.',
    en: 'You have already acknowledged.',
  },
} satisfies Record<string, Bilingual>;

export const ERROR_TEXTS = {
  someInputNotValid: {
    da: 'Nogle oplysninger er ikke gyldige. Intet er gemt.',
    en: 'Some of the input is not valid. Nothing was saved.',
  },
  itDoesNotExist: { da: 'Det findes ikke (længere).', en: 'It does not exist (any more).' },
  youDoNotHave: { da: 'Du har ikke adgang til dette.', en: 'You do not have access to this.' },
  someoneElseChangedSame: {
    da: 'En anden har ændret det samme imens. Se den nyeste udgave; din tekst er ikke gemt, men bevaret her.',
    en: 'Someone else changed the same thing meanwhile. See the latest version; your text was not saved, but is kept here.',
  },
} satisfies Record<string, Bilingual>;

export const INPUT_FIELD_RULE_TEXTS = {
  params: { da: 'Ukendt runde.', en: 'Unknown round.' },
  params2: { da: 'Skal være en e-mailadresse.', en: 'Must be an email address.' },
  params3: { da: 'Ukendt aftale.', en: 'Unknown agreement.' },
} satisfies Record<string, Bilingual>;

export const SKEMA_TEMPLATE_RULE_TEXTS = {
  formMustHave1: {
    da: 'Skemaet skal have 1–{TEMPLATE_MAX_SECTIONS} afsnit.',
    en: 'The form must have 1–{TEMPLATE_MAX_SECTIONS} sections.',
  },
  eachSectionNeedsUnique: {
    da: 'Hvert afsnit skal have et unikt id (små bogstaver, tal og bindestreg).',
    en: 'Each section needs a unique id (lower-case letters, digits and hyphens).',
  },
  textMustBe1: {
    da: 'Teksten skal være 1–{TEXT_MAX} tegn.',
    en: 'The text must be 1–{TEXT_MAX} characters.',
  },
} satisfies Record<string, Bilingual>;

export const AGREEMENT_RULE_TEXTS = {
  describeAgreement1Characters: {
    da: 'Beskriv aftalen med 1–{AGREEMENT_TEXT_MAX} tegn.',
    en: 'Describe the agreement in 1–{AGREEMENT_TEXT_MAX} characters.',
  },
  dueDateMustBe: { da: 'Fristen skal være en dato.', en: 'The due date must be a date.' },
} satisfies Record<string, Bilingual>;

export const STEP_TWO_INVITATION_RULE_TEXTS = {
  writeTextDanishEnglish: {
    da: 'Skriv teksten på dansk og engelsk, højst {max} tegn hver.',
    en: 'Write the text in Danish and English, at most {max} characters each.',
  },
  atMostQuestionsEmployee: {
    da: 'Højst {INVITATION_QUESTIONS_MAX} spørgsmål: medarbejderen skal kunne nå dem alle.',
    en: 'At most {INVITATION_QUESTIONS_MAX} questions: the employee should be able to get through them all.',
  },
} satisfies Record<string, Bilingual>;

export const TALK_CLOCK_RULE_TEXTS = {
  ended: {
    da: 'Samtalen er slut; tiden kan ikke længere ændres.',
    en: 'The talk is over; its time can no longer be changed.',
  },
} satisfies Record<string, Bilingual>;
