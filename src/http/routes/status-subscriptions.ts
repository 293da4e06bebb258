import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../app/ports.js';
import { confirmStatusSubscription } from '../../app/status-subscriptions/confirm.js';
import { subscribeToStatus } from '../../app/status-subscriptions/subscribe.js';
import { unsubscribeFromStatus } from '../../app/status-subscriptions/unsubscribe.js';
import { KopaError, validationError } from '../../domain/errors.js';
import { LANGUAGES } from '../../domain/locale.js';
import { addressThrottle } from '../address-throttle.js';
import { ERRORS, Email } from '../schemas.js';

const Token = Type.String({ minLength: 1, maxLength: 200, description: 'The token from the mailed link' });
/** Per client address: enough for a household behind one router, too few to flood mailboxes. */
const SUBSCRIBES_PER_ADDRESS = 10;
const SUBSCRIBE_WINDOW_MS = 3_600_000;

export const statusSubscriptionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const throttle = addressThrottle(SUBSCRIBES_PER_ADDRESS, SUBSCRIBE_WINDOW_MS);

  app.post('/status/subscriptions', {
    schema: {
      tags: ['status'],
      summary: 'Follow the status page by e-mail (no sign-in): a confirmation link is mailed to new addresses',
      description: 'Answers 202 the same way whether the address is new, waiting for confirmation or already following, so it reveals nobody. At most one confirmation mail per address in 10 minutes; at most 10 requests an hour per client address (429).',
      security: [],
      body: Type.Object(
        {
          email: Email,
          language: Type.Optional(Type.Union(LANGUAGES.map((l) => Type.Literal(l)))),
          serviceIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50, description: 'The services to hear of; none or empty: all' })),
        },
        { additionalProperties: false },
      ),
      response: { 202: Type.Object({ accepted: Type.Literal(true) }), ...ERRORS, 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const wait = throttle.take(request.ip, deps.clock.now().getTime());
    if (wait > 0) throw new KopaError('throttled', `Too many subscription requests from this address; try again in ${wait} s`, [], wait, { reason: 'subscriptions_throttled', params: { seconds: wait } });
    await subscribeToStatus(deps, request.body);
    return reply.status(202).send({ accepted: true as const });
  });

  app.post('/status/subscriptions/confirm', {
    schema: {
      tags: ['status'],
      summary: 'Confirm following the status page with the mailed token (works once, for 48 hours)',
      security: [],
      body: Type.Object({ token: Token }, { additionalProperties: false }),
      response: { 200: Type.Object({ email: Type.String() }), ...ERRORS },
    },
  }, async (request) => confirmStatusSubscription(deps, request.body.token));

  // RFC 8058: a mail program's one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form;
  // only this route reads forms (the others answer 415 to them).
  await app.register(async (oneClick) => {
    oneClick.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
    });
    oneClick.withTypeProvider<TypeBoxTypeProvider>().post('/status/subscriptions/unsubscribe', {
      schema: {
        tags: ['status'],
        summary: 'Stop the status notices: the token of any notice mail, in the body or (RFC 8058 one-click) the query',
        security: [],
        querystring: Type.Object({ token: Type.Optional(Token) }, { additionalProperties: false }),
        body: Type.Optional(Type.Object({ token: Type.Optional(Token), 'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')) }, { additionalProperties: false })),
        response: { 204: Type.Null({ description: 'No longer following' }), ...ERRORS },
      },
    }, async (request, reply) => {
      const token = request.body?.token ?? request.query.token;
      if (!token) throw validationError('token', 'required', 'is required, in the body or the query');
      await unsubscribeFromStatus(deps, token);
      return reply.status(204).send(null);
    });
  });
};
