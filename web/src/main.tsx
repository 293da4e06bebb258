import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { createQueryClient } from './api/query-client';
import { App } from './app';
import { languageReady } from './i18n';
import { startPageAt } from './routes';
import { SessionProvider, startSessionCheck } from './session';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
const queryClient = createQueryClient();
// Who is signed in is asked at once (web/src/early.ts asked the server already; this takes that
// answer), and the page's code loads at the same time, not after the answer.
startSessionCheck();
const pageCode = startPageAt(window.location);

function render(container: HTMLElement) {
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}

// The first render waits for the language's messages (a chunk of their own), so no key is shown in
// their place, and for the page's code: the session's answer, asked early, often comes first, and
// a render then would show the loading fallback, after which React holds the page back up to 300 ms
// (see lazy-page.ts). Should either fail to load, the page is still drawn rather than left blank.
void Promise.allSettled([languageReady, pageCode]).then(() => render(root));
