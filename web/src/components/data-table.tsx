import { useId, type ReactNode } from 'react';

interface Props {
  caption: string;
  /** Hide the caption visually when a heading right above says the same. */
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
  /**
   * On a phone each row becomes a card of "heading: value" lines (cells carry `data-label`),
   * so amounts and links stay on screen instead of behind a sideways scroll.
   */
  stack?: boolean;
}

/**
 * A data table that may scroll sideways on narrow screens. The scrolling box is a
 * focusable region named by the caption, so keyboard users can scroll it too.
 */
export function DataTable({ caption, captionHidden = false, children, className, stack = false }: Props) {
  const id = useId();
  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={['table', className, stack && 'table-stack'].filter(Boolean).join(' ')}>
        <caption id={id} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
