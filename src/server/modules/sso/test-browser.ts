// A minimal browser for the SSO tests: real HTTP with fetch, redirects followed by hand, cookies kept
// per origin (with path and expiry). `hosts` maps a public origin to where it really listens, like a
// load balancer in front of the app processes, so PUBLIC_URL needs no DNS and no fixed port.

interface Cookie {
  value: string;
  path: string;
}

export interface Response {
  status: number;
  location: string | null;
  setCookie: string[];
  body: string;
}

export class TestBrowser {
  private readonly jars = new Map<string, Map<string, Cookie>>();
  constructor(readonly hosts: Record<string, string> = {}) {}

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name)?.value;
  }

  async get(url: string): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.origin) ?? new Map<string, Cookie>();
    this.jars.set(target.origin, jar);
    const cookie = [...jar].filter(([, c]) => target.pathname.startsWith(c.path)).map(([name, c]) => `${name}=${c.value}`).join('; ');
    const real = this.hosts[target.origin] ? new URL(target.pathname + target.search, this.hosts[target.origin]) : target;
    const res = await fetch(real, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attr('expires');
      const gone = value === '' || attr('max-age') === '0' || (expires !== undefined && new Date(expires) <= new Date());
      if (gone) jar.delete(name);
      else jar.set(name, { value, path: attr('path') ?? '/' });
    }
    const location = res.headers.get('location');
    return { status: res.status, location: location && new URL(location, url).href, setCookie: res.headers.getSetCookie(), body: await res.text() };
  }
}
