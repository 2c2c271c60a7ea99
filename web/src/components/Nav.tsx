/**
 * The main navigation, grouped so that the growing number of pages stays usable: Today, then a
 * button per group (Track, Discover, Understand, Career, Create, You) that opens its list of links; on a
 * phone (≤ 640 px) a single "Menu" button lists every group.
 *
 * A disclosure pattern (button + list of links, not an ARIA menu): the button says whether it is
 * expanded; ArrowDown/ArrowUp open a group at its first/last link and move between its links,
 * Home/End jump, Escape closes and returns focus to the button, ArrowLeft/ArrowRight move between
 * the top-level items. A group closes on navigation, on a click outside and when focus leaves it.
 * Closed lists stay in the document (`hidden`), so every link keeps its place.
 */
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from "react";
import { NavLink, useLocation } from "react-router";
import { useDismiss } from "../hooks/useDismiss";
import { useMediaQuery } from "../hooks/useMediaQuery";
import styles from "./Nav.module.css";

interface Group {
  label: string;
  links: [to: string, label: string][];
}

export const TODAY: [to: string, label: string] = ["/", "Today"];

export const GROUPS: Group[] = [
  { label: "Track", links: [["/jobs", "Jobs"], ["/board", "Board"], ["/analytics", "Analytics"]] },
  { label: "Discover", links: [["/discover", "Discover"], ["/sources", "Sources"], ["/market", "Market"]] },
  { label: "Understand", links: [["/insights", "Insights"], ["/recommendations", "Recommendations"], ["/health", "Career health"], ["/skills", "Skills"]] },
  { label: "Career", links: [["/journey", "Journey"], ["/goals", "Goals"], ["/decisions", "Decisions"], ["/context", "Context"]] },
  { label: "Create", links: [["/documents", "Documents"], ["/interview", "Interview"]] },
  { label: "You", links: [["/profile", "Profile"], ["/settings", "Settings"], ["/digests", "Digests"], ["/calendar", "Calendar feed"]] },
];

export const PHONE = "(max-width: 640px)";

const isCurrent = (pathname: string, to: string) => (to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`));

/** Focus the links of a list: the next/previous one, or the first/last. */
function moveFocus(list: HTMLElement | null, key: string): boolean {
  const links = [...(list?.querySelectorAll<HTMLAnchorElement>("a[href]") ?? [])];
  if (!links.length) return false;
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const index =
    key === "ArrowDown" ? (at + 1) % links.length : key === "ArrowUp" ? (at <= 0 ? links.length - 1 : at - 1) : key === "Home" ? 0 : key === "End" ? links.length - 1 : -1;
  if (index < 0) return false;
  links[index].focus();
  return true;
}

/** ArrowLeft/ArrowRight between the top-level items (Today and the group buttons). */
function moveAcross(event: KeyboardEvent<HTMLElement>, bar: HTMLElement | null): void {
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  const items = [...(bar?.querySelectorAll<HTMLElement>("[data-nav-top]") ?? [])];
  const at = items.indexOf(event.currentTarget);
  if (at < 0) return;
  event.preventDefault();
  items[(at + (event.key === "ArrowRight" ? 1 : items.length - 1)) % items.length].focus();
}

export function Nav() {
  const phone = useMediaQuery(PHONE);
  return phone ? <PhoneNav /> : <BarNav />;
}

function BarNav() {
  const [open, setOpen] = useState<string | null>(null);
  const { pathname } = useLocation();
  const bar = useRef<HTMLUListElement>(null);
  useEffect(() => setOpen(null), [pathname]);
  return (
    <nav className={styles.nav} aria-label="Main">
      <ul className={styles.bar} ref={bar}>
        <li>
          <NavLink to={TODAY[0]} end className={styles.top} data-nav-top="" data-nav-link={TODAY[1]} onKeyDown={(e) => moveAcross(e, bar.current)}>
            {TODAY[1]}
          </NavLink>
        </li>
        {GROUPS.map((group) => (
          <GroupMenu
            key={group.label}
            group={group}
            open={open === group.label}
            current={group.links.some(([to]) => isCurrent(pathname, to))}
            onOpen={(next) => setOpen(next ? group.label : (o) => (o === group.label ? null : o))}
            bar={bar}
          />
        ))}
      </ul>
    </nav>
  );
}

interface GroupMenuProps {
  group: Group;
  open: boolean;
  current: boolean;
  onOpen: (open: boolean) => void;
  bar: RefObject<HTMLUListElement | null>;
}

function GroupMenu({ group, open, current, onOpen, bar }: GroupMenuProps) {
  const root = useRef<HTMLLIElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();
  useDismiss(open, root, (byKey) => {
    onOpen(false);
    if (byKey) button.current?.focus();
  });

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      onOpen(true);
      // the list is in the document already (hidden): focus once it is shown
      requestAnimationFrame(() => moveFocus(list.current, event.key === "ArrowDown" ? "Home" : "End"));
    } else moveAcross(event, bar.current);
  };
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (moveFocus(list.current, event.key)) event.preventDefault();
  };
  const onBlur = (event: FocusEvent<HTMLLIElement>) => {
    if (open && !root.current?.contains(event.relatedTarget as Node | null)) onOpen(false);
  };

  return (
    <li className={styles.group} ref={root} data-nav-group={group.label} onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        className={`${styles.top} ${current ? styles.current : ""}`}
        aria-expanded={open}
        aria-controls={listId}
        data-nav-top=""
        onClick={() => onOpen(!open)}
        onKeyDown={onButtonKey}
      >
        {group.label}
        <span className={styles.caret} aria-hidden="true">
          ▾
        </span>
      </button>
      <ul id={listId} ref={list} className={`popover ${styles.list}`} hidden={!open} aria-label={group.label} onKeyDown={onListKey}>
        {group.links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} className={styles.item} data-nav-link={label} onClick={() => onOpen(false)}>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

function PhoneNav() {
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  const root = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useEffect(() => setOpen(false), [pathname]);
  useDismiss(open, root, (byKey) => {
    setOpen(false);
    if (byKey) button.current?.focus();
  });
  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    setOpen(true);
    requestAnimationFrame(() => moveFocus(panel.current, event.key === "ArrowDown" ? "Home" : "End"));
  };
  return (
    <nav className={styles.phone} aria-label="Main" ref={root}>
      <button ref={button} type="button" className={`button ${styles.menuButton}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} onKeyDown={onButtonKey}>
        <span aria-hidden="true">☰</span> Menu
      </button>
      <div
        id={panelId}
        ref={panel}
        className={`popover ${styles.panel}`}
        hidden={!open}
        onKeyDown={(e) => moveFocus(panel.current, e.key) && e.preventDefault()}
        onBlur={(e) => open && !root.current?.contains(e.relatedTarget as Node | null) && setOpen(false)}
      >
        <NavLink to={TODAY[0]} end className={styles.item} data-nav-link={TODAY[1]} onClick={() => setOpen(false)}>
          {TODAY[1]}
        </NavLink>
        {GROUPS.map((group) => (
          <section key={group.label} className={styles.panelGroup} data-nav-group={group.label}>
            <h2 className={styles.panelHeading}>{group.label}</h2>
            <ul aria-label={group.label}>
              {group.links.map(([to, label]) => (
                <li key={to}>
                  <NavLink to={to} className={styles.item} data-nav-link={label} onClick={() => setOpen(false)}>
                    {label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}
