import type { Bilingual } from '../bot/mus/bilingual.js';

/*
 * The method's own content, in our words: the default skema of each kind of talk (MUS, GRUS, LUS),
 * the three phases, the four common understandings, what to watch out for, the leadership team's
 * questions. HR may reword a round's skema; these are the defaults. The evaluation's statements are
 * in texts/evaluation.ts.
 */

/** One skema section: its heading and the question under it. */
export interface SectionTexts {
  title: Bilingual;
  prompt: Bilingual;
}

/**
 * The default skema's questions for each kind of talk, keyed by the section's id (stored with every
 * answer, so an id never changes). The agreements section ends every kind's skema.
 */
export const SKEMA_TEMPLATE_TEXTS = {
  MUS: {
    kerneopgaven: {
      title: {
        da: 'Kerneopgaven',
        en: 'The core task',
      },
      prompt: {
        da: 'Hvordan vil du med dine egne ord beskrive vores kerneopgave? Hvor bidrager du mest til at løse den i dag?',
        en: 'How would you describe our core task in your own words? Where do you contribute most to solving it today?',
      },
    },
    'rammer-og-retning': {
      title: {
        da: 'Rammer og retning',
        en: 'Frames and direction',
      },
      prompt: {
        da: 'Hvilke rammer og hvilken retning arbejder du inden for? Hvor er de uklare for dig?',
        en: 'Which frames and direction do you work within? Where are they unclear to you?',
      },
    },
    handlinger: {
      title: {
        da: 'Handlinger',
        en: 'Actions',
      },
      prompt: {
        da: 'Hvilke handlinger får os til at løse opgaven inden for rammerne? Hvad skal du gøre mere af, mindre af eller anderledes?',
        en: 'Which actions make us solve the task within the frames? What should you do more of, less of, or differently?',
      },
    },
    vaerdier: {
      title: {
        da: 'Værdier, normer og moral',
        en: 'Values, norms and morals',
      },
      prompt: {
        da: 'Hvilke værdier og normer lever vi efter i arbejdsfællesskabet? Hvor bliver de udfordret?',
        en: 'Which values and norms do we live by in our work community? Where are they challenged?',
      },
    },
    'fremtidens-behov': {
      title: {
        da: 'Fremtidens behov',
        en: 'Future needs',
      },
      prompt: {
        da: 'Hvilke behov får organisationen i de kommende år, og hvordan kan din udvikling møde dem?',
        en: 'Which needs will the organisation have in the coming years, and how can your development meet them?',
      },
    },
    forventninger: {
      title: {
        da: 'Forventninger og kontrol',
        en: 'Expectations and control',
      },
      prompt: {
        da: 'Hvad forventer du af din leder og dine kolleger, og hvad tror du, der forventes af dig? Hvor meget kontrol oplever du at have over dit arbejde?',
        en: 'What do you expect of your leader and colleagues, and what do you think is expected of you? How much control do you feel you have over your work?',
      },
    },
  },
  GRUS: {
    kerneopgaven: {
      title: {
        da: 'Kerneopgaven i teamet',
        en: 'The core task in our team',
      },
      prompt: {
        da: 'Hvordan løser vi i teamet vores del af kerneopgaven i dag? Hvor lykkes vi bedst sammen?',
        en: 'How does our team solve its part of the core task today? Where do we succeed best together?',
      },
    },
    'rammer-og-retning': {
      title: {
        da: 'Rammer og retning for teamet',
        en: "The team's frames and direction",
      },
      prompt: {
        da: 'Hvilke rammer og hvilken retning arbejder teamet inden for? Hvor er de uklare for os?',
        en: 'Which frames and direction does the team work within? Where are they unclear to us?',
      },
    },
    samarbejde: {
      title: {
        da: 'Samarbejde og handlinger',
        en: 'Collaboration and actions',
      },
      prompt: {
        da: 'Hvilke fælles handlinger får os til at løse opgaven? Hvad skal vi gøre mere af, mindre af eller anderledes sammen?',
        en: 'Which shared actions make us solve the task? What should we do more of, less of, or differently together?',
      },
    },
    vaerdier: {
      title: {
        da: 'Værdier og normer i fællesskabet',
        en: 'Values and norms in our community',
      },
      prompt: {
        da: 'Hvilke værdier og normer lever vi efter i teamet? Hvor bliver de udfordret?',
        en: 'Which values and norms does the team live by? Where are they challenged?',
      },
    },
    'fremtidens-behov': {
      title: {
        da: 'Teamets fremtidige behov',
        en: "The team's future needs",
      },
      prompt: {
        da: 'Hvad får teamet brug for at kunne i de kommende år, og hvordan udvikler vi det sammen?',
        en: 'What will the team need to be able to do in the coming years, and how do we develop it together?',
      },
    },
    forventninger: {
      title: {
        da: 'Forventninger og kontrol i teamet',
        en: 'Expectations and control in the team',
      },
      prompt: {
        da: 'Hvad forventer vi af hinanden og af lederen, og hvad tror vi, der forventes af os som team? Hvor meget kontrol oplever vi at have over vores arbejde?',
        en: 'What do we expect of each other and of our leader, and what do we think is expected of us as a team? How much control do we feel we have over our work?',
      },
    },
  },
  LUS: {
    kerneopgaven: {
      title: {
        da: 'Kerneopgaven og din ledelse',
        en: 'The core task and your leadership',
      },
      prompt: {
        da: 'Hvordan hjælper din ledelse dit område med at løse kerneopgaven? Hvor gør den størst forskel i dag?',
        en: 'How does your leadership help your area solve the core task? Where does it make the most difference today?',
      },
    },
    'rammer-og-retning': {
      title: {
        da: 'De rammer og den retning, du sætter',
        en: 'The frames and direction you set',
      },
      prompt: {
        da: 'Hvilke rammer og hvilken retning sætter du for dine medarbejdere? Hvor er de uklare, også for dig selv?',
        en: 'Which frames and direction do you set for your staff? Where are they unclear, also to you?',
      },
    },
    ledelseshandlinger: {
      title: {
        da: 'Ledelseshandlinger',
        en: 'Leadership actions',
      },
      prompt: {
        da: 'Hvilke af dine handlinger som leder virker? Hvad skal du gøre mere af, mindre af eller anderledes?',
        en: 'Which of your actions as a leader work? What should you do more of, less of, or differently?',
      },
    },
    vaerdier: {
      title: {
        da: 'Værdier og normer i ledelsen',
        en: 'Values and norms in leadership',
      },
      prompt: {
        da: 'Hvilke værdier og normer går du forrest med i arbejdsfællesskabet og i ledergruppen? Hvor bliver de udfordret?',
        en: 'Which values and norms do you lead by example in the work community and the leadership team? Where are they challenged?',
      },
    },
    'fremtidens-behov': {
      title: {
        da: 'Fremtidens behov og din udvikling som leder',
        en: 'Future needs and your growth as a leader',
      },
      prompt: {
        da: 'Hvilke behov får organisationen, og hvad skal du udvikle som leder for at møde dem?',
        en: 'Which needs will the organisation have, and what should you develop as a leader to meet them?',
      },
    },
    forventninger: {
      title: {
        da: 'Forventninger og kontrol',
        en: 'Expectations and control',
      },
      prompt: {
        da: 'Hvad forventer du af din egen leder og af ledergruppen, og hvad forventes der af dig? Hvor meget kontrol oplever du at have over din ledelsesopgave?',
        en: 'What do you expect of your own leader and the leadership team, and what is expected of you? How much control do you feel you have over your leadership task?',
      },
    },
  },
} satisfies Record<string, Record<string, SectionTexts>>;

