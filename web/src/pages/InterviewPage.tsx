/** Mock interviews: one question at a time, rule-based feedback and a 0–10 score per answer,
 * the summary at the end and the history of session scores as a line chart. */
import { useState } from "react";
import { useSearchParams } from "react-router";
import { DocumentJobsDocument, InterviewAnswerDocument, InterviewEndDocument, InterviewHistoryDocument, InterviewStartDocument } from "../api/ai";
import { Page } from "../components/Page";
import { FormErrors, SelectField, SubmitButton, TextArea, TextField } from "../components/ui";
import type { InterviewAnswerFieldsFragment, InterviewHistoryQuery, InterviewKind, InterviewSessionFieldsFragment } from "../gql/graphql";
import { useMutationForm } from "../hooks/useMutationForm";
import { plural } from "../lib/career";
import { useGql } from "../lib/data";
import { formatDate } from "../lib/format";
import styles from "./InterviewPage.module.css";
import { FRAMES } from "../lib/frames";

const KINDS: { value: InterviewKind; label: string }[] = [
  { value: "GENERAL", label: "General" },
  { value: "BEHAVIORAL", label: "Behavioral" },
  { value: "TECHNICAL", label: "Technical" },
  { value: "JOB_SPECIFIC", label: "For a job" },
];
const KIND_LABEL = Object.fromEntries(KINDS.map((k) => [k.value, k.label])) as Record<InterviewKind, string>;
type HistoryPoint = NonNullable<InterviewHistoryQuery["viewer"]>["interviewHistory"][number];

export function InterviewPage() {
  const [session, setSession] = useState<InterviewSessionFieldsFragment | null>(null);
  const [lastAnswer, setLastAnswer] = useState<InterviewAnswerFieldsFragment | null>(null);
  // The chart is a bonus: the page works without it (a failure shows nothing).
  const history = useGql(InterviewHistoryDocument, {}).data?.viewer?.interviewHistory ?? [];

  return (
    <Page {...FRAMES.interview}>
      {!session || session.status === "COMPLETED" ? (
        <>
          {session?.status === "COMPLETED" ? <Summary session={session} /> : null}
          <StartForm
            again={!!session}
            onStarted={(s) => {
              setSession(s);
              setLastAnswer(null);
            }}
          />
        </>
      ) : (
        <ActiveSession
          session={session}
          lastAnswer={lastAnswer}
          onAnswered={(s, a) => {
            setSession(s);
            setLastAnswer(a);
          }}
          onNext={() => setLastAnswer(null)}
          onEnded={(s) => {
            setSession(s);
            setLastAnswer(null);
          }}
        />
      )}
      <ScoreHistory points={history} />
    </Page>
  );
}

function StartForm({ again, onStarted }: { again: boolean; onStarted: (s: InterviewSessionFieldsFragment) => void }) {
  // `/interview?job=<id>` (from a job's page) starts a practice for that job.
  const [params] = useSearchParams();
  const [kind, setKind] = useState<InterviewKind>(params.get("job") ? "JOB_SPECIFIC" : "GENERAL");
  const [jobId, setJobId] = useState(params.get("job") ?? "");
  const [count, setCount] = useState("5");
  const jobs = useGql(DocumentJobsDocument, {}).data?.jobs.edges.map((e) => e.node) ?? [];
  const form = useMutationForm(InterviewStartDocument, {
    fields: ["jobId", "questionCount", "kind"],
    accepted: (payload) => !payload.errors.length && !!payload.session,
    onSuccess: (payload) => onStarted(payload.session!),
  });
  const fieldErrors = form.fieldErrors;
  const input = { kind, jobId: jobId || null, questionCount: Number(count) || 5 };

  return (
    <form className="card form" onSubmit={form.handle({ input })} aria-label="Start an interview" noValidate>
      <h2 className="form-title">{again ? "Practise again" : "Start a mock interview"}</h2>
      <FormErrors messages={form.general} />
      <div className="form-row">
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as InterviewKind)} options={KINDS} />
        <SelectField
          label="Job"
          value={jobId}
          onChange={(e) => setJobId(e.target.value)}
          options={[{ value: "", label: kind === "JOB_SPECIFIC" ? "Choose a job" : "None" }, ...jobs.map((j) => ({ value: j.id, label: `${j.title} — ${j.company}` }))]}
          error={fieldErrors.jobId}
          hint={kind === "JOB_SPECIFIC" ? "Questions come from the job's requirements and your gaps." : undefined}
        />
        <TextField
          label="Questions"
          type="number"
          min={1}
          max={10}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          error={fieldErrors.questionCount}
        />
      </div>
      <div className="form-actions">
        <SubmitButton busy={form.busy} label="Start interview" busyLabel="Starting…" />
      </div>
    </form>
  );
}

