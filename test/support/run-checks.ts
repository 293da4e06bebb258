// Runs the prober's checks in a process of its own and prints their outcomes as JSON, so that a test
// can start it the way an operator starts Kopa to trust a private CA: with NODE_EXTRA_CA_CERTS,
// which Node reads only when a process starts.
import { closeCheckContext, createCheckContext, runCheck, type ProbeTarget } from '../../src/jobs/prober/checks.js';
import { createDnsCache } from '../../src/jobs/prober/dns-cache.js';

const targets = JSON.parse(process.argv[2]!) as ProbeTarget[];
const context = createCheckContext(createDnsCache());
const outcomes = [];
for (const target of targets) outcomes.push(await runCheck(target, context));
closeCheckContext(context);
process.stdout.write(JSON.stringify(outcomes));
