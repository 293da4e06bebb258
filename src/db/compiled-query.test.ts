import { describe, expect, it } from 'vitest';
import { compiledOnce } from './compiled-query.js';

describe('compiledOnce', () => {
  let builds = 0;
  const query = compiledOnce<{ id: string; name: string }, unknown>((db, param) => {
    builds += 1;
    return db.selectFrom('tenants').selectAll().where('status', '=', 'active').where('id', '=', param('id')).where('name', '=', param('name'));
  });

  it('builds the query once and binds each call its own values, constants kept in their places', () => {
    const first = query({ id: 'a', name: 'Cēsu novads' });
    const second = query({ id: 'b', name: 'Siguldas novads' });
    expect(builds).toBe(1);
    expect(first.sql).toBe('select * from "tenants" where "status" = $1 and "id" = $2 and "name" = $3');
    expect(second.sql).toBe(first.sql);
    expect(first.parameters).toEqual(['active', 'a', 'Cēsu novads']);
    expect(second.parameters).toEqual(['active', 'b', 'Siguldas novads']);
  });

  it('binds null as a value', () => {
    expect(query({ id: 'c', name: null as unknown as string }).parameters).toEqual(['active', 'c', null]);
  });
});