function ActiveSession({
  session,
  lastAnswer,
  onAnswered,
  onNext,
  onEnded,
}: {
  session: InterviewSessionFieldsFragment;
  lastAnswer: InterviewAnswerFieldsFragment | null;
  onAnswered: (s: InterviewSessionFieldsFragment, a: InterviewAnswerFieldsFragment) => void;
  onNext: () => void;
  onEnded: (s: InterviewSessionFieldsFragment) => void;
}) {
  const [answer, setAnswer] = useState("");
  const question = session.currentQuestion;
  const number = session.answers.length + (lastAnswer ? 0 : 1);
  const send = useMutationForm(InterviewAnswerDocument, {
    accepted: (payload) => !payload.errors.length && !!payload.session && !!payload.answer,
    onSuccess: (payload) => {
      setAnswer("");
      onAnswered(payload.session!, payload.answer!);
    },
  });
  const end = useMutationForm(InterviewEndDocument, {
    accepted: (payload) => !!payload.session,
    invalidates: [InterviewHistoryDocument],
    onSuccess: (payload) => onEnded(payload.session!),
  });
  const sending = send.busy || end.busy;
  const error = [...send.messages, ...end.messages].join(" ") || undefined;

  return (
    <div className={styles.interview}>
      <p className={`muted small ${styles.interviewMeta}`}>
        {KIND_LABEL[session.kind]} interview{session.job ? ` for ${session.job.title} at ${session.job.company}` : ""} ·{" "}
        <span data-testid="engine-note">{session.engineNote}</span>
        {session.modelNotice ? <span className={styles.noticeWarning}> {session.modelNotice}</span> : null}
      </p>
      {lastAnswer ? (
        <Feedback answer={lastAnswer} />
      ) : question ? (
        <form className="card form" onSubmit={send.handle({ input: { sessionId: session.id, answer } })} aria-label="Answer">
          <p className={styles.questionCount}>
            Question {number} of {session.questionCount}
            {question.reason === "follow_up_fundamentals" ? " · back to the fundamentals" : question.reason === "harder" ? " · a harder one" : ""}
            {question.generated ? " · written by the model" : ""}
          </p>
          <h2 className={styles.question} data-testid="question">
            {question.text}
          </h2>
          <TextArea
            label="Your answer"
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            rows={8}
            error={error}
            hint={question.hint}
          />
          <div className="form-actions">
            <SubmitButton busy={sending} label="Submit answer" busyLabel="Scoring…" />
          </div>
        </form>
      ) : null}
      <div className={`form-actions ${styles.interviewActions}`}>
        {lastAnswer && question ? (
          <button type="button" className="button button-primary" onClick={onNext}>
            Next question
          </button>
        ) : null}
        <button type="button" className={question ? "button" : "button button-primary"} onClick={() => void end.submit({ input: { sessionId: session.id } })} disabled={sending}>
          End interview
        </button>
      </div>
      {!question && !lastAnswer ? <p className="muted">All questions answered. End the interview for your summary.</p> : null}
    </div>
  );
}

function List({ title, items }: { title: string; items: readonly string[] }) {
  if (!items.length) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </>
  );
}

