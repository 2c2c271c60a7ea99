/** A job's tech stack as tags: on the Jobs list and on a job's page. */
import styles from "../pages/JobsPage.module.css";

export function TechTags({ stack }: { stack: readonly string[] }) {
  if (!stack.length) return null;
  return (
    <ul className={styles.tags} aria-label="Tech stack">
      {stack.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
    </ul>
  );
}
