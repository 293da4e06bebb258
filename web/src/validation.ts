/** Client-side checks that mirror the server's rules, so most mistakes are caught before sending. */
export const VAT_NUMBER = /^LV\d{11}$/;
export const LV_POSTAL_CODE = /^LV-\d{4}$/;
export const COUNTRY = /^[A-Z]{2}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MIN_PASSWORD_LENGTH = 12;

export function isWholeNumber(text: string, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
  if (!/^\d+$/.test(text.trim())) return false;
  const value = Number(text);
  return value >= min && value <= max;
}
