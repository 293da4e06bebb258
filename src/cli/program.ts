import { Command, InvalidArgumentError, Option } from 'commander';

/** What the commands do; main/ supplies the implementations. */
export interface CliActions {
  serve(options: { port?: number; host?: string; dataDir?: string; demo: boolean }): Promise<void>;
  migrate(options: { dataDir?: string }): Promise<void>;
  userCreate(options: { email: string; name: string; role: string; tenant?: string; password?: string; dataDir?: string }): Promise<void>;
  tokenCreate(options: { name: string; role: string; tenant?: string; expires?: string; dataDir?: string }): Promise<void>;
  auditVerify(options: { dataDir?: string }): Promise<void>;
  usageImport(file: string, options: { dataDir?: string }): Promise<void>;
  backup(options: { out?: string; verify?: string; dataDir?: string }): Promise<void>;
  restore(options: { in: string; dataDir?: string }): Promise<void>;
  agent(options: { server: string; token: string; location: string; bufferDir: string; concurrency: number }): Promise<void>;
}

const ROLES = ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user'];

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number 0–65535');
  return n;
}

const dataDirOption = () => new Option('--data-dir <dir>', 'embedded database folder (KOPA_DATA_DIR; ignored with DATABASE_URL)');

export function buildProgram(actions: CliActions): Command {
  const program = new Command('kopa')
    .description('Kopa — control plane of the shared-services platform for Latvian municipalities')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('serve')
    .description('start the HTTP server, API and web UI (migrates the database first)')
    .option('--port <port>', 'HTTP port (PORT, default 3000)', port)
    .option('--host <host>', 'address to listen on (HOST, default 127.0.0.1)')
    .addOption(dataDirOption())
    .action((o) => actions.serve({ ...o, demo: false }));

  program
    .command('demo')
    .description('serve with demo data: the agency, six municipalities and a login for every role')
    .option('--port <port>', 'HTTP port (PORT, default 3000)', port)
    .option('--host <host>', 'address to listen on (HOST, default 127.0.0.1)')
    .addOption(dataDirOption())
    .action((o) => actions.serve({ ...o, demo: true }));

  program
    .command('migrate')
    .description('apply pending database migrations (safe to run again)')
    .addOption(dataDirOption())
    .action((o) => actions.migrate(o));

  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user; prints a one-time password when --password is not given')
    .requiredOption('--email <email>', 'e-mail, used to sign in')
    .requiredOption('--name <name>', 'full name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--tenant <registrationNumberOrId>', 'municipality, for tenant_admin and tenant_user')
    .option('--password <password>', 'initial password (at least 12 characters)')
    .addOption(dataDirOption())
    .action((o) => actions.userCreate(o));

  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token and print it once')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).default('operator'))
    .option('--tenant <registrationNumberOrId>', 'municipality, for tenant roles')
    .option('--expires <instant>', 'expiry, ISO-8601 (e.g. 2027-01-01T00:00:00Z)')
    .addOption(dataDirOption())
    .action((o) => actions.tokenCreate(o));

  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('re-check the hash chain; exits 1 when an event was edited or deleted')
    .addOption(dataDirOption())
    .action((o) => actions.auditVerify(o));

  program
    .command('backup')
    .description('write one consistent archive of every table (--out), or restore an archive into a scratch database and compare it (--verify); exits 1 on any difference')
    .option('--out <file>', 'archive to write (gzip’d JSON lines; written whole or not at all)')
    .option('--verify <file>', 'archive to check: the restore drill, prints every table it compared')
    .addOption(dataDirOption())
    .action((o) => actions.backup(o));

  program
    .command('restore')
    .description('load an archive into an EMPTY database of either kind (DATABASE_URL or the PGlite folder); refuses a non-empty one')
    .requiredOption('--in <file>', 'archive written by kopa backup --out')
    .addOption(dataDirOption())
    .action((o) => actions.restore(o));

  const usage = program.command('usage').description('metered usage');
  usage
    .command('import')
    .description('import a provider consumption report (CSV with a header: id,tenantId,provider,resource,quantity,periodStart,periodEnd; tenantId may be a registration number); prints accepted, duplicate and rejected rows with line numbers; exits 1 when a row was rejected (the valid rows are stored)')
    .argument('<file>', 'CSV file, comma or semicolon separated')
    .addOption(dataDirOption())
    .action((file: string, o) => actions.usageImport(file, o));

  program
    .command('agent')
    .description('run a probe agent for a data centre: fetch its monitors, probe them, push the results (buffered on disk while the server is away)')
    .requiredOption('--server <url>', 'Kopa server, e.g. https://kopa.rda.lv')
    .requiredOption('--token <token>', 'API token with the operator role (or KOPA_AGENT_TOKEN)', process.env.KOPA_AGENT_TOKEN)
    .requiredOption('--location <name>', 'this agent’s location, as named on the monitors (e.g. lvrtc, lnb)')
    .option('--buffer-dir <dir>', 'where unsent results wait', './kopa-agent-buffer')
    .option('--concurrency <n>', 'checks running at once', positiveInteger, 64)
    .action((o) => actions.agent(o));

  return program;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}
