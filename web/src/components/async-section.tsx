import type { ReactNode } from 'react';
import type { Resource } from '../hooks/use-resource';
import { Loading } from './loading';
import { ProblemMessage } from './problem-message';

interface Props<T> {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}

/** Shows a loading state, an error with retry, or the loaded content; marks itself busy meanwhile. */
export function AsyncSection<T>({ resource, children, loadingLabel }: Props<T>) {
  const { data, error, loading, reload } = resource;
  return (
    <div aria-busy={loading} className="async">
      {loading && data === undefined && <Loading label={loadingLabel} />}
      {error !== null && !loading && <ProblemMessage error={error} onRetry={reload} />}
      {data !== undefined && children(data)}
    </div>
  );
}
