import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS } from './node-flags';

describe("the api's Node flags", () => {
  it('are the ones the production image starts the api with', () => {
    const dockerfile = readFileSync(join(__dirname, '..', 'docker', 'node.Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    expect(JSON.parse(cmd![1]!)).toEqual(['node', ...API_NODE_FLAGS, 'dist/apps/api/src/main.js']);
  });
});
