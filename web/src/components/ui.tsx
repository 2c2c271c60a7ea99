/** Small building blocks: labelled fields with errors, chips input, dialog, badges. */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

interface FieldShellProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** Label above the control, hint and error below, wired with aria-describedby by the caller. */
function FieldShell({ id, label, error, hint, children, className }: FieldShellProps) {
  return (
    <div className={["field", error ? "field-invalid" : "", className ?? ""].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert" data-field-error>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: ReactNode };

export function TextField({ label, error, hint, id, className, ...rest }: TextFieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <FieldShell id={fieldId} label={label} error={error} hint={hint} className={className}>
      <input id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, error, hint)} {...rest} />
    </FieldShell>
  );
}

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: ReactNode };

export function TextArea({ label, error, hint, id, className, ...rest }: TextAreaProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <FieldShell id={fieldId} label={label} error={error} hint={hint} className={className}>
      <textarea id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, error, hint)} {...rest} />
    </FieldShell>
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
};

export function SelectField({ label, error, hint, id, options, className, ...rest }: SelectFieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <FieldShell id={fieldId} label={label} error={error} hint={hint} className={className}>
      <select id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, error, hint)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
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
  const auto = useId();
  const fieldId = id ?? auto;
  const input = useRef<HTMLInputElement>(null);

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
        onChange(addUnique(values, [pending]));
        onPendingChange("");
      }
    } else if (event.key === "Backspace" && !pending && values.length) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <FieldShell id={fieldId} label={label} error={error} hint={hint}>
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
          id={fieldId}
          value={pending}
          placeholder={values.length ? "" : placeholder}
          onChange={(e) => change(e.target.value)}
          onKeyDown={keyDown}
          onBlur={() => {
            if (pending.trim()) {
              onChange(addUnique(values, [pending]));
              onPendingChange("");
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(fieldId, error, hint)}
          autoComplete="off"
        />
      </div>
    </FieldShell>
  );
}

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  variant?: "modal" | "drawer";
  footer?: ReactNode;
}

/** A native <dialog> opened modally: focus trap, Escape and backdrop for free. */
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
      <button type="submit" form={formId} className="button button-primary" disabled={busy || disabled}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}

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
