import type { FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, type Language } from '../domain/locale.js';

/**
 * The language a document (PDF) is written in: `?lang=` when asked, else the signed-in person's
 * chosen language, else Latvian (API tokens and links shared outside a session get Latvian).
 */
export function documentLanguage(request: FastifyRequest, asked: Language | undefined): Language {
  return asked ?? request.sessionAuth?.user.locale ?? DEFAULT_LANGUAGE;
}
