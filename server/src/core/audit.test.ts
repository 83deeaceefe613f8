import { describe, expect, it } from 'vitest';
import { diffFields } from './audit';

describe('diffFields', () => {
  it('lists only the changed fields with their before and after values', () => {
    const changes = diffFields({ name: '甲', staff: 10, park: null }, { name: '乙', staff: 10, park: '东港园区' }, [
      'name',
      'staff',
      'park',
    ]);
    expect(changes).toEqual([
      { field: 'name', before: '甲', after: '乙' },
      { field: 'park', before: null, after: '东港园区' },
    ]);
  });
  it('records every field of a created record against null', () => {
    expect(diffFields(null, { name: '甲' }, ['name'])).toEqual([{ field: 'name', before: null, after: '甲' }]);
  });
});
