/** The words of the availability report PDF, one table per language (a missing text does not compile). */
import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';
import type { Language } from '../../domain/locale.js';

export interface SlaPdfTexts {
  months: string[];
  monthName: (year: string, month: string) => string;
  infoTitle: (month: string, tenant: string) => string;
  subject: string;
  title: string;
  version: (n: number) => string;
  inProgress: (upTo: string) => string;
  noServices: string;
  summaryColumns: [string, string, string, string];
  yes: string;
  no: string;
  facts: { availability: string; target: string; met: string; up: string; down: string; maintenance: string; unknown: string; excluded: string; coverage: string; period: string };
  outages: string;
  outageColumns: [string, string, string];
  noOutages: string;
  exclusions: string;
  maintenanceWindows: string;
  /** `announced` null: no notice was delivered, so the window is ordinary time. */
  maintenanceLine: (announced: string | null, counted: boolean, declaredBy: string | null) => string;
  desk: { heading: string; tickets: string; reactionMet: string; resolutionMet: string; medianReaction: string; p90Reaction: string; breaches: string; satisfaction: string; ofFive: (average: string, ratings: number) => string };
  definitionsHeading: string;
  definitions: (zone: string) => string[];
  zoneTime: (zone: string) => string;
  generated: (time: string, zone: string) => string;
}

const lv: SlaPdfTexts = {
  months: ['janvāris', 'februāris', 'marts', 'aprīlis', 'maijs', 'jūnijs', 'jūlijs', 'augusts', 'septembris', 'oktobris', 'novembris', 'decembris'],
  monthName: (year, month) => `${year}. gada ${month}`,
  infoTitle: (month, tenant) => `Pieejamības pārskats ${month} — ${tenant}`,
  subject: 'Pakalpojumu pieejamība',
  title: 'Pakalpojumu pieejamības pārskats',
  version: (n) => `${n}. versija`,
  inProgress: (upTo) => `Mēnesis vēl turpinās: pārskatā ieskaitīts laiks līdz ${upTo}.`,
  noServices: 'Šajā mēnesī pašvaldība neizmantoja nevienu uzraudzītu pakalpojumu.',
  summaryColumns: ['Pakalpojums', 'Pieejamība', 'Mērķis', 'Sasniegts'],
  yes: 'Jā',
  no: 'Nē',
  facts: { availability: 'Pieejamība', target: 'Mērķis', met: 'Mērķis sasniegts', up: 'Darbojās', down: 'Nedarbojās', maintenance: 'Plānotā apkope', unknown: 'Nav datu', excluded: 'Izslēgts no SLA', coverage: 'Pārklājums', period: 'Periods' },
  outages: 'Pārtraukumi',
  outageColumns: ['Sākums', 'Beigas', 'Ilgums'],
  noOutages: 'Pārtraukumu nebija.',
  exclusions: 'Izslēgts no SLA aprēķina',
  maintenanceWindows: 'Plānotās apkopes',
  maintenanceLine: (announced, counted, declaredBy) => announced === null ? 'nav paziņota (paziņojums nav nosūtīts), ieskaitīta kā parasts laiks' : `paziņota ${announced}${declaredBy ? `, paziņojumu deklarējis ${declaredBy}` : ''}; ${counted ? 'netiek ieskaitīta dīkstāvē' : 'paziņota par vēlu, ieskaitīta kā parasts laiks'}`,
  desk: {
    heading: 'Atbalsta dienests',
    tickets: 'Pieteikumi mēnesī',
    reactionMet: 'Reakcija laikā',
    resolutionMet: 'Atrisināti laikā',
    medianReaction: 'Reakcijas mediāna (darba laikā)',
    p90Reaction: 'Reakcijas 90. procentile (darba laikā)',
    breaches: 'Termiņu pārsniegumi',
    satisfaction: 'Vidējais vērtējums',
    ofFive: (average, ratings) => `${average} no 5 (${ratings})`,
  },
  definitionsHeading: 'Definīcijas',
  definitions: (zone) => [
    zone === DEFAULT_ZONE
      ? `Mēnesis ir laiks no mēneša pirmās dienas plkst. 00:00 līdz nākamā mēneša pirmās dienas plkst. 00:00 pēc Rīgas laika (${DEFAULT_ZONE}); oktobrī ir 745 stundas, martā 743.`
      : `Mēnesis ir laiks no mēneša pirmās dienas plkst. 00:00 līdz nākamā mēneša pirmās dienas plkst. 00:00 pēc ${zone} laika.`,
    'Katrs uzraudzības pārbaudes rezultāts aptver laiku no tā brīža līdz nākamajam rezultātam, bet ne ilgāk kā trīs pārbaudes intervālus. Laiks, ko neaptver neviens rezultāts, ir „nav datu”.',
    'Secīgu neveiksmīgu pārbaužu virkne nozīmē „nedarbojās” tikai tad, ja tajā ir vismaz tik rezultātu, cik noteikts uzraudzībā (parasti 2); īsāka virkne skaitās „darbojās”.',
    'Ja pārbauda no vairākām vietām, brīdis skaitās „nedarbojās”, ja to rāda vairākums vietu, kurām tajā brīdī ir zināms stāvoklis.',
    'Pakalpojums nedarbojas, ja nedarbojas kaut viena tā kritiskā uzraudzība.',
    'Plānotā apkope netiek ieskaitīta, ja par to paziņots vismaz līgumā noteikto laiku iepriekš (parasti 48 stundas); vēlāk paziņota apkope skaitās parasts laiks.',
    'Operators var izslēgt pārtraukumu no SLA aprēķina (piemēram, uzraudzības kļūda vai nepārvarama vara), norādot iemeslu; izslēgtais laiks neskaitās ne „darbojās”, ne „nedarbojās”, un tas ir redzams pārskatā.',
    'Pieejamība = darbojās / (darbojās + nedarbojās) × 100 %. Pārklājums = zināmais laiks / (periods − apkope) × 100 %.',
    `Laiki norādīti pēc ${zone === DEFAULT_ZONE ? 'Rīgas' : zone} laika.`,
  ],
  zoneTime: (zone) => (zone === DEFAULT_ZONE ? 'Rīgas laiks' : zone),
  generated: (time, zone) => `Sagatavots ${time} (${zone}) sistēmā Kopa.`,
};

