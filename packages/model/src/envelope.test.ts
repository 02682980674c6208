// Tests of the v4 envelope builders: success with and without result_info, failure, page arithmetic.
import { describe, expect, test } from 'vitest';
import { failure, resultInfo, success } from './envelope.js';

describe('v4 envelope', () => {
  test('success without result_info', () => {
    expect(success({ id: 'x' })).toEqual({ success: true, errors: [], messages: [], result: { id: 'x' } });
    expect(success({ id: 'x' })).not.toHaveProperty('result_info');
  });

  test('success with result_info for a list', () => {
    expect(success([1, 2], resultInfo(2, 2, 2, 5))).toEqual({
      success: true,
      errors: [],
      messages: [],
      result: [1, 2],
      result_info: { page: 2, per_page: 2, count: 2, total_count: 5, total_pages: 3 },
    });
  });

  test.each([
    [1, 20, 0, 0, 0],
    [1, 20, 20, 20, 1],
    [1, 20, 20, 21, 2],
    [3, 10, 5, 25, 3],
    [9, 10, 0, 25, 3],
  ])(
    'result_info(page %i, per_page %i, count %i, total %i) has %i pages',
    (page, perPage, count, total, pages) => {
      expect(resultInfo(page, perPage, count, total)).toEqual({
        page,
        per_page: perPage,
        count,
        total_count: total,
        total_pages: pages,
      });
    },
  );

  test('failure carries the errors and a null result', () => {
    const body = failure([{ code: 1489, message: 'Hit maximum CA cert allocation.', type: 'API_CA_LIMIT' }]);
    expect(body).toEqual({
      success: false,
      errors: [{ code: 1489, message: 'Hit maximum CA cert allocation.', type: 'API_CA_LIMIT' }],
      messages: [],
      result: null,
    });
  });
});
