/**
 * What a list shows before it has anything: what it is for, what to do, and a button that does it
 * (opens the form, runs the action, or leads to the page where it happens).
 */
import type { ReactNode } from "react";
import styles from "./EmptyState.module.css";

interface EmptyStateProps {
  title: string;
  /** What to do, in a sentence. */
  children: ReactNode;
  /** The button(s) that do it. */
  actions: ReactNode;
  /** Inside a card of its own (default) or inside a card already. */
  plain?: boolean;
}

export function EmptyState({ title, children, actions, plain = false }: EmptyStateProps) {
  return (
    <div className={plain ? `empty ${styles.plain}` : "empty card"} data-testid="empty-state">
      <h2 className={styles.title}>{title}</h2>
      <p className="muted">{children}</p>
      <div className={styles.actions}>{actions}</div>
    </div>
  );
}
