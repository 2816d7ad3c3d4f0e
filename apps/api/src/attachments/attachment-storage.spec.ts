import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskAttachmentStorage } from './attachment-storage';

describe('LocalDiskAttachmentStorage.putFile', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'accord-storage-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('moves a streamed upload into its content-addressed place without reading it into memory', async () => {
    const bytes = randomBytes(4096);
    const key = createHash('sha256').update(bytes).digest('hex');
    const temp = join(root, 'incoming-1');
    writeFileSync(temp, bytes);
    const storage = new LocalDiskAttachmentStorage(join(root, 'store'));
    await storage.putFile(key, temp);
    expect(existsSync(temp)).toBe(false);
    expect(readFileSync(join(root, 'store', key.slice(0, 2), key.slice(2, 4), key)).equals(bytes)).toBe(true);
    expect((await storage.get(key)).equals(bytes)).toBe(true);

    // The same bytes again: the stored file stays, the new temporary file is left for the caller to delete.
    const again = join(root, 'incoming-2');
    writeFileSync(again, bytes);
    await storage.putFile(key, again);
    expect(existsSync(again)).toBe(true);
  });

  it('refuses a key that is not a hash, so a path cannot escape the root', async () => {
    const temp = join(root, 'x');
    writeFileSync(temp, 'x');
    await expect(new LocalDiskAttachmentStorage(root).putFile('../../etc/passwd', temp)).rejects.toThrow(/Invalid attachment storage key/);
  });
});
