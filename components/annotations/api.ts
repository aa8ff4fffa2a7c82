import type { Annotation, AnnotationPatch, CreateInput } from "./types";

/** An error answer of the API, `{ error: { code, message, details? } }`, with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** On a stale version (409) the API sends the annotation as it is now. */
  get current(): Annotation | undefined {
    return (this.details as { current?: Annotation } | undefined)?.current;
  }
}

/** How a request reaches the server: the browser's fetch on the same origin, or (tests) a base URL and a token. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

const sameOrigin: Transport = (url, init) => fetch(url, init);

export async function apiCall<T>(method: string, url: string, body?: unknown, transport: Transport = sameOrigin): Promise<T> {
  let res: Response;
  try {
    res = await transport(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: unknown } } | null;
  if (!res.ok) {
    const error = json?.error;
    throw new ApiError(res.status, error?.code ?? "internal", error?.message ?? `The server answered ${res.status}`, error?.details);
  }
  return json as T;
}

/** The annotation calls of the editor. Every create names its id, so a retry or a late echo is the same annotation. */
export function annotationsApi(transport: Transport = sameOrigin) {
  const call = <T>(method: string, url: string, body?: unknown) => apiCall<T>(method, url, body, transport);
  return {
    get: (id: string) => call<Annotation>("GET", `/api/v1/annotations/${id}`),
    create: (documentId: string, input: CreateInput & { id: string }) => call<Annotation>("POST", `/api/v1/documents/${documentId}/annotations`, input),
    update: (id: string, version: number, patch: AnnotationPatch) => call<Annotation>("PATCH", `/api/v1/annotations/${id}`, { ...patch, version }),
    remove: (id: string, version: number) => call<void>("DELETE", `/api/v1/annotations/${id}?version=${version}`),
    /** A deleted annotation as it stands (a tombstone), for its version. */
    getDeleted: (id: string) => call<Annotation>("GET", `/api/v1/annotations/${id}?include=deleted`),
    /** Brings a deleted annotation back with the same id, author and history. */
    restore: (id: string, version: number) => call<Annotation>("POST", `/api/v1/annotations/${id}/restore`, { version }),
  };
}

export type AnnotationsApi = ReturnType<typeof annotationsApi>;
