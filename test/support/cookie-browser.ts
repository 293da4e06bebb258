/**
 * A browser as far as HTTP goes: real requests with fetch, cookies kept per origin, redirects
 * followed by hand so a test sees each hop. Enough to walk a sign-in through Kopa and an
 * OpenID Provider on two loopback ports.
 */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string | null): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    if (value === null) jar.delete(name);
    else jar.set(name, value);
  }

  async request(url: string, init: { method?: string; body?: string | URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { method: init.method ?? 'GET', redirect: 'manual', ...(init.body !== undefined && { body: init.body }), headers: { ...init.headers, ...(cookie && { cookie }) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line) || value === '';
      this.setCookie(origin, name, expired ? null : value);
    }
    return res;
  }

  /** Follows redirects from `url` until one leads to `stopAt` (not requested) or a page answers. */
  async follow(url: string, stopAt: string, init: Parameters<CookieBrowser['request']>[1] = {}): Promise<{ url: string; response: Response | null }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; hops < 20; hops++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, response: res };
      current = new URL(location, current).toString();
      if (current.startsWith(stopAt)) return { url: current, response: null };
      res = await this.request(current);
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
