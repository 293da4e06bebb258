// The development entry point: `npm run dev` and the tests that spawn the command run the
// sources through tsx (`node --import tsx`), so a change needs no build. Production runs
// bin/kopa.js, which loads the compiled dist/ only.
import './embedded-heap.js';

// Loaded after the heap setting: an import above would load the whole server first.
const { main } = await import('./kopa.js');
await main(process.argv);
