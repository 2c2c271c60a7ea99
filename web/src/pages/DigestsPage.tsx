/**
 * Digests: the archive of morning briefings and evening summaries (`/digests`, newest first, with
 * their kind and whether they were a test) and one digest (`/digests/:digestId`: its sections with
 * items and links, and where it was delivered). "Send me a test now" composes one at once
 * (digestPreview), stores it as a test, delivers it on the chosen channels and opens it.
 */
import { keepPreviousData, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { DeliveriesDocument, DigestDocument, DigestPreviewDocument, DigestsDocument } from "../api/delivery";
import { DeliveryTable } from "../components/delivery/DeliveryTable";
import { LoadError } from "../components/LoadError";
import { Page, Section } from "../components/Page";
import { SelectField, Spinner } from "../components/ui";
import type { DigestFieldsFragment, DigestKind, DigestSummaryFieldsFragment } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { formatDay } from "../lib/career";
import { keyOf, nodeAs, useGql } from "../lib/data";
import { DIGEST_KINDS } from "../lib/delivery";
import { formatDateTime, labelOf } from "../lib/format";
import styles from "./DigestsPage.module.css";
import { FRAMES } from "../lib/frames";

const PAGE_SIZE = 20;
const POLL_MS = 1500;

/** "Send me a test now": one button per kind; opens the new digest. */
function TestButtons() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const preview = useMutationForm(DigestPreviewDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.digest,
    errorToast: "Could not compose the digest",
    invalidates: [DigestsDocument, DeliveriesDocument],
    onSuccess: (payload) => {
      const digest = payload.digest!;
      // The new digest is shown at once from the payload, then kept fresh by its own query.
      client.setQueryData(keyOf(DigestDocument, { id: digest.id }), { node: { __typename: "Digest", ...digest } });
      navigate(`/digests/${encodeURIComponent(digest.id)}`);
    },
  });
  const busy = preview.pending?.input.kind;
  return (
    <div className={styles.testButtons} role="group" aria-label="Send me a test now">
      {DIGEST_KINDS.map((k) => (
        <button key={k.value} type="button" className="button" disabled={preview.busy} onClick={() => void preview.submit({ input: { kind: k.value } })}>
          {busy === k.value ? "Composing…" : `Send me a test ${k.label.toLowerCase()} now`}
        </button>
      ))}
    </div>
  );
}

function KindBadges({ digest }: { digest: DigestSummaryFieldsFragment }) {
  return (
    <>
      <span className={`pill ${digest.kind === "MORNING" ? "pill-interview" : "pill-applied"}`} data-testid="digest-kind">
        {labelOf(DIGEST_KINDS, digest.kind)}
      </span>
      {digest.isTest ? (
        <span className="pill pill-declined" data-testid="digest-test">
          Test
        </span>
      ) : null}
    </>
  );
}

