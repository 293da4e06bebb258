import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);

function multipart(fileName: string, data: Uint8Array, type = 'application/octet-stream') {
  const boundary = '----kopa-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(data), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(BACKENDS)('ticket attachments on %s', (backend) => {
  let t: TestApp;
  let ticketUrl: string;
  let userHeaders: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(backend);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'lietotajs@cesis.lv', password: 'kopa-demo-2026' } });
    userHeaders = { cookie: `kopa_session=${login.cookies[0]!.value}`, 'x-csrf-token': login.json().csrfToken };
    const user = await signIn(t.app, 'lietotajs@cesis.lv');
    const ticket = (await user.post('/api/v1/tickets', { priority: 'P3', subject: 'Ekrānuzņēmums', description: 'Skat. pielikumu' })).json();
    ticketUrl = `/api/v1/tickets/${ticket.id}`;
  });
  afterAll(() => t.close());

  const upload = (name: string, data: Uint8Array, headers = userHeaders) => {
    const body = multipart(name, data);
    return t.app.inject({ method: 'POST', url: `${ticketUrl}/attachments`, payload: body.payload, headers: { ...headers, ...body.headers } });
  };

  it('stores a file and returns exactly the same bytes as a download', async () => {
    const res = await upload('../../ekrāns:1.png', PNG);
    expect(res.statusCode).toBe(201);
    const meta = res.json();
    expect(meta).toMatchObject({ fileName: 'ekrāns_1.png', contentType: 'image/png', sizeBytes: 13 });
    const download = await t.app.inject({ method: 'GET', url: `${ticketUrl}/attachments/${meta.id}`, headers: userHeaders });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain("attachment; filename*=UTF-8''ekr%C4%81ns_1.png");
    expect(Uint8Array.from(download.rawPayload)).toEqual(PNG);
    const list = await t.app.inject({ method: 'GET', url: `${ticketUrl}/attachments`, headers: userHeaders });
    expect(list.json().items).toHaveLength(1);
  });

  it('refuses unknown types, disguised content and empty files, naming the field', async () => {
    for (const [name, data] of [
      ['setup.exe', Uint8Array.from([0x4d, 0x5a, 0, 0])],
      ['invoice.pdf', Uint8Array.from([0x4d, 0x5a, 0, 0])],
      ['empty.txt', new Uint8Array(0)],
    ] as const) {
      const res = await upload(name, data);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('file');
    }
  });

  it('refuses files over 10 MB without storing anything', async () => {
    const res = await upload('big.txt', new Uint8Array(10 * 1024 * 1024 + 1).fill(65));
    expect([400, 413]).toContain(res.statusCode);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const list = await t.app.inject({ method: 'GET', url: `${ticketUrl}/attachments`, headers: userHeaders });
    expect(list.json().items).toHaveLength(1);
  });

  it("keeps files from other municipalities' eyes", async () => {
    const neighbour = await signIn(t.app, 'admin@sigulda.lv');
    expect((await neighbour.get(`${ticketUrl}/attachments`)).statusCode).toBe(404);
  });
});