function Feedback({ answer }: { answer: InterviewAnswerFieldsFragment }) {
  const tone = answer.score >= 7 ? "high" : answer.score >= 5 ? "mid" : "low";
  return (
    <section className={`card ${styles.feedback}`} aria-label="Feedback">
      <header className={styles.feedbackHead}>
        <h3>Feedback on question {answer.number}</h3>
        <span className={`score score-${tone}`} data-testid="answer-score">
          {answer.score}/10
        </span>
      </header>
      <p className="muted small">{answer.question.text}</p>
      <div className={styles.answerAndFeedback}>
        <figure className={styles.yourAnswer}>
          <figcaption>
            <h4>Your answer</h4>
          </figcaption>
          <blockquote data-testid="your-answer">{answer.answer}</blockquote>
        </figure>
        <div>
          <List title="Structure" items={answer.feedback.structureNotes} />
          <List title="Strengths" items={answer.feedback.strengths} />
          <List title="To improve" items={answer.feedback.improvements} />
          <h4>A stronger answer</h4>
          <ol>
            {answer.feedback.strongerAnswerOutline.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

function Summary({ session }: { session: InterviewSessionFieldsFragment }) {
  const summary = session.summary;
  return (
    <section className={`card ${styles.summary}`} aria-label="Interview summary">
      <header className={styles.feedbackHead}>
        <h2>Summary</h2>
        {session.overallScore != null ? (
          <span className={`score score-${session.overallScore >= 7 ? "high" : session.overallScore >= 5 ? "mid" : "low"}`} data-testid="overall-score">
            Overall score {session.overallScore}/10
          </span>
        ) : null}
      </header>
      {summary ? (
        <>
          <p className="muted small">{plural(summary.answered, "question")} answered.</p>
          <List title="Strengths" items={summary.strengths} />
          <List title="Improvement areas" items={summary.improvementAreas} />
          {summary.skillScores.length ? (
            <p className="small">
              {summary.skillScores.map((s) => (
                <span key={s.skill} className="tag">
                  {s.skill}: {s.score}
                </span>
              ))}
            </p>
          ) : null}
        </>
      ) : null}
      {session.answers.length ? (
        <details>
          <summary>Your answers</summary>
          {session.answers.map((a) => (
            <Feedback key={a.number} answer={a} />
          ))}
        </details>
      ) : null}
    </section>
  );
}

/** Session scores over time: a small SVG line chart (0–10). */
function ScoreHistory({ points }: { points: HistoryPoint[] }) {
  const scored = points.filter((p) => p.overallScore != null);
  if (!scored.length) return null;
  const width = 640;
  const height = 200;
  const pad = { left: 34, right: 16, top: 14, bottom: 28 };
  const x = (i: number) => pad.left + (scored.length === 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (scored.length - 1));
  const y = (score: number) => pad.top + ((10 - score) * (height - pad.top - pad.bottom)) / 10;
  const path = scored.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.overallScore as number).toFixed(1)}`).join(" ");
  const latest = scored[scored.length - 1];
  return (
    <section className={`card ${styles.scoreHistory}`} aria-labelledby="history-title">
      <h2 id="history-title" className="form-title">
        Your scores over time
      </h2>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Interview scores over time: ${plural(scored.length, "session")}, latest ${latest.overallScore}/10`}
        className={styles.chart}
      >
        {[0, 5, 10].map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} className={styles.chartGrid} />
            <text x={pad.left - 8} y={y(v) + 4} textAnchor="end" className={styles.chartLabel}>
              {v}
            </text>
          </g>
        ))}
        <path d={path} className={styles.chartLine} fill="none" />
        {scored.map((p, i) => (
          <g key={p.id}>
            <circle cx={x(i)} cy={y(p.overallScore as number)} r={4} className={styles.chartDot}>
              <title>
                {formatDate(p.endedAt)}: {p.overallScore}/10 ({KIND_LABEL[p.kind]})
              </title>
            </circle>
            {scored.length <= 12 ? (
              <text x={x(i)} y={height - 8} textAnchor="middle" className={styles.chartLabel}>
                {formatDate(p.endedAt)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </section>
  );
}
