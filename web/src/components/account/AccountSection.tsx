/**
 * Settings → Account: change the password, the sign-in sessions (sign out one, or everywhere),
 * export everything (archive, CSVs), import (an archive into an empty account, past applications
 * from CSV), and delete the account after confirming with the password (or the username).
 */
import { useState } from "react";
import { AccountDeleteDocument, EmailChangeDocument, PasswordChangeDocument, SessionRevokeAllDocument, SessionRevokeDocument, SessionsDocument } from "../../api/account";
import { useMutationForm } from "../../hooks/useMutationForm";
import { clearSession } from "../../lib/auth";
import { useGql } from "../../lib/data";
import { downloadAccountExport, importAccountFile } from "../../lib/files";
import { formatDateTime } from "../../lib/format";
import { Section } from "../Page";
import { FormDialog, FormErrors, Spinner, SubmitButton, TextField } from "../ui";

const IMPORTS = [
  { path: "/import/archive", label: "Import an archive", accept: ".json,application/json", hint: "Into an empty account only" },
  { path: "/import/applications.csv", label: "Import past applications (CSV)", accept: ".csv,text/csv", hint: "company, title, status, applied_at…" },
  { path: "/import/resume.json", label: "Import a JSON Resume", accept: ".json,application/json", hint: "jsonresume.org: into your profile and journey" },
];

