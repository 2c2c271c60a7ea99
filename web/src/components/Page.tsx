/** The frame of every page (title, intro, actions) and of its titled sections. */
import { useId, type HTMLAttributes, type ReactNode } from "react";
import type { Frame } from "../lib/frames";

interface PageProps {
  title: ReactNode;
  /** The line under the title. */
  intro?: ReactNode;
  /** Buttons or notes at the right of the header. */
  actions?: ReactNode;
  width?: "narrow" | "wide";
  children: ReactNode;
}

export function Page({ title, intro, actions, width, children }: PageProps) {
  const titleId = useId();
  return (
    <section className={width ? `page page-${width}` : "page"} aria-labelledby={titleId}>
      <header className="page-header">
        <div>
          <h1 id={titleId}>{title}</h1>
          {intro ? <p className="muted">{intro}</p> : null}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

/**
 * A frame's intro line, its link (if any) drawn by `link`: the router's `Link` on the page
 * (`components/framed.tsx`), a plain anchor at start-up (`StartFrame.tsx`), the same text either way.
 */
export function frameIntro(frame: Frame, link: (to: string, text: string) => ReactNode): ReactNode {
  if (!frame.link) return frame.intro;
  const { text, to } = frame.link;
  const at = frame.intro.indexOf(text);
  if (at < 0) return frame.intro;
  return (
    <>
      {frame.intro.slice(0, at)}
      {link(to, text)}
      {frame.intro.slice(at + text.length)}
    </>
  );
}

type SectionProps = Omit<HTMLAttributes<HTMLElement>, "title"> & {
  title: ReactNode;
  /** The heading's class: "section-title" in a card, "form-title" above a form. */
  heading?: string;
};

/** A titled section (a card by default), labelled by its heading. */
export function Section({ title, heading, className = "card", children, ...rest }: SectionProps) {
  const titleId = useId();
  return (
    <section className={className} aria-labelledby={titleId} {...rest}>
      <h2 id={titleId} className={heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}
