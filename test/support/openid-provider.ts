import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** A person the test provider knows: their password and the claims it asserts for them. */
export interface OpAccount {
  password: string;
  email: string;
  emailVerified?: boolean;
  name?: string;
  /** Authentication methods reported in `amr` (RFC 8176); ['pwd'] by default. */
  amr?: string[];
  acr?: string;
  /** Groups the provider puts in the ID token's `groups` claim (as Keycloak's group mapper and Entra ID do). */
  groups?: string[];
}

export interface TestOpenIdProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's signing key, private part included: a test re-signs tokens with it. */
  signingKey: JWK & { kid: string };
  accounts: Map<string, OpAccount>;
  close(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>${title}</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Provider (the `oidc-provider` package) in this process, on a loopback port, with a
 * freshly generated RSA key: discovery, authorization code with PKCE, ID tokens, RP-initiated and
 * back-channel logout. Its sign-in page is a plain form (login and password) that this file serves;
 * the `amr` and `acr` it asserts are each account's.
 */
export async function startOpenIdProvider(kopa: { redirectUri: string; postLogoutRedirectUri: string; backchannelLogoutUri: string }): Promise<TestOpenIdProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' } as JWK & { kid: string };
  const accounts = new Map<string, OpAccount>();
  const clientId = 'kopa';
  const clientSecret = 'kopa-test-client-secret-0123456789';

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [kopa.redirectUri],
        post_logout_redirect_uris: [kopa.postLogoutRedirectUri],
        backchannel_logout_uri: kopa.backchannelLogoutUri,
        backchannel_logout_session_required: true,
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['test-cookie-key-that-is-long-enough'] },
    // Its guard against requests to special-use addresses would stop the back-channel logout to
    // Kopa on 127.0.0.1; in this test everything is on loopback by design.
    fetch: (url, options) => {
      const { dispatcher: _guarded, ...rest } = options as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
    pkce: { required: () => true },
    // The claims of the scopes asked for go into the ID token too, as Keycloak and Entra ID do.
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'acr', 'amr', 'auth_time', 'sid'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page('Izrakstīties no pārbaudes pakalpojuma?', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Jā, izrakstīties</button>`);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page('Izrakstījies', '<p>Jūs esat izrakstījies.</p>');
        },
      },
    },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: account.email, email_verified: account.emailVerified ?? true, ...(account.name && { name: account.name }), ...(account.groups && { groups: account.groups }) };
        },
      };
    },
    // Kopa is a first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Kļūda', `<pre>${escape(JSON.stringify(out))}</pre>`);
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('test OpenID Provider:', error));
  provider.on('backchannel.error', (_client, error) => console.error('test OpenID Provider, back-channel logout:', error));
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'POST') {
      const form = await formOf(req);
      const login = form.get('login') ?? '';
      const account = accounts.get(login);
      if (!account || account.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(loginPage(uid, 'Nepareizs lietotājvārds vai parole'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login, amr: account.amr ?? ['pwd'], ...(account.acr && { acr: account.acr }) } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid, null));
  }

  function loginPage(uid: string, problem: string | null): string {
    return page(
      'Pārbaudes identitātes pakalpojums',
      `${problem ? `<p role="alert">${escape(problem)}</p>` : ''}<form method="post" action="/interaction/${uid}">
        <label>Lietotājvārds <input name="login" autocomplete="username"></label>
        <label>Parole <input name="password" type="password" autocomplete="current-password"></label>
        <button type="submit">Pieteikties</button></form>`,
    );
  }

  server.on('request', (req, res) => {
    const match = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!match) return void callback(req, res);
    interaction(req, res, match[1]!).catch((error: unknown) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signingKey,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