export function AccountSection() {
  const query = useGql(SessionsDocument, {});
  const viewer = query.data?.viewer ?? null;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [changed, setChanged] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [confirm, setConfirm] = useState("");
  const password = useMutationForm(PasswordChangeDocument, {
    accepted: (payload) => !payload.errors.length && payload.changed,
    refused: "The password was not changed.",
    invalidates: [SessionsDocument],
    onSuccess: () => {
      setChanged(true);
      setCurrent("");
      setNext("");
    },
  });
  const [newEmail, setNewEmail] = useState("");
  const [emailPassword, setEmailPassword] = useState("");
  const [emailSent, setEmailSent] = useState<string | null>(null);
  const changeEmail = useMutationForm(EmailChangeDocument, {
    accepted: (payload) => !payload.errors.length && payload.sent,
    refused: "The address was not changed.",
    onSuccess: (_payload, variables) => {
      setEmailSent(variables.input.newEmail);
      setEmailPassword("");
    },
  });
  const revoke = useMutationForm(SessionRevokeDocument, { refused: "The session was not signed out.", invalidates: [SessionsDocument] });
  const revokeAll = useMutationForm(SessionRevokeAllDocument, {
    refused: "Could not sign out everywhere.",
    onSuccess: () => {
      clearSession();
      window.location.assign("/signin");
    },
  });
  const remove = useMutationForm(AccountDeleteDocument, {
    accepted: (payload) => !payload.errors.length && payload.deleted,
    refused: "The account was not deleted.",
    onSuccess: () => {
      clearSession();
      window.location.assign("/signup");
    },
  });

  const download = (path: string) => {
    setProblem(null);
    downloadAccountExport(path).catch((error: Error) => setProblem(error.message));
  };
  const upload = (path: string, file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setImported(null);
    importAccountFile(path, file)
      .then((counts) => {
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        setImported(`Imported ${total} rows: ${Object.entries(counts).filter(([, n]) => n).map(([t, n]) => `${n} ${t.replaceAll("_", " ")}`).join(", ")}.`);
      })
      .catch((error: Error) => setProblem(error.message));
  };

  return (
    <Section title="Account" heading="form-title" className="card form" data-testid="account-section">
      {!viewer ? (
        <Spinner label="Loading your account…" />
      ) : (
        <>
          <h3>Password</h3>
          <form
            className="form"
            aria-label="Change password"
            noValidate
            onSubmit={password.handle(() => ({ input: { currentPassword: viewer.hasPassword ? current : null, newPassword: next } }))}
          >
            {changed ? <p className="notice" role="status">Your password was changed; your other sessions were signed out.</p> : null}
            <FormErrors messages={password.general} />
            {viewer.hasPassword ? (
              <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={password.fieldErrors.currentPassword} />
            ) : (
              <p className="muted small">This account has no password yet: set one to sign in without a provider.</p>
            )}
            <TextField label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={password.fieldErrors.newPassword} />
            <div className="form-actions">
              <SubmitButton busy={password.busy} label={viewer.hasPassword ? "Change password" : "Set password"} />
            </div>
          </form>

          <h3>Email address</h3>
          <form
            className="form"
            aria-label="Change email"
            noValidate
            onSubmit={changeEmail.handle(() => ({ input: { newEmail, password: viewer.hasPassword ? emailPassword : null } }))}
          >
            <p className="muted small">You sign in and get mail at {viewer.email}.</p>
            {emailSent ? <p className="notice" role="status">We sent a link to {emailSent}: the address changes when you open it.</p> : null}
            <FormErrors messages={changeEmail.general} />
            <TextField label="New email address" type="email" value={newEmail} onChange={(e) => setNewEmail(e.target.value)} error={changeEmail.fieldErrors.newEmail} />
            {viewer.hasPassword ? (
              <TextField label="Password" type="password" autoComplete="current-password" value={emailPassword} onChange={(e) => setEmailPassword(e.target.value)} error={changeEmail.fieldErrors.password} />
            ) : null}
            <div className="form-actions">
              <SubmitButton busy={changeEmail.busy} label="Send confirmation link" />
            </div>
          </form>

          <h3>Where you are signed in</h3>
          <FormErrors messages={[...revoke.general, ...revokeAll.general]} />
          <ul data-testid="sessions">
            {viewer.sessions.map((s) => (
              <li key={s.id} data-testid="session">
                <strong>{s.userAgent ? s.userAgent.slice(0, 60) : "Unknown device"}</strong>
                {s.ip ? ` from ${s.ip}` : ""} · signed in {formatDateTime(s.startedAt)} · last used {formatDateTime(s.lastUsedAt)} {s.current ? <strong>(this browser)</strong> : null}{" "}
                {!s.current ? (
                  <button type="button" className="button button-small" disabled={revoke.busy} onClick={() => void revoke.submit({ input: { id: s.id } })}>
                    Sign out
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button" disabled={revokeAll.busy} onClick={() => void revokeAll.submit({})}>
              Sign out everywhere
            </button>
          </div>

          <h3>Your data</h3>
          <FormErrors messages={problem ? [problem] : []} />
          {imported ? <p className="notice" role="status">{imported}</p> : null}
          <div className="form-actions">
            <button type="button" className="button" onClick={() => download("/export/archive.json")}>Export everything (JSON)</button>
            <button type="button" className="button" onClick={() => download("/export/jobs.csv")}>Jobs (CSV)</button>
            <button type="button" className="button" onClick={() => download("/export/applications.csv")}>Applications (CSV)</button>
          </div>
          {IMPORTS.map((item) => (
            <label key={item.path} className="field">
              <span>{item.label}</span>
              <input type="file" accept={item.accept} onChange={(e) => { upload(item.path, e.target.files?.[0]); e.target.value = ""; }} />
              <span className="muted small">{item.hint}</span>
            </label>
          ))}

          <h3>Delete account</h3>
          <p className="muted small">Deletes your account and everything in it, at once. Export first if you want to keep it.</p>
          <div className="form-actions">
            <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>Delete account…</button>
          </div>
          {deleting ? (
            <FormDialog
              title="Delete your account?"
              label="Delete for good"
              busyLabel="Deleting…"
              busy={remove.busy}
              onClose={() => setDeleting(false)}
              onSubmit={remove.handle(() => ({ input: viewer.hasPassword ? { password: confirm } : { username: confirm } }))}
            >
              <FormErrors messages={remove.general} />
              <TextField
                label={viewer.hasPassword ? "Your password" : `Type your username (${viewer.username}) to confirm`}
                type={viewer.hasPassword ? "password" : "text"}
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
                error={remove.fieldErrors.password ?? remove.fieldErrors.username}
              />
            </FormDialog>
          ) : null}
        </>
      )}
    </Section>
  );
}
