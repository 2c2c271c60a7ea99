/** Addresses of the app's own pages for one object, so every place that shows a job links alike. */

/** A job's own page, optionally at one of its sections ("score", "application", "documents", "interviews", "notes"). */
export function jobPath(jobId: string, section?: string): string {
  return `/jobs/${encodeURIComponent(jobId)}${section ? `#${section}` : ""}`;
}
