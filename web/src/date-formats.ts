/**
 * Intl.DateTimeFormat objects, made once per locale and options and reused. Making one is costly
 * (the locale's and the time zone's data are looked up each time): the monitors page formats an
 * instant in each of its 50 rows on every render, and making a new one per call was the largest
 * single script cost of its cold visit in Chromium's profile (ADR 0026, "the browser's CPU").
 */
const made = new Map<string, Intl.DateTimeFormat>();

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = made.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    made.set(key, format);
  }
  return format;
}