export const AGREEMENTS_SECTION_TEXTS = {
  title: {
    da: 'Aftaler og opfølgning',
    en: 'Agreements and follow-up',
  },
  prompt: {
    da: 'Udfyldes under samtalen: hvad aftaler I, hvem gør det, og hvornår følger I op?',
    en: 'Filled in during the talk: what do you agree, who does it, and when do you follow up?',
  },
} satisfies SectionTexts;

/** The four common understandings leader and employee must share before the talk. */
export const COMMON_UNDERSTANDING_TEXTS = {
  coreTask: {
    da: 'Organisationens kerneopgave',
    en: "The organisation's core task",
  },
  framesAndDirection: {
    da: 'Rammer og retning for arbejdet, så kerneopgaven bliver løst',
    en: 'The frames and direction for the work that make the core task get solved',
  },
  actions: {
    da: 'De handlinger, der løser opgaven inden for rammerne',
    en: 'The actions that solve the task within those frames',
  },
  valuesAndNorms: {
    da: 'De værdier, normer og den moral, vi lever efter i arbejdsfællesskabet, med respekt for den fælles opgave',
    en: 'The values, norms and morals we live by in the work community, with respect for the shared task',
  },
} satisfies Record<string, Bilingual>;

/** The method's three phases of each talk, in order. */
export const PHASE_TEXTS = {
  preparation: {
    da: 'Forberedelse',
    en: 'Preparation',
  },
  talk: {
    da: 'Samtale (45 minutter)',
    en: 'Conversation (45 minutes)',
  },
  followUp: {
    da: 'Opsamling og opfølgning',
    en: 'Summary and follow-up',
  },
} satisfies Record<string, Bilingual>;

/** What leaders should watch out for. */
export const WATCH_OUT_TEXTS = {
  organisationInFocus: {
    title: {
      da: 'Hold organisationen i fokus',
      en: 'Keep the organisation in focus',
    },
    text: {
      da: 'Tal om, hvordan medarbejderen bidrager til den fælles opgave, ikke kun om personlige ønsker til faglig udvikling.',
      en: 'Talk about how the employee contributes to the shared task, not only about personal wishes for professional growth.',
    },
  },
  lookForward: {
    title: {
      da: 'Se fremad',
      en: 'Look forward',
    },
    text: {
      da: 'Brug fortiden kun, når den rummer vigtig læring eller peger på en nødvendig forandring.',
      en: 'Use the past only where it holds important learning or points to a needed change.',
    },
  },
  alignExpectations: {
    title: {
      da: 'Afstem forventninger først',
      en: 'Align expectations first',
    },
    text: {
      da: 'Sørg for, at I har samme billede af samtalens formål, før I går i gang.',
      en: "Make sure you share the same picture of the talk's purpose before you begin.",
    },
  },
} satisfies Record<string, { title: Bilingual; text: Bilingual }>;

export const LEADERSHIP_QUESTION_TEXTS = {
  whatGoodExperiencesWith: {
    da: 'Hvilke gode erfaringer med {talk} har vi allerede, og hvordan bringer vi dem videre?',
    en: 'What good experiences with {talk} do we already have, and how do we carry them on?',
  },
  whatDoOurLeaders: {
    da: 'Hvad har vores ledere brug for, for at de nye samtaler lykkes?',
    en: 'What do our leaders need for the new conversations to succeed?',
  },
  howDoWeHelp: {
    da: 'Hvordan hjælper vi medarbejderne godt forberedt ind i samtalen?',
    en: 'How do we help employees come well prepared to the conversation?',
  },
} satisfies Record<string, Bilingual>;
