import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS, WORKER_NODE_FLAGS } from './node-flags';

describe("the api's and the worker's Node flags", () => {
  it('are the ones the production image starts the api with', () => {
    const dockerfile = readFileSync(join(__dirname, '..', 'docker', 'node.Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    expect(JSON.parse(cmd![1]!)).toEqual(['node', ...API_NODE_FLAGS, 'dist/apps/api/src/main.js']);
  });

  it('are the ones the compose set-up starts the workers with', () => {
    const compose = readFileSync(join(__dirname, '..', 'docker', 'compose.yaml'), 'utf8');
    const worker = /^ {2}worker:\n(?: {4}.*\n|\s*\n)*? {4}command: (\[.*\])$/m.exec(compose);
    expect(worker).not.toBeNull();
    expect(JSON.parse(worker![1]!)).toEqual(['node', ...WORKER_NODE_FLAGS, 'dist/apps/worker/src/main.js']);
  });
});
