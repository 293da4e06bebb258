import type { MonthStatement, Statement, StatementLine } from './queries';
import { sumMoney } from './money';

/** The subtotal of one kind of line, added in integer cents from the API's amounts. */
export function subtotal(statement: Statement, kind: StatementLine['kind']): string {
  return sumMoney(statement.lines.filter((l) => l.kind === kind).map((l) => l.amount));
}

export interface MonthFigures {
  month: string;
  hosting: string | null;
  administration: string | null;
  net: string | null;
  total: string | null;
}

export function monthFigures(months: MonthStatement[]): MonthFigures[] {
  return months.map(({ month, statement }) =>
    statement
      ? { month, hosting: subtotal(statement, 'hosting'), administration: subtotal(statement, 'administration'), net: statement.net, total: statement.total }
      : { month, hosting: null, administration: null, net: null, total: null },
  );
}

/** The statement's lines as CSV rows, straight from the API's strings. */
export function statementCsvRows(month: string, statement: Statement): string[][] {
  return [
    ['month', 'kind', 'description', 'quantity', 'unit', 'unitPrice', 'amount', 'currency', 'explanation'],
    ...statement.lines.map((l) => [month, l.kind, l.description, l.quantity, l.unit, l.unitPrice, l.amount, statement.currency, l.explanation]),
    [month, 'net', '', '', '', '', statement.net, statement.currency, ''],
    [month, 'vat', '', '', '', statement.vatRate, statement.vat, statement.currency, ''],
    [month, 'total', '', '', '', '', statement.total, statement.currency, ''],
  ];
}
