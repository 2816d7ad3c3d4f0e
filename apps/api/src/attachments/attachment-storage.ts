import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live, behind one small interface so a deployment can swap the local disk for an
 * object store. Keys are content hashes (sha256 hex): storing the same bytes twice is a no-op.
 */
export abstract class AttachmentStorage {
  abstract put(key: string, bytes: Buffer): Promise<void>;
  /**
   * Stores the bytes of a file the caller wrote aside (an upload streamed to disk), taking it over: afterwards the
   * file at `path` is gone or is the caller's to delete. The default reads it whole; a disk store moves it instead.
   */
  async putFile(key: string, path: string): Promise<void> {
    await this.put(key, await readFile(path));
  }
  abstract get(key: string): Promise<Buffer>;
  abstract stream(key: string): Promise<Readable>;
}

const KEY = /^[0-9a-f]{64}$/;

/** Files under `root/ab/cd/<sha256>`; two levels of fan-out keep directories small. */
export class LocalDiskAttachmentStorage extends AttachmentStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  private path(key: string): string {
    // The key becomes a path: only a hash may, so nothing can reach outside the root.
    if (!KEY.test(key)) throw new Error(`Invalid attachment storage key ${JSON.stringify(key)}`);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.path(key);
    if (await exists(target)) return;
    await mkdir(dirname(target), { recursive: true });
    // Write aside, then rename: a reader (or a concurrent upload of the same bytes) never sees a half-written file.
    const temp = `${target}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, target);
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Moves the finished file into place (a rename within one file system: no copy, never a half-written target). */
  override async putFile(key: string, path: string): Promise<void> {
    const target = this.path(key);
    if (await exists(target)) return;
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(path, target);
    } catch (err) {
      // Another file system (an upload directory mounted elsewhere): copy aside, then rename, as put() does.
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      const temp = `${target}.${randomUUID()}.tmp`;
      try {
        await copyFile(path, temp);
        await rename(temp, target);
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    }
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async stream(key: string): Promise<Readable> {
    const path = this.path(key);
    await stat(path); // fail here (ENOENT) rather than in the middle of a response
    return createReadStream(path);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
