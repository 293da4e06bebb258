import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/layout';
import { RequireAuth } from './components/require-auth';
import { RequirePermission } from './components/require-role';
import { HomePage, NotFoundPage, PUBLIC_ROUTES, SIGNED_IN_ROUTES, type PageRoute } from './routes';

function element({ page: Page, permission, acrossTenants }: PageRoute) {
  return permission ? (
    <RequirePermission permission={permission} acrossTenants={acrossTenants}>
      <Page />
    </RequirePermission>
  ) : (
    <Page />
  );
}

/** The pages, from the route table (routes.tsx). */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        {PUBLIC_ROUTES.map((route) => (
          <Route key={route.path} path={route.path} element={element(route)} />
        ))}
        <Route element={<RequireAuth />}>
          <Route index element={<HomePage />} />
          {SIGNED_IN_ROUTES.map((route) => (
            <Route key={route.path} path={route.path} element={element(route)} />
          ))}
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
