import type { DeskFigures, ServiceSla } from '../availability/sla-report.js';
import type { PdfContent, PdfDocument } from './pdf.js';
import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';
import { formatDuration, formatPercent } from '../../domain/figures.js';
import { LANGUAGE_TAGS, type Language } from '../../domain/locale.js';
import { PDF_TEXTS } from './pdf-texts.js';
import { SLA_PDF_TEXTS, type SlaPdfTexts } from './sla-report-pdf-texts.js';

export const monthName = (month: string, language: Language) => {
  const t = SLA_PDF_TEXTS[language];
  return t.monthName(month.slice(0, 4), t.months[Number(month.slice(5, 7)) - 1]!);
};
export const monthNameLv = (month: string) => monthName(month, 'lv');

/** How one language writes the report's figures and times. */
interface Style {
  t: SlaPdfTexts;
  percent: (value: number | null) => string;
  share: (value: number | null) => string;
  duration: (seconds: number) => string;
  number: (value: number) => string;
  /** The report's times are those of the municipality's calendar zone, as its month is. */
  localTime: (iso: string) => string;
}

function styleOf(language: Language, zone: string): Style {
  const tag = LANGUAGE_TAGS[language];
  // Durations and percentages as the report page writes them (src/domain/figures.ts).
  return {
    t: SLA_PDF_TEXTS[language],
    percent: (value) => (value === null ? '—' : formatPercent(value, language)),
    share: (value) => (value === null ? '—' : formatPercent(value, language)),
    duration: (seconds) => formatDuration(seconds, language),
    number: (value) => value.toLocaleString(tag),
    localTime: (iso) => new Date(iso).toLocaleString(tag, { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  };
}

export interface SlaPdfInput {
  tenantName: string;
  month: string;
  generatedAt: string;
  services: ServiceSla[];
  desk?: DeskFigures | undefined;
  version?: number | undefined;
  /** Set while the month has not ended: the instant the figures count up to. */
  inProgressUpTo?: string | null | undefined;
  /** The municipality's calendar zone; Kopa's home zone when not given. */
  zone?: string | undefined;
  /** The reader's language; Latvian when not given. */
  language?: Language | undefined;
}

function serviceSection(s: ServiceSla, { t, percent, duration, localTime }: Style): PdfContent[] {
  const f = t.facts;
  const facts: PdfContent[] = [
    { text: `${s.serviceName} (${s.serviceCode})`, style: 'heading' },
    {
      table: {
        widths: ['*', 'auto'],
        body: [
          [f.availability, { text: percent(s.availabilityPercent), bold: true }],
          [f.target, percent(s.targetPercent)],
          [f.met, { text: s.met ? t.yes : t.no, style: s.met ? 'good' : 'bad' }],
          [f.up, duration(s.upSeconds)],
          [f.down, duration(s.downSeconds)],
          [f.maintenance, duration(s.maintenanceSeconds)],
          [f.unknown, duration(s.unknownSeconds)],
          [f.excluded, duration(s.excludedSeconds)],
          [f.coverage, percent(s.coveragePercent)],
          [f.period, `${localTime(s.periodStart)} – ${localTime(s.periodEnd)}`],
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
  if (s.outages.length > 0) {
    facts.push({ text: t.outages, bold: true, margin: [0, 8, 0, 4] });
    facts.push({
      table: {
        headerRows: 1,
        widths: ['*', '*', 'auto'],
        body: [t.outageColumns.map((text) => ({ text, style: 'tableHeader' })), ...s.outages.map((o) => [localTime(o.start), localTime(o.end), duration(o.seconds)])],
      },
      layout: 'lightHorizontalLines',
    });
  } else facts.push({ text: t.noOutages, margin: [0, 6, 0, 0] });
  if (s.exclusions.length > 0) {
    // The reason is the operator's own words, shown as written.
    facts.push({ text: t.exclusions, bold: true, margin: [0, 8, 0, 4] });
    facts.push({ ul: s.exclusions.map((e) => `${localTime(e.startsAt)} – ${localTime(e.endsAt)}: ${e.reason} (${e.createdBy})`) });
  }
  if (s.maintenance.length > 0) {
    // A window announced by other means names who declared it: the municipality can ask them.
    facts.push({ text: t.maintenanceWindows, bold: true, margin: [0, 8, 0, 4] });
    facts.push({ ul: s.maintenance.map((m) => `${localTime(m.startsAt)} – ${localTime(m.endsAt)}: ${m.title} (${t.maintenanceLine(m.announcedAt === null ? null : localTime(m.announcedAt), m.counted, m.declaredBy ?? null)})`) });
  }
  return facts;
}

function deskSection(desk: DeskFigures, { t, share, number }: Style): PdfContent[] {
  const d = t.desk;
  const minutes = (value: number | null) => (value === null ? '—' : `${number(value)} min`);
  return [
    { text: d.heading, style: 'heading' },
    {
      table: {
        widths: ['*', 'auto'],
        body: [
          [d.tickets, String(desk.tickets)],
          [d.reactionMet, share(desk.reactionMetPercent)],
          [d.resolutionMet, share(desk.resolutionMetPercent)],
          [d.medianReaction, minutes(desk.medianReactionMinutes)],
          [d.p90Reaction, minutes(desk.p90ReactionMinutes)],
          [d.breaches, String(desk.breaches)],
          [d.satisfaction, desk.satisfactionAverage === null ? '—' : d.ofFive(number(desk.satisfactionAverage), desk.satisfactionRatings)],
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

/** The monthly availability report in the reader's language, with a closing page stating the definitions used. */
export function slaReportDocument(input: SlaPdfInput): PdfDocument {
  const zone = input.zone ?? DEFAULT_ZONE;
  const language = input.language ?? 'lv';
  const style = styleOf(language, zone);
  const { t, percent, localTime } = style;
  const summaryRows = input.services.map((s) => [s.serviceName, percent(s.availabilityPercent), percent(s.targetPercent), { text: s.met ? t.yes : t.no, style: s.met ? 'good' : 'bad' }]);
  return {
    info: { title: t.infoTitle(input.month, input.tenantName), author: 'Rīgas digitālā aģentūra', subject: t.subject },
    language: LANGUAGE_TAGS[language],
    footer: (page, pages) => ({ text: PDF_TEXTS[language].page(page, pages), alignment: 'center', style: 'small', margin: [0, 20, 0, 0] }),
    content: [
      { text: t.title, style: 'title' },
      { text: `${input.tenantName} · ${monthName(input.month, language)}${input.version && input.version > 1 ? ` · ${t.version(input.version)}` : ''}`, style: 'subtitle' },
      ...(input.inProgressUpTo ? [{ text: t.inProgress(localTime(input.inProgressUpTo)), bold: true, margin: [0, 0, 0, 8] } satisfies PdfContent] : []),
      input.services.length === 0
        ? { text: t.noServices }
        : {
            table: {
              headerRows: 1,
              widths: ['*', 'auto', 'auto', 'auto'],
              body: [t.summaryColumns.map((text) => ({ text, style: 'tableHeader' })), ...summaryRows],
            },
            layout: 'lightHorizontalLines',
          },
      ...input.services.flatMap((s) => serviceSection(s, style)),
      ...(input.desk ? deskSection(input.desk, style) : []),
      { text: t.definitionsHeading, style: 'heading', pageBreak: 'before' },
      { ul: t.definitions(zone), margin: [0, 0, 0, 10] },
      { text: t.generated(localTime(input.generatedAt), t.zoneTime(zone)), style: 'small' },
    ],
  };
}
