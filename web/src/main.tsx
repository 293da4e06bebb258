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
// Who is signed in is asked at once; the page's code (and, for some pages, its first data) loads
// at the same time, not after the answer.
startSessionCheck();
startPageAt(queryClient, window.location);

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

// The first render waits for the language's messages (a chunk of their own, loading alongside the
// page's code and data), so no key is shown in their place; should they fail to load, the page is
// still drawn rather than left blank.
void languageReady.finally(() => render(root));
