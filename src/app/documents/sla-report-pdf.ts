import type { DeskFigures, ServiceSla } from '../availability/sla-report.js';
import type { PdfContent, PdfDocument } from './pdf.js';
import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';

const MONTHS_LV = ['janvāris', 'februāris', 'marts', 'aprīlis', 'maijs', 'jūnijs', 'jūlijs', 'augusts', 'septembris', 'oktobris', 'novembris', 'decembris'];

export const monthNameLv = (month: string) => `${month.slice(0, 4)}. gada ${MONTHS_LV[Number(month.slice(5, 7)) - 1]}`;

const percent = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('lv-LV', { minimumFractionDigits: 3, maximumFractionDigits: 3 })} %`);

/** Seconds as "2 h 05 min 10 s" — exact, so that the figures add up to the period. */
export function durationLv(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return [h > 0 ? `${h} h` : null, h > 0 || m > 0 ? `${String(m).padStart(h > 0 ? 2 : 1, '0')} min` : null, `${String(rest).padStart(h > 0 || m > 0 ? 2 : 1, '0')} s`].filter(Boolean).join(' ');
}

/** The report's times are those of the municipality's calendar zone, as its month is. */
const timeIn = (zone: string) => (iso: string) => new Date(iso).toLocaleString('lv-LV', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const zoneLv = (zone: string) => (zone === DEFAULT_ZONE ? 'Rīgas' : zone);

const definitions = (zone: string): string[] => [
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
  `Laiki norādīti pēc ${zoneLv(zone)} laika.`,
];

export interface SlaPdfInput {
  tenantName: string;
  month: string;
  generatedAt: string;
  services: ServiceSla[];
  desk?: DeskFigures | undefined;
  version?: number | undefined;
  /** The municipality's calendar zone; Kopa's home zone when not given. */
  zone?: string | undefined;
}

function serviceSection(s: ServiceSla, localTime: (iso: string) => string): PdfContent[] {
  const facts: PdfContent[] = [
    { text: `${s.serviceName} (${s.serviceCode})`, style: 'heading' },
    {
      table: {
        widths: ['*', 'auto'],
        body: [
          ['Pieejamība', { text: percent(s.availabilityPercent), bold: true }],
          ['Mērķis', percent(s.targetPercent)],
          ['Mērķis sasniegts', { text: s.met ? 'Jā' : 'Nē', style: s.met ? 'good' : 'bad' }],
          ['Darbojās', durationLv(s.upSeconds)],
          ['Nedarbojās', durationLv(s.downSeconds)],
          ['Plānotā apkope', durationLv(s.maintenanceSeconds)],
          ['Nav datu', durationLv(s.unknownSeconds)],
          ['Izslēgts no SLA', durationLv(s.excludedSeconds)],
          ['Pārklājums', percent(s.coveragePercent)],
          ['Periods', `${localTime(s.periodStart)} – ${localTime(s.periodEnd)}`],
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
  if (s.outages.length > 0) {
    facts.push({ text: 'Pārtraukumi', bold: true, margin: [0, 8, 0, 4] });
    facts.push({
      table: {
        headerRows: 1,
        widths: ['*', '*', 'auto'],
        body: [
          [{ text: 'Sākums', style: 'tableHeader' }, { text: 'Beigas', style: 'tableHeader' }, { text: 'Ilgums', style: 'tableHeader' }],
          ...s.outages.map((o) => [localTime(o.start), localTime(o.end), durationLv(o.seconds)]),
        ],
      },
      layout: 'lightHorizontalLines',
    });
  } else facts.push({ text: 'Pārtraukumu nebija.', margin: [0, 6, 0, 0] });
  if (s.exclusions.length > 0) {
    facts.push({ text: 'Izslēgts no SLA aprēķina', bold: true, margin: [0, 8, 0, 4] });
    facts.push({ ul: s.exclusions.map((e) => `${localTime(e.startsAt)} – ${localTime(e.endsAt)}: ${e.reason} (${e.createdBy})`) });
  }
  return facts;
}

const share = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('lv-LV')} %`);
const minutes = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('lv-LV')} min`);

function deskSection(desk: DeskFigures): PdfContent[] {
  return [
    { text: 'Atbalsta dienests', style: 'heading' },
    {
      table: {
        widths: ['*', 'auto'],
        body: [
          ['Pieteikumi mēnesī', String(desk.tickets)],
          ['Reakcija laikā', share(desk.reactionMetPercent)],
          ['Atrisināti laikā', share(desk.resolutionMetPercent)],
          ['Reakcijas mediāna (darba laikā)', minutes(desk.medianReactionMinutes)],
          ['Reakcijas 90. procentile (darba laikā)', minutes(desk.p90ReactionMinutes)],
          ['Termiņu pārsniegumi', String(desk.breaches)],
          ['Vidējais vērtējums', desk.satisfactionAverage === null ? '—' : `${desk.satisfactionAverage.toLocaleString('lv-LV')} no 5 (${desk.satisfactionRatings})`],
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

/** The monthly availability report in Latvian, with a closing page stating the definitions used. */
export function slaReportDocument(input: SlaPdfInput): PdfDocument {
  const zone = input.zone ?? DEFAULT_ZONE;
  const localTime = timeIn(zone);
  const summaryRows = input.services.map((s) => [s.serviceName, percent(s.availabilityPercent), percent(s.targetPercent), { text: s.met ? 'Jā' : 'Nē', style: s.met ? 'good' : 'bad' }]);
  return {
    info: { title: `Pieejamības pārskats ${input.month} — ${input.tenantName}`, author: 'Rīgas digitālā aģentūra', subject: 'Pakalpojumu pieejamība' },
    language: 'lv-LV',
    footer: (page, pages) => ({ text: `${page}. lpp. no ${pages}`, alignment: 'center', style: 'small', margin: [0, 20, 0, 0] }),
    content: [
      { text: 'Pakalpojumu pieejamības pārskats', style: 'title' },
      { text: `${input.tenantName} · ${monthNameLv(input.month)}${input.version && input.version > 1 ? ` · ${input.version}. versija` : ''}`, style: 'subtitle' },
      input.services.length === 0
        ? { text: 'Šajā mēnesī pašvaldība neizmantoja nevienu uzraudzītu pakalpojumu.' }
        : {
            table: {
              headerRows: 1,
              widths: ['*', 'auto', 'auto', 'auto'],
              body: [[{ text: 'Pakalpojums', style: 'tableHeader' }, { text: 'Pieejamība', style: 'tableHeader' }, { text: 'Mērķis', style: 'tableHeader' }, { text: 'Sasniegts', style: 'tableHeader' }], ...summaryRows],
            },
            layout: 'lightHorizontalLines',
          },
      ...input.services.flatMap((s) => serviceSection(s, localTime)),
      ...(input.desk ? deskSection(input.desk) : []),
      { text: 'Definīcijas', style: 'heading', pageBreak: 'before' },
      { ul: definitions(zone), margin: [0, 0, 0, 10] },
      { text: `Sagatavots ${localTime(input.generatedAt)} (${zone === DEFAULT_ZONE ? 'Rīgas laiks' : zone}) sistēmā Kopa.`, style: 'small' },
    ],
  };
}
