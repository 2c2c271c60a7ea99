/** Plain HTTP endpoints next to GraphQL: résumé upload (multipart) and document export (download). */
import { getSession, refreshSession } from "./auth";
import { httpProblem, RequestError, SignedOutError } from "./graphql";

async function withAuth(send: (token: string | null) => Promise<Response>): Promise<Response> {
  let token = getSession()?.accessToken ?? null;
  let response: Response;
  try {
    response = await send(token);
    if (response.status === 401 && token) {
      if (!(await refreshSession(token))) throw new SignedOutError();
      token = getSession()?.accessToken ?? null;
      response = await send(token);
    }
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw new RequestError("Cannot reach the server. Check your connection and try again.");
  }
  return response;
}

async function problem(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON (e.g. the body cap answered in plain text)
  }
  return response.status === 413 ? "The file is too large to send." : httpProblem(response.status, response.statusText);
}

/** Upload a résumé; resolves the pending upload's id. */
export async function uploadResume(file: File): Promise<string> {
  const response = await withAuth((token) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return fetch("/uploads/resume", { method: "POST", body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  });
  if (response.status !== 202) throw new RequestError(await problem(response));
  return ((await response.json()) as { id: string }).id;
}

/** Download a document export as a file (fetched with the token, saved from a blob). */
export async function downloadExport(path: string, format: "md" | "pdf" | "docx"): Promise<void> {
  const response = await withAuth((token) =>
    fetch(`${path}?format=${format}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
  );
  if (!response.ok) throw new RequestError(await problem(response));
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `document.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Download one of the account's exports (/export/archive.json, /export/jobs.csv, /export/applications.csv). */
export async function downloadAccountExport(path: string): Promise<void> {
  const response = await withAuth((token) => fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
  if (!response.ok) throw new RequestError(await problem(response));
  const disposition = response.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split("/").pop() ?? "export";
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Send a file to /import/archive or /import/applications.csv; resolves rows imported per table. */
export async function importAccountFile(path: string, file: File): Promise<Record<string, number>> {
  const response = await withAuth((token) =>
    fetch(path, { method: "POST", body: file, headers: token ? { authorization: `Bearer ${token}` } : {} }),
  );
  if (!response.ok) throw new RequestError(await problem(response));
  return ((await response.json()) as { imported: Record<string, number> }).imported;
}
