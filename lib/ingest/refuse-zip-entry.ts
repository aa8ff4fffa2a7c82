import { AppError } from "@/lib/errors";
import { detectFormat, fileExtension, SUPPORTED_EXTENSIONS } from "./detect";

/** Zip entries refused by name alone, before spending the inflation budget on them. */
export function refuseZipEntry(name: string): AppError | null {
  const extension = fileExtension(name);
  if (extension === ".zip") return new AppError("unsupported_media_type", "nested zip archives are not expanded");
  if (SUPPORTED_EXTENSIONS.includes(extension)) return null;
  try {
    detectFormat(name, new Uint8Array()); // throws the worded refusal for an unknown extension
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}
