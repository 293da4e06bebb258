import { formatPercent } from '../figures.js';
import type { Language } from '../locale.js';

export interface ReportNoticeService {
  serviceName: string;
  availabilityPercent: number | null;
  targetPercent: number;
  met: boolean;
}

/** The notice that a month's availability report was published, or corrected (with its reason), in the reader's language. */
export function reportNotice(
  language: Language,
  r: { month: string; version: number; correction: string | null; services: readonly ReportNoticeService[] },
): { subject: string; lines: string[]; linkLabel: string } {
  const percent = (value: number | null) => (value === null ? '—' : formatPercent(value, language));
  if (language === 'en') {
    return {
      subject: r.correction === null ? `[Kopa] Availability report ${r.month}` : `[Kopa] Corrected availability report ${r.month} (version ${r.version})`,
      lines: [
        r.correction === null ? `The availability report for ${r.month} has been published.` : `The availability report for ${r.month} was corrected: ${r.correction}`,
        ...r.services.map((s) => `${s.serviceName}: ${percent(s.availabilityPercent)} (target ${percent(s.targetPercent)}, ${s.met ? 'met' : 'not met'})`),
      ],
      linkLabel: 'Open the report',
    };
  }
  return {
    subject: r.correction === null ? `[Kopa] Pieejamības pārskats ${r.month}` : `[Kopa] Labots pieejamības pārskats ${r.month} (${r.version}. versija)`,
    lines: [
      r.correction === null ? `Pieejamības pārskats par ${r.month} ir publicēts.` : `Pieejamības pārskats par ${r.month} ir labots: ${r.correction}`,
      ...r.services.map((s) => `${s.serviceName}: ${percent(s.availabilityPercent)} (mērķis ${percent(s.targetPercent)}, ${s.met ? 'sasniegts' : 'nav sasniegts'})`),
    ],
    linkLabel: 'Atvērt pārskatu',
  };
}
