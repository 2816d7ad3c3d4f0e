import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { UploadedPart } from '../../apps/api/src/attachments/attachments.service';

/** A PDF as multer hands an upload to a service: in a temporary file under `dir`, which the service deletes. */
export async function uploadedPdf(dir: string, bytes: Buffer, name = 'signed.pdf'): Promise<UploadedPart> {
  const path = join(dir, `${randomUUID()}.upload`);
  await writeFile(path, bytes);
  return { originalname: name, mimetype: 'application/pdf', size: bytes.length, path };
}
