// The development entry point: `npm run dev` and the tests that spawn the command run the
// sources through tsx (`node --import tsx`), so a change needs no build. Production runs
// bin/kopa.js, which loads the compiled dist/ only.
import { main } from './kopa.js';

await main(process.argv);
