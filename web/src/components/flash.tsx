import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

export interface FlashState {
  flash?: string;
}

/**
 * A one-off success message handed over by the page that navigated here. The live
 * region exists before the text arrives, so screen readers announce it; the message
 * is then removed from history so a reload does not show it again.
 */
export function Flash() {
  const location = useLocation();
  const navigate = useNavigate();
  const text = (location.state as FlashState | null)?.flash;
  const [shown, setShown] = useState<{ text: string; path: string } | null>(null);

  useEffect(() => {
    if (!text) return;
    setShown({ text, path: location.pathname });
    navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [text, location.pathname, location.search, navigate]);

  const visible = shown !== null && shown.path === location.pathname;
  return (
    <div role="status" className={visible ? 'message message-success' : undefined}>
      {visible && (
        <p className="message-title">
          <span className="message-icon" aria-hidden="true">
            ✓
          </span>
          {shown.text}
        </p>
      )}
    </div>
  );
}