export function DigestsPage() {
  const [kind, setKind] = useState<DigestKind | "">("");
  const [includeTests, setIncludeTests] = useState(true);
  const [pages, setPages] = useState(1);
  const query = useGql(
    DigestsDocument,
    { first: PAGE_SIZE * pages, after: null, kind: kind || null, includeTests },
    { placeholderData: keepPreviousData },
  );
  const connection = query.data?.viewer?.digests ?? null;
  const digests = connection?.edges.map((e) => e.node) ?? null;

  return (
    <Page
      {...FRAMES.digests}
      actions={
        <Link to="/settings#notifications" className="button">
          Briefing settings
        </Link>
      }
    >
      <Section title="Send me a test now" heading="section-title" className={`card ${styles.test}`}>
        <p className="muted small">Sent where your digests go, and kept here marked as a test.</p>
        <TestButtons />
      </Section>

      <form className={`toolbar ${styles.filters}`} aria-label="Filter digests" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as DigestKind | "");
            setPages(1);
          }}
          options={[{ value: "", label: "Both" }, ...DIGEST_KINDS]}
        />
        <label className={styles.check}>
          <input type="checkbox" className="check" checked={includeTests} onChange={(e) => setIncludeTests(e.target.checked)} />
          <span>Include tests</span>
        </label>
        {connection ? (
          <p className="result-count" role="status">
            {connection.totalCount} digest{connection.totalCount === 1 ? "" : "s"}
          </p>
        ) : null}
      </form>

      <LoadError error={query.error} onRetry={query.refetch} />
      {digests == null ? (
        query.error ? null : <Spinner label="Loading your digests…" />
      ) : digests.length === 0 ? (
        <div className="empty card">
          <h2>No digests yet</h2>
          <p className="muted">Send a test above to see one now.</p>
        </div>
      ) : (
        <>
          <ul className={styles.list} aria-label="Digests">
            {digests.map((d) => (
              <li key={d.id} className={`card ${styles.row}`} data-testid="digest-row">
                <div className={styles.rowMain}>
                  <Link to={`/digests/${encodeURIComponent(d.id)}`} className={styles.subject}>
                    {d.subject}
                  </Link>
                  <p className="muted small">
                    {formatDay(d.localDate)} · sent {formatDateTime(d.createdAt)}
                  </p>
                </div>
                <div className={styles.badges}>
                  <KindBadges digest={d} />
                </div>
              </li>
            ))}
          </ul>
          {connection?.pageInfo.hasNextPage ? (
            <p className={styles.more}>
              <button type="button" className="button" onClick={() => setPages((p) => p + 1)} disabled={query.isFetching}>
                {query.isFetching ? "Loading…" : "Show older digests"}
              </button>
            </p>
          ) : null}
        </>
      )}
    </Page>
  );
}

/** An item's link: inside the app through the router, anything else in a new tab. */
function ItemLink({ href, children }: { href: string; children: ReactNode }) {
  if (href.startsWith("/")) return <Link to={href}>{children}</Link>;
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}

export function DigestPage() {
  const { digestId = "" } = useParams();
  // Its deliveries are sent by the worker: follow them while any is pending.
  const query = useGql(DigestDocument, { id: digestId }, {
    refetchInterval: ({ state }) => (nodeAs<DigestFieldsFragment>(state.data?.node, "sections")?.deliveries.some((d) => d.status === "PENDING") ? POLL_MS : false),
  });
  const digest = nodeAs<DigestFieldsFragment>(query.data?.node, "sections");
  const missing = query.data && !digest;

  return (
    <Page
      title={digest ? digest.subject : missing ? "Digest not found" : "Digest"}
      intro={digest ? `${labelOf(DIGEST_KINDS, digest.kind)} for ${formatDay(digest.localDate)}` : undefined}
      actions={
        <Link to="/digests" className="button">
          All digests
        </Link>
      }
    >
      <LoadError error={query.error} onRetry={query.refetch} />
      {missing ? (
        <div className="empty card">
          <p>There is no such digest.</p>
        </div>
      ) : !digest ? (
        query.error ? null : <Spinner label="Loading the digest…" />
      ) : (
        <article className={styles.digest} aria-label={digest.subject} data-testid="digest">
          <p className={styles.badges}>
            <KindBadges digest={digest} />
            <span className="muted small">Composed {formatDateTime(digest.createdAt)}</span>
          </p>
          {digest.sections.length === 0 ? <p className="muted">Nothing to report this time.</p> : null}
          {digest.sections.map((section) => (
            <Section key={section.key} title={section.title} heading="section-title" className={`card dc-panel ${styles.section}`} data-section={section.key}>
              <ul className={styles.items}>
                {section.items.map((item, i) => (
                  <li key={i}>
                    {item.href ? <ItemLink href={item.href}>{item.text}</ItemLink> : <span>{item.text}</span>}
                    {item.detail ? <p className="muted small">{item.detail}</p> : null}
                  </li>
                ))}
              </ul>
            </Section>
          ))}
          <Section title="Deliveries" heading="section-title" className={`card dc-panel ${styles.section}`} data-testid="digest-deliveries">
            {digest.deliveries.length === 0 ? (
              <p className="muted small">Shown here only: no channel was chosen for digests.</p>
            ) : (
              <DeliveryTable deliveries={digest.deliveries} label="Deliveries of this digest" />
            )}
          </Section>
          <details className={styles.text}>
            <summary>Plain text, as mailed</summary>
            <pre>{digest.text}</pre>
          </details>
        </article>
      )}
    </Page>
  );
}
