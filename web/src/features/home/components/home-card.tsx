import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface Props {
  id: string;
  title: string;
  /** Where the work this card is about is done. */
  link?: { to: string; label: string };
  children: ReactNode;
}

/** One thing waiting on the home page: a heading, what it is, and the way to it. */
export function HomeCard({ id, title, link, children }: Props) {
  return (
    <section className="card home-card" aria-labelledby={`home-${id}`}>
      <h2 id={`home-${id}`}>{title}</h2>
      {children}
      {link && (
        <p className="home-card-link">
          <Link to={link.to}>{link.label}</Link>
        </p>
      )}
    </section>
  );
}
