/** Toasts: short messages in a live region. Alerts (role="status") and errors (role="alert"). */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import styles from "./toast.module.css";

export type ToastKind = "info" | "success" | "error" | "alert";

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  body?: string;
  /** A link in the toast (e.g. to the job an alert is about); `open` navigates inside the app. */
  link?: { label: string; href: string; open: () => void };
}

interface ToastApi {
  show: (toast: Omit<Toast, "id">, durationMs?: number) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast outside ToastProvider");
  return api;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) window.clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const show = useCallback(
    (toast: Omit<Toast, "id">, durationMs = toast.kind === "error" ? 8000 : toast.kind === "success" ? 4000 : 6000) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-4), { ...toast, id }]);
      timers.current.set(id, window.setTimeout(() => dismiss(id), durationMs));
    },
    [dismiss],
  );

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const api = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      {/* A labelled region (a landmark), so the messages are inside one and the label is allowed. */}
      <section className={styles.toasts} aria-label="Messages">
        {toasts.map((toast) => (
          <div key={toast.id} className={`${styles.toast} ${styles[`toast-${toast.kind}`]}`} role={toast.kind === "error" ? "alert" : "status"} aria-live={toast.kind === "error" ? "assertive" : "polite"}>
            <span className={styles.toastIcon} aria-hidden="true">
              {toast.kind === "error" ? "!" : toast.kind === "alert" ? "★" : "✓"}
            </span>
            <div className={styles.toastText}>
              <strong>{toast.title}</strong>
              {toast.body ? <p>{toast.body}</p> : null}
              {toast.link ? (
                <a
                  href={toast.link.href}
                  onClick={(e) => {
                    e.preventDefault();
                    toast.link!.open();
                    dismiss(toast.id);
                  }}
                >
                  {toast.link.label}
                </a>
              ) : null}
            </div>
            <button type="button" className={`icon-button ${styles.toastClose}`} aria-label="Dismiss message" onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}
