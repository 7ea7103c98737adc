import { useNavigate, useRevalidator, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "~/lib/i18n-react";

/**
 * Nothing typed is lost on a bad connection (issue #5). With scripts, the comment form sends through a
 * queue kept on this device: a comment waits, visibly, until the server has answered, and sends itself
 * again when the connection returns. The idempotency key it carries makes a retry land once. What is
 * being typed is kept on the device too, until it is sent. Without scripts the plain POST does the job.
 */

interface Queued {
  key: string;
  fields: [string, string][];
  summary: string;
  queuedAt: number;
}

const RETRY_MS = 20_000;
const queueName = (slug: string) => `consult:queue:${slug}`;
const draftName = (slug: string) => `consult:draft:${slug}`;

function read<T>(name: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(name);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
function write(name: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(name);
    else localStorage.setItem(name, JSON.stringify(value));
  } catch {
    // Storage full or refused (private mode): the form still works, only without the safety net.
  }
}

export function useCommentQueue(slug: string, action: string) {
  const [queue, setQueue] = useState<Queued[]>([]);
  const [status, setStatus] = useState<"idle" | "sending" | "offline">("idle");
  const [restored, setRestored] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const flushing = useRef(false);
  const revalidator = useRevalidator();
  const submit = useSubmit();
  const navigate = useNavigate();

  const save = (next: Queued[]) => {
    write(queueName(slug), next.length ? next : null);
    setQueue(next);
  };

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    let sent = false;
    try {
      for (;;) {
        const [next] = read<Queued[]>(queueName(slug), []);
        if (!next) break;
        setStatus("sending");
        let response: Response;
        try {
          response = await fetch(action, { method: "POST", body: new URLSearchParams(next.fields), credentials: "same-origin", redirect: "manual" });
        } catch {
          setStatus("offline");
          return;
        }
        if (response.status === 429 || response.status >= 500) {
          // Too fast, or the server is struggling: keep it and try again a little later.
          setStatus("offline");
          return;
        }
        save(read<Queued[]>(queueName(slug), []).filter((q) => q.key !== next.key));
        if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
          sent = true;
        } else {
          // Refused (a closed consultation, a field to fix): send it the ordinary way, so the page shows
          // why beside the fields with the text kept.
          const data = new FormData();
          for (const [k, v] of next.fields) data.append(k, v);
          submit(data, { method: "post", action, preventScrollReset: true });
          return;
        }
      }
      setStatus("idle");
    } finally {
      flushing.current = false;
      // Sent: a reply or an answer form goes back to the page's own form, else the page refreshes.
      if (sent) {
        if (/[?&](replyTo|answer)=/.test(location.search)) navigate(location.pathname, { replace: true, preventScrollReset: true });
        else revalidator.revalidate();
      }
    }
  }, [action, slug, submit, revalidator, navigate]);

  useEffect(() => {
    setQueue(read<Queued[]>(queueName(slug), []));
    // Text typed before a reload or a crash comes back into the empty form. Text typed before the scripts
    // arrived (they load after the page shows) is what the form holds, and is kept from now on.
    const draft = read<{ body: string } | null>(draftName(slug), null);
    const body = formRef.current?.elements.namedItem("body");
    if (body instanceof HTMLTextAreaElement) {
      if (body.value) {
        write(draftName(slug), { body: body.value });
      } else if (draft?.body) {
        body.value = draft.body;
        setRestored(true);
      }
    }
    void flush();
    const online = () => void flush();
    window.addEventListener("online", online);
    const timer = setInterval(online, RETRY_MS);
    return () => {
      window.removeEventListener("online", online);
      clearInterval(timer);
    };
  }, [slug, flush]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = [...new FormData(form).entries()].filter((e): e is [string, string] => typeof e[1] === "string");
    const key = fields.find(([k]) => k === "idempotencyKey")?.[1] ?? String(Date.now());
    const body = fields.find(([k]) => k === "body")?.[1] ?? "";
    const entry: Queued = { key, fields, summary: body.slice(0, 80), queuedAt: Date.now() };
    save([...read<Queued[]>(queueName(slug), []).filter((q) => q.key !== key), entry]);
    write(draftName(slug), null);
    // The next comment starts empty, with a key of its own (this one may still be waiting to be sent).
    form.reset();
    for (const el of form.querySelectorAll("textarea")) el.value = "";
    const keyField = form.elements.namedItem("idempotencyKey");
    if (keyField instanceof HTMLInputElement) keyField.value = crypto.randomUUID();
    setRestored(false);
    void flush();
  };

  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLTextAreaElement && target.name === "body") write(draftName(slug), target.value ? { body: target.value } : null);
  };

  return { formRef, onSubmit, onInput, queue, status, restored };
}

/** The comments waiting on this device, said out loud when their state changes. */
export function QueueStatus({ queue, status, restored }: { queue: { key: string; summary: string }[]; status: string; restored: boolean }) {
  const { t } = useTranslation();
  return (
    <div aria-live="polite" role="status" className="queue">
      {restored ? <p className="hint">{t("inputs:queue.restored")}</p> : null}
      {queue.length ? (
        <>
          <p>
            <strong>{status === "offline" ? t("inputs:queue.offline", { count: queue.length }) : t("inputs:queue.sending", { count: queue.length })}</strong>
          </p>
          <ul>
            {queue.map((q) => (
              <li key={q.key}>{q.summary ? `${q.summary}${q.summary.length >= 80 ? "…" : ""}` : t("inputs:queue.noText")}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
