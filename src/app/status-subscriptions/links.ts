/** The links a status subscriber's mail carries: to the web page that confirms, and to one-click unsubscribe. */

/**
 * The web page that confirms a subscription. The token is after `#`, so it never reaches a server
 * log or a Referer header, and the page asks for a click: a mail scanner that opens links confirms nothing.
 */
export function confirmLink(publicUrl: string | null, token: string): string {
  return `${publicUrl ?? ''}/status/subscription#confirm=${encodeURIComponent(token)}`;
}

/** The page a reader opens from the mail's text to stop the notices (the same way). */
export function unsubscribeLink(publicUrl: string | null, token: string): string {
  return `${publicUrl ?? ''}/status/subscription#unsubscribe=${encodeURIComponent(token)}`;
}

/**
 * RFC 8058 one-click unsubscribe: the mail program POSTs `List-Unsubscribe=One-Click` to the URL,
 * which must therefore be the API itself (it reads the token from the query) rather than a page.
 */
export function unsubscribeHeaders(publicUrl: string | null, token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${publicUrl ?? ''}/api/v1/status/subscriptions/unsubscribe?token=${encodeURIComponent(token)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
