import type { MonthStatement, StatementLine } from './queries';
import { sumMoney } from './money';

/** One month's costs split by hosting line, amounts exact; null when the month has no statement. */
export interface ResourceCostMonth {
  month: string;
  figures: {
    /** One amount per hosting description, in the order of `ResourceCosts.descriptions`. */
    hosting: string[];
    administration: string;
    net: string;
  } | null;
}

export interface ResourceCosts {
  /** Hosting lines' descriptions ("LVRTC: Virtuālā procesora stundas (vCPU)") seen in any month, sorted. */
  descriptions: string[];
  months: ResourceCostMonth[];
}

/**
 * Costs by resource: each hosting description's amounts and the administration share, per month.
 * A description may have several lines in a month (a tariff changed mid-month); their amounts
 * are added in integer cents, as is the administration of several pools.
 */
export function resourceCosts(months: MonthStatement[]): ResourceCosts {
  const hosting = months.flatMap((m) => m.statement?.lines.filter((l) => l.kind === 'hosting') ?? []);
  const descriptions = [...new Set(hosting.map((l) => l.description))].sort((a, b) => a.localeCompare(b, 'lv'));
  return {
    descriptions,
    months: months.map(({ month, statement }) => {
      if (!statement) return { month, figures: null };
      const amountsOf = (keep: (l: StatementLine) => boolean) => sumMoney(statement.lines.filter(keep).map((l) => l.amount));
      return {
        month,
        figures: {
          hosting: descriptions.map((d) => amountsOf((l) => l.kind === 'hosting' && l.description === d)),
          administration: amountsOf((l) => l.kind === 'administration'),
          net: statement.net,
        },
      };
    }),
  };
}
