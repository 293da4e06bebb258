import { createSocket } from 'node:dgram';

/**
 * A tiny authoritative DNS server over UDP for tests: answers A and TXT questions from a
 * table, NXDOMAIN for anything else. Enough of RFC 1035 for the prober's DNS checks.
 */
export async function startDnsServer(records: Record<string, { A?: string[]; TXT?: string[] }>): Promise<{ address: string; close(): Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    let offset = 12;
    const labels: string[] = [];
    while (query[offset]! > 0) {
      labels.push(query.subarray(offset + 1, offset + 1 + query[offset]!).toString('ascii'));
      offset += query[offset]! + 1;
    }
    const questionEnd = offset + 5;
    const type = query.readUInt16BE(offset + 1);
    const name = labels.join('.').toLowerCase();
    const entry = records[name];
    const answers: Buffer[] = [];
    for (const ip of type === 1 ? (entry?.A ?? []) : []) {
      answers.push(Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]), Buffer.from(ip.split('.').map(Number))]));
    }
    for (const text of type === 16 ? (entry?.TXT ?? []) : []) {
      const data = Buffer.concat([Buffer.from([text.length]), Buffer.from(text, 'ascii')]);
      const head = Buffer.from([0xc0, 0x0c, 0, 16, 0, 1, 0, 0, 0, 60, 0, 0]);
      head.writeUInt16BE(data.length, 10);
      answers.push(Buffer.concat([head, data]));
    }
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (entry ? 0 : 3), 2); // response, authoritative, RD echoed, NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, query.subarray(12, questionEnd), ...answers]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${socket.address().port}`, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}
