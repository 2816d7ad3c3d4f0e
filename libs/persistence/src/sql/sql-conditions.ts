/**
 * WHERE conditions with positional parameters ($1, $2, …) built in order, for the list endpoints' filters and
 * keyset pagination: `c.where(\`t.kind = ${c.param(kind)}\`)`.
 */
export class SqlConditions {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** Adds a parameter and returns its placeholder. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  /** A condition built elsewhere whose placeholders start at a given index (e.g. visibleProposalsSql). */
  whereFragment(build: (from: number) => { sql: string; params: unknown[] }): this {
    const fragment = build(this.params.length + 1);
    this.params.push(...fragment.params);
    return this.where(fragment.sql);
  }

  /** Keyset pagination: rows strictly after the cursor's key in the list's order, e.g. `(t.due_at, t.id) > (…)`. */
  after(columns: string, comparison: '<' | '>', key: (string | number | null)[] | null, types: string[]): this {
    if (!key) return this;
    const placeholders = key.map((value, i) => `${this.param(value)}::${types[i]}`);
    return this.where(`(${columns}) ${comparison} (${placeholders.join(', ')})`);
  }

  get sql(): string {
    return this.clauses.length ? this.clauses.join(' AND ') : 'TRUE';
  }
}
