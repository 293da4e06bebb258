import { sql, type RawBuilder } from 'kysely';

/**
 * "Which tariff applied on a day" in SQL, written once for every query that prices by day: the
 * tariff row `alias` is in force on `day` when validFrom <= day < validTo (open-ended when validTo
 * is null). It must agree with tariffOn in src/domain/billing/catalogue.ts; the property test in
 * test/integration/tariff-on.test.ts checks that on both databases.
 */
export function tariffInForce(alias: string, day: RawBuilder<unknown>): RawBuilder<boolean> {
  const from = sql.ref(`${alias}.valid_from`);
  const to = sql.ref(`${alias}.valid_to`);
  return sql<boolean>`(${from} <= ${day} AND (${to} IS NULL OR ${to} > ${day}))`;
}
