import { AppError } from "@/lib/errors";

/** Multipart framing allowed per file on top of the file itself, when judging Content-Length. */
export const PART_OVERHEAD = 64 * 1024;

/** Whether the request body is multipart/form-data. */
export function isMultipart(req: Request): boolean {
  return /^multipart\/form-data\b/i.test(req.headers.get("content-type") ?? "");
}

/** The files sent in the `file` fields of a multipart/form-data body, in order. */
export async function formFiles(req: Request): Promise<File[]> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new AppError("bad_request", "Could not read the multipart body");
  }
  return form.getAll("file").filter((part): part is File => typeof part !== "string");
}
