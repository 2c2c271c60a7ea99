/** Small building blocks: labelled fields with errors, chips input, dialog, badges. */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

interface Labelled {
  label: string;
  error?: string;
  hint?: ReactNode;
  id?: string;
  className?: string;
}

/** What a control needs to be tied to its label, hint and error. */
interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** Label above the control, hint and error below, wired with aria-describedby. */
function FieldShell({ id, label, error, hint, className, control }: Labelled & { control: (props: ControlProps) => ReactNode }) {
  const auto = useId();
  const fieldId = id ?? auto;
  const describedBy = [hint ? `${fieldId}-hint` : "", error ? `${fieldId}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["field", error ? "field-invalid" : "", className ?? ""].filter(Boolean).join(" ")}>
      <label htmlFor={fieldId}>{label}</label>
      {control({ id: fieldId, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p className="field-hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId}-error`} role="alert" data-field-error>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, error, hint, id, className, ...rest }: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  return <FieldShell {...{ label, error, hint, id, className }} control={(props) => <input {...props} {...rest} />} />;
}

export function TextArea({ label, error, hint, id, className, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled) {
  return <FieldShell {...{ label, error, hint, id, className }} control={(props) => <textarea {...props} {...rest} />} />;
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & Labelled & { options: readonly { value: string; label: string }[] };

export function SelectField({ label, error, hint, id, options, className, ...rest }: SelectFieldProps) {
  return (
    <FieldShell
      {...{ label, error, hint, id, className }}
      control={(props) => (
        <select {...props} {...rest}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** Errors that belong to no field, shown at the top of a form. */
export function FormErrors({ messages }: { messages: readonly string[] }) {
  if (!messages.length) return null;
  return (
    <div className="form-errors" role="alert">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface ChipInputProps {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** Text typed but not yet turned into a chip (committed on save by the caller). */
  pending: string;
  onPendingChange: (text: string) => void;
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  id?: string;
}

function addUnique(values: string[], items: string[]): string[] {
  const out = [...values];
  for (const raw of items) {
    const item = raw.trim();
    if (item && !out.some((v) => v.toLowerCase() === item.toLowerCase())) out.push(item);
  }
  return out;
}

/** Merge chips with the pending text (comma separated). */
export function commitChips(values: string[], pending: string): string[] {
  return addUnique(values, pending.split(","));
}

/** Chips with a text box: type and press Enter or comma; paste comma-separated lists. */
export function ChipInput({ label, values, onChange, pending, onPendingChange, error, hint, placeholder, id }: ChipInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const add = (text: string) => {
    onChange(addUnique(values, [text]));
    onPendingChange("");
  };

  const change = (text: string) => {
    if (text.includes(",")) {
      const parts = text.split(",");
      const rest = parts.pop() ?? "";
      onChange(addUnique(values, parts));
      onPendingChange(rest.trimStart());
    } else {
      onPendingChange(text);
    }
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      if (pending.trim()) {
        event.preventDefault();
        add(pending);
      }
    } else if (event.key === "Backspace" && !pending && values.length) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <FieldShell
      {...{ label, error, hint, id }}
      control={(props) => (
        <div className="chips-box" onClick={() => input.current?.focus()}>
          <ul className="chips" aria-label={`${label} added`}>
            {values.map((value) => (
              <li key={value} className="chip">
                <span>{value}</span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove ${value}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onChange(values.filter((v) => v !== value));
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <input
            ref={input}
            {...props}
            value={pending}
            placeholder={values.length ? "" : placeholder}
            onChange={(e) => change(e.target.value)}
            onKeyDown={keyDown}
            onBlur={() => pending.trim() && add(pending)}
            autoComplete="off"
          />
        </div>
      )}
    />
  );
}

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  variant?: "modal" | "drawer";
  footer?: ReactNode;
}

/** A form's submit button: disabled and relabelled while the form is sent. */
export function SubmitButton({ busy, label, busyLabel = "Saving…", primary = true, disabled = false, form }: {
  busy: boolean;
  label: string;
  busyLabel?: string;
  primary?: boolean;
  disabled?: boolean;
  /** The id of the form, when the button is outside it (a dialog's footer). */
  form?: string;
}) {
  return (
    <button type="submit" form={form} className={primary ? "button button-primary" : "button"} disabled={busy || disabled}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** The footer of a dialog that holds a form: Cancel, and the form's submit button (busy while saving). */
export function DialogActions({ formId, busy, label, busyLabel, onCancel, disabled = false }: {
  formId: string;
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
  disabled?: boolean;
}) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <SubmitButton form={formId} busy={busy} label={label} busyLabel={busyLabel} disabled={disabled} />
    </>
  );
}

/** A dialog around one form, sent by the footer's primary button. */
export function FormDialog({ title, label, busyLabel, busy, onSubmit, onClose, children, formLabel = title, before }: {
  title: string;
  label: string;
  busyLabel: string;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
  /** The form's accessible name, when it differs from the dialog's title. */
  formLabel?: string;
  /** Shown above the form (e.g. other forms, which cannot nest in it). */
  before?: ReactNode;
}) {
  const formId = useId();
  return (
    <Dialog title={title} onClose={onClose} footer={<DialogActions formId={formId} busy={busy} label={label} busyLabel={busyLabel} onCancel={onClose} />}>
      {before}
      <form id={formId} className="form" onSubmit={onSubmit} noValidate aria-label={formLabel}>
        {children}
      </form>
    </Dialog>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab on the dialog's last control goes to its first, Shift+Tab on the first to its last: focus
 * never leaves a modal dialog (a native one would let it out to the browser's own controls). */
function wrapFocus(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== "Tab") return;
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  if (!controls.length) return;
  const [first, last] = [controls[0], controls[controls.length - 1]];
  const active = document.activeElement;
  if (event.shiftKey ? active === first || active === event.currentTarget : active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}

/** A native <dialog> opened modally: Escape, backdrop and an inert page for free; focus wraps inside. */
export function Dialog({ title, onClose, children, variant = "modal", footer }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const cancel = (event: Event) => {
      event.preventDefault();
      close.current();
    };
    dialog.addEventListener("cancel", cancel);
    return () => {
      dialog.removeEventListener("cancel", cancel);
      if (dialog.open) dialog.close();
      opener?.focus?.();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${variant}`}
      aria-labelledby={titleId}
      onKeyDown={wrapFocus}
      onClick={(event) => {
        if (event.target === ref.current) close.current(); // backdrop click
      }}
    >
      <div className="dialog-inner">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => close.current()}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        {footer ? <footer className="dialog-footer">{footer}</footer> : null}
      </div>
    </dialog>
  );
}

export function ScoreBadge({ score }: { score: number | null }) {
  if (score == null) {
    return (
      <span className="score score-pending">
        <span className="spinner" aria-hidden="true" />
        <span className="visually-hidden">Match score: </span>
        <span data-testid="match-score">scoring…</span>
      </span>
    );
  }
  const tone = score >= 75 ? "high" : score >= 50 ? "mid" : "low";
  return (
    <span className={`score score-${tone}`} title="Match score against your profile (0–100)">
      <span className="visually-hidden">Match score: </span>
      <span data-testid="match-score">{score}</span>
    </span>
  );
}

/** The "+" of the add buttons. */
export function PlusIcon({ size = 16 }: { size?: number }) {
  return (
    <svg viewBox="0 0 20 20" width={size} height={size} aria-hidden="true" focusable="false">
      <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

export function Spinner({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** Debounce a value (e.g. a filter typed into a search box). */
export function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setCurrent(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** Copy a text to the clipboard; says "Copied" for a moment (or that the browser refused). */
export function CopyButton({ text, label = "Copy", className = "button button-small" }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = window.setTimeout(() => setState("idle"), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed — select and copy" : label}
    </button>
  );
}
