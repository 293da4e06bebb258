import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private certificate authority made for a test with the `openssl` command (Node has no X.509
 * generator): server certificates for 127.0.0.1 and localhost with any validity period — valid,
 * about to expire, or expired — signed by it. `caFile` is what a process is told to trust.
 */
export interface TestCa {
  caFile: string;
  issue(name: string, notBefore: Date, notAfter: Date): { key: string; cert: string };
  remove(): void;
}

const openssl = (cwd: string, args: string[]) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
/** openssl ca's date form, YYYYMMDDHHMMSSZ. */
const asn1 = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

export function createTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'kopa-ca-'));
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]', 'default_ca = test_ca',
      '[test_ca]', `dir = ${dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir', 'serial = $dir/serial', 'default_md = sha256', 'policy = any', 'unique_subject = no', 'email_in_dn = no',
      '[any]', 'commonName = supplied',
      '[server]', 'basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature', 'extendedKeyUsage = serverAuth', 'subjectAltName = IP:127.0.0.1, DNS:localhost',
    ].join('\n'),
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(dir, ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Kopa test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return {
    caFile: join(dir, 'ca.crt'),
    issue(name, notBefore, notAfter) {
      openssl(dir, ['req', '-new', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}.kopa.test`]);
      openssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-extensions', 'server', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', `${name}.csr`, '-out', `${name}.crt`, '-notext', '-startdate', asn1(notBefore), '-enddate', asn1(notAfter)]);
      return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.crt`), 'utf8') };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
