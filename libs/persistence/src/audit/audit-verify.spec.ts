import fc from 'fast-check';
import { auditHash, GENESIS_HASH, type AuditRow } from './audit-chain';
import { joinRanges, verifyRange, type RowReader } from './audit-verify';

type Row = AuditRow & { seq: string };

/** A chain of n events as appendAudit writes them, seq 1..n (or the seqs given). */
function chain(n: number, seqs: number[] = Array.from({ length: n }, (_, i) => i + 1)): Row[] {
  let prev = GENESIS_HASH;
  return seqs.map((seq, i) => {
    const fields = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 10, 23, 3, 0, i)).toISOString(),
      actor_id: 'u',
      actor_name: 'Nguyễn Văn An',
      actor_type: 'USER',
      action: 'TASK_COMPLETED',
      proposal_id: null,
      stage: 'INTAKE',
      workflow_id: null,
      run_id: null,
      payload: { n: i, note: i % 2 ? 'lẻ' : 'chẵn' },
    };
    const hash = auditHash(prev, fields);
    const row = { ...fields, seq: String(seq), prev_hash: prev, hash };
    prev = hash;
    return row;
  });
}

/** The two queries verifyRange sends, answered from memory. */
function reader(rows: Row[]): RowReader {
  return async (_sql, params) => {
    const after = Number(params[0]);
    const [last, limit] = params.length === 3 ? [Number(params[1]), Number(params[2])] : [Infinity, Number(params[1])];
    return rows.filter((r) => Number(r.seq) > after && Number(r.seq) <= last).slice(0, limit);
  };
}

/** Verified as stretches cut after the given seqs, then joined. */
async function inStretches(rows: Row[], cuts: number[], batch = 3) {
  const bounds = [0, ...cuts];
  const read = reader(rows);
  const ranges = await Promise.all(
    bounds.map((after, i) => verifyRange(read, String(after), i + 1 < bounds.length ? String(bounds[i + 1]) : null, batch)),
  );
  return joinRanges(ranges);
}

describe('audit chain verification', () => {
  it('checks every event of an intact chain, in one stretch or several', async () => {
    const rows = chain(20);
    expect(joinRanges([await verifyRange(reader(rows), '0', null, 7)])).toEqual({ ok: true, checked: 20 });
    expect(await inStretches(rows, [5, 6, 13])).toEqual({ ok: true, checked: 20 });
    expect(await inStretches([], [5])).toEqual({ ok: true, checked: 0 });
  });

  it('reports an altered event at its seq, counting the events before it, wherever the stretches are cut', async () => {
    const rows = chain(12);
    rows[6] = { ...rows[6]!, payload: { n: 6, note: 'sửa' } };
    for (const cuts of [[], [6], [7], [3, 9], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]) {
      expect(await inStretches(rows, cuts)).toEqual({ ok: false, checked: 6, brokenAt: 7 });
    }
  });

  it('reports a deleted event where the next one no longer links, also across a cut', async () => {
    const rows = chain(10).filter((r) => r.seq !== '5');
    for (const cuts of [[], [4], [5], [6]]) expect(await inStretches(rows, cuts)).toEqual({ ok: false, checked: 4, brokenAt: 6 });
  });

  it('gives the verdict of one walk for any chain, damage and cuts', async () => {
    const damage = fc.record({ kind: fc.constantFrom('none', 'payload', 'delete', 'relink', 'swap'), at: fc.nat() });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 30 }),
        damage,
        fc.uniqueArray(fc.integer({ min: 0, max: 35 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 8 }),
        async (n, d, cuts, batch) => {
          // Gaps in seq, as a bigserial leaves them after rolled-back appends.
          let rows = chain(
            n,
            Array.from({ length: n }, (_, i) => i + 1 + Math.floor(i / 4)),
          );
          const i = n ? d.at % n : 0;
          if (n && d.kind === 'payload') rows[i] = { ...rows[i]!, payload: { forged: true } };
          if (n && d.kind === 'delete') rows = rows.filter((_, j) => j !== i);
          if (n && d.kind === 'relink') rows[i] = { ...rows[i]!, prev_hash: 'f'.repeat(64) };
          if (n > 1 && d.kind === 'swap' && i + 1 < n)
            rows = rows.map((r, j) => (j === i ? { ...rows[i + 1]!, seq: r.seq } : j === i + 1 ? { ...rows[i]!, seq: r.seq } : r));
          const whole = joinRanges([await verifyRange(reader(rows), '0', null, batch)]);
          expect(
            await inStretches(
              rows,
              [...cuts].sort((a, b) => a - b),
              batch,
            ),
          ).toEqual(whole);
        },
      ),
      { numRuns: 500 },
    );
  });
});
