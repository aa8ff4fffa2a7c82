/** One entry of an upload's `results` (a file, or an entry of a zip), as the API sends it. */
export interface FileResult {
  filename: string;
  status: "created" | "duplicate" | "error";
  document?: { id: string; title: string };
  error?: { code: string; message: string };
}

function resultsOf(body: unknown): FileResult[] | null {
  const results = (body as { results?: unknown } | null)?.results;
  return Array.isArray(results) ? (results as FileResult[]) : null;
}

function messageOf(body: unknown, status: number): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string") return message;
  if (status === 413) return "The file is larger than the server accepts";
  return `The server answered ${status}`;
}

/**
 * Uploads one file in its own multipart request. XMLHttpRequest rather than fetch, because only
 * it reports upload progress. Resolves with the per-entry results (a zip has several); a request
 * that failed as a whole (network, 401, 413 before the body was read …) becomes one error entry.
 */
export function uploadFile(url: string, file: File, onProgress: (fraction: number) => void): Promise<FileResult[]> {
  return new Promise((resolve) => {
    const failed = (message: string) => resolve([{ filename: file.name, status: "error", error: { code: "request_failed", message } }]);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      const results = resultsOf(body);
      if (results && results.length > 0) resolve(results);
      else failed(messageOf(body, xhr.status));
    };
    xhr.onerror = () => failed("The upload did not reach the server (network error)");
    xhr.onabort = () => failed("The upload was cancelled");
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
