/** A page's header from its frame (`lib/frames.ts`), with the intro's link drawn by the router. */
import { Link } from "react-router";
import type { Frame } from "../lib/frames";
import { frameIntro } from "./Page";

/** Title, intro and width for `<Page>`: `<Page {...framed(FRAMES.context)}>`. */
export function framed(frame: Frame) {
  return { title: frame.title, width: frame.width, intro: frameIntro(frame, (to, text) => <Link to={to}>{text}</Link>) };
}
