/** A tiny browser: a cookie jar, no redirects followed, forms posted with the page's CSRF token. */
export class Client {
  cookies = new Map<string, string>();
  constructor(public base: string, public headers: Record<string, string> = {}) {}

  private store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The jar's cookies, after any raw Cookie header the client was made with (for malformed ones). */
  cookieHeader(): string {
    return [this.headers.cookie, ...[...this.cookies].map(([k, v]) => `${k}=${v}`)].filter(Boolean).join("; ");
  }

  async get(pathname: string, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + pathname, { redirect: "manual", headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.store(res);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** Posts fields as a urlencoded form, adding the CSRF token of `formPage` unless `csrf` is given. */
  async post(pathname: string, fields: Record<string, string | string[]>, options: { formPage?: string; csrf?: string | null } = {}) {
    let csrf = options.csrf;
    if (csrf === undefined) csrf = csrfFrom((await this.get(options.formPage ?? pathname)).text);
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of ([] as string[]).concat(v)) body.append(k, one);
    if (csrf) body.set("_csrf", csrf);
    const res = await fetch(this.base + pathname, {
      method: "POST",
      redirect: "manual",
      headers: { ...this.headers, cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    this.store(res);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }
}

export function csrfFrom(html: string): string {
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (!m) throw new Error("no CSRF field on the page");
  return m[1];
}

/** Posts a multipart form (file uploads) with the CSRF token of `formPage`, through the client's jar. */
export async function postMultipart(client: Client, pathname: string, form: FormData, formPage = pathname) {
  form.set("_csrf", csrfFrom((await client.get(formPage)).text));
  const res = await fetch(client.base + pathname, { method: "POST", redirect: "manual", headers: { ...client.headers, cookie: client.cookieHeader() }, body: form });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Text as React writes it into a page (& < > " ' escaped), to look for locale strings in HTML. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}