const en: SlaPdfTexts = {
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  monthName: (year, month) => `${month} ${year}`,
  infoTitle: (month, tenant) => `Availability report ${month} — ${tenant}`,
  subject: 'Service availability',
  title: 'Service availability report',
  version: (n) => `version ${n}`,
  inProgress: (upTo) => `The month is in progress: the report counts the time up to ${upTo}.`,
  noServices: 'The municipality used no monitored service this month.',
  summaryColumns: ['Service', 'Availability', 'Target', 'Met'],
  yes: 'Yes',
  no: 'No',
  facts: { availability: 'Availability', target: 'Target', met: 'Target met', up: 'Up', down: 'Down', maintenance: 'Planned maintenance', unknown: 'No data', excluded: 'Excluded from SLA', coverage: 'Coverage', period: 'Period' },
  outages: 'Outages',
  outageColumns: ['Start', 'End', 'Duration'],
  noOutages: 'There were no outages.',
  exclusions: 'Excluded from the SLA computation',
  maintenanceWindows: 'Planned maintenance',
  maintenanceLine: (announced, counted, declaredBy) => announced === null ? 'not announced (no notice was sent), counted as ordinary time' : `announced ${announced}${declaredBy ? `, declared by ${declaredBy}` : ''}; ${counted ? 'not counted as downtime' : 'announced too late, counted as ordinary time'}`,
  desk: {
    heading: 'Service desk',
    tickets: 'Tickets this month',
    reactionMet: 'Reaction in time',
    resolutionMet: 'Resolved in time',
    medianReaction: 'Median reaction (business time)',
    p90Reaction: '90th percentile reaction (business time)',
    breaches: 'Deadlines missed',
    satisfaction: 'Average rating',
    ofFive: (average, ratings) => `${average} of 5 (${ratings})`,
  },
  definitionsHeading: 'Definitions',
  definitions: (zone) => [
    zone === DEFAULT_ZONE
      ? `A month runs from 00:00 on its first day to 00:00 on the first day of the next month, Riga time (${DEFAULT_ZONE}); October has 745 hours, March 743.`
      : `A month runs from 00:00 on its first day to 00:00 on the first day of the next month, ${zone} time.`,
    'Each monitoring check result covers the time from then until the next result, but no longer than three check intervals. Time no result covers is “no data”.',
    'A run of consecutive failed checks means “down” only when it holds at least as many results as the monitor requires (usually 2); a shorter run counts as “up”.',
    'When checked from several locations, a moment counts as “down” if most locations with a known state at that moment say so.',
    'A service is down when any one of its critical monitors is down.',
    'Planned maintenance does not count when announced at least the agreed time ahead (usually 48 hours); maintenance announced later counts as ordinary time.',
    'An operator may exclude an outage from the SLA computation (for example a monitoring fault or force majeure), giving a reason; excluded time counts neither as “up” nor as “down”, and it is shown in the report.',
    'Availability = up / (up + down) × 100%. Coverage = known time / (period − maintenance) × 100%.',
    `Times are ${zone === DEFAULT_ZONE ? 'Riga' : zone} time.`,
  ],
  zoneTime: (zone) => (zone === DEFAULT_ZONE ? 'Riga time' : zone),
  generated: (time, zone) => `Prepared ${time} (${zone}) in Kopa.`,
};

export const SLA_PDF_TEXTS: Record<Language, SlaPdfTexts> = { lv, en };
