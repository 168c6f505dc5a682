import { describe, expect, it } from 'vitest';
import { listPagination } from './listPagination.ts';

describe('listPagination', () => {
  it('is absent for one page', () => {
    expect(listPagination('/registers/x', {}, 1, 1)).toBeNull();
    expect(listPagination('/registers/x', {}, 1, 0)).toBeNull();
  });

  it('shows the first, last, current and its neighbours, with an ellipsis for each gap, keeping the filters', () => {
    const p = listPagination('/registers/x', { ward: 'E05009333', q: '', page: '5', outcome: 'fail' }, 5, 9);
    const href = (n: number) => `/registers/x?ward=E05009333&outcome=fail&page=${n}`;
    expect(p).toEqual({
      previous: { href: href(4) },
      next: { href: href(6) },
      items: [
        { number: 1, href: href(1), current: false },
        { ellipsis: true },
        { number: 4, href: href(4), current: false },
        { number: 5, href: href(5), current: true },
        { number: 6, href: href(6), current: false },
        { ellipsis: true },
        { number: 9, href: href(9), current: false },
      ],
    });
  });

  it('has no previous on the first page, no next on the last, and no ellipsis between neighbours', () => {
    const first = listPagination('/r', {}, 1, 3);
    expect(first?.previous).toBeUndefined();
    expect(first?.items).toEqual([
      { number: 1, href: '/r?page=1', current: true },
      { number: 2, href: '/r?page=2', current: false },
      { number: 3, href: '/r?page=3', current: false },
    ]);
    expect(listPagination('/r', {}, 3, 3)?.next).toBeUndefined();
  });
});
