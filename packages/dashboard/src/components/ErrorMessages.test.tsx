import { afterEach, describe, expect, it } from 'vitest';
import { PortcullisClientError } from '@portcullis/client';
import { ErrorMessages } from './ErrorMessages';
import { render, type Rendered } from '../test-support/render';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('ErrorMessages', () => {
  it('shows every envelope error and its chain, each with its code', () => {
    const error = new PortcullisClientError('api', 'invalid expression', {
      status: 400,
      errors: [
        {
          code: 10021,
          type: 'API_INVALID_EXPRESSION',
          message: 'invalid expression',
          error_chain: [{ code: 10021, message: 'Filter parsing error (1:5): unknown field' }],
        },
      ],
    });
    view = render(<ErrorMessages error={error} />);
    const items = [...view.container.querySelectorAll('[role="alert"] li')].map((li) => li.textContent);
    expect(items).toEqual([
      'invalid expression (API_INVALID_EXPRESSION)',
      'Filter parsing error (1:5): unknown field (10021)',
    ]);
  });

  it('renders nothing without an error', () => {
    view = render(<ErrorMessages error={undefined} />);
    expect(view.container.innerHTML).toBe('');
  });
});
